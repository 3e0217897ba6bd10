"""Small builders for the check tests: an extraction from keyword values, and flag look-ups."""

from __future__ import annotations

from typing import Any

from extractor.checks import run_checks
from extractor.checks._scale import Band, Scale, scale_book
from extractor.grounding import Locator
from schemas.record import Extraction, Flag


def extraction(text: str | None = None, quotes: dict[str, str] | None = None, **values: Any) -> Extraction:
    """An extraction of ``values``; each quote in ``quotes`` is located in ``text``."""
    data: dict[str, Any] = {"assessment": "ombudsman_compliance", **values}
    if quotes:
        locator = Locator(text or "")
        data["evidence"] = {path: locator.find(quote) for path, quote in quotes.items()}
    return Extraction.model_validate(data)


def check(e: Extraction, text: str | None = "") -> list[Flag]:
    return run_checks(e, text)


def found(flags: list[Flag], code: str, field: str | None = None) -> list[Flag]:
    return [f for f in flags if f.code == code and (field is None or f.field == field)]


def scale_of(year: int) -> Scale:
    scale = scale_book().for_year(year)
    assert scale is not None
    return scale


def band(year: int, *, zone: str | None = None, grade: str | None = None) -> Band:
    """The (highest) band of that year with this zone or grade, from the data file."""
    return scale_of(year).bands_with(zone=zone, grade=grade)[0]


def lowest(year: int, zone: str) -> float:
    """The lowest score of a zone in that year's scale (the cut at its lower edge)."""
    return min(b.min for b in scale_of(year).bands_with(zone=zone))
