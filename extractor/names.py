"""Subject names as the press writes them -> the region's or agency's official form.

"Pemkot Batu" -> "Kota Batu", "Pemerintah Kabupaten Batang" -> "Kabupaten Batang",
"Pemprov Jawa Tengah" -> "Provinsi Jawa Tengah", with the official spelling of the Kemendagri list
where the region is found there ("Kabupaten Mentawai" -> "Kabupaten Kepulauan Mentawai", "Jateng" ->
"Provinsi Jawa Tengah"), and its Kemendagri code. Names that are not regions are tidied only.
"""

from __future__ import annotations

import re

from extractor.regions import PROVINCE_ABBREVIATIONS, Region, alias_entries, find_region, name_key
from schemas.values import SubjectKind

K = SubjectKind
_PREFIXES = [
    (entry["form"], SubjectKind(entry["kind"]), bool(entry["running_text"]))
    for entry in alias_entries("region_prefixes")
]
# The word before a region's name and the kind it announces ("Pemkot Batu", "Kab. Sleman"); the
# rules engine finds regions in running text with the same table.
PREFIX_KINDS: dict[str, SubjectKind] = {form: kind for form, kind, running in _PREFIXES if running}
# A whole name may also start with the long form, or an abbreviation without its dot.
_NAME_PREFIXES = {form: kind for form, kind, _ in _PREFIXES}


def _prefix_pattern(kind: SubjectKind) -> re.Pattern[str]:
    # Longest form first, so "kabupaten" is not read as "kab" and "pemerintah kota" as nothing.
    forms = sorted((w for w, k in _NAME_PREFIXES.items() if k is kind), key=len, reverse=True)
    alternation = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
    return re.compile(rf"(?:{alternation})\s+(?P<rest>\S.*)$", flags=re.IGNORECASE)


# Each kind's prefixes followed by the rest of the name, compiled once.
_REGION_PREFIX_RE: tuple[tuple[re.Pattern[str], SubjectKind], ...] = tuple(
    (_prefix_pattern(kind), kind) for kind in (K.kota, K.kabupaten, K.provinsi)
)
_TITLE = {SubjectKind.kota: "Kota", SubjectKind.kabupaten: "Kabupaten", SubjectKind.provinsi: "Provinsi"}


def _tidy(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split()).strip(" ,.;:")


def split_region(name: str) -> tuple[SubjectKind, str] | None:
    """('kota', 'Batu') for 'Pemkot Batu'; None when the name carries no region prefix."""
    tidy = _tidy(name)
    for pattern, kind in _REGION_PREFIX_RE:
        match = pattern.match(tidy)
        if match:
            return kind, match.group("rest")
    return None


def known_region(name: str, kind: SubjectKind) -> Region | None:
    """The Kemendagri region a subject name stands for, or None (not a region, or not found)."""
    region = split_region(name)
    if region is not None:
        region_kind, rest = region
        return find_region(rest, region_kind)
    if kind in _TITLE:
        return find_region(_tidy(name), kind)
    return None


def normalise_subject(name: str, kind: SubjectKind) -> str:
    """The official form of a region's name; a ministry's 'Kementerian <portfolio> (<abbr>)'; an
    office's head in the gold's form ('Kanwil' -> 'Kantor Wilayah'); other names are only tidied."""
    if kind is SubjectKind.kementerian:
        return normalise_ministry(name)
    if kind is SubjectKind.other:
        return normalise_office(name)
    known = known_region(name, kind)
    if known is not None:
        return known.official_name
    region = split_region(name)
    if region is not None:
        region_kind, rest = region
        return f"{_TITLE[region_kind]} {rest}"
    tidy = _tidy(name)
    if kind in _TITLE:
        return f"{_TITLE[kind]} {tidy}"
    return tidy


def region_code(name: str, kind: SubjectKind) -> str | None:
    """The Kemendagri code ("35.79" for Kota Batu, "33" for Jawa Tengah) where the region is known."""
    known = known_region(name, kind)
    return known.code if known is not None else None


# --- offices, ministries and acting titles: the alias table's forms -> the gold's forms ---------


def _alternation(forms: list[str]) -> str:
    # longest first, so "Kepolisian Resor Kota" is not read as "Kepolisian Resor" + "Kota"
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)


