"""Gold annotations (``shared/corpus/README.md``, "Gold format") and their conversion to an
``Extraction`` that the checks can read.

Gold states values, not quotes. ``gold_to_extraction`` finds a quote for each value in the
article the way an engine's quote would look, so that the checks (grounding included) run on
gold exactly as on an engine's output: a score's quote ends at the score ("… menjadi 82,28"), a
unit's runs from its name to its score, an official's ends at the name. A value that cannot be
found gets no quote, and the grounding check then looks for it in the whole article.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extractor.checks._scale import scale_book
from extractor.checks._text import find_number
from extractor.grounding import Locator, extraction_of, other_result
from extractor.names import region_code, split_region
from schemas.record import Evidence, Extraction, Subject
from schemas.values import AssessmentKind, GradeValue, Score, SubjectKind, Year, ZoneValue


class _Gold(BaseModel):
    # Gold files are written by people: unknown keys are ignored, not fatal.
    model_config = ConfigDict(extra="ignore")


class GoldSubject(_Gold):
    name: str
    kind: SubjectKind


class GoldPrevious(_Gold):
    year: Year
    score: Score


class GoldOfficial(_Gold):
    name: str
    role: str


class GoldUnit(_Gold):
    name: str
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None


class GoldOther(_Gold):
    """Another subject's result the article states, with the words that state it."""

    subject: GoldSubject
    assessment_year: Year | None = None
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None
    quote: str | None = None


class GoldRecord(_Gold):
    """One article's facts as a careful reader states them."""

    source_url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    subject: GoldSubject | None = None
    assessment_year: Year | None = None
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None
    previous: list[GoldPrevious] = Field(default_factory=list)
    officials: list[GoldOfficial] = Field(default_factory=list)
    units: list[GoldUnit] = Field(default_factory=list)
    others: list[GoldOther] = Field(default_factory=list)
    notes: str = ""
    assessment: AssessmentKind | None = Field(
        default=None, description="Not in the corpus format; derived when absent (see assessment_of)"
    )


def load_gold(path: Path) -> GoldRecord:
    return GoldRecord.model_validate_json(path.read_text(encoding="utf-8"))


def assessment_of(gold: GoldRecord) -> AssessmentKind:
    """The gold's assessment kind: as stated, else the opini from its first year, else compliance
    where the gold has a result, else none (a confuser article: no Ombudsman result at all)."""
    if gold.assessment is not None:
        return gold.assessment
    opini_from = scale_book().opini_from
    if gold.assessment_year is not None and opini_from is not None and gold.assessment_year >= opini_from:
        return AssessmentKind.ombudsman_opini_2025
    if gold.score is None and gold.zone is None and gold.grade is None and gold.assessment_year is None:
        return AssessmentKind.none
    return AssessmentKind.ombudsman_compliance


_LEAD = 70  # characters of context a quote takes before its value


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(quote=text[start:end], start=start, end=end, aligned=True)


def _lead(text: str, start: int) -> int:
    """Where a quote ending at ``start`` begins: some words back, on the same line."""
    line = text.rfind("\n", 0, start) + 1
    begin = max(line, start - _LEAD)
    if begin > line and not text[begin - 1].isspace():
        space = text.find(" ", begin, start)
        begin = space + 1 if space >= 0 else begin
    return begin


def _number_quote(text: str, value: float, near: str | None = None) -> Evidence | None:
    hits = find_number(text, value)
    if not hits:
        return None
    if near is not None:
        hits = sorted(hits, key=lambda h: near not in text[_lead(text, h.start) : h.end + 30])
    hit = hits[0]
    return _evidence(text, _lead(text, hit.start), hit.end)


def _word_quote(text: str, pattern: str, anchor: int | None = None) -> Evidence | None:
    """The match of ``pattern`` nearest to ``anchor`` (the score's quote), else the first."""
    matches = list(re.finditer(pattern, text, re.IGNORECASE))
    if not matches:
        return None
    match = matches[0] if anchor is None else min(matches, key=lambda m: abs(m.start() - anchor))
    return _evidence(text, _lead(text, match.start()), match.end())


