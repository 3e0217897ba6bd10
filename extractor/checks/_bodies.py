"""Names of bodies in article text, for the attribution checks: regions with their kind word or bare,
ministries, vertical offices and other bodies, each with the keys that tell whether two names are
one body (``Name``), and the group a body belongs to (``body_group``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.names import PREFIX_KINDS
from extractor.regions import Region, find_region, gazetteer, name_key
from schemas.values import SubjectKind

REGION_HEAD = re.compile(
    r"(?<![\w-])(?P<head>Pemerintah\s+(?:Kota|Kabupaten|Provinsi)|Pemkot|Pemko|Pemkab|Pemprov|Kota|"
    r"Kabupaten|Kab\.|Provinsi|Prov\.)(?:\s*\((?:Pemkot|Pemko|Pemkab|Pemprov)\))?\s+(?=[A-Z])"
)
_CAP_WORD = re.compile(r"[ \t]*([A-Z][\w'’-]*)")
_BARE_START = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*")
# Ministries by their long name ("Kementerian Luar Negeri") or a short form the press coins from
# "Kemen"/"Kem" + portfolio ("Kemenkeu", "Kemdikbudristek", "KemenPAN-RB"); "Kemudian", "Kembali"
# and "Kemampuan" do not fit the short pattern.
_MINISTRY = re.compile(
    r"(?<![\w-])Kementerian(?:,?[ \t]+(?:dan[ \t]+)?"
    r"(?!Kementerian|Kem[ea]n|Pem|Kota\b|Kabupaten|Provinsi)[A-Z][\w/-]*)+"
    r"(?:[ \t]*\([A-Za-z-]{3,24}\))?"
    r"|(?<![\w-])Kem(?:en|n|d|k|h|s|p|lu)[\w-]+|(?<![\w-])(?:KKP|KLHK)\b"
)
_NOT_MINISTRY = frozenset({"kemenangan", "kementrian", "kementerian"})
# Vertical offices and national agencies, assessed in their own right (OMBUDSMAN.md).
_OFFICE = re.compile(
    r"(?<![\w-])(?:Polres(?:ta|tabes)?|Polda|Kantor\s+Pertanahan|Kantah|Kanwil|Kantor\s+Wilayah|"
    r"Kantor\s+Imigrasi|Kanim|Lapas|Rutan|Kejari|Kejaksaan\s+Negeri|Pengadilan\s+(?:Negeri|Agama)|"
    r"Kepolisian\s+Resor)(?:[ \t]+(?:[A-Z][\w/.-]*|dan)){1,6}"
    r"|(?<![\w-])(?:BPOM|BPJS[ \t]+(?:Kesehatan|Ketenagakerjaan)|BKN|BNN|BPS|LKPP|BNPB|Basarnas|BMKG|BP2MI|"
    r"Polri|Kejaksaan[ \t]+Agung|Mahkamah[ \t]+Agung|BRIN|Bawaslu|KPU|Badan[ \t]+Pertanahan[ \t]+Nasional)\b"
)
# Before a region name: the Ombudsman's own office ("Ombudsman RI Perwakilan Jawa Timur"), a
# collective ("se-Sulteng"), a capital city ("Ibu Kota Kendari") or a place ("peringkat keempat di
# Sulawesi Tengah", "tingkat Jatim"); none is a result's owner.
_IGNORED_BEFORE = re.compile(
    r"(?:Ombudsman(?:\s+RI|\s+Republik\s+Indonesia)?(?:\s+Perwakilan)?(?:\s+Provinsi)?|Perwakilan"
    r"(?:\s+Ombudsman(?:\s+RI)?)?(?:\s+Provinsi)?|\bse-?|Ibu|\b(?:di|tingkat|wilayah))\s*$",
    re.IGNORECASE,
)
# Words of a name that say what it is, not which: left out when names are compared.
_GENERIC = re.compile(
    r"^(?:pemerintah|pemkot|pemko|pemkab|pemprov|kota|kabupaten|kab|provinsi|prov|kementerian|kemen|kem)"
)


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    written: str
    codes: frozenset[str]  # the Kemendagri codes it may stand for (empty: not a region)
    keys: frozenset[str]  # distinctive words run together: "luarnegeri", "dikbudristek"
    group: str = ""  # a kind of body named without a name ("Polres dengan rata-rata nilai ...")
    # A region word before a name the list does not know: the subject's short form ("Pemkab
    # Gorut") or no region at all ("Kota Besar"); a value tied to it is nobody's for sure.
    unknown: bool = False
    region: Region | None = None  # the subject's region, to read short forms against


def name_keys(written: str) -> frozenset[str]:
    """The distinctive words of a name run together: "Kementerian Luar Negeri" -> "luarnegeri"."""
    parts = [written, *re.findall(r"\(([^)]*)\)", written)]
    keys = set()
    for part in parts:
        key = name_key(re.sub(r"\([^)]*\)", " ", part))
        while (match := _GENERIC.match(key)) and len(key) > match.end():
            key = key[match.end() :]
        if len(key) >= 3 and not _GENERIC.fullmatch(key):
            keys.add(key)
    return frozenset(keys)


def _region_run(text: str, pos: int, kind: SubjectKind | None) -> tuple[frozenset[str], int] | None:
    """The longest region name (up to four capitalised words) at ``pos``: its codes and end."""
    words: list[tuple[str, int]] = []
    at = pos
    while len(words) < 4 and (match := _CAP_WORD.match(text, at)):
        words.append((match.group(1).rstrip("."), match.end()))
        at = match.end()
    for count in range(len(words), 0, -1):
        name = " ".join(word for word, _ in words[:count])
        if kind is None and len(name) < 4:
            continue
        region = find_region(name, kind) if kind is not None else None
        if region is None and (kind is None or count == 1):
            region = find_region(name)  # "Pemkab Bukittinggi": a kota; a bare province
        if region is not None:
            return frozenset({region.code}), words[count - 1][1]
        if kind is None:
            found = gazetteer().candidates(name)  # "Magelang": a kota and a kabupaten
            if found:
                return frozenset(r.code for r in found), words[count - 1][1]
    return None


@lru_cache(maxsize=64)
def names(text: str) -> tuple[Name, ...]:
    """Every region, ministry, office and nameless kind of body ("Polres", "Pemda") the text
    names, in text order. Regions are read with the Kemendagri list (``extractor.regions``), with
    or without "Pemkab"/"Kota"/"Kab." before them."""
    found: list[Name] = []
    taken = bytearray(len(text) + 1)

    def free(start: int, end: int) -> bool:
        return taken.find(1, start, end) < 0

    def add(
        start: int,
        end: int,
        codes: frozenset[str],
        keys: frozenset[str],
        group: str = "",
        unknown: bool = False,
    ) -> None:
        taken[start:end] = b"\x01" * (end - start)
        if codes or keys or group:
            found.append(Name(start, end, text[start:end], codes, keys, group, unknown))

    for match in _OFFICE.finditer(text):
        heads = REGION_HEAD.finditer(text, match.start(), match.end())
        runs = [_region_run(text, m.end(), _kind(m.group("head"))) for m in heads]
        codes: frozenset[str] = frozenset().union(*(run[0] for run in runs if run))
        if not codes:  # "Polres Morowali": the region without its kind word
            for word in _CAP_WORD.finditer(text, match.start(), match.end()):
                run = _region_run(text, word.start(), None)
                if run and word.start() > match.start():
                    codes = run[0]
                    break
        add(match.start(), match.end(), codes, name_keys(match.group(0)))
    for match in _MINISTRY.finditer(text):
        if free(match.start(), match.end()) and name_key(match.group(0)) not in _NOT_MINISTRY:
            add(match.start(), match.end(), frozenset(), name_keys(match.group(0)))
    for match in REGION_HEAD.finditer(text):
        if not free(match.start(), match.end()):
            continue
        kind = _kind(match.group("head"))
        run = _region_run(text, match.end(), kind)
        ignored = _IGNORED_BEFORE.search(text, max(0, match.start() - 50), match.start())
        if run is None:  # "Pemkab Gorut", "Kota Besar", a misspelt name: not in the region list
            first = _CAP_WORD.match(text, match.end())
            end = first.end() if first else match.end()
            keys = frozenset() if ignored else frozenset({name_key(text[match.end() : end])})
            add(match.start(), end, frozenset(), keys, unknown=True)
        else:
            add(match.start(), run[1], frozenset() if ignored else run[0], frozenset())
    for match in _BARE_START.finditer(text):
        if not free(match.start(), match.end()):
            continue
        run = _region_run(text, match.start(), None)
        if run is None or not free(match.start(), run[1]):
            continue
        ignored = _IGNORED_BEFORE.search(text, max(0, match.start() - 50), match.start())
        add(match.start(), run[1], frozenset() if ignored else run[0], frozenset())
    for line in _DATELINE_PLACE.finditer(text):  # "Makassar, IDN Times - ...": where it was written
        found = [n for n in found if not (line.start() <= n.start and n.end <= line.end())]
    for match in _GROUP_WORD.finditer(text):
        if free(match.start(), match.end()):
            add(match.start(), match.end(), frozenset(), frozenset(), body_group(match.group(0)))
    return tuple(sorted(found, key=lambda name: name.start))


# The dateline at the start of a line: a place and the outlet before a dash ("PADANG, RADARSUMBAR.COM
# –", "Makassar, IDN Times -", "Jakarta, (Itjen Kemdikbudristek) –"); the place owns no result.
_DATELINE_PLACE = re.compile(
    r"(?m)^[^\S\n]*[A-Z][\w'’]*(?:[ \t]+[A-Z][\w'’]*){0,2}(?:,[^\n!?,\d–—]{1,40})?[^\S\n]*[–—-](?=\s)"
)

# A kind of body without its name: the group average or result of all Polres, all land offices
# ("Polres dengan rata-rata nilai 93,89, dan Kantor Pertanahan ..."). "Pemkab" alone is left out:
# in a regency's story it is the subject itself.
_GROUP_WORD = re.compile(
    r"(?<![\w-])(?:Polres(?:ta)?|Polda|Kepolisian|Kantor\s+Pertanahan|Kantah|Kanwil|BPN|Pemda|"
    r"Pemerintah\s+Daerah|[Kk]ementerian|[Ll]embaga)\b(?![ \t]+[A-Z])"
)
_GROUPS = (
    ("police", re.compile(r"polres|polda|kepolisian|polsek", re.IGNORECASE)),
    ("land", re.compile(r"pertanahan|kantah|\bbpn\b|atr", re.IGNORECASE)),
    ("ministry", re.compile(r"kementerian|\bkemen", re.IGNORECASE)),
    ("agency", re.compile(r"lembaga|\bbadan\b", re.IGNORECASE)),
    (
        "regional",
        re.compile(r"pemda|pemerintah\s+daerah|pemkab|pemkot|pemprov|kabupaten|kota|provinsi", re.IGNORECASE),
    ),
)


def body_group(written: str) -> str:
    return next((group for group, pattern in _GROUPS if pattern.search(written)), "office")


def _kind(head: str) -> SubjectKind:
    return PREFIX_KINDS[head.split()[-1].lower()]
