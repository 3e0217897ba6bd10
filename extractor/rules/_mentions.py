"""What the rules engine finds in an article, and how its names are written: the ``Mention`` of a
region, ministry, agency, vertical office or service unit, the patterns that find ministries,
agencies, offices and units, and the names and keys they get ("Kanwil ..." -> "Kantor Wilayah ...",
"Kementerian Agama" and "Kemenag" one key). ``_entities`` finds the mentions with these."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from extractor.names import PORTFOLIOS
from extractor.regions import PROVINCE_ABBREVIATIONS, Region, find_region
from extractor.regions import name_key as _name_key
from schemas.values import SubjectKind

# A name's key ("Kota Batu" -> "kotabatu"), kept: the same names come back in article after
# article, and each key costs a regex substitution.
name_key = lru_cache(maxsize=16384)(_name_key)


class Category(StrEnum):
    region = "region"
    ministry = "ministry"
    agency = "agency"
    office = "office"
    unit = "unit"
    group = "group"  # a round-up's collective subject ("Lima Kementerian"): chosen, never found


# What can be an article's subject, or another subject with a result of its own: not a unit (a
# subject's part) and not a round-up's group.
SUBJECT_CATEGORIES = (Category.region, Category.ministry, Category.agency, Category.office)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    key: str
    category: Category
    kind: SubjectKind
    written: str
    name: str  # the normalised name: "Kota Batu", "Kantor Wilayah ATR/BPN Provinsi Maluku"
    in_role: bool = False  # part of an official's title ("Wali Kota Batu")
    ignored: bool = False  # the Ombudsman's own office ("Ombudsman RI Jawa Timur"), "se-Jateng"
    bare: bool = False  # a region named without Kota/Kabupaten/Provinsi


_MINISTRY_LONG = re.compile(
    r"Kementerian\s+(?:[A-Z][\w-]*(?:,\s*(?:dan\s+)?|\s+(?:dan\s+)?))*[A-Z][\w-]*\s*\((?P<abbr>[A-Za-z-]{3,20})\)"
    r"|Kementerian(?:[ \t]+(?:dan[ \t]+)?(?!Kementerian\b)[A-Z][\w-]*)+"
)  # ("Kementerian Agama dan Kementerian Sosial" is two ministries)
_MINISTRY_ABBR = re.compile(
    r"Kem(?:en)?(?:-)?(?:PAN-?RB|PANRB|dikbud\w*|dikdasmen|diktisaintek|kes|ag|kumham|ham|keu|tan|hub|sos|"
    r"naker|nakertrans|dagri|lu|pora|parekraf|kominfo|komdigi|desa\w*|pupr|PUPR|ATR\w*|lhk|KKP|perin|dag|"
    r"investasi|ristek\w*|imipas|koperasi\w*|PPPA|pppa|BUMN|ESDM|esdm|PU|P2MI|PKP|sesneg|enko\w*)\b"
)
# The ministries' portfolios (PORTFOLIOS: the alias table's, through names.py), so that "Kementerian
# Agama" and "Kemenag" are one entity, and "Menteri Agama X" ends its title at "Agama".
PORTFOLIO = re.compile(
    "|".join(
        r"\s+".join(re.escape(word) for word in name.split())
        for name in sorted(PORTFOLIOS, key=len, reverse=True)
    )
    + r"(?![\w/-])"
)
_AGENCIES = re.compile(
    r"(?:BPOM|Badan\s+Pengawas\s+Obat\s+dan\s+Makanan|BPJS\s+(?:Kesehatan|Ketenagakerjaan)|BKN|BNN|BPS|"
    r"Badan\s+Pusat\s+Statistik|LKPP|BNPB|Basarnas|BMKG|BP2MI|Polri|Kepolisian\s+Negara\s+Republik\s+Indonesia|"
    r"Kejaksaan\s+Agung|Mahkamah\s+Agung|BPN|Badan\s+Pertanahan\s+Nasional|Bakamla|Bapeten|BRIN|LAN|ANRI|"
    r"Perpustakaan\s+Nasional|Perpusnas|BKPM|BSSN|Bawaslu|KPU)\b"
)
_OFFICE = re.compile(
    r"(?P<head>Kanwil|Kantor\s+Wilayah|Kantor\s+Pertanahan|Kantah|Polresta|Polrestabes|Polres|Polda|"
    r"Kepolisian\s+Resor(?:\s+Kota)?|Kantor\s+Imigrasi|Kanim|Lapas|Rutan|Kejaksaan\s+Negeri|Kejari|"
    r"Kantor\s+Kementerian\s+Agama|Kantor\s+Pelayanan\s+Pajak|KPP\s+Pratama|Samsat|Kantor\s+Cabang|"
    r"Pengadilan\s+Negeri|Pengadilan\s+Agama|Balai\s+Besar|Kantor\s+SAR)"
)
UNIT_HEAD = re.compile(
    r"(?:Dinas|Badan|Direktorat(?:\s+Jenderal)?|Puskesmas|RSUD|Rumah\s+Sakit(?:\s+Umum)?(?:\s+Daerah)?|Kecamatan|Kelurahan|"
    r"Satuan|Inspektorat|UPTD?|Mal(?:l)?\s+Pelayanan\s+Publik|MPP|Kantor\s+Camat|Bagian)\b"
)
_UNIT_ABBR = re.compile(
    r"(?:DPMPTSP|DPM-PTSP|DPM\s?PTSP|Dispendukcapil|Disdukcapil|Dukcapil|Disdikbud|Disdik|Dinsos|"
    r"Dinkes|Disnaker|Disnakertrans|Disperindag|Disperkim|DLH|BPBD|Bapenda|Bappenda|BPKAD|Bappeda|"
    r"Satpol\s?PP|Dishub|Diskominfo|DPUPR|PUPR|Distan|Disbudpar|DP3A|DPPKB|DPMD|Dispenda|Disporapar|"
    r"Disparbud|Disdag|Diskes)\b"
)


def _region_key(region: Region) -> str:
    return "region:" + region.code


# The word before a region that makes it part of a title or another body: heads of pemda, of the
# police and of vertical offices ("Kapolda Maluku", "Kakanwil Kemenkumham"), their buildings
# ("Mapolda Maluku"), the regional parliament ("DPRD Kota X").
_ROLE_WORDS = frozenset({
    "wali", "bupati", "gubernur", "walikota", "sekda", "setda", "ibu", "daerah", "wagub", "wabup", "wawali",
    "kapolda", "kapolres", "kapolresta", "kapolrestabes", "mapolda", "mapolres", "mapolresta", "kakanwil",
    "kajati", "kajari", "kakantah", "dprd",
})  # fmt: skip
_OMBUDSMAN_TAIL = frozenset({"ri", "republik", "indonesia", "perwakilan", "provinsi"})


# Each region's key and official name by its code: the same regions are named over and over.
_REGION_NAMES: dict[str, tuple[str, str]] = {}


def _region_mention(text: str, start: int, end: int, region: Region, before: str) -> Mention:
    names = _REGION_NAMES.get(region.code)
    if names is None:
        names = _REGION_NAMES[region.code] = (_region_key(region), region.official_name)
    key, name = names
    mention = Mention(start, end, key, Category.region, region.kind, text[start:end], name)
    words = before[before.rfind("\n") + 1 :].split()[-5:]  # the words before it on its line
    last = words[-1].lower() if words else ""
    # "Wali Kota Batu", "Bupati Batang", "Sekretaris Daerah Kota Blitar", "Ibu Kota Kendari"
    mention.in_role = last in _ROLE_WORDS or (len(words) > 1 and words[-2].lower() == "kepala")
    # "Ombudsman RI Jawa Timur", "Perwakilan Provinsi Maluku", "se-Jawa Tengah"
    for word in reversed(words):
        folded = word.lower()
        if folded in ("ombudsman", "perwakilan"):
            mention.ignored = True
            break
        if folded not in _OMBUDSMAN_TAIL:
            break
    if before.endswith(("se-", "se ")) and (len(before) < 4 or not before[-4].isalnum()):
        mention.ignored = True
    return mention


_KANWIL = re.compile(r"^Kanwil\b")
_OFFICE_PAREN = re.compile(r"^(Kantor\s+\w+)\s*\([^)]*\)")
_PROVINSI = re.compile(r"\bProvinsi\b")
_PAREN_AT_END = re.compile(r"\(([^)]+)\)\s*$")
_SPACES = re.compile(r"[ \t]+")


def _paren_at_end(written: str) -> re.Match[str] | None:
    """'(ABBR)' closing a name ("Kantor Pertanahan (Kantah)"); most names have no bracket."""
    return _PAREN_AT_END.search(written) if ")" in written else None


_KANTAH = re.compile(r"^Kantah\b")
_LONG_WITH_ABBR = re.compile(
    r"^(?P<head>Kantor\s+Wilayah|Kantor\s+Pertanahan)\s+(?P<long>.+?)\s*\((?P<abbr>[^)]+)\)"
)


def _office_name(written: str) -> str:
    """'Kanwil ATR/BPN ...' -> 'Kantor Wilayah ATR/BPN ...'; a long form with (ABBR) -> the ABBR."""
    name = _KANWIL.sub("Kantor Wilayah", " ".join(written.split()))
    name = _KANTAH.sub("Kantor Pertanahan", name)
    name = _OFFICE_PAREN.sub(r"\1", name)  # "Kantor Pertanahan (Kantah) X"
    match = _LONG_WITH_ABBR.match(name)
    if match:
        name = f"{match.group('head')} {match.group('abbr')}{name[match.end() :]}"
    return name


def _office_key(name: str) -> str:
    regional = _regional_key(name)
    if regional is not None:
        return regional
    words = _PROVINSI.sub("", name).split()
    return name_key(" ".join(PROVINCE_ABBREVIATIONS.get(w.lower(), w) for w in words))


_KANWIL_REST = re.compile(r"Kantor\s+Wilayah\s+")
_MINISTRY_LONG_HEAD = re.compile(r"Kementerian\s+")


def _regional_key(name: str) -> str | None:
    """A ministry's office in a province, keyed by the two whatever their forms: 'Kantor Wilayah
    Kementerian Hukum dan HAM Jawa Timur' = 'Kantor Wilayah Kemenkumham Jatim' (``regional_offices``)."""
    head = _KANWIL_REST.match(name)
    if head is None:
        return None
    at = head.end()
    abbr = _MINISTRY_ABBR.match(name, at)
    long = _MINISTRY_LONG_HEAD.match(name, at) if abbr is None else None
    portfolio = PORTFOLIO.match(name, long.end()) if long is not None else None
    if abbr is not None:
        ministry, at = _ministry_key(abbr.group(0)), abbr.end()
    elif portfolio is not None:
        ministry, at = _ministry_key(PORTFOLIOS[" ".join(portfolio.group(0).split())]), portfolio.end()
    else:
        return None
    province = find_region(_PROVINSI.sub("", name[at:]).strip(), SubjectKind.provinsi)
    return None if province is None else _regional(ministry, province.code)


