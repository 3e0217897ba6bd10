"""Effective values and decisions for the review pages: ``extractor.effective`` with the checks.

What the effective values are (corrections applied in order, their flags, the open flags, the
status) is ``extractor.effective``, which imports neither the checks nor this package; here it
is bound to the checks (``RECHECKER``, the same ``extractor check`` uses). Decisions are made
here too, as a new record with one more decision appended.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor import effective as _core
from extractor.checks._folder import RECHECKER
from extractor.effective import (
    CorrectionError,
    Effective,
    apply_correction,
    corrected,
    get_value,
    rejected,
    validate_extraction,
)
from schemas.record import Correction, Decision, Extraction, FlagRef, Record, ReviewAction

__all__ = ["Effective", "corrected", "decide", "effective", "effective_extraction", "rejected"]


def effective_extraction(record: Record) -> Extraction | None:
    """The extraction with every correction of every decision applied, oldest first."""
    return _core.effective_extraction(record)


def effective(record: Record, text: str | None) -> Effective:
    """The effective values, their flags, the open ones and the status (``extractor.effective``)."""
    return _core.effective(record, text, RECHECKER)


def _normalised(data: dict[str, Any], field: str, new: Any) -> Any:
    """The value as the schema stores it ("82,28" -> 82.28), so the history shows what counts."""
    if new is None:
        return None
    try:
        value = get_value(validate_extraction(data).model_dump(mode="json"), field)
    except CorrectionError:
        return new  # another change of this decision may make it valid; the final check says
    apply_correction(data, field, value)
    return value


def _covers(path: str, field: str) -> bool:
    return field == path or field.startswith((path + ".", path + "["))


def decide(
    record: Record,
    action: ReviewAction,
    *,
    changes: list[tuple[str, Any]] | None = None,
    note: str | None = None,
    reviewer: str,
    text: str | None,
    at: dt.datetime | None = None,
) -> Record:
    """The record with one more decision, its status recomputed; the extraction stays as it was.

    ``changes`` are (field path, new value) pairs for ``correct``; the old values are read from
    the effective values. Accept and reject settle every open flag; a correction settles the open
    flags on the fields it changed (the reviewer has said what the value is), and any other flag,
    including one the corrected values raise, stays open until accepted.
    """
    return _decide(record, action, changes, note, reviewer, text, at)


def _decide(
    record: Record,
    action: ReviewAction,
    changes: list[tuple[str, Any]] | None,
    note: str | None,
    reviewer: str,
    text: str | None,
    at: dt.datetime | None,
) -> Record:
    if record.extraction is None:
        raise CorrectionError(["a failed record has no values to review"])
    current = effective_extraction(record)
    assert current is not None
    corrections: list[Correction] = []
    if action == ReviewAction.correct:
        data = current.model_dump(mode="json")
        for field, new in changes or []:
            old = apply_correction(data, field, new)
            new = _normalised(data, field, new)
            if old != new:
                corrections.append(Correction(field=field, old=old, new=new))
        validate_extraction(data)
        if not corrections:
            raise CorrectionError(["nothing to correct: every value is the same as before"])
    elif changes:
        raise CorrectionError([f"an '{action.value}' decision carries no corrections"])
    decision = Decision(
        action=action,
        corrections=corrections,
        note=(note or "").strip() or None,
        reviewer=reviewer,
        at=at or dt.datetime.now(dt.UTC),
    )
    # The decision first without what it settles, to see which flags are open once it applies.
    draft = record.model_copy(update={"review": [*record.review, decision]})
    after = effective(draft, text)
    if action == ReviewAction.correct:
        settles = [f for f in after.open_flags if any(_covers(c.field, f.field) for c in corrections)]
    else:
        settles = after.open_flags
    refs = list({(f.code, f.field): FlagRef(code=f.code, field=f.field) for f in settles}.values())
    decision = decision.model_copy(update={"resolved": refs})
    final = record.model_copy(update={"review": [*record.review, decision]})
    return final.model_copy(update={"status": effective(final, text).status})
