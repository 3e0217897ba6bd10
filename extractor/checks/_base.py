"""What every check gets (the extraction, the article text if there is one, the scale) and
how it makes a flag with evidence spans pointing into the article."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from extractor.checks._scale import ScaleBook, id_number, scale_book
from schemas.record import Evidence, Extraction, Flag, Severity, Span


@dataclass
class Context:
    extraction: Extraction
    text: str | None  # None: the article is gone or changed; text checks do not run
    book: ScaleBook = field(default_factory=scale_book)

    def evidence(self, path: str) -> Evidence | None:
        """The quote stored for a path, or None when there is none or it is empty."""
        found = self.extraction.evidence.get(path)
        if found is None or not found.quote.strip():
            return None
        return found

    def spans(self, *paths: str) -> list[Span]:
        """The located quotes of these paths, to point the reviewer at the article."""
        spans: list[Span] = []
        for path in paths:
            found = self.extraction.evidence.get(path)
            if found is not None and found.aligned and found.start is not None and found.end is not None:
                span = Span(start=found.start, end=found.end)
                if span not in spans:
                    spans.append(span)
        return spans

    def scored_items(self) -> Iterator[Item]:
        """The subject, each unit and each other subject's result, as (field prefix, evidence
        path, label, values, year)."""
        e = self.extraction
        subject = e.subject.name if e.subject else "the subject"
        year = e.assessment_year
        yield Item("", "score", subject, e.score, e.zone.value if e.zone else None, _grade(e.grade), year)
        for i, unit in enumerate(e.units):
            yield Item(
                f"units[{i}].",
                f"units[{i}]",
                f"unit {unit.name!r}",
                unit.score,
                unit.zone.value if unit.zone else None,
                _grade(unit.grade),
                year,
            )
        for i, other in enumerate(e.others):
            yield Item(
                f"others[{i}].",
                f"others[{i}]",
                other.subject.name,
                other.score,
                other.zone.value if other.zone else None,
                _grade(other.grade),
                e.year_of(other),
            )


def _grade(value: object) -> str | None:
    return getattr(value, "value", None)


@dataclass(frozen=True)
class Item:
    """The subject, one unit or another subject's result: its own score, zone and grade, and the
    year they are for (a unit's is the subject's)."""

    prefix: str  # "" for the subject, "units[2]." for a unit, "others[1]." for another subject
    path: str  # evidence path: "score", "units[2]" or "others[1]"
    label: str
    score: float | None
    zone: str | None
    grade: str | None
    year: int | None = None


def flag(
    code: str,
    severity: Severity,
    field: str,
    message: str,
    basis: str,
    evidence: list[Span] | None = None,
    related_record: str | None = None,
) -> Flag:
    return Flag(
        code=code,
        severity=severity,
        field=field,
        message=message,
        basis=basis,
        evidence=evidence or [],
        related_record=related_record,
    )


def num(value: float) -> str:
    """A score in a message, as the press prints it: '82,28'."""
    return id_number(value)


CheckFn = Callable[[Context], list[Flag]]
