"""Measure stored records against gold: precision, recall and F1 per field, and what differs.

Gold is the format of ``shared/corpus/README.md`` (one ``NNN.json`` per article); a record is
matched to the gold file of the same stem. Counting, per field and article:

- a single value (subject, kind, assessment_year, score, zone, grade): right -> TP; given where
  gold has none -> FP (so a confuser's record with an Ombudsman score is a false positive);
  missing where gold has one -> FN; wrong -> FP and FN;
- a list (previous, officials, units): items are paired one to one; a paired item is a TP, an
  extra one an FP, a missing one an FN. previous pairs on year and score; officials on the
  person's name (a different role is reported as a difference only: the person was found); units
  on name and score (a unit's zone and grade are reported as differences only).
- others (other subjects' results): paired on the normalised subject and the year; a pair is a
  TP when its score, zone and grade are those of gold too, else an FP and an FN (the wrong value
  is reported), as the main result's fields are counted.
- a failed or absent record counts as all missing.

Numbers are compared to two decimals. Names and roles are compared loosely: case, spacing and
punctuation do not count, and "Long Name (ABBR)" equals "Long Name" and "ABBR"; a person's
name also equals it without a leading honorific ("H", "Hj", "Dr"...); a role also matches a role
that contains it ("Wali Kota Batu" and "Pj Wali Kota Batu").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from extractor.matching import same_number, same_person, same_role, same_subject, same_unit_name
from extractor.store import iter_record_paths, try_read_record
from schemas.record import Extraction, Record, Status

FIELDS = (
    "subject", "kind", "assessment_year", "score", "zone", "grade",
    "previous", "officials", "units", "others",
)  # fmt: skip

T = TypeVar("T")
UnitFacts = tuple[str, float | None, str | None, str | None]  # name, score, zone, grade
# subject name, kind, year, score, zone, grade
OtherFacts = tuple[str, str | None, int | None, float | None, str | None, str | None]


# --- gold --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """The compared facts of one article, from gold or from a record."""

    subject: str | None = None
    kind: str | None = None
    assessment_year: int | None = None
    score: float | None = None
    zone: str | None = None
    grade: str | None = None
    previous: tuple[tuple[int, float], ...] = ()
    officials: tuple[tuple[str, str], ...] = ()
    units: tuple[UnitFacts, ...] = ()
    others: tuple[OtherFacts, ...] = ()


def facts_from_gold(data: dict[str, Any]) -> Facts:
    subject = data.get("subject") or {}
    return Facts(
        subject=subject.get("name"),
        kind=subject.get("kind"),
        assessment_year=data.get("assessment_year"),
        score=data.get("score"),
        zone=data.get("zone"),
        grade=data.get("grade"),
        previous=tuple((int(p["year"]), float(p["score"])) for p in data.get("previous") or []),
        officials=tuple((o["name"], o.get("role") or "") for o in data.get("officials") or []),
        units=tuple(
            (u["name"], u.get("score"), u.get("zone"), u.get("grade")) for u in data.get("units") or []
        ),
        others=tuple(
            (
                (o.get("subject") or {}).get("name") or "",
                (o.get("subject") or {}).get("kind"),
                o.get("assessment_year"),
                o.get("score"),
                o.get("zone"),
                o.get("grade"),
            )
            for o in data.get("others") or []
        ),
    )


def facts_from_extraction(extraction: Extraction | None) -> Facts:
    if extraction is None:
        return Facts()
    subject = extraction.subject
    return Facts(
        subject=subject.name if subject else None,
        kind=subject.kind.value if subject else None,
        assessment_year=extraction.assessment_year,
        score=extraction.score,
        zone=extraction.zone.value if extraction.zone else None,
        grade=extraction.grade.value if extraction.grade else None,
        previous=tuple((p.year, p.score) for p in extraction.previous),
        officials=tuple((o.name, o.role) for o in extraction.officials),
        units=tuple(
            (u.name, u.score, u.zone.value if u.zone else None, u.grade.value if u.grade else None)
            for u in extraction.units
        ),
        others=tuple(
            (
                o.subject.name,
                o.subject.kind.value,
                extraction.year_of(o),
                o.score,
                o.zone.value if o.zone else None,
                o.grade.value if o.grade else None,
            )
            for o in extraction.others
        ),
    )


def load_gold_dir(gold_dir: Path) -> dict[str, Facts]:
    return {
        path.stem: facts_from_gold(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(gold_dir.glob("*.json"))
        if not path.name.startswith("_")
    }


def load_records(records_dir: Path) -> dict[str, Record]:
    """Records by the stem of their article (and by record id, where that differs)."""
    records: dict[str, Record] = {}
    for path in iter_record_paths(records_dir):
        record = try_read_record(path)
        if record is None:
            continue
        records.setdefault(record.record_id, record)
        records.setdefault(Path(record.source.path).stem, record)
    return records


# --- counting ----------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class ArticleResult:
    stem: str
    status: str  # ok / flagged / failed / missing
    counts: dict[str, Counts] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    fields: dict[str, Counts]
    articles: list[ArticleResult]
    records_without_gold: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": {name: counts.as_dict() for name, counts in self.fields.items()},
            "articles": [
                {
                    "article": a.stem,
                    "status": a.status,
                    "counts": {name: c.as_dict() for name, c in a.counts.items()},
                    "differences": a.differences,
                }
                for a in self.articles
            ],
            "records_without_gold": self.records_without_gold,
        }


def _scalar(
    counts: Counts, diffs: list[str], name: str, gold: Any, got: Any, same: Callable[[Any, Any], bool]
) -> None:
    if gold is None and got is None:
        return
    if gold is None:
        counts.fp += 1
        diffs.append(f"{name}: gold has none, got {_show(got)}")
    elif got is None:
        counts.fn += 1
        diffs.append(f"{name}: missing, gold {_show(gold)}")
    elif same(gold, got):
        counts.tp += 1
    else:
        counts.fp += 1
        counts.fn += 1
        diffs.append(f"{name}: gold {_show(gold)}, got {_show(got)}")


def pair_indices(
    gold: Sequence[T], got: Sequence[T], same: Callable[[T, T], bool]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair items one to one: (gold index, got index) pairs, unpaired gold and unpaired got indices.

    Each gold item, in order, takes the first item of ``got`` still free that is the same.
    """
    left = list(range(len(got)))
    paired: list[tuple[int, int]] = []
    missing: list[int] = []
    for i, item in enumerate(gold):
        match = next((j for j in left if same(item, got[j])), None)
        if match is None:
            missing.append(i)
        else:
            left.remove(match)
            paired.append((i, match))
    return paired, missing, left


