"""Officials and their titles: "Pj Wali Kota Batu Aries Agung Paewai", "Kepala Perwakilan Ombudsman
RI Jawa Tengah, Siti Farida,", "Sekretaris Daerah, Muhaimin". Bylines and captions (Reporter,
Editor, Foto, Pewarta) carry no title from this list, so their names are never taken."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.regions import name_key
from extractor.rules._entities import PORTFOLIO, EntityFinder
from extractor.rules._text import WEEKDAYS
from schemas.values import SubjectKind

# A title's head word; the prefixes before it ("Pj", "Penjabat", "Wakil") are found backwards.
_PREFIXES_BEFORE = re.compile(r"(?:(?:Pj\.?|Pjs\.?|Plt\.?|Plh\.?|Penjabat|Pelaksana\s+Tugas|Wakil)\s+)+$")
_HEAD = re.compile(
    r"(?P<head>Wali\s?[Kk]ota|Walikota|Bupati|Gubernur|Sekretaris\s+Daerah|Sekda|Ketua|Anggota|"
    r"Kepala|Menteri|Inspektur\s+Jenderal|Inspektur|Irjen|Direktur(?:\s+Jenderal|\s+Utama)?|Dirjen|Deputi|"
    r"Asisten|Staf\s+Khusus|Staf\s+Ahli|Kakanwil|Kapolres|Kapolresta|Kapolda|Sekretaris|Camat|Lurah|Kabag|"
    r"Kadis|Kasubag|Koordinator|Plt)\b"
)
_REGION_HEADS: dict[str, SubjectKind | None] = {
    "walikota": SubjectKind.kota,
    "wali kota": SubjectKind.kota,
    "bupati": SubjectKind.kabupaten,
    "gubernur": SubjectKind.provinsi,
    "sekretaris daerah": None,
    "sekda": None,
}
_PLACE_BEFORE = re.compile(
    r"(?:Kantor|Rumah\s+Dinas|Gedung|Komplek|Kompleks|Pendopo|Aula|Balai|Rumah\s+Jabatan)\s+$"
)
_KIND_WORD = re.compile(r"\s+(?:Provinsi|Kota|Kabupaten|Kab\.)(?=\s)")
_OMBUDSMAN = re.compile(
    r"(?:\s+Perwakilan)?\s+Ombudsman(?:\s+(?:RI|Republik\s+Indonesia))?(?:\s+Perwakilan)?(?:\s+Provinsi)?"
)
_MINISTRY_ABBR = re.compile(
    r"\s+Kementerian\s+(?:[A-Z][\w-]*(?:,\s*(?:dan\s+)?|\s+(?:dan\s+)?))*[A-Z][\w-]*\s*\((?P<abbr>[A-Za-z-]{3,24})\)"
)
_GENERIC_WORD = re.compile(
    r"[ \t]+(?:(?:dan|&|di|untuk|pada|dr\.?|drg\.?)\s+(?=[A-Z]))?(?:[A-Z][\w/.'’-]*|\([A-Za-z/.-]+\))"
)
_NAME_TOKEN = re.compile(r"\s*((?:[A-Z][a-z]?\.(?=\s)|[A-Z][A-Za-z'’-]*|(?:dr|drg)\.(?=\s+[A-Z])))")
# Police and military ranks between a title and a name.
_RANK = re.compile(
    r"\s+(?:AKBP|AKP|Kompol|Kombes(?:\s+Pol\.?)?|Iptu|Ipda|Aiptu|Brigjen(?:\s+Pol\.?)?|Irjen\s+Pol\.?|"
    r"Letkol(?:\s+\w+)?|Kolonel(?:\s+\w+)?|Mayor|Kapten|Laksma|Marsma)(?=\s+[A-Z])"
)
_PORTFOLIO_AFTER = re.compile(r"[ \t]+(?P<kementerian>Kementerian[ \t]+)?(?:" + PORTFOLIO.pattern + ")")
_SEE_ALSO = re.compile(r"\s*(?:baca\s+juga|lihat\s+juga|simak\s+juga|berita\s+terkait)\b", re.IGNORECASE)
_ROLE_CLOSED = re.compile(r"\s*[,.;]")
_NAME_BEFORE = re.compile(
    r"(?:^|[\s\"“(](?=[A-Z])|[a-z]\s)(?P<name>(?:[A-Z][A-Za-z'’.-]*\s+){1,4}[A-Z][A-Za-z'’-]*)$"
)
# A title's words (with 'dr.' inside a hospital's name), and what may end a title without a comma.
_TITLE_WORD = re.compile(r"[ \t]+(?:(?:dr|drg)\.?[ \t]+)?([A-Z][\w/.'’-]*)")
_ORG_ABBR = re.compile(r"(?=(?:\w*[A-Z]){2})[A-Z][\w/-]*")  # KemenPAN-RB, BPOM, ATR/BPN
_ENTITY_ABBR = re.compile(r"Kem(?:en)?[a-z]{3,}\w*")  # Kemnaker, Kemenkes
_NAME_NOT_FIRST = frozenset({"Bidang", "Pelayanan", "Publik", "Daerah", "Provinsi", "Kota", "Kabupaten"})
_AFTER_NAME = re.compile(r"\s*(?:[,.;:)!?\"”]|$|[a-z])|\s*\(")
_NOT_NAME = frozenset(
    [
        "wali",
        "kota",
        "walikota",
        "bupati",
        "gubernur",
        "wakil",
        "kepala",
        "ketua",
        "anggota",
        "pj",
        "pjs",
        "plt",
        "penjabat",
        "sekretaris",
        "daerah",
        "provinsi",
        "kabupaten",
        "pemkot",
        "pemko",
        "pemkab",
        "pemprov",
        "pemerintah",
        "ombudsman",
        "ri",
        "republik",
        "indonesia",
        "perwakilan",
        "dinas",
        "badan",
        "kantor",
        "kementerian",
        "menteri",
        "deputi",
        "asisten",
        "staf",
        "direktur",
        "inspektur",
        "jenderal",
        "camat",
        "hotel",
        "gedung",
        "aula",
        "jalan",
        "jl",
        "opd",
        "upp",
        "dprd",
        "setda",
        "sekda",
        "bagian",
        "bidang",
        "organisasi",
        "umum",
        "bapak",
        "ibu",
        *WEEKDAYS,
    ]
)


@dataclass(frozen=True, slots=True)
class FoundOfficial:
    name: str
    role: str
    start: int
    end: int


def find_officials(text: str, finder: EntityFinder) -> list[FoundOfficial]:
    found: list[FoundOfficial] = []
    for match in _HEAD.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _SEE_ALSO.match(text, line_start):
            continue  # "Baca juga: Bupati Lotim Sidak Puskesmas": a headline of another story
        official = _official_at(text, match, finder)
        if official is None:
            official = _name_before(text, match, finder)
        if official is not None:
            found.append(official)
    return _merge(found)


def _name_before(text: str, match: re.Match[str], finder: EntityFinder) -> FoundOfficial | None:
    """'ujar Kustini Sri Purnomo, Bupati Sleman, Kamis': the name before a structured title."""
    window = text[max(0, match.start() - 30) : match.start()]
    prefixes = _PREFIXES_BEFORE.search(window)
    role_start = match.start() - (len(prefixes.group(0)) if prefixes else 0)
    if text[max(0, role_start - 2) : role_start] != ", ":
        return None
    role_end = _structured_end(text, match, finder)
    if role_end is None or not _ROLE_CLOSED.match(text, role_end):
        return None
    before = _NAME_BEFORE.search(text, max(0, role_start - 80), role_start - 2)
    if before is None:
        return None
    tokens = before.group("name").split()
    if not 2 <= len(tokens) <= 5 or any(t.lower().rstrip(".") in _NOT_NAME for t in tokens):
        return None
    role = " ".join(text[role_start:role_end].split())
    return FoundOfficial(" ".join(tokens), role, before.start("name"), role_end)


def _structured_end(text: str, match: re.Match[str], finder: EntityFinder) -> int | None:
    """End of a title that names its region or the Ombudsman ("Bupati Sleman", "Kepala Ombudsman
    RI Perwakilan DIY"), or None."""
    head = " ".join(match.group("head").lower().split())
    role_end = match.end()
    if head in _REGION_HEADS:
        kind_word = _KIND_WORD.match(text, role_end)
        at = kind_word.end() if kind_word else role_end
        region = finder.region_at(text, at, None if kind_word else _REGION_HEADS[head], ambiguous=True)
        return region[1] if region is not None else None
    if head in {"kepala", "ketua", "anggota"}:
        ombudsman = _OMBUDSMAN.match(text, role_end)
        if ombudsman is not None:
            region = finder.region_at(text, ombudsman.end(), None, ambiguous=True)
            return region[1] if region is not None else ombudsman.end()
    return None


def _official_at(text: str, match: re.Match[str], finder: EntityFinder) -> FoundOfficial | None:
    head = " ".join(match.group("head").lower().split())
    window = text[max(0, match.start() - 30) : match.start()]
    if _PLACE_BEFORE.search(window):
        return None  # "Kantor Gubernur Jawa Tengah, Semarang": a place
    prefixes = _PREFIXES_BEFORE.search(window)
    role_start = match.start() - (len(prefixes.group(0)) if prefixes else 0)
    role_end = match.end()
    role_text: str | None = None
    if head in _REGION_HEADS:
        kind_word = _KIND_WORD.match(text, role_end)
        at = kind_word.end() if kind_word else role_end
        region = finder.region_at(text, at, None if kind_word else _REGION_HEADS[head], ambiguous=True)
        if region is not None:
            role_end = region[1]
    elif head in {"kepala", "ketua", "anggota"}:
        ombudsman = _OMBUDSMAN.match(text, role_end)
        if ombudsman is not None:
            role_end = ombudsman.end()
            region = finder.region_at(text, role_end, None, ambiguous=True)
            if region is not None:
                role_end = region[1]
    ministry = _MINISTRY_ABBR.match(text, role_end)
    if ministry is not None:
        role_text = f"{text[role_start:role_end]} {ministry.group('abbr')}"
        role_end = ministry.end()
    else:
        # "Menteri Agama X", "Inspektur Jenderal Kementerian Agama X": the portfolio ends the title
        portfolio = _PORTFOLIO_AFTER.match(text, role_end)
        if portfolio is not None and (head == "menteri" or portfolio.group("kementerian")):
            role_end = portfolio.end()
    structured = role_end > match.end()
    if structured:
        official = _name_after(text, role_start, role_end, role_text)
        if official is not None:
            return official
    # "Asisten Administrasi ... Sekretariat Daerah Kota Blitar, Suharyono,": title up to a comma.
    end = role_end
    for _ in range(14):
        word = _GENERIC_WORD.match(text, end)
        if word is None:
            break
        end = word.end()
    if end > role_end and text.startswith(",", end):
        official = _name_after(text, role_start, end, None, need_comma=True)
        if official is not None:
            return official
    if not structured:
        # "Plt Kepala Dinas Kesehatan Kota Kediri Fajar Ridwan mengatakan": no comma; the title
        # ends at an organisation or a region, the name follows.
        official = _name_after_anchor(text, role_start, role_end, finder)
        if official is not None:
            return official
    return None if structured else _name_after(text, role_start, role_end, None)


def _name_after_anchor(
    text: str, role_start: int, role_end: int, finder: EntityFinder
) -> FoundOfficial | None:
    words: list[tuple[int, int]] = []
    end = role_end
    for _ in range(14):
        word = _TITLE_WORD.match(text, end)
        if word is None:
            break
        words.append((word.start(1), word.end(1)))
        end = word.end()
    best: FoundOfficial | None = None
    i = 0
    while i < len(words):
        start, stop = words[i]
        anchor_end: int | None = None
        kind = finder.region_end(text, start - 1)
        bare = finder.region_at(text, start, None) if kind is None else None
        if kind is not None:
            anchor_end = kind
        elif bare is not None:
            anchor_end = bare[1]
        elif _RANK.match(text, start - 1):
            pass  # "AKBP": part of the name's prefix, not of the title
        elif _ORG_ABBR.fullmatch(text, start, stop) or _ENTITY_ABBR.fullmatch(text, start, stop):
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
    text: str, role_start: int, role_end: int, role_text: str | None, *, need_comma: bool = False
) -> FoundOfficial | None:
    cursor = role_end
    comma = text.startswith(",", cursor)
    if need_comma and not comma:
        return None
    if comma:
        cursor += 1
    tokens: list[str] = []
    rank = _RANK.match(text, cursor)
    if rank is not None:
        cursor = rank.end()  # "Kapolres Jember AKBP Ardi Wicaksono"
    end = cursor
    while len(tokens) < 5:
        token = _NAME_TOKEN.match(text, end)
        if token is None or token.group(1).lower().rstrip(".") in _NOT_NAME:
            break
        # A name never runs on to the next line.
        if "\n" in text[end : token.start(1)]:
            break
        tokens.append(token.group(1))
        end = token.end()
    if not tokens or (len(tokens) < 2 and not comma):
        return None
    if not _AFTER_NAME.match(text, end):
        return None
    role = role_text or text[role_start:role_end]
    role = " ".join(role.split()).strip(" ,")
    if not role or role.lower() in {"kepala", "ketua", "anggota", "sekretaris"}:
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
