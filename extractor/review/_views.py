"""The JSON the review page reads: queue rows, and one record laid out field by field.

A row is one evidence key (``score``, ``units[2]``) with the leaves a reviewer may correct, the
machine's value beside any corrected one, its quote (the reviewer's where one was chosen, with
the machine's beside it; or that the quote was not found; a machine's quote for a value corrected
since is shown as outdated and no longer marked in the article), and the flags about it. Flags about no
single row (``units`` count, ``source``) go with the record. Every flag has an ``id`` (its place in
the effective flags) that the text segments name, so the page marks the words a flag points at.
"""

from __future__ import annotations

from typing import Any

from extractor.effective import chosen_quotes, covers, outdated_quotes
from extractor.review._effective import Effective, active_decisions, last_in_force
from extractor.review._highlight import field_colours, segments
from extractor.review._options import ITEM_LABELS, ITEM_LEAVES, SCALARS, SUBJECT_LEAVES, grade_labels
from extractor.review._paths import get_value
from schemas.record import Evidence, Extraction, Flag, Record, ReviewAction


def flag_json(flag: Flag, number: int, open_flags: list[Flag]) -> dict[str, Any]:
    data = flag.model_dump(mode="json")
    data["id"] = number
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
    rows += [_row(key, label, [_leaf(key, label, options, eff, was)]) for key, label, options in SCALARS]
    for name, leaves in ITEM_LEAVES.items():
        for i in range(len(eff[name])):
            key = f"{name}[{i}]"
            cells = [_leaf(f"{key}.{leaf.name}", leaf.label, leaf.options, eff, was) for leaf in leaves]
            rows.append(_row(key, f"{ITEM_LABELS[name]} {i + 1}", cells, name))
    return rows


def _decisions(record: Record) -> list[dict[str, Any]]:
    """The history, each decision saying whether it is still in force (an undo took it back)."""
    undone_by = {d.undoes: i for i, d in enumerate(record.review) if d.undoes is not None}
    return [
        {**d.model_dump(mode="json"), "index": i, "undone_by": undone_by.get(i)}
        for i, d in enumerate(record.review)
    ]


def _undo(record: Record) -> dict[str, Any] | None:
    """The decision an undo would take back, for the page's button."""
    index = last_in_force(record)
    if index is None:
        return None
    decision = record.review[index]
    return {"index": index, "action": decision.action.value, "reviewer": decision.reviewer}


def _place_evidence(
    row: dict[str, Any], eff: Evidence | None, machine: Evidence | None, chosen: Evidence | None
) -> None:
    """The row's quote: the reviewer's (the machine's kept beside it) or the machine's."""
    row["evidence"] = eff.model_dump(mode="json") if eff else None
    row["quote_by"] = (
        None if eff is None else ("reviewer" if chosen is not None and eff == chosen else "machine")
    )
    row["machine_evidence"] = machine.model_dump(mode="json") if machine and machine != eff else None


def record_view(
    record: Record, version: str, eff: Effective, text: str | None, text_problem: str
) -> dict[str, Any]:
    """Everything the page shows for one record."""
    in_force = active_decisions(record)
    view: dict[str, Any] = {
        "record_id": record.record_id,
        "version": version,
        "status": eff.status.value,
        "rejected": eff.rejected,
        "source": record.source.path,
        "engine": record.provenance.engine,
        "model": record.provenance.model,
        "failure": record.failure.model_dump(mode="json") if record.failure else None,
        "review": _decisions(record),
        "undo": _undo(record),
        "can_reopen": bool(in_force) and in_force[-1].action != ReviewAction.reopen,
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
        "grade_labels": grade_labels(),
    }
    numbered = list(enumerate(eff.flags))
    if eff.extraction is None or record.extraction is None:
        view["flags"] = [flag_json(f, i, eff.open_flags) for i, f in numbered]
        return view
    evidence = eff.extraction.evidence
    # The words a reviewer chose, by key (the latest decision's for each), not by value: a quote
    # chosen for one value may equal another value's machine quote.
    chosen = chosen_quotes(record)
    # A value changed while its quote is still the machine's: the quote speaks for the old value.
    outdated = outdated_quotes(record, eff.extraction)
    colours = field_colours(evidence)
    rows = _rows(eff.extraction, record.extraction)
    placed: set[int] = set()
    for row in rows:
        ev = evidence.get(row["key"])
        _place_evidence(row, ev, record.extraction.evidence.get(row["key"]), chosen.get(row["key"]))
        row["quote_outdated"] = row["key"] in outdated
        # Nothing to colour: no quote found, or one that speaks for a value corrected since.
        shown = ev is not None and ev.aligned and not row["quote_outdated"]
        row["colour"] = colours.get(row["key"]) if shown else None
        row["flags"] = []
        for i, flag in numbered:
            if covers(row["key"], flag.field):
                row["flags"].append(flag_json(flag, i, eff.open_flags))
                placed.add(i)
    view["rows"] = rows
    view["flags"] = [flag_json(f, i, eff.open_flags) for i, f in numbered if i not in placed]
    view["colours"] = colours
    if text is not None:
        # The article marks each value's evidence; an outdated quote is no evidence of the new value.
        current = {row["key"]: evidence[row["key"]] for row in rows if row["colour"] is not None}
        current |= {key: ev for key, ev in evidence.items() if key not in {row["key"] for row in rows}}
        spans = [(span.start, span.end, i) for i, flag in numbered for span in flag.evidence]
        view["segments"] = [
            [s.start, s.end, list(s.fields), list(s.flags)] for s in segments(text, current, spans)
        ]
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


def progress(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Of the records that needed a person (flagged now, or reviewed), how many are settled."""
    needing = [row for row in rows if row["status"] in ("flagged", "reviewed")]
    return {"settled": sum(row["status"] == "reviewed" for row in needing), "total": len(needing)}


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
