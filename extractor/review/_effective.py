"""Effective values and decisions for the review pages: ``extractor.effective`` with the checks.

What the effective values are (corrections applied in order, their flags, the open flags, the
status) is ``extractor.effective``, which imports neither the checks nor this package; here it
is bound to the checks (``RECHECKER``, the same ``extractor check`` uses). Decisions are made
here too, as a new record with one more decision appended: nothing is ever edited or removed,
so an undo or a reopen is one more decision as well.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from typing import Any

from extractor import effective as _core
from extractor.checks._folder import RECHECKER
from extractor.effective import (
    CorrectionError,
    Effective,
    active_decisions,
    apply_correction,
    corrected,
    covers,
    evidence_without,
    get_value,
    in_force_indices,
    parse_path,
    rejected,
    validate_extraction,
)
from schemas.record import Correction, Decision, Evidence, Extraction, Flag, FlagRef, Record, ReviewAction

__all__ = [
    "Effective",
    "NewFlags",
    "active_decisions",
    "corrected",
    "decide",
    "effective",
    "effective_extraction",
    "last_in_force",
    "new_flags",
    "rejected",
]

_EVIDENCE_KEY = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")
_NOT_QUOTABLE = {"evidence", "runner_ups"}  # what a reviewer may not point at words


class NewFlags(Exception):
    """A correction raises flags the reviewer has not seen: it is saved only once they confirm them."""

    def __init__(self, flags: list[Flag]) -> None:
        super().__init__(", ".join(f"{f.code} on {f.field}" for f in flags))
        self.flags = flags


def effective_extraction(record: Record) -> Extraction | None:
    """The extraction with every correction of every decision in force applied, oldest first."""
    return _core.effective_extraction(record)


class _RememberedChecks:
    """The checks' flags of the last few (values, article) pairs. A correction asks for the flags
    of the same corrected values several times over (before and after the decision, the flags it
    raises, the page shown after it) and the queue for every corrected record on every request:
    the checks run once per pair. The values are keyed by their JSON, the article by itself."""

    def __init__(self, run: Callable[[Extraction, str | None], list[Flag]], size: int = 256) -> None:
        self._run, self._size = run, size
        self._seen: OrderedDict[tuple[str, str | None], list[Flag]] = OrderedDict()
        self._lock = threading.Lock()  # the review server answers requests in threads

    def __call__(self, extraction: Extraction, text: str | None) -> list[Flag]:
        key = (extraction.model_dump_json(), text)
        with self._lock:
            if key in self._seen:
                self._seen.move_to_end(key)
                return list(self._seen[key])
        flags = self._run(extraction, text)
        with self._lock:
            self._seen[key] = flags
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
        return list(flags)


_CHECKS = dataclasses.replace(RECHECKER, run=_RememberedChecks(RECHECKER.run))


def effective(record: Record, text: str | None) -> Effective:
    """The effective values, their flags, the open ones and the status (``extractor.effective``)."""
    return _core.effective(record, text, _CHECKS)


def new_flags(before: Record, after: Record, text: str | None) -> list[Flag]:
    """The flags open in ``after`` that were not open in ``before`` (the same code on the same field)."""
    was = {(f.code, f.field) for f in effective(before, text).open_flags}
    return [f for f in effective(after, text).open_flags if (f.code, f.field) not in was]


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


def _settled_by(
    flag: Flag, changed: list[str], was_open: set[tuple[str, str]], confirmed: set[tuple[str, str]] | None
) -> bool:
    """Whether a correction of the ``changed`` fields settles ``flag`` (see ``decide``)."""
    key = (flag.code, flag.field)
    on_changed = any(covers(path, flag.field) for path in changed)
    if confirmed is None:
        return on_changed
    return (on_changed and key in was_open) or key in confirmed


def _quote_problem(data: dict[str, Any], key: str) -> str | None:
    """Why ``key`` cannot be pointed at words in values ``data`` (None: it can)."""
    match = _EVIDENCE_KEY.match(key)
    if not match or match.group(1) in _NOT_QUOTABLE or match.group(1) not in data:
        return f"{key!r} is not a value that can have a quote (e.g. 'score', 'units[2]')"
    value = data[match.group(1)]
    if match.group(2) is None:
        if isinstance(value, list):
            return f"{key}: name one item, e.g. '{key}[0]'"
        return f"{key} has no value: set it before pointing it at words" if value is None else None
    if not isinstance(value, list) or int(match.group(2)) >= len(value):
        return f"{key}: no such item"
    return None


def _quotes(
    data: dict[str, Any], spans: dict[str, tuple[int, int]], text: str | None, current: dict[str, Evidence]
) -> dict[str, Evidence]:
    """The chosen words as evidence, each checked against the corrected values and the article."""
    if not spans:
        return {}
    if text is None:
        raise CorrectionError(["the article cannot be read, so no words of it can be chosen as a quote"])
    quotes: dict[str, Evidence] = {}
    problems: list[str] = []
    for key, (start, end) in spans.items():
        problem = _quote_problem(data, key)
        if problem is None and not 0 <= start < end <= len(text):
            problem = f"{key}: the chosen words {start}–{end} are not in the article"
        if problem is not None:
            problems.append(problem)
            continue
        quote = Evidence(quote=text[start:end], start=start, end=end, aligned=True)
        if current.get(key) != quote:  # the same words again change nothing
            quotes[key] = quote
    if problems:
        raise CorrectionError(problems)
    return quotes


def decide(
    record: Record,
    action: ReviewAction,
    *,
    changes: list[tuple[str, Any]] | None = None,
    evidence: dict[str, tuple[int, int]] | None = None,
    confirm: Collection[tuple[str, str]] | None = None,
    note: str | None = None,
    reviewer: str,
    text: str | None,
    at: dt.datetime | None = None,
) -> Record:
    """The record with one more decision, its status recomputed; the extraction stays as it was.

    ``changes`` are (field path, new value) pairs for ``correct``; the old values are read from
    the effective values. ``evidence`` maps an evidence key to the (start, end) of the words a
    reviewer chose in the article for it, stored beside the machine's quote. Accept and reject
    settle every open flag. A correction settles the flags open on the fields it changed (the
    reviewer has said what the value is). With ``confirm`` (what the review page sends), a flag
    the correction raises itself (``new_flags``) is settled only when named there as (code,
    field): the reviewer has seen it; the page refuses to save before they have. Without it (a
    script applying corrections it knows), what the correction raises on the fields it changed
    is settled with them, and any other flag stays open until accepted.
    ``undo`` takes back the latest decision in force; ``reopen`` makes every flag open again.
    """
    if record.extraction is None:
        raise CorrectionError(["a failed record has no values to review"])
    if action in (ReviewAction.undo, ReviewAction.reopen):
        if changes or evidence:
            raise CorrectionError([f"an '{action.value}' decision carries no corrections"])
        return _take_back(record, action, note, reviewer, text, at)
    current = effective_extraction(record)
    assert current is not None
    corrections: list[Correction] = []
    quotes: dict[str, Evidence] = {}
    if action == ReviewAction.correct:
        data = current.model_dump(mode="json")
        spans = dict(evidence or {})  # keyed as the reviewer saw the items, before any removal
        for field, new in changes or []:
            old = apply_correction(data, field, new)
            parts = parse_path(field)
            if new is None and len(parts) == 2 and isinstance(parts[0], str) and isinstance(parts[1], int):
                spans = evidence_without(spans, parts[0], parts[1])  # the words follow their items
            new = _normalised(data, field, new)
            if old != new:
                corrections.append(Correction(field=field, old=old, new=new))
        quotes = _quotes(data, spans, text, validate_extraction(data).evidence)
        if not corrections and not quotes:
            raise CorrectionError(["nothing to correct: every value is the same as before"])
    elif changes or evidence:
        raise CorrectionError([f"an '{action.value}' decision carries no corrections"])
    decision = Decision(
        action=action,
        corrections=corrections,
        evidence=quotes,
        note=(note or "").strip() or None,
        reviewer=reviewer,
        at=at or dt.datetime.now(dt.UTC),
    )
    # The decision first without what it settles, to see which flags are open once it applies.
    draft = record.model_copy(update={"review": [*record.review, decision]})
    after = effective(draft, text)
    if action == ReviewAction.correct:
        was_open = {(f.code, f.field) for f in effective(record, text).open_flags}
        changed = [c.field for c in corrections] + list(quotes)
        confirmed = None if confirm is None else set(confirm)
        settles = [f for f in after.open_flags if _settled_by(f, changed, was_open, confirmed)]
    else:
        settles = after.open_flags
    refs = list({(f.code, f.field): FlagRef(code=f.code, field=f.field) for f in settles}.values())
    return _appended(record, decision.model_copy(update={"resolved": refs}), text)


def last_in_force(record: Record) -> int | None:
    """The index in ``review`` of the latest decision in force (the one an undo takes back)."""
    kept = in_force_indices(record)
    return kept[-1] if kept else None


def _take_back(
    record: Record,
    action: ReviewAction,
    note: str | None,
    reviewer: str,
    text: str | None,
    at: dt.datetime | None,
) -> Record:
    """An undo of the latest decision in force, or a reopen: one more decision, nothing removed."""
    in_force = active_decisions(record)
    undoes = None
    if action == ReviewAction.undo:
        if not in_force:
            raise CorrectionError(["nothing to undo: no decision on this record is in force"])
        undoes = last_in_force(record)
    elif not in_force or in_force[-1].action == ReviewAction.reopen:
        raise CorrectionError(["nothing to reopen: the record awaits a decision already"])
    decision = Decision(
        action=action,
        undoes=undoes,
        note=(note or "").strip() or None,
        reviewer=reviewer,
        at=at or dt.datetime.now(dt.UTC),
    )
    return _appended(record, decision, text)


def _appended(record: Record, decision: Decision, text: str | None) -> Record:
    final = record.model_copy(update={"review": [*record.review, decision]})
    return final.model_copy(update={"status": effective(final, text).status})