def _regional(ministry: str, province_code: str) -> str:
    """The key of a ministry's office in a province, however either was written."""
    return f"regional:{ministry}:{province_code}"


_HEAD_PAREN = re.compile(r"^(?P<head>.+?)\s*\((?P<abbr>[A-Z][\w/.-]{1,24})\)\s+(?=\S)")


def _unit_name(written: str) -> str:
    """'Rumah Sakit Umum Daerah (RSUD) dr. Iskak' -> 'RSUD dr. Iskak': the abbreviation of the
    head stands for it when a name follows."""
    match = _HEAD_PAREN.match(written)
    if match is None or not UNIT_HEAD.fullmatch(match.group("head")):
        return written
    return f"{match.group('abbr')} {written[match.end() :]}"


def _ministry_key(abbr: str) -> str:
    key = name_key(abbr)
    return "kem" + key[5:] if key.startswith("kemen") else key


def _unit_key(written: str) -> str:
    paren = _paren_at_end(written)
    return name_key(paren.group(1)) if paren else name_key(written)


def office_head(name: str) -> str:
    """The kind of a vertical office: 'polres', 'kantor pertanahan', 'kantor wilayah'..."""
    match = _OFFICE.match(name)
    return " ".join(match.group("head").lower().split()) if match else name.lower()


