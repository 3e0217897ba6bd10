"""Officials and their titles: "Pj Wali Kota Batu Aries Agung Paewai", "Kepala Perwakilan Ombudsman
RI Jawa Tengah, Siti Farida,", "Sekretaris Daerah, Muhaimin". Bylines and captions (Reporter,
Editor, Foto, Pewarta) carry no title from this list, so their names are never taken."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.rules._capitals import Capitalised
from extractor.rules._entities import PORTFOLIO, EntityFinder
from extractor.rules._mentions import name_key
from extractor.rules._text import WEEKDAYS
from extractor.rules._titles import (
    CONTINUATIONS,
    NAME_TOKEN,
    RANK,
    RANK_WITH_CORPS,
    degrees_before,
    ends_sentence,
    is_institution,
    is_role_word,
    is_title_word,
    skip_degrees,
    skip_prefixes,
    strip_prefix_words,
)
from schemas.values import SubjectKind

# A title's head word; the prefixes before it ("Pj", "Penjabat", "Wakil") are found backwards.
_PREFIXES_BEFORE = re.compile(r"(?:(?:Pj\.?|Pjs\.?|Plt\.?|Plh\.?|Penjabat|Pelaksana\s+Tugas|Wakil)\s+)+$")
_PREFIX_PARTS = ("Pj", "Pl", "Penjabat", "Pelaksana", "Wakil")  # one of them is in each prefix


def _prefixes_before(window: str) -> re.Match[str] | None:
    """``_PREFIXES_BEFORE.search(window)``, not tried where none of its words is (most titles)."""
    for part in _PREFIX_PARTS:
        if part in window:
            return _PREFIXES_BEFORE.search(window)
    return None


_HEAD = re.compile(
    r"(?P<head>Wali\s?[Kk]ota|Walikota|Bupati|Gubernur|Sekretaris\s+Daerah|Sekda(?:kab|kot|prov|ko)?|Ketua|"
    r"Anggota|Kepala|Menteri|Inspektur\s+Jenderal|Inspektur|Irjen|Direktur(?:\s+Jenderal|\s+Utama)?|Dirjen|"
    r"Deputi|Asisten|Staf\s+Khusus|Staf\s+Ahli|Kakanwil|Kapolri|Kapolres|Kapolresta|Kapolda|Kapolsek|"
    r"Wakapolda|Wakapolres|Sekretaris(?:\s+Jenderal)?|Sekjen|Camat|Lurah|Kabag|Kabid|Kasubbag|Kasubag|Kadis|"
    r"Koordinator|Plt|Presiden|Wabup|Wagub|Wawali|Kajati|Kajari|Rektor|Komisioner|Pimpinan|Penanggung\s+Jawab|"
    r"Juru\s+Bicara|Danrem|Dandim|Pangdam)\b"
)
_HEAD_AT = Capitalised(_HEAD)  # (looked for with the entity finder's heads: ``_capitals``)
_REGION_HEADS: dict[str, SubjectKind | None] = {
    "walikota": SubjectKind.kota,
    "wali kota": SubjectKind.kota,
    "bupati": SubjectKind.kabupaten,
    "gubernur": SubjectKind.provinsi,
    "sekretaris daerah": None,
    "sekda": None,
    "sekdakab": SubjectKind.kabupaten,
    "sekdakot": SubjectKind.kota,
    "sekdako": SubjectKind.kota,
    "sekdaprov": SubjectKind.provinsi,
    "wabup": SubjectKind.kabupaten,
    "wawali": SubjectKind.kota,
    "wagub": SubjectKind.provinsi,
}
_PLACE_BEFORE = re.compile(
    r"(?:Kantor|Rumah\s+Dinas|Gedung|Komplek|Kompleks|Pendopo|Aula|Balai|Rumah\s+Jabatan)\s+$"
)
_KIND_WORD = re.compile(r"\s+(?:Provinsi|Kota|Kabupaten|Kab\.)(?=\s)")
_OMBUDSMAN = re.compile(
    r"(?:\s+Perwakilan)?\s+Ombudsman(?:\s+(?:RI|Republik\s+Indonesia))?(?:\s+[Pp]erwakilan)?(?:\s+Provinsi)?"
)
_MINISTRY_ABBR = re.compile(
    r"\s+Kementerian\s+(?:[A-Z][\w-]*(?:,\s*(?:dan\s+)?|\s+(?:dan\s+)?))*[A-Z][\w-]*\s*\((?P<abbr>[A-Za-z-]{3,24})\)"
)
_GENERIC_WORD = re.compile(
    r"[ \t]+(?:(?:dan|&|di|untuk|pada|dr\.?|drg\.?)\s+(?=[A-Z]))?(?:[A-Z][\w/.'’-]*|\([A-Za-z/.-]+\))"
)
_DOCTOR = re.compile(r"[ \t]+(?:dr|drg)\.?\s")
_HOSPITAL_BEFORE = re.compile(r"\b(?:RSU[DP]?|RS|Rumah\s+Sakit(?:\s+Umum)?(?:\s+Daerah|\s+Pusat)?)\s*$")
_PORTFOLIO_AFTER = re.compile(r"[ \t]+(?P<kementerian>Kementerian[ \t]+)?(?:" + PORTFOLIO.pattern + ")")
_SEE_ALSO = re.compile(r"\s*(?:baca\s+juga|lihat\s+juga|simak\s+juga|berita\s+terkait)\b", re.IGNORECASE)
_WORD_START = re.compile(r"[ \t]+(?=[A-Z])")
_ROLE_CLOSED = re.compile(r"\s*[,.;]")
_NAME_BEFORE = re.compile(
    r"(?:^|[\s\"“(](?=[A-Z])|[a-z]\s)(?P<name>(?:[A-Z][A-Za-z'’.-]*\s+){1,4}[A-Z][A-Za-z'’-]*)$"
)
# A title's words (with 'dr.' inside a hospital's name), and what may end a title without a comma;
# a military district's number is a title word too ("Dandim 0804", "Dandim 0732/Sleman").
_TITLE_WORD = re.compile(
    r"[ \t]+(?:(?:dr|drg)\.?[ \t]+)?([A-Z][\w/.'’-]*|(?:19|20)\d\d\b|0\d{2,3}(?:/[A-Z][\w-]*)?\b)"
)
_ORG_ABBR = re.compile(r"(?=(?:\w*[A-Z]){2})[A-Z][\w/-]*")  # KemenPAN-RB, BPOM, ATR/BPN
_ENTITY_ABBR = re.compile(r"Kem(?:en)?[a-z]{3,}\w*")  # Kemnaker, Kemenkes
# "Wakil Bupati (Wabup) Kediri": the title's own short form between its head and its place.
_HEAD_SHORT = re.compile(r"[ \t]*\([A-Z][A-Za-z]{1,9}\)")
# A word the article uses as a place ("Pemkab Abdya", "Sekdakab Inhil didampingi"): a region's
# short form that the gazetteer lacks, so that it ends a title rather than begins a name.
_PLACE_USE = re.compile(
    r"(?:Pemkab|Pemkot|Pemko|Pemprov|Kabupaten|Kab\.|Kota|Provinsi|Sekdakab|Sekdakot|Setdakab|Setdakot|"
    r"Polres|Kapolres|Kejari|DPRD|warga|masyarakat)[ \t]+([A-Z][a-z][\w-]+)\b(?![ \t]+[A-Z])"
)
_NAME_NOT_FIRST = frozenset({"Bidang", "Pelayanan", "Publik", "Daerah", "Provinsi", "Kota", "Kabupaten"})
_AFTER_NAME = re.compile(r"\s*(?:[,.;:)!?\"”]|$|[a-z])|\s*\(")
# Words of titles, offices and places that a name never contains.
# fmt: off
_NOT_NAME = frozenset([
    "wali", "kota", "walikota", "bupati", "gubernur", "wakil", "kepala", "ketua", "anggota", "pj", "pjs",
    "plt", "penjabat", "sekretaris", "daerah", "provinsi", "kabupaten", "pemkot", "pemko", "pemkab",
    "pemprov", "pemerintah", "ombudsman", "ri", "republik", "indonesia", "perwakilan", "dinas", "badan",
    "kantor", "kementerian", "menteri", "deputi", "asisten", "staf", "direktur", "inspektur", "jenderal",
    "camat", "hotel", "gedung", "aula", "jalan", "jl", "opd", "upp", "dprd", "setda", "sekda", "bagian",
    "bidang", "organisasi", "umum", "bapak", "ibu", *WEEKDAYS,
])
# fmt: on


@dataclass(frozen=True, slots=True)
class FoundOfficial:
    name: str
    role: str
    start: int
    end: int


class _Places:
    """The article's own place words (``_PLACE_USE``), read once and only when a title needs them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            found = (m.group(1) for m in _PLACE_USE.finditer(self.text))
            self._words = frozenset(w for w in found if not is_title_word(w))  # "Sekdakab Drs. H."
        return word in self._words


