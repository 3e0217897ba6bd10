"""The JSON the review page reads: queue rows, and one record laid out field by field.

A row is one evidence key (``score``, ``units[2]``) with the leaves a reviewer may correct, the
machine's value beside any corrected one, its quote (or that the quote was not found), and the
flags about it. Flags about no single row (``units`` count, ``source``) go with the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractor.review._effective import Effective
from extractor.review._highlight import field_colours, segments
from extractor.review._paths import get_value
from schemas.record import Extraction, Flag, Record
from schemas.values import AssessmentKind, Grade, SubjectKind, Zone


@dataclass(frozen=True)
class Leaf:
    name: str
    label: str
    options: tuple[str, ...] | None = None  # a choice; None: free text


_ZONES = ("", *(z.value for z in Zone))
_GRADES = ("", *(g.value for g in Grade))
_SCALARS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("assessment", "assessment", tuple(a.value for a in AssessmentKind)),
    ("assessment_year", "year", None),
    ("score", "score", None),
    ("zone", "zone", _ZONES),
    ("grade", "grade", _GRADES),
    ("published", "published (YYYY-MM-DD)", None),
)
SUBJECT_LEAVES = (
    Leaf("name", "name"),
    Leaf("name_as_written", "as written"),
    Leaf("kind", "kind", tuple(k.value for k in SubjectKind)),
    Leaf("region_code", "region code"),
)
ITEM_LEAVES: dict[str, tuple[Leaf, ...]] = {
    "previous": (Leaf("year", "year"), Leaf("score", "score")),
    "officials": (Leaf("name", "name"), Leaf("role", "role")),
    "units": (
        Leaf("name", "name"),
        Leaf("score", "score"),
        Leaf("zone", "zone", _ZONES),
        Leaf("grade", "grade", _GRADES),
    ),
}
ITEM_LABELS = {"previous": "earlier result", "officials": "official", "units": "unit"}


def _covers(key: str, field: str) -> bool:
    return field == key or field.startswith((key + ".", key + "["))


def flag_json(flag: Flag, open_flags: list[Flag]) -> dict[str, Any]:
    data = flag.model_dump(mode="json")
    data["open"] = flag in open_flags
    return data


def _leaf(path: str, label: str, options: tuple[str, ...] | None, eff: Any, machine: Any) -> dict[str, Any]:
    value, was = get_value(eff, path), get_value(machine, path)
    return {
        "path": path,
        "label": label,
        "options": options,
        "value": value,
        "machine": was,
        "changed": value != was,
    }


def _row(key: str, label: str, leaves: list[dict[str, Any]], item: str | None = None) -> dict[str, Any]:
    return {"key": key, "label": label, "item": item, "leaves": leaves}


def _rows(extraction: Extraction, machine: Extraction) -> list[dict[str, Any]]:
    eff, was = extraction.model_dump(mode="json"), machine.model_dump(mode="json")
    subject = [_leaf(f"subject.{leaf.name}", leaf.label, leaf.options, eff, was) for leaf in SUBJECT_LEAVES]
    rows = [_row("subject", "subject", subject)]
    rows += [_row(key, label, [_leaf(key, label, options, eff, was)]) for key, label, options in _SCALARS]
    for name, leaves in ITEM_LEAVES.items():
        for i in range(len(eff[name])):
            key = f"{name}[{i}]"
            cells = [_leaf(f"{key}.{leaf.name}", leaf.label, leaf.options, eff, was) for leaf in leaves]
            rows.append(_row(key, f"{ITEM_LABELS[name]} {i + 1}", cells, name))
    return rows


def record_view(
    record: Record, version: str, eff: Effective, text: str | None, text_problem: str
) -> dict[str, Any]:
    """Everything the page shows for one record."""
    view: dict[str, Any] = {
        "record_id": record.record_id,
        "version": version,
        "status": eff.status.value,
        "rejected": eff.rejected,
        "source": record.source.path,
        "engine": record.provenance.engine,
        "model": record.provenance.model,
        "failure": record.failure.model_dump(mode="json") if record.failure else None,
        "review": [d.model_dump(mode="json") for d in record.review],
        "text": text,
        "text_problem": text_problem,
        "rows": [],
        "flags": [],
        "segments": [],
        "colours": {},
        "item_leaves": {
            name: [{"name": leaf.name, "label": leaf.label, "options": leaf.options} for leaf in leaves]
            for name, leaves in ITEM_LEAVES.items()
        },
    }
    if eff.extraction is None or record.extraction is None:
        view["flags"] = [flag_json(f, eff.open_flags) for f in eff.flags]
        return view
    evidence = eff.extraction.evidence
    colours = field_colours(evidence)
    rows = _rows(eff.extraction, record.extraction)
    placed: set[int] = set()
    for row in rows:
        ev = evidence.get(row["key"])
        row["evidence"] = ev.model_dump(mode="json") if ev else None
        row["colour"] = colours.get(row["key"]) if ev and ev.aligned else None  # nothing to colour
        row["flags"] = []
        for i, flag in enumerate(eff.flags):
            if _covers(row["key"], flag.field):
                row["flags"].append(flag_json(flag, eff.open_flags))
                placed.add(i)
    view["rows"] = rows
    view["flags"] = [flag_json(f, eff.open_flags) for i, f in enumerate(eff.flags) if i not in placed]
    view["colours"] = colours
    if text is not None:
        view["segments"] = [[s.start, s.end, list(s.fields)] for s in segments(text, evidence)]
    return view


def queue_row(record: Record, eff: Effective) -> dict[str, Any]:
    e = eff.extraction
    return {
        "record_id": record.record_id,
        "status": eff.status.value,
        "rejected": eff.rejected,
        "subject": e.subject.name if e and e.subject else None,
        "year": e.assessment_year if e else None,
        "score": e.score if e else None,
        "codes": sorted({f.code for f in eff.flags}),
        "open": len(eff.open_flags),
        "decisions": len(record.review),
    }


def matches(row: dict[str, Any], code: str, status: str, subject: str, year: str) -> bool:
    """The queue's filters; an empty one lets everything through."""
    if code and code not in row["codes"]:
        return False
    if status and status != "all" and row["status"] != status:
        return False
    if subject:
        needle = subject.casefold()
        if needle not in (row["subject"] or "").casefold() and needle not in row["record_id"].casefold():
            return False
    return not year or str(row["year"]) == year
