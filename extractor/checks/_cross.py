"""Check 11: across articles, one subject and assessment year with different scores or zones.

Each article's own result, its earlier results ("79,19 pada 2023") and the results it gives
other subjects (a round-up's "Badung 97,53") are facts about a subject and a year; two records
that disagree on one each get a flag naming the other record, so a round-up and Badung's own
article that says 97,35 flag each other. Which of the two is right is for a person to decide:
neither value is changed. A difference of 0,01 is
the press printing one score two ways ("98,17" / "98,18"): a note, not a contradiction.
Messages name the assessment year and write scores with a decimal comma.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from extractor.checks._base import flag, num
from extractor.checks._text import cents
from extractor.names import region_code
from extractor.regions import name_key
from schemas.record import Extraction, Flag, Severity, Span, Subject

CONFLICT = "cross_article_conflict"
CODES = (CONFLICT,)

_BASIS = "the Ombudsman publishes one result per subject and assessment year"


def subject_key(extraction: Extraction) -> str | None:
    """'Kota Batu' and 'Kota  Batu (Jatim)' are one subject; the region code where known."""
    return None if extraction.subject is None else key_of(extraction.subject)


def key_of(subject: Subject) -> str:
    """A subject's key: its region code where known, else its kind and folded name."""
    code = (
        subject.region_code
        or region_code(subject.name, subject.kind)
        or region_code(subject.name_as_written, subject.kind)
    )
    if code:
        return f"code:{code}"
    return f"{subject.kind.value}:{name_key(re.sub(r'[(][^)]*[)]', ' ', subject.name))}"


def _spans(extraction: Extraction, path: str) -> str:
    found = extraction.evidence.get(path)
    if found is None or not found.aligned or found.start is None or found.end is None:
        return "[]"
    return json.dumps([[found.start, found.end]])


Fact = tuple[str, int, str, str, str, float | str, str, str]


def _facts(extraction: Extraction) -> Iterator[Fact]:
    """(subject, year, kind, field, evidence path, value, spans, subject's name) of each fact in a
    record: its own result, its earlier results, and the results it gives other subjects."""
    e = extraction
    if e.subject is not None:
        key, name = key_of(e.subject), e.subject.name
        if e.assessment_year is not None:
            yield from _results(key, name, e.assessment_year, "", (e.score, e.zone, e.grade), e, "")
        for i, previous in enumerate(e.previous):
            path = f"previous[{i}]"
            yield key, previous.year, "score", f"{path}.score", path, previous.score, _spans(e, path), name
    for i, other in enumerate(e.others):
        year = e.year_of(other)
        if year is not None:
            values = (other.score, other.zone, other.grade)
            path = f"others[{i}]"
            yield from _results(key_of(other.subject), other.subject.name, year, f"{path}.", values, e, path)


def _results(
    key: str, name: str, year: int, prefix: str, values: tuple[Any, Any, Any], e: Extraction, path: str
) -> Iterator[Fact]:
    for kind, value in zip(("score", "zone", "grade"), values, strict=True):
        if value is not None:
            shown = value if isinstance(value, float) else str(getattr(value, "value", value))
            evidence = path or kind  # the subject's own values have an evidence entry each
            yield key, year, kind, f"{prefix}{kind}", evidence, shown, _spans(e, evidence), name


def _show(value: float | str) -> str:
    """A score as the article writes it ('82,28'; SQLite may hand back 82 for 82.0); a zone as it is."""
    return value if isinstance(value, str) else num(value)