def find_officials(text: str, finder: EntityFinder) -> list[FoundOfficial]:
    found: list[FoundOfficial] = []
    places = _Places(text)
    for match in _HEAD_AT.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue
        if RANK_WITH_CORPS.match(text, match.start()):
            continue  # "Irjen Pol Dadang Hartanto": a rank before a name, not a title
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _SEE_ALSO.match(text, line_start):
            continue  # "Baca juga: Bupati Lotim Sidak Puskesmas": a headline of another story
        official = _official_at(text, match, finder, places)
        if official is None:
            official = _name_before(text, match, finder, places)
        if official is not None:
            found.append(official)
    return [person for person in _merge(found) if not _is_place(person.name, finder)]


def _is_place(name: str, finder: EntityFinder) -> bool:
    """'Jakarta' (from "di Hotel Le Meridien Jakarta"): a region's name is not a person's."""
    region = finder.region_at(name, 0, None, ambiguous=True)
    return region is not None and region[1] == len(name)


def _name_before(
    text: str, match: re.Match[str], finder: EntityFinder, places: _Places
) -> FoundOfficial | None:
    """'ujar Kustini Sri Purnomo, Bupati Sleman, Kamis': the name before a structured title."""
    window = text[max(0, match.start() - 30) : match.start()]
    prefixes = _prefixes_before(window)
    role_start = match.start() - (len(prefixes.group(0)) if prefixes else 0)
    if text[max(0, role_start - 2) : role_start] != ", ":
        return None
    role_end, structured = _structured(text, match, finder, places)
    if not structured or not _ROLE_CLOSED.match(text, role_end):
        return None
    name_end = degrees_before(text, role_start - 2)  # "Budi Santoso, S.Sos, Kepala ..."
    before = _NAME_BEFORE.search(text, max(0, name_end - 80), name_end)
    if before is None:
        return None
    written = before.group("name").split()
    tokens = strip_prefix_words(written)
    if not 2 - (len(tokens) < len(written)) <= len(tokens) <= 5 or any(_not_name(t) for t in tokens):
        return None
    role = " ".join(text[role_start:role_end].split())
    return FoundOfficial(" ".join(tokens), role, before.start("name"), role_end)