_OFFICE_HEADS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{_alternation(entry['forms'])})(?=\s|$)", re.IGNORECASE), entry["canonical"])
    for entry in alias_entries("offices")
)
# Ministries by portfolio: {"Agama": "Kemenag", ...}, in the table's order (the first portfolio of
# a short form is the one its long name gets: "Kemenkumham" -> "Hukum dan HAM").
PORTFOLIOS: dict[str, str] = {entry["portfolio"]: entry["abbr"] for entry in alias_entries("ministries")}


def _ministry_keys() -> dict[str, tuple[str, str]]:
    """(portfolio, short form) by the key of every written form: the short form, its other spellings
    and 'Kementerian <portfolio>'."""
    by_key: dict[str, tuple[str, str]] = {}
    for entry in alias_entries("ministries"):
        named = (entry["portfolio"], entry["abbr"])
        for form in (entry["abbr"], *entry.get("forms", ())):
            by_key.setdefault(name_key(form), named)
        by_key[name_key("Kementerian " + entry["portfolio"])] = named
    return by_key


_MINISTRY_BY_KEY = _ministry_keys()
_PAREN_TAIL = re.compile(r"\s*\([^)]*\)\s*$")
_ACTING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{_alternation(entry['forms'])})(?=\s)", re.IGNORECASE), entry["canonical"])
    for entry in alias_entries("acting_titles")
)


def _head_forms(canonical: str) -> list[str]:
    """An office head and every form the offices table gives it ('Polres', 'Kepolisian Resor')."""
    return [canonical] + [form for entry in alias_entries("offices") if entry["canonical"] == canonical
                          for form in entry["forms"]]  # fmt: skip


# "7 Polres Polda Papua", "Polres di wilayah Polda Papua", "seluruh Polres se-Polda Papua": a count
# or quantifier word may lead, a connective may join the members to their command.
_COLLECTIVES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (
        re.compile(
            rf"^(?:[\w-]+\s+)?(?:{_alternation(_head_forms(entry['members']))})\s+"
            rf"(?:(?:jajaran|di\s+wilayah|di\s+bawah|se-?)\s*)?(?:{_alternation(_head_forms(entry['parent']))})"
            rf"\s+(?P<rest>\S.*)$",
            re.IGNORECASE,
        ),
        entry["canonical"],
    )
    for entry in alias_entries("office_collectives")
)


def normalise_office(name: str) -> str:
    """'Kanwil ATR/BPN Maluku' -> 'Kantor Wilayah ATR/BPN Maluku', 'Kepolisian Resor Buru' ->
    'Polres Buru', '7 Polres Polda Papua' -> 'Polres jajaran Polda Papua', a province short form
    after the head written out ('... Sumut' -> '... Sumatera Utara'): the forms the gold uses.
    Other names (a round-up's description) are only tidied."""
    tidy = _tidy(name)
    for pattern, canonical in _COLLECTIVES:
        match = pattern.match(tidy)
        if match:
            tidy = f"{canonical} {match.group('rest')}"
            break
    for pattern, canonical in _OFFICE_HEADS:
        match = pattern.match(tidy)
        if match:
            tidy = canonical + tidy[match.end() :]
            break
    words = tidy.split(" ")
    for i, word in enumerate(words[1:], 1):
        full = PROVINCE_ABBREVIATIONS.get(word.lower()) if word.isalpha() else None
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        # "Jakarta" and "DKI Jakarta" stay: the short form is part of the full name, or precedes it
        if full is not None and word.lower() not in full.lower() and following not in full.lower().split():
            words[i] = full
    return " ".join(words)


def normalise_ministry(name: str) -> str:
    """'Kemenkumham', 'Kemdikbudristek', 'Kementerian Agama' -> 'Kementerian <portfolio> (<abbr>)'; a
    long name already followed by its short form, or a ministry the table does not know, is tidied."""
    tidy = _tidy(name)
    named = _MINISTRY_BY_KEY.get(name_key(_PAREN_TAIL.sub("", tidy)))
    if named is None or (tidy.startswith("Kementerian") and _PAREN_TAIL.search(tidy)):
        return tidy
    portfolio, abbr = named
    return f"Kementerian {portfolio} ({abbr})"


def normalise_acting(role: str) -> str:
    """'Penjabat Wali Kota Batu' -> 'Pj Wali Kota Batu', 'Pelaksana Tugas Bupati' -> 'Plt Bupati'."""
    tidy = _tidy(role)
    for pattern, canonical in _ACTING:
        match = pattern.match(tidy)
        if match:
            return canonical + tidy[match.end() :]
    return tidy