_MAX_RELATED = 5
# ``value`` has no declared type on purpose: a score stays a REAL (82.0 is not made 82) and a
# zone stays TEXT.
_SCHEMA = """
CREATE TABLE facts (seq INTEGER PRIMARY KEY, record_id TEXT, subject TEXT, year INTEGER,
                    kind TEXT, field TEXT, path TEXT, value, spans TEXT, label TEXT);
"""
# After loading: the buckets (subject, year, kind, value) of facts that some other value
# contradicts, with the order in which their group and they first appeared.
_BUCKETS = """
CREATE INDEX facts_by_record ON facts (record_id);
CREATE INDEX facts_by_bucket ON facts (subject, year, kind, value, seq);
CREATE TABLE buckets AS
    SELECT subject, year, kind, value, MIN(seq) AS first FROM facts
    WHERE (subject, year, kind) IN (
        SELECT subject, year, kind FROM facts GROUP BY subject, year, kind HAVING COUNT(DISTINCT value) > 1
    )
    GROUP BY subject, year, kind, value;
CREATE TABLE groups AS SELECT subject, year, MIN(seq) AS first FROM facts GROUP BY subject, year;
CREATE INDEX buckets_by_key ON buckets (subject, year, kind);
CREATE INDEX groups_by_key ON groups (subject, year);
"""
_CONTRADICTED = """
SELECT m.subject, m.year, m.kind, m.field, m.value, m.spans, m.label, other.value
FROM facts AS m
JOIN buckets AS mine
     ON (mine.subject, mine.year, mine.kind, mine.value) = (m.subject, m.year, m.kind, m.value)
JOIN buckets AS other ON (other.subject, other.year, other.kind) = (m.subject, m.year, m.kind)
     AND other.value IS NOT m.value
JOIN groups AS g ON (g.subject, g.year) = (m.subject, m.year)
WHERE m.record_id = ?
ORDER BY g.first, mine.first, other.first, m.seq
"""
_OTHERS = """
SELECT record_id FROM facts WHERE subject = ? AND year = ? AND kind = ? AND value IS ? AND record_id != ?
ORDER BY seq LIMIT ?
"""


class CrossArticleIndex:
    """The facts of every record of a folder, in a temporary SQLite database: memory stays flat
    however many records there are (SQLite spills to a file past its small page cache).

    ``add`` every record, then ask ``flags_for`` each one. Records that agree are never
    compared pairwise, so a subject reported the same way by thousands of articles costs
    linear time, not quadratic.
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private temporary database, deleted on close
        self._db.executescript(_SCHEMA)
        self._indexed = False

    def __enter__(self) -> CrossArticleIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()

    def add(self, record_id: str, extraction: Extraction) -> None:
        self._db.executemany(
            "INSERT INTO facts (record_id, subject, year, kind, field, path, value, spans, label) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((record_id, *fact) for fact in _facts(extraction)),
        )

    def flags_for(self, record_id: str) -> list[Flag]:
        """A flag for each fact of the record that other records contradict, naming at most
        a few of them per contradicting value."""
        if not self._indexed:
            self._db.executescript(_BUCKETS)
            self._indexed = True
        flags: list[Flag] = []
        for subject, year, kind, field, value, spans, subject_name, other_value in self._db.execute(
            _CONTRADICTED, (record_id,)
        ).fetchall():
            if kind == "score":
                gap = abs(cents(value) - cents(other_value))
                if gap == 0:
                    continue
                severity = Severity.info if gap <= 1 else Severity.error
            else:
                severity = Severity.error
            others = self._db.execute(_OTHERS, (subject, year, kind, other_value, record_id, _MAX_RELATED))
            for (theirs,) in others.fetchall():
                flags.append(
                    _conflict(subject_name, year, kind, field, value, spans, theirs, other_value, severity)
                )
        return flags


def _conflict(
    subject_name: str,
    year: int,
    kind: str,
    field: str,
    value: float | str,
    spans: str,
    theirs: str,
    their_value: float | str,
    severity: Severity,
) -> Flag:
    message = (
        f"{subject_name} {year}: this record has {kind} {_show(value)}, "
        f"record {theirs!r} has {_show(their_value)}"
        + (" (one score printed two ways?)." if severity == Severity.info else ".")
    )
    return flag(
        CONFLICT,
        severity,
        field,
        message,
        _BASIS,
        [Span(start=start, end=end) for start, end in json.loads(spans)],
        related_record=theirs,
    )


def cross_article_flags(records: Iterable[tuple[str, Extraction]]) -> dict[str, list[Flag]]:
    """Flags per record id for every other record that disagrees on a (subject, year) fact."""
    ids: list[str] = []
    with CrossArticleIndex() as index:
        for record_id, extraction in records:
            index.add(record_id, extraction)
            ids.append(record_id)
        found = {record_id: index.flags_for(record_id) for record_id in dict.fromkeys(ids)}
    return {record_id: flags for record_id, flags in found.items() if flags}