def _not_name(token: str) -> bool:
    lower = token.lower().rstrip(".")
    return lower in _NOT_NAME or is_title_word(token) or is_role_word(token) or is_institution(token)


def _structured(text: str, match: re.Match[str], finder: EntityFinder, places: _Places) -> tuple[int, bool]:
    """Where a title ends that names its region or the Ombudsman ("Bupati Sleman", "Kepala
    Ombudsman RI Perwakilan DIY", "Asisten Pratama Ombudsman RI"), and whether it does."""
    head = " ".join(match.group("head").lower().split())
    role_end = match.end()
    more = CONTINUATIONS.match(text, role_end)  # "Asisten Pratama", "Sekretaris Jenderal"
    if more is not None:
        role_end = more.end()
    short = _HEAD_SHORT.match(text, role_end)
    if short is not None:
        role_end = short.end()
    if head in _REGION_HEADS:
        kind_word = _KIND_WORD.match(text, role_end)
        at = kind_word.end() if kind_word else role_end
        region = finder.region_at(text, at, None if kind_word else _REGION_HEADS[head], ambiguous=True)
        if region is not None:
            return region[1], True
        word = NAME_TOKEN.match(text, at)
        if word is not None and word.group(1) in places:
            return word.end(), True  # "Bupati Abdya Akmal Ibrahim" where the article says "Pemkab Abdya"
        return role_end, False
    ombudsman = _OMBUDSMAN.match(text, role_end)
    if ombudsman is not None:
        region = finder.region_at(text, ombudsman.end(), None, ambiguous=True)
        return (region[1] if region is not None else ombudsman.end()), True
    return role_end, False