def _locations(text: str, mentions: list[Mention]) -> None:
    """'Kota Samarinda, Kalimantan Timur,': a province in apposition to a kota or kabupaten is
    where it lies, not another entity."""
    for before, mention in itertools.pairwise(mentions):
        if (
            mention.category == Category.region
            and mention.kind == SubjectKind.provinsi
            and before.category == Category.region
            and before.kind != SubjectKind.provinsi
            and text[before.end : mention.start].strip() == ","
        ):
            mention.ignored = True


def _link_abbreviations(mentions: list[Mention]) -> None:
    """A unit or ministry named once as 'Long Form (ABBR)' is the same entity as a later 'ABBR'."""
    by_abbr: dict[str, str] = {}
    for mention in mentions:
        paren = _paren_at_end(mention.written)
        if paren and mention.category in (Category.unit, Category.ministry):
            by_abbr[name_key(paren.group(1))] = mention.key
    for mention in mentions:
        if mention.category == Category.unit:
            alias = by_abbr.get(name_key(mention.written))
            if alias:
                mention.key = alias


def place_name(mention: Mention) -> str:
    """A region's name without its kind word: 'Kota Jambi' -> 'Jambi'."""
    return mention.name.split(" ", 1)[-1]


def _namesakes(mentions: list[Mention]) -> None:
    """A bare "Jambi" is the province by default; where the article names only the kota or the
    kabupaten of that name with its prefix ("Pemkot Jambi") and never the province, it is that one."""
    prefixed_provinces = {m.key for m in mentions if m.category == Category.region and not m.bare
                          and m.kind == SubjectKind.provinsi}  # fmt: skip
    by_place: dict[str, Mention] = {}
    for mention in mentions:
        if mention.category == Category.region and not mention.bare and mention.kind != SubjectKind.provinsi:
            by_place.setdefault(name_key(place_name(mention)), mention)
    if not by_place:
        return
    for mention in mentions:
        if mention.bare and mention.kind == SubjectKind.provinsi and mention.key not in prefixed_provinces:
            namesake = by_place.get(name_key(place_name(mention)))
            if namesake is not None:
                mention.key, mention.kind, mention.name = namesake.key, namesake.kind, namesake.name


