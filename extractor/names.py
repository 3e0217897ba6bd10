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

# Government prefixes the press puts before a region's name, by the kind they announce.
_REGION_PREFIXES: tuple[tuple[str, SubjectKind], ...] = (
    (r"pemerintah\s+kota|pemkot|pemko|kota", SubjectKind.kota),
    (r"pemerintah\s+kabupaten|pemkab|kabupaten|kab\.?", SubjectKind.kabupaten),
    (r"pemerintah\s+provinsi|pemprov|provinsi|prov\.?", SubjectKind.provinsi),
)
# Each prefix followed by the rest of the name, compiled once.
_REGION_PREFIX_RE: tuple[tuple[re.Pattern[str], SubjectKind], ...] = tuple(
    (re.compile(rf"(?:{pattern})\s+(?P<rest>\S.*)$", flags=re.IGNORECASE), kind)
    for pattern, kind in _REGION_PREFIXES
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