def _official_at(
    text: str, match: re.Match[str], finder: EntityFinder, places: _Places
) -> FoundOfficial | None:
    head = " ".join(match.group("head").lower().split())
    window = text[max(0, match.start() - 30) : match.start()]
    if _PLACE_BEFORE.search(window):
        return None  # "Kantor Gubernur Jawa Tengah, Semarang": a place
    prefixes = _prefixes_before(window)
    role_start = match.start() - (len(prefixes.group(0)) if prefixes else 0)
    role_end, structured = _structured(text, match, finder, places)
    role_text: str | None = None
    structured_at = role_end
    ministry = _MINISTRY_ABBR.match(text, role_end)
    if ministry is not None:
        role_text = f"{text[role_start:role_end]} {ministry.group('abbr')}"
        role_end, structured = ministry.end(), True
    else:
        # "Menteri Agama X", "Sekretaris Jenderal Kementerian Agama X": the portfolio ends the title
        portfolio = _PORTFOLIO_AFTER.match(text, role_end)
        if portfolio is not None and (head == "menteri" or portfolio.group("kementerian")):
            role_end, structured = portfolio.end(), True
    if role_end > structured_at:
        # "Kakanwil Kementerian Hukum dan HAM Jawa Timur Heni Yuwono": the office's region
        space = _WORD_START.match(text, role_end)
        region = finder.region_at(text, space.end(), None, ambiguous=True) if space else None
        if region is not None and not _KIND_WORD.match(text, role_end):
            role_end = region[1]
    if structured:
        official = _name_after(text, role_start, role_end, role_text, structured=True)
        if official is not None:
            return official
    # "Asisten Administrasi ... Sekretariat Daerah Kota Blitar, Suharyono,": title up to a comma.
    end = role_end
    for _ in range(14):
        word = _GENERIC_WORD.match(text, end)
        if word is None or is_title_word(word.group().strip()):
            break  # "Kapolres Buleleng AKBP Andrian P, S.I.K.": the comma comes after the name
        if _DOCTOR.match(word.group()) and not _HOSPITAL_BEFORE.search(text, max(0, end - 25), end):
            # "Kepala Dinas Kesehatan Klaten dr. Anggit Budiarto": a doctor's title opens the name
            # (but "RSUD dr. Iskak" is a hospital named after one)
            official = _name_after(text, role_start, end, None)
            if official is not None:
                return official
        end = word.end()
        if ends_sentence(word.group().strip()):
            break
    # (not where a degree follows the comma: "Kepala Dinas Kesehatan Klaten dr. Anggit, M.Kes"
    # closes the person's name, and the anchors below find where the title ends)
    if end > role_end and text.startswith(",", end) and skip_degrees(text, end) == end:
        official = _name_after(text, role_start, end, None, need_comma=True)
        if official is not None:
            return official
    if not structured:
        # "Plt Kepala Dinas Kesehatan Kota Kediri Fajar Ridwan mengatakan": no comma; the title
        # ends at an organisation, a region or a unit's word, the name follows.
        official = _name_after_anchor(text, role_start, role_end, finder, places)
        if official is not None:
            return official
    return None if structured else _name_after(text, role_start, role_end, None)