def _pairs(
    counts: Counts, diffs: list[str], name: str, gold: Sequence[T], got: Sequence[T],
    same: Callable[[T, T], bool], show: Callable[[T], str],
) -> list[tuple[T, T]]:  # fmt: skip
    paired, missing, extra = pair_indices(gold, got, same)
    counts.tp += len(paired)
    counts.fn += len(missing)
    counts.fp += len(extra)
    diffs.extend(f"{name}: missing {show(gold[i])}" for i in missing)
    diffs.extend(f"{name}: extra {show(got[j])}" for j in extra)
    return [(gold[i], got[j]) for i, j in paired]


def same_official(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Officials (name, role) pair on the person's name: the right person with another role is
    found, and the role is reported as a difference of its own (``compare``)."""
    return same_person(a[0], b[0])


def same_unit(a: UnitFacts, b: UnitFacts) -> bool:
    """Units (name, score, zone, grade) pair on the name and, where gold has one, the score."""
    return same_unit_name(a[0], b[0]) and (a[1] is None or same_number(a[1], b[1]))


def same_other_subject(a: OtherFacts, b: OtherFacts) -> bool:
    """Other results pair on the subject (normalised) and the year."""
    return a[2] == b[2] and same_subject((a[0], a[1]), (b[0], b[1]))


def other_differences(a: OtherFacts, b: OtherFacts) -> list[str]:
    """The values of a paired other result that differ: score, zone, grade."""
    wrong = []
    if not (a[3] is None and b[3] is None) and not same_number(a[3], b[3]):
        wrong.append(f"score: gold {_show(a[3])}, got {_show(b[3])}")
    for label, index in (("zone", 4), ("grade", 5)):
        if a[index] != b[index]:
            wrong.append(f"{label}: gold {a[index]}, got {b[index]}")
    return wrong


def _show(value: Any) -> str:
    if isinstance(value, tuple):  # a subject: (name, kind); the kind has its own line
        return _show(value[0])
    if isinstance(value, float):
        return f"{value:.2f}"
    return repr(value) if isinstance(value, str) else str(value)


def compare(gold: Facts, got: Facts) -> tuple[dict[str, Counts], list[str]]:
    """Counts per field and the differences, for one article."""
    counts = {name: Counts() for name in FIELDS}
    diffs: list[str] = []
    _scalar(
        counts["subject"],
        diffs,
        "subject",
        None if gold.subject is None else (gold.subject, gold.kind),
        None if got.subject is None else (got.subject, got.kind),
        same_subject,
    )
    _scalar(counts["kind"], diffs, "kind", gold.kind, got.kind, lambda a, b: a == b)
    for name in ("assessment_year", "zone", "grade"):
        _scalar(counts[name], diffs, name, getattr(gold, name), getattr(got, name), lambda a, b: a == b)
    _scalar(counts["score"], diffs, "score", gold.score, got.score, same_number)
    _pairs(
        counts["previous"], diffs, "previous", gold.previous, got.previous,
        lambda a, b: a[0] == b[0] and same_number(a[1], b[1]), lambda p: f"{p[0]}: {p[1]:.2f}",
    )  # fmt: skip
    people = _pairs(
        counts["officials"], diffs, "officials", gold.officials, got.officials,
        same_official, lambda o: f"{o[0]!r} ({o[1]})",
    )  # fmt: skip
    diffs.extend(
        f"officials: {want[0]!r} role: gold {want[1]!r}, got {have[1]!r}"
        for want, have in people
        if not same_role(want[1], have[1])
    )
    paired = _pairs(
        counts["units"], diffs, "units", gold.units, got.units,
        same_unit, lambda u: f"{u[0]!r} {_show(u[1])}",
    )  # fmt: skip
    for want, have in paired:
        for label, index in (("zone", 2), ("grade", 3)):
            if want[index] != have[index]:
                diffs.append(f"units: {want[0]!r} {label}: gold {want[index]}, got {have[index]}")
    pairs, missing, extra = pair_indices(gold.others, got.others, same_other_subject)
    others = counts["others"]
    others.fn += len(missing)
    others.fp += len(extra)
    diffs.extend(f"others: missing {gold.others[i][0]!r} {gold.others[i][2]}" for i in missing)
    diffs.extend(f"others: extra {got.others[j][0]!r} {got.others[j][2]}" for j in extra)
    for i, j in pairs:
        wrong = other_differences(gold.others[i], got.others[j])
        if wrong:
            others.fp += 1
            others.fn += 1
            diffs.extend(f"others: {gold.others[i][0]!r} {w}" for w in wrong)
        else:
            others.tp += 1
    return counts, diffs


def evaluate(gold: dict[str, Facts], records: dict[str, Record]) -> Evaluation:
    totals = {name: Counts() for name in FIELDS}
    articles: list[ArticleResult] = []
    for stem, facts in sorted(gold.items()):
        record = records.get(stem)
        if record is None:
            status, got = "missing", Facts()
        else:
            status = record.status.value
            got = facts_from_extraction(record.extraction if record.status != Status.failed else None)
        counts, diffs = compare(facts, got)
        if record is not None and record.status == Status.failed and record.failure is not None:
            diffs.insert(0, f"record failed: {record.failure.kind}: {record.failure.message}")
        elif record is None:
            diffs.insert(0, "no record for this article")
        for name, value in counts.items():
            totals[name].tp += value.tp
            totals[name].fp += value.fp
            totals[name].fn += value.fn
        articles.append(ArticleResult(stem, status, counts, diffs))
    matched = {id(records[stem]) for stem in gold if stem in records}
    without = sorted({r.record_id for r in records.values() if id(r) not in matched})
    return Evaluation(totals, articles, without)


def evaluate_dirs(gold_dir: Path, records_dir: Path) -> Evaluation:
    return evaluate(load_gold_dir(gold_dir), load_records(records_dir))


def field_rows(evaluation: Evaluation) -> Iterable[tuple[str, Counts]]:
    return evaluation.fields.items()
