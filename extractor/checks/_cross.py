"""Check 11: across articles, one subject and assessment year with different scores or zones.

Each article's own result and its earlier results ("79,19 pada 2023") are facts about a subject
and a year; two records that disagree on one each get a flag naming the other record. Which of
the two is right is for a person to decide: neither value is changed. A difference of 0,01 is
the press printing one score two ways ("98,17" / "98,18"): a note, not a contradiction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from extractor.checks._base import flag, num
from extractor.checks._text import cents
from extractor.names import region_code
from extractor.regions import name_key
from schemas.record import Extraction, Flag, Severity, Span

CONFLICT = "cross_article_conflict"
CODES = (CONFLICT,)

_BASIS = "the Ombudsman publishes one result per subject and assessment year"


@dataclass(frozen=True, slots=True)
class _Fact:
    """Kept for every record of a folder until all are read: small on purpose (slots, plain
    int pairs instead of Span models) so that memory stays modest on large folders."""

    record_id: str
    field: str  # "score", "zone", "grade" or "previous[1].score"
    path: str  # evidence path
    value: float | str
    spans: tuple[tuple[int, int], ...]


def subject_key(extraction: Extraction) -> str | None:
    """'Kota Batu' and 'Kota  Batu (Jatim)' are one subject; the region code where known."""
    subject = extraction.subject
    if subject is None:
        return None
    code = (
        subject.region_code
        or region_code(subject.name, subject.kind)
        or region_code(subject.name_as_written, subject.kind)
    )
    if code:
        return f"code:{code}"
    return f"{subject.kind.value}:{name_key(re.sub(r'[(][^)]*[)]', ' ', subject.name))}"


def _spans(extraction: Extraction, path: str) -> tuple[tuple[int, int], ...]:
    found = extraction.evidence.get(path)
    if found is None or not found.aligned or found.start is None or found.end is None:
        return ()
    return ((found.start, found.end),)


def _facts(record_id: str, extraction: Extraction) -> Iterable[tuple[tuple[str, int], _Fact]]:
    key = subject_key(extraction)
    if key is None:
        return
    e = extraction
    if e.assessment_year is not None:
        year = e.assessment_year
        for name, value in (("score", e.score), ("zone", e.zone), ("grade", e.grade)):
            if value is not None:
                shown = value if isinstance(value, float) else str(getattr(value, "value", value))
                yield (key, year), _Fact(record_id, name, name, shown, _spans(e, name))
    for i, previous in enumerate(e.previous):
        path = f"previous[{i}]"
        yield (key, previous.year), _Fact(record_id, f"{path}.score", path, previous.score, _spans(e, path))


def _kind(fact: _Fact) -> str:
    return "score" if fact.field.endswith("score") else fact.field


def _show(value: float | str) -> str:
    return num(value) if isinstance(value, float) else value


_MAX_RELATED = 5


def cross_article_flags(records: Iterable[tuple[str, Extraction]]) -> dict[str, list[Flag]]:
    """Flags per record id for every other record that disagrees on a (subject, year) fact."""
    names: dict[str, str] = {}
    groups: dict[tuple[str, int], list[_Fact]] = defaultdict(list)
    for record_id, extraction in records:
        if extraction.subject is not None:
            names[record_id] = extraction.subject.name
        for group, fact in _facts(record_id, extraction):
            groups[group].append(fact)
    flags: dict[str, list[Flag]] = defaultdict(list)
    for (_, year), facts in groups.items():
        # Bucket by (kind, value): records that agree are never compared pairwise, so a subject
        # reported the same way by thousands of articles costs linear time, not quadratic.
        buckets: dict[tuple[str, float | str], list[_Fact]] = defaultdict(list)
        for fact in facts:
            buckets[(_kind(fact), fact.value)].append(fact)
        for (kind, value), mine_all in buckets.items():
            for (other_kind, other_value), theirs_all in buckets.items():
                if other_kind != kind or other_value == value:
                    continue
                if kind == "score":
                    assert isinstance(value, float)
                    assert isinstance(other_value, float)
                    gap = abs(cents(value) - cents(other_value))
                    if gap == 0:
                        continue
                    severity = Severity.info if gap <= 1 else Severity.error
                else:
                    severity = Severity.error
                for mine in mine_all:
                    # Name a few of the disagreeing records, not thousands.
                    for theirs in [t for t in theirs_all if t.record_id != mine.record_id][:_MAX_RELATED]:
                        message = (
                            f"{names.get(mine.record_id, 'The subject')} {year}: this record has "
                            f"{kind} {_show(mine.value)}, record {theirs.record_id!r} has "
                            f"{_show(theirs.value)}"
                            + (" (one score printed two ways?)." if severity == Severity.info else ".")
                        )
                        flags[mine.record_id].append(
                            flag(
                                CONFLICT,
                                severity,
                                mine.field,
                                message,
                                _BASIS,
                                [Span(start=start, end=end) for start, end in mine.spans],
                                related_record=theirs.record_id,
                            )
                        )
    return dict(flags)