def _name_after_anchor(
    text: str, role_start: int, role_end: int, finder: EntityFinder, places: _Places
) -> FoundOfficial | None:
    words: list[tuple[int, int]] = []
    end = role_end
    for _ in range(14):
        word = _TITLE_WORD.match(text, end)
        if word is None:
            break
        words.append((word.start(1), word.end(1)))
        end = word.end()
        if ends_sentence(word.group(1)):
            break  # "kepada Presiden Joko Widodo. Ketua Ombudsman RI ...": the next sentence
    best: FoundOfficial | None = None
    i = 0
    while i < len(words):
        start, stop = words[i]
        token = text[start:stop]
        anchor_end: int | None = None
        kind = finder.region_end(text, start - 1)
        bare = finder.region_at(text, start, None) if kind is None else None
        if kind is not None:
            anchor_end = kind
        elif bare is not None:
            anchor_end = bare[1]
        elif is_title_word(token) or RANK.match(text, start):
            pass  # "AKBP", "Drs.": part of the name's prefix, not of the title
        elif (
            _ORG_ABBR.fullmatch(token)
            or _ENTITY_ABBR.fullmatch(token)
            or is_role_word(token)
            or token.isdigit()
            or token in places
        ):
            anchor_end = stop
        if anchor_end is None:
            i += 1
            continue
        while i < len(words) and words[i][0] < anchor_end:
            i += 1
        official = _name_after(text, role_start, anchor_end, None)
        if official is not None and official.name.split()[0] not in _NAME_NOT_FIRST:
            best = official
    return best


def _name_after(
    text: str,
    role_start: int,
    role_end: int,
    role_text: str | None,
    *,
    need_comma: bool = False,
    structured: bool = False,
) -> FoundOfficial | None:
    cursor = role_end
    comma = text.startswith(",", cursor)
    if need_comma and not comma:
        return None
    if comma:
        cursor += 1
    # "Kapolres Jember AKBP Ardi Wicaksono", "Sekda Drs. H. Afrizal", "Dr.Yohanes"
    cursor, titled = skip_prefixes(text, cursor)
    tokens: list[str] = []
    end = cursor
    while len(tokens) < 5:
        token = NAME_TOKEN.match(text, end)
        if token is None or _not_name(token.group(1)):
            break
        # A name never runs on to the next line.
        if "\n" in text[end : token.start(1)]:
            break
        tokens.append(token.group(1))
        end = token.end()
    if not tokens:
        return None
    end = skip_degrees(text, end)  # "Djoko Gunawan MT", "Andrian P, S.I.K., S.H., M.Si."
    after = _AFTER_NAME.match(text, end)
    if after is None:
        return None
    # One word is a name after a comma or a title ("Drs. H. Afrizal"), or after a whole title when
    # a verb follows ("Sekretaris Jenderal Kementerian Agama Nizar mengatakan").
    lower_next = after.group().strip()[:1].islower()
    if len(tokens) < 2 and not (comma or titled or (structured and lower_next)):
        return None
    role = role_text or text[role_start:role_end]
    role = " ".join(role.split()).strip(" ,")
    if not role or role.lower() in {"kepala", "ketua", "anggota", "sekretaris", "pimpinan"}:
        return None
    return FoundOfficial(" ".join(tokens), role, role_start, end)


def _tokens(name: str) -> set[str]:
    return {name_key(t) for t in name.split() if len(name_key(t)) > 1}


def _merge(found: list[FoundOfficial]) -> list[FoundOfficial]:
    """One entry per person: the fullest name and the longest title seen for them."""
    people: list[FoundOfficial] = []
    people_tokens: list[set[str]] = []  # ``_tokens`` of each person's name, computed once
    for official in found:
        tokens = _tokens(official.name)
        for i, person in enumerate(people):
            other = people_tokens[i]
            if tokens and other and (tokens <= other or other <= tokens):
                name = person.name if len(other) >= len(tokens) else official.name
                role = person.role if len(person.role) >= len(official.role) else official.role
                keep = person if role == person.role else official
                people[i] = FoundOfficial(name, role, keep.start, keep.end)
                people_tokens[i] = other if name == person.name else tokens
                break
        else:
            people.append(official)
            people_tokens.append(tokens)
    return people
