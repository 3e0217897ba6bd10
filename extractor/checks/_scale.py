"""The score -> zone/grade scale of each assessment year, read from ``extractor/data/scale.json``.

Every band, cut-off, source and confidence the checks use comes from that one file, so that a
corrected band is one edit there and no band value hides in the code. A band holds the scores
from its ``min`` up to the next higher band's ``min`` (the press prints the cuts as "78,00–87,99",
so 87,995 cannot occur with two decimals, and the ≤2019 integer bounds "51–80" / "81–100" leave
no score between bands). The confidence of a contradiction is that of the cut the score would
have to cross to agree with what the article says; it decides the flag's severity, except for a
gross contradiction: a score ``GROSS_STEPS`` bands or more from what the article states (82,28
stated "kualitas terendah") is an error even where the cut's confidence would make it a warning.
Where the scale itself is in doubt (a low confidence, a note) it stays a note.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from schemas.record import Severity

_CONFIDENCE_ORDER = ("low", "low-medium", "medium", "medium-high", "high")
GROSS_STEPS = 2  # bands between the score's and the stated one's: two is never a doubtful cut


def id_number(value: float, decimals: int = 2) -> str:
    """A number as the Indonesian press writes it: 78.0 -> '78,00', 3.09 -> '3,09'."""
    return f"{value:.{decimals}f}".replace(".", ",")


@dataclass(frozen=True)
class Source:
    source: str
    says: str | None = None

    @property
    def site(self) -> str:
        """'suarabahana.com/2023/12/29/…' -> 'suarabahana.com' (for a short basis line)."""
        raw = self.source.split(" ", 1)[0]
        return urlsplit(raw if "//" in raw else f"//{raw}").netloc or raw


@dataclass(frozen=True)
class Band:
    zone: str
    grade: str | None
    letter: str | None
    min: float
    max: float
    min_confidence: str  # confidence of the cut at this band's lower edge


@dataclass(frozen=True)
class Scale:
    id: str
    label: str  # "2022–2024 scale"
    name: str  # the exercise's official name that year
    first_year: int | None
    last_year: int | None
    instrument: str  # "compliance" or "opini"
    confidence: str
    decimals: int
    note: str
    sources: tuple[Source, ...]
    bands: tuple[Band, ...]  # highest band first

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    @property
    def has_grades(self) -> bool:
        return any(band.grade is not None for band in self.bands)

    @property
    def zones(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(band.zone for band in self.bands))

    def band_of(self, score: float) -> Band:
        for band in self.bands:
            if score >= band.min:
                return band
        return self.bands[-1]

    def bands_with(self, *, zone: str | None = None, grade: str | None = None) -> list[Band]:
        return [
            band
            for band in self.bands
            if (zone is None or band.zone == zone) and (grade is None or band.grade == grade)
        ]

    def steps(self, band: Band, wanted: list[Band]) -> int:
        """How many bands apart ``band`` is from the nearest of ``wanted`` (1: neighbours)."""
        here = self.bands.index(band)
        return min((abs(here - self.bands.index(other)) for other in wanted), default=0)

    def of_year(self, year: int) -> str:
        """'the 2023 scale (2022–2024 scale)', or 'the 2021 scale' where the label says no more."""
        named = f"the {year} scale"
        return named if self.label == f"{year} scale" else f"{named} ({self.label})"

    def cut_confidence(self, score: float, wanted: list[Band]) -> str:
        """Confidence of the cut between ``score`` and the nearest band of ``wanted``.

        For the statement to be right, the true cut would have to lie on the other side of
        the score; how sure the sources are of that cut is how sure the contradiction is.
        """
        above = [band for band in wanted if band.min > score]
        if above:
            return min(above, key=lambda band: band.min).min_confidence
        highest = max(wanted, key=lambda band: band.min)
        higher = [band for band in self.bands if band.min > highest.min]
        if not higher:
            return self.confidence
        return min(higher, key=lambda band: band.min).min_confidence

    def bound(self, value: float) -> str:
        """A band bound as the sources print it: '78,00', but '0' and '100' as they are."""
        if value in (0, 100):
            return str(int(value))
        return id_number(value, self.decimals)

    def describe(self, band: Band) -> str:
        """'B kualitas tinggi = 78,00–87,99, zona hijau' or 'zona kuning = 51,00–80,99'."""
        span = f"{self.bound(band.min)}–{self.bound(band.max)}"
        if band.grade is None:
            return f"zona {band.zone} = {span}"
        letter = f"{band.letter} " if band.letter else ""
        return f"{letter}kualitas {band.grade} = {span}, zona {band.zone}"

    def name_band(self, band: Band) -> str:
        """'band C kualitas sedang (54,00–77,99, zona kuning)' or 'zona kuning (51,00–80,99)'."""
        span = f"{self.bound(band.min)}–{self.bound(band.max)}"
        if band.grade is None:
            return f"zona {band.zone} ({span})"
        letter = f"band {band.letter} " if band.letter else ""
        return f"{letter}kualitas {band.grade} ({span}, zona {band.zone})"

    def basis(self, bands: list[Band], confidence: str | None = None) -> str:
        """The rule behind a flag: the scale, its confidence and sources, and the bands used."""
        shown = sorted(set(bands), key=lambda band: -band.min)
        sites = ", ".join(dict.fromkeys(source.site for source in self.sources))
        head = f"{self.label} ({self.name}; {confidence or self.confidence} confidence; sources: {sites})"
        return f"{head}: " + "; ".join(self.describe(band) for band in shown)


@dataclass(frozen=True)
class YearNote:
    """A fact about one assessment year, with its sources: a year without an assessment, or the
    latest round with published results."""

    year: int
    confidence: str
    note: str
    sources: tuple[Source, ...]

    def basis(self) -> str:
        sources = "; ".join(f"{s.source}, {s.says}" if s.says else s.source for s in self.sources)
        return f"{self.note}; {self.confidence} confidence; source: {sources}"


@dataclass(frozen=True)
class ScaleBook:
    scales: tuple[Scale, ...]
    no_assessment: tuple[YearNote, ...]
    confidence_severity: dict[str, Severity]
    latest_round: YearNote | None = None  # the latest round with published results (its year)

    def for_year(self, year: int) -> Scale | None:
        if self.gap(year) is not None:
            return None
        return next((scale for scale in self.scales if scale.covers(year)), None)

    def gap(self, year: int) -> YearNote | None:
        return next((gap for gap in self.no_assessment if gap.year == year), None)

    @property
    def opini_from(self) -> int | None:
        """First year assessed with the opini instrument instead of a compliance score."""
        years = [s.first_year for s in self.scales if s.instrument == "opini" and s.first_year is not None]
        return min(years) if years else None

    @property
    def first_graded_year(self) -> int | None:
        years = [s.first_year for s in self.scales if s.has_grades and s.first_year is not None]
        return min(years) if years else None

    def severity(self, confidence: str) -> Severity:
        return self.confidence_severity[confidence]

    def contradiction_severity(self, confidence: str, steps: int) -> Severity:
        """The confidence's severity, but an error where a warning contradicts by ``GROSS_STEPS``
        bands or more (a note stays a note: the scale itself is in doubt)."""
        severity = self.severity(confidence)
        if steps >= GROSS_STEPS and severity == Severity.warning:
            return Severity.error
        return severity

    @staticmethod
    def weaker(first: str, second: str) -> str:
        return min(first, second, key=_CONFIDENCE_ORDER.index)


def _sources(raw: list[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(Source(source=item["source"], says=item.get("says")) for item in raw)


def _scale(raw: dict[str, Any]) -> Scale:
    confidence = raw["confidence"]
    bands = tuple(
        sorted(
            (
                Band(
                    zone=item["zone"],
                    grade=item.get("grade"),
                    letter=item.get("letter"),
                    min=float(item["min"]),
                    max=float(item["max"]),
                    min_confidence=item.get("min_confidence", confidence),
                )
                for item in raw["bands"]
            ),
            key=lambda band: -band.min,
        )
    )
    return Scale(
        id=raw["id"],
        label=raw["label"],
        name=raw.get("name", ""),
        first_year=raw.get("first_year"),
        last_year=raw.get("last_year"),
        instrument=raw["instrument"],
        confidence=confidence,
        decimals=int(raw.get("decimals", 2)),
        note=raw.get("note", ""),
        sources=_sources(raw.get("sources", [])),
        bands=bands,
    )


def parse_book(data: dict[str, Any]) -> ScaleBook:
    """The scale book from the JSON data (a function of its own so tests can feed variants)."""
    severity = {name: Severity(value) for name, value in data["confidence_severity"].items()}
    book = ScaleBook(
        scales=tuple(_scale(raw) for raw in data["scales"]),
        no_assessment=tuple(
            YearNote(
                year=int(raw["year"]),
                confidence=raw["confidence"],
                note=raw["note"],
                sources=_sources(raw.get("sources", [])),
            )
            for raw in data["no_assessment"]
        ),
        confidence_severity=severity,
        latest_round=_latest(data.get("latest_round")),
    )
    used = {book_scale.confidence for book_scale in book.scales} | {
        band.min_confidence for book_scale in book.scales for band in book_scale.bands
    }
    unknown = used - set(severity) | (used - set(_CONFIDENCE_ORDER))
    if unknown:
        raise ValueError(f"scale data: confidence without a severity: {sorted(unknown)}")
    return book


def _latest(raw: dict[str, Any] | None) -> YearNote | None:
    if raw is None:
        return None
    return YearNote(
        year=int(raw["year"]), confidence="high", note=raw["note"], sources=_sources(raw["sources"])
    )


@cache
def scale_book() -> ScaleBook:
    """The shipped scale data, read once."""
    text = resources.files("extractor").joinpath("data/scale.json").read_text(encoding="utf-8")
    return parse_book(json.loads(text))
