"""Effective values: the machine's extraction with a reviewer's corrections applied; a pure module.

``Record.extraction`` is never changed. Everything here is computed from it and ``Record.review``:
the effective extraction (every correction applied in order), its flags (the checks re-run on
the corrected values; without corrections, the stored flags), which of them are still open, and
the status: ``reviewed`` once a decision settled every error and warning, or the record was
rejected. Decisions are made here too, as a new record with one more decision appended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from extractor.checks import CHECKS, TEXT_CODES, run_checks, status_for
from extractor.review._paths import CorrectionError, apply_correction, get_value, validate_extraction
from schemas.record import (
    Correction,
    Decision,
    Extraction,
    Flag,
    FlagRef,
    Record,
    ReviewAction,
    Severity,
    Status,
)

_CHECK_CODES = frozenset(code for check in CHECKS for code in check.codes)
_OPEN_SEVERITIES = {Severity.error, Severity.warning}


@dataclass(frozen=True)
class Effective:
    """What a record amounts to after its review."""

    extraction: Extraction | None
    flags: list[Flag]
    open_flags: list[Flag]  # errors and warnings no decision has settled
    status: Status
    rejected: bool


def corrected(record: Record) -> bool:
    return any(decision.corrections for decision in record.review)


def effective_extraction(record: Record) -> Extraction | None:
    """The extraction with every correction of every decision applied, oldest first."""
    if record.extraction is None or not corrected(record):
        return record.extraction
    data = record.extraction.model_dump(mode="json")
    for decision in record.review:
        for correction in decision.corrections:
            apply_correction(data, correction.field, correction.new)
    return validate_extraction(data)


def effective_flags(record: Record, extraction: Extraction | None, text: str | None) -> list[Flag]:
    """The checks' flags for the effective values.

    Without corrections they are the stored flags (which ``extractor check`` keeps current). With
    them the checks run again on the corrected values; flags no single-article check makes (across
    articles, a second engine) are kept, and so, when the article cannot be read, are the stored
    flags of the checks that need it (they cannot be re-verified, and dropping them would hide them).
    """
    if extraction is None or not corrected(record):
        return list(record.flags)
    fresh = run_checks(extraction, text)
    kept = [f for f in record.flags if f.code not in _CHECK_CODES]
    if text is None:
        kept += [f for f in record.flags if f.code in TEXT_CODES and f not in fresh]
    return fresh + kept


def rejected(record: Record) -> bool:
    """The latest accept-or-reject decision is a reject (a later accept undoes a reject)."""
    verdicts = [d.action for d in record.review if d.action != ReviewAction.correct]
    return bool(verdicts) and verdicts[-1] == ReviewAction.reject


def _settled(record: Record) -> set[tuple[str, str]]:
    return {(ref.code, ref.field) for decision in record.review for ref in decision.resolved}


def effective(record: Record, text: str | None) -> Effective:
    extraction = effective_extraction(record)
    flags = effective_flags(record, extraction, text)
    settled = _settled(record)
    open_flags = [f for f in flags if f.severity in _OPEN_SEVERITIES and (f.code, f.field) not in settled]
    is_rejected = rejected(record)
    if record.extraction is None:
        status = Status.failed
    elif not record.review:
        status = status_for(flags)
    elif is_rejected or not open_flags:
        status = Status.reviewed
    else:
        status = Status.flagged
    return Effective(extraction, flags, open_flags, status, is_rejected)


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