def _name_spans(locator: Locator, name: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for variant in [name, re.sub(r"\s*\([^)]*\)", "", name), *re.findall(r"\(([^)]*)\)", name)]:
        found = locator.find(variant.strip())
        if found is not None and found.aligned and found.start is not None and found.end is not None:
            spans.append((found.start, found.end))
            text = locator.text
            # later occurrences too: the one followed by the unit's score is the one to quote
            at = text.find(text[found.start : found.end], found.end)
            while at >= 0:
                spans.append((at, at + found.end - found.start))
                at = text.find(text[found.start : found.end], at + 1)
            break
    return spans


def _unit_quote(locator: Locator, unit: GoldUnit) -> Evidence | None:
    text = locator.text
    spans = _name_spans(locator, unit.name)
    if not spans:
        return None
    if unit.score is not None:
        for start, end in spans:
            for hit in find_number(text[end : end + 200], unit.score):
                return _evidence(text, start, end + hit.end)
    start, end = spans[0]
    return _evidence(text, start, end)


def _subject_quote(locator: Locator, name: str) -> Evidence | None:
    region = split_region(name)
    candidates = [*name_variants_raw(name), region[1] if region else None]
    for candidate in candidates:
        if not candidate:
            continue
        found = locator.find(candidate)
        if found is not None and found.aligned:
            return found
    return None


def name_variants_raw(name: str) -> list[str]:
    """The name, without its parenthesised part, and that part (case kept, for quoting)."""
    inner = re.findall(r"\(([^)]*)\)", name)
    return [name, re.sub(r"\s*\([^)]*\)", "", name).strip(), *inner]


def gold_to_extraction(gold: GoldRecord, text: str) -> Extraction:
    """The gold's values as an ``Extraction`` with quotes found in ``text`` (see module doc)."""
    locator = Locator(text)
    evidence: dict[str, Evidence] = {}

    def keep(path: str, found: Evidence | None) -> None:
        if found is not None:
            evidence[path] = found

    subject = None
    if gold.subject is not None:
        subject = Subject(
            name_as_written=gold.subject.name,
            name=gold.subject.name,
            kind=gold.subject.kind,
            region_code=region_code(gold.subject.name, gold.subject.kind),
        )
        keep("subject", _subject_quote(locator, gold.subject.name))
    year = str(gold.assessment_year) if gold.assessment_year is not None else None
    if gold.score is not None:
        keep("score", _number_quote(text, gold.score, year))
    anchor = evidence["score"].end if "score" in evidence else None
    if year is not None:
        keep(
            "assessment_year",
            _word_quote(text, rf"\btahun\s+{year}\b", anchor) or _word_quote(text, rf"\b{year}\b", anchor),
        )
    if gold.zone is not None:
        zone = gold.zone.value
        keep(
            "zone",
            _word_quote(text, rf"\b(?:zona|zonasi)\s+{zone}\b", anchor)
            or _word_quote(text, rf"\b{zone}\b", anchor),
        )
    if gold.grade is not None:
        keep("grade", _word_quote(text, rf"\b{gold.grade.value}\b", anchor))
    for i, previous in enumerate(gold.previous):
        keep(f"previous[{i}]", _number_quote(text, previous.score, str(previous.year)))
    for i, official in enumerate(gold.officials):
        found = locator.find(official.name)
        if found is not None and found.aligned and found.start is not None and found.end is not None:
            keep(f"officials[{i}]", _evidence(text, _lead(text, found.start), found.end))
    for i, unit in enumerate(gold.units):
        keep(f"units[{i}]", _unit_quote(locator, unit))
    for i, other in enumerate(gold.others):
        keep(f"others[{i}]", locator.find(other.quote))
    extraction = extraction_of(gold, assessment=assessment_of(gold), subject=subject, evidence=evidence)
    extraction.others = [
        other_result(o.subject.name, o.subject.kind, o.assessment_year, o.score, o.zone, o.grade)
        for o in gold.others
    ]
    return extraction


__all__ = [
    "GoldOfficial",
    "GoldOther",
    "GoldPrevious",
    "GoldRecord",
    "GoldSubject",
    "GoldUnit",
    "assessment_of",
    "gold_to_extraction",
    "load_gold",
    "name_variants_raw",
]
