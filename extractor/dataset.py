"""The dataset an analyst publishes: one row per subject and assessment year, from every record.

A result printed by three outlets is three records and one row. Each row says how many records
report it (``articles``), how many of those are independent (``releases``: records linked by the
``same_release`` check, one press release printed by several outlets, count once), which records
and addresses (``sources``, ``urls``), and whether they agree (``agreement``: ``single``, ``agree``,
or ``conflict`` when scores differ by more than 0,01 or zones differ).

Values are the effective ones (a reviewer's corrections applied); a rejected record counts for
nothing, and when any record of a row was reviewed, only the reviewed records give its values.
Among those, each value is the one most records give (ties: the record with the fewest open flags,
then the first id). A record's earlier results ("79,19 pada 2023") fill an earlier year only where
no record reports that year: such a row's ``basis`` is ``previous`` (secondary evidence). The
results an article gives other subjects (``others``: a round-up's "Pemkab Badung (97,53)") are
reports of those subjects' years too, with ``basis`` ``roundup`` where no article of the subject's
own reports it (``direct``); they count toward ``articles`` and ``agreement`` alike. Records of
another body's index, or with no Ombudsman result, give no row, nor does a group's own value (a
round-up's subject, kind ``other``).

Beside the results, ``units`` has one row per assessed unit of a subject-year, from the records
that report that year directly.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from extractor.checks import key_of
from extractor.checks._text import cents
from extractor.effective import active_decisions
from extractor.matching import fold_name
from extractor.review import Effective, effective
from schemas.record import Extraction, Record, Subject, Unit
from schemas.values import AssessmentKind, SubjectKind

DIRECT, ROUNDUP, PREVIOUS = "direct", "roundup", "previous"
SINGLE, AGREE, CONFLICT = "single", "agree", "conflict"
_BRACKETS = re.compile(r"\(([^)]*)\)")
SAME_RELEASE = "same_release"
_RESULTS = {AssessmentKind.ombudsman_compliance, AssessmentKind.ombudsman_opini_2025}


@dataclass(frozen=True)
class Statement:
    """One record's result (or earlier result) for one subject and year."""

    record_id: str
    key: str
    subject: str
    region_code: str | None
    kind: str
    year: int
    score: float | None
    zone: str | None
    grade: str | None
    basis: str
    reviewed: bool
    open_flags: frozenset[str]
    url: str | None


@dataclass
class _Reports:
    direct: list[Statement] = field(default_factory=list)  # the subject's own article
    roundup: list[Statement] = field(default_factory=list)  # another subject's article (``others``)
    previous: list[Statement] = field(default_factory=list)


def dataset_rows(
    records: Iterable[Record], texts: dict[str, str | None], effs: Mapping[str, Effective] | None = None
) -> list[dict[str, Any]]:
    """The result rows (see the module's docstring), sorted by subject and year."""
    return build(records, texts, effs)[0]