def regional_offices(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Kemenkumham Jatim', 'Kementerian Agama Provinsi Jawa Timur': a ministry named with a
    province right after it is its office there, one mention (keyed as the 'Kantor Wilayah ...' of
    the two would be), not the ministry and a province."""
    merged: list[Mention] = []
    i = 0
    while i < len(mentions):
        ministry = mentions[i]
        region = mentions[i + 1] if i + 1 < len(mentions) else None
        i += 1
        if (
            region is None
            or ministry.category != Category.ministry
            or region.category != Category.region
            or region.kind != SubjectKind.provinsi
            or text[ministry.end : region.start].strip(" \t")
        ):
            merged.append(ministry)
            continue
        words_before = text[max(0, ministry.start - 30) : ministry.start].split()
        key = "office:" + _regional(ministry.key.split(":", 1)[1], region.key.split(":", 1)[1])
        name = f"{ministry.written} {region.name.removeprefix('Provinsi ')}"
        written = text[ministry.start : region.end]
        in_role = bool(words_before) and words_before[-1].lower() in _ROLE_WORDS  # "Kakanwil Kemenag Jatim"
        merged.append(
            Mention(
                ministry.start, region.end, key, Category.office, SubjectKind.other, written, name, in_role
            )
        )
        i += 1  # the province is the office's
    return merged
