"""Subject names as the press writes them -> the region's or agency's official form.

"Pemkot Batu" -> "Kota Batu", "Pemerintah Kabupaten Batang" -> "Kabupaten Batang",
"Pemprov Jawa Tengah" -> "Provinsi Jawa Tengah", with the official spelling of the Kemendagri list
where the region is found there ("Kabupaten Mentawai" -> "Kabupaten Kepulauan Mentawai", "Jateng" ->
"Provinsi Jawa Tengah"), and its Kemendagri code. Names that are not regions are tidied only.
"""

from __future__ import annotations

import re

from extractor.regions import Region, find_region
from schemas.values import SubjectKind

K = SubjectKind
# The word before a region's name and the kind it announces ("Pemkot Batu", "Kab. Sleman"); the
# rules engine finds regions in running text with the same table.
PREFIX_KINDS: dict[str, SubjectKind] = {
    "pemkot": K.kota,
    "pemko": K.kota,  # West Sumatra: "Pemko Padang"
    "kota": K.kota,
    "pemkab": K.kabupaten,
    "kabupaten": K.kabupaten,
    "kab.": K.kabupaten,
    "pemprov": K.provinsi,
    "provinsi": K.provinsi,
    "prov.": K.provinsi,
}
# A whole name may also start with the long form, or an abbreviation without its dot.
_NAME_PREFIXES = {
    **PREFIX_KINDS,
    "pemerintah kota": K.kota,
    "pemerintah kabupaten": K.kabupaten,
    "pemerintah provinsi": K.provinsi,
    "kab": K.kabupaten,
    "prov": K.provinsi,
}


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
    """The official form of a region's name; other names are only tidied."""
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