def build(
    records: Iterable[Record], texts: dict[str, str | None], effs: Mapping[str, Effective] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(result rows, unit rows). ``effs``: each record's effective values by record id, where the
    caller has them already (the report computes them for its page too)."""
    reports: dict[tuple[str, int], _Reports] = defaultdict(_Reports)
    extractions: dict[str, Extraction] = {}
    releases = _Releases()
    for record in records:
        releases.add(record)
        eff = effs[record.record_id] if effs is not None else effective(record, texts.get(record.record_id))
        if eff.extraction is None or eff.rejected:
            continue
        extractions[record.record_id] = eff.extraction
        open_flags = frozenset(flag.code for flag in eff.open_flags)
        for statement in statements(record, eff.extraction, open_flags):
            getattr(reports[(statement.key, statement.year)], statement.basis).append(statement)
    rows, units = [], []
    for (_, year), found in reports.items():
        chosen = (found.direct + found.roundup) or found.previous
        rows.append(_row(year, chosen, releases))
        if found.direct:
            units += _unit_rows(year, found.direct, extractions)
    rows.sort(key=lambda row: (row["subject"].casefold(), row["assessment_year"]))
    units.sort(key=lambda row: (row["subject"].casefold(), row["assessment_year"], row["unit"].casefold()))
    return rows, units


def statements(record: Record, extraction: Extraction, open_flags: frozenset[str]) -> Iterator[Statement]:
    """The record's own result for its year, the earlier results it states, and the results it
    gives other subjects."""
    if extraction.assessment not in _RESULTS:
        return
    e = extraction

    def said(
        subject: Subject, year: int, score: float | None, zone: Any, grade: Any, basis: str
    ) -> Statement:
        return Statement(
            record_id=record.record_id,
            key=key_of(subject),
            subject=subject.name,
            region_code=subject.region_code,
            kind=subject.kind.value,
            year=year,
            score=score,
            zone=getattr(zone, "value", None),
            grade=getattr(grade, "value", None),
            basis=basis,
            reviewed=bool(active_decisions(record)),  # an undone decision is none
            open_flags=open_flags,
            url=record.source.url,
        )

    subject = e.subject
    if subject is not None and subject.kind != SubjectKind.other:  # a group's own values are no row
        if e.assessment_year is not None and (e.score, e.zone, e.grade) != (None, None, None):
            yield said(subject, e.assessment_year, e.score, e.zone, e.grade, DIRECT)
        for previous in e.previous:
            if previous.year != e.assessment_year:
                yield said(subject, previous.year, previous.score, None, None, PREVIOUS)
    for other in e.others:
        year = e.year_of(other)
        stated = (other.score, other.zone, other.grade) != (None, None, None)
        if year is not None and stated and other.subject.kind != SubjectKind.other:
            yield said(other.subject, year, other.score, other.zone, other.grade, ROUNDUP)


def _row(year: int, found: list[Statement], releases: _Releases) -> dict[str, Any]:
    reviewed = [s for s in found if s.reviewed]
    # A subject's own article before a round-up's line about it, then the fewest open flags.
    candidates = sorted(reviewed or found, key=lambda s: (s.basis != DIRECT, len(s.open_flags), s.record_id))
    first = candidates[0]
    ids = sorted({s.record_id for s in found})
    return {
        "subject": first.subject,
        "region_code": first.region_code,
        "kind": first.kind,
        "assessment_year": year,
        "score": _most_given([s.score for s in candidates]),
        "zone": _most_given([s.zone for s in candidates]),
        "grade": _most_given([s.grade for s in candidates]),
        "basis": first.basis,  # direct where any own article reports it
        "articles": len(ids),
        "releases": releases.count(ids),
        "agreement": agreement(found),
        "reviewed": bool(reviewed),
        "sources": " ".join(ids),
        "urls": " ".join(sorted({s.url for s in found if s.url})),
        "flags": " ".join(sorted(set().union(*(s.open_flags for s in found)))),
    }


def _most_given(values: list[Any]) -> Any:
    """The value most statements give; a tie goes to the earlier statement (they come sorted)."""
    given = [v for v in values if v is not None]
    if not given:
        return None
    counts = Counter(given)
    return max(given, key=lambda v: counts[v])  # max keeps the first of equal counts


def agreement(found: list[Statement]) -> str:
    """``single`` with one record; ``conflict`` when two give scores more than 0,01 apart or
    different zones or grades (as the cross-article check judges them); else ``agree``."""
    if len({s.record_id for s in found}) < 2:
        return SINGLE
    values = [(s.score, s.zone, s.grade) for s in found]
    return CONFLICT if disagree(values) else AGREE


def disagree(values: Iterable[tuple[float | None, Any, Any]]) -> bool:
    """Whether (score, zone, grade) statements contradict each other: scores more than one
    hundredth apart ("98,17" and "98,18" are one score printed two ways, ``checks._cross``),
    or different zones or grades."""
    found = list(values)
    scores = sorted({cents(score) for score, _, _ in found if score is not None})
    zones = {zone for _, zone, _ in found if zone is not None}
    grades = {grade for _, _, grade in found if grade is not None}
    return len(zones) > 1 or len(grades) > 1 or (bool(scores) and scores[-1] - scores[0] > 1)


class _Releases:
    """Which records print one press release: the ``same_release`` flags' links, joined (a union-find)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def _root(self, record_id: str) -> str:
        parent = self._parent.setdefault(record_id, record_id)
        while parent != self._parent[parent]:
            self._parent[parent] = self._parent[self._parent[parent]]
            parent = self._parent[parent]
        return parent

    def add(self, record: Record) -> None:
        self._root(record.record_id)
        for flag in record.flags:
            if flag.code == SAME_RELEASE and flag.related_record:
                self._parent[self._root(flag.related_record)] = self._root(record.record_id)

    def count(self, record_ids: Iterable[str]) -> int:
        return len({self._root(record_id) for record_id in record_ids})


def _unit_rows(year: int, found: list[Statement], extractions: dict[str, Extraction]) -> list[dict[str, Any]]:
    first = found[0]
    rows = []
    for entries in _same_units((statement.record_id, unit) for statement in found
                               for unit in extractions[statement.record_id].units):  # fmt: skip
        units = [unit for _, unit in entries]
        ids = sorted({record_id for record_id, _ in entries})
        differ = disagree((u.score, u.zone, u.grade) for u in units)
        rows.append(
            {
                "subject": first.subject,
                "region_code": first.region_code,
                "assessment_year": year,
                # the fullest form names the row ("Dinas Sosial (Dinsos)" over "Dinsos")
                "unit": max((u.name for u in units), key=len),
                "score": _most_given([u.score for u in units]),
                "zone": _most_given([u.zone.value if u.zone else None for u in units]),
                "grade": _most_given([u.grade.value if u.grade else None for u in units]),
                "articles": len(ids),
                "agreement": SINGLE if len(ids) < 2 else CONFLICT if differ else AGREE,
                "sources": " ".join(ids),
            }
        )
    return rows


def _same_units(entries: Iterable[tuple[str, Unit]]) -> list[list[tuple[str, Unit]]]:
    """The units named alike grouped: "Dinas Sosial (Dinsos)" is "Dinas Sosial" and "Dinsos", so the
    three are one unit. Two names link when one's name outside brackets is the other's, or stands
    in the other's brackets; a bracket the two share links nothing ("Puskesmas Beji (UPT)" and
    "Puskesmas Junrejo (UPT)" are two). Groups that a name links are merged, in the order the units
    first come."""
    groups: list[_UnitGroup] = []
    for record_id, unit in entries:
        outer, brackets = _name_parts(unit.name)
        linked = [g for g in groups if outer in g.outers or outer in g.brackets or g.outers & brackets]
        merged = _UnitGroup({outer}, set(brackets), [])
        for group in linked:
            merged.outers.update(group.outers)
            merged.brackets.update(group.brackets)
            merged.members.extend(group.members)
        merged.members.append((record_id, unit))
        at = next(i for i, group in enumerate(groups) if group is linked[0]) if linked else len(groups)
        groups = [group for group in groups if not any(group is other for other in linked)]
        groups.insert(min(at, len(groups)), merged)
    return [group.members for group in groups]


@dataclass
class _UnitGroup:
    outers: set[str]  # the members' names outside brackets, folded
    brackets: set[str]  # what their brackets hold, folded
    members: list[tuple[str, Unit]]


def _name_parts(name: str) -> tuple[str, set[str]]:
    """A unit name folded outside its brackets, and each bracket's content folded."""
    outer = fold_name(_BRACKETS.sub(" ", name)) or fold_name(name)
    return outer, {fold_name(part) for part in _BRACKETS.findall(name)} - {outer, ""}
