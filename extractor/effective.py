"""Effective values: the machine's extraction with a reviewer's corrections applied.

``Record.extraction`` is never changed. Everything here is computed from it and ``Record.review``:
the effective extraction (every correction applied in order), its flags (the checks re-run on the
corrected values; without corrections, the stored flags), which of them are still open, and the
status: ``reviewed`` once a decision settled every error and warning, or the record was rejected.
Only the decisions in force count (``active_decisions``): an ``undo`` takes one back, and a
``reopen`` makes what the decisions before it settled open again (their corrections stay).

This module imports neither ``extractor.checks`` nor ``extractor.review``, so both can use it: the
review package for its pages and decisions, ``extractor check`` (``checks._folder``) for the status
of a reviewed record. The checks are handed in as a ``Rechecker`` (``checks._folder.RECHECKER``).

Field paths (``score``, ``subject.name``, ``units[2].score``) work on the extraction's JSON form
(``model_dump(mode="json")``): a correction sets a leaf or a whole item, removes a list item (``new``
is null) or appends one (index = length); a leaf of an item or subject that does not exist yet
creates it. The result is validated with the same ``Extraction`` model the engines fill, so a
corrected value obeys the schema exactly as an extracted one does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from schemas.record import Decision, Evidence, Extraction, Flag, Record, ReviewAction, Severity, Status

_OPEN_SEVERITIES = {Severity.error, Severity.warning}
_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.")
_ITEM_KEY = re.compile(r"^([a-z_]+)\[(\d+)\]$")


# -- field paths and corrections ------------------------------------------------------------------


class CorrectionError(ValueError):
    """A correction that cannot be applied or does not validate; ``problems`` are shown to the reviewer."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_path(path: str) -> list[str | int]:
    """'units[2].score' -> ['units', 2, 'score']; anything else is refused."""
    parts: list[str | int] = []
    pos = 0
    for match in _TOKEN.finditer(path):
        if match.start() != pos:
            break
        pos = match.end()
        name, index = match.group(1), match.group(2)
        if name is not None:
            parts.append(name)
        elif index is not None:
            parts.append(int(index))
    if pos != len(path) or not parts or not isinstance(parts[0], str) or path.endswith("."):
        raise CorrectionError([f"{path!r} is not a field path (e.g. 'score', 'units[2].score')"])
    return parts


def format_path(parts: list[str | int] | tuple[str | int, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def get_value(data: dict[str, Any], path: str) -> Any:
    """The value at ``path`` in an extraction's JSON form, or None where the path leads nowhere."""
    node: Any = data
    for part in parse_path(path):
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node


def apply_correction(data: dict[str, Any], path: str, new: Any) -> Any:
    """Apply one correction in place to an extraction's JSON form; returns the old value."""
    parts = parse_path(path)
    if parts[0] == "evidence":
        raise CorrectionError(["evidence is what the machine quoted; it cannot be corrected"])
    if parts[0] not in data:
        raise CorrectionError([f"{path}: there is no field {parts[0]!r}"])
    parent: Any = data
    for depth, part in enumerate(parts[:-1]):
        parent = _step(parent, part, format_path(parts[: depth + 1]))
    last = parts[-1]
    if isinstance(last, str):
        if not isinstance(parent, dict):
            raise CorrectionError([f"{path}: there is no such field"])
        old = parent.get(last)  # a new item's fields; an unknown name is refused by the schema
        parent[last] = new
        return old
    if not isinstance(parent, list):
        raise CorrectionError([f"{path}: {format_path(parts[:-1])} is not a list"])
    if last == len(parent) and new is not None:
        parent.append(new)  # a value the machine missed
        return None
    if last >= len(parent):
        raise CorrectionError([f"{path}: there are only {len(parent)} item(s)"])
    old = parent[last]
    if new is None:
        del parent[last]
        if len(parts) == 2 and isinstance(parts[0], str):
            data["evidence"] = evidence_without(data.get("evidence") or {}, parts[0], last)
    else:
        parent[last] = new
    return old


def _step(node: Any, part: str | int, where: str) -> Any:
    """One level down, creating what a new value needs: an empty subject, a new unit at the end."""
    if isinstance(part, int):
        if not isinstance(node, list) or part > len(node):
            raise CorrectionError([f"{where}: no such item"])
        if part == len(node):
            node.append({})
        child = node[part]
    else:
        if not isinstance(node, dict) or part not in node:
            raise CorrectionError([f"{where}: no such field"])
        if node[part] is None:
            node[part] = {}
        child = node[part]
    if not isinstance(child, dict | list):
        raise CorrectionError([f"{where} is a value, not a group of fields"])
    return child


def evidence_without(evidence: dict[str, Any], name: str, removed: int) -> dict[str, Any]:
    """Evidence keys follow their items when one is removed: units[3] becomes units[2]."""
    kept: dict[str, Any] = {}
    for key, value in evidence.items():
        match = _ITEM_KEY.match(key)
        if match and match.group(1) == name:
            index = int(match.group(2))
            if index == removed:
                continue
            key = f"{name}[{index - 1}]" if index > removed else key
        kept[key] = value
    return kept


def validate_extraction(data: dict[str, Any]) -> Extraction:
    """The corrected values as an ``Extraction``, or a ``CorrectionError`` giving each reason."""
    try:
        return Extraction.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = format_path([p for p in error["loc"] if isinstance(p, str | int)])
            got = f" (got {error['input']!r})" if not isinstance(error["input"], dict | list) else ""
            problems.append(f"{where or 'extraction'}: {error['msg']}{got}")
        raise CorrectionError(problems) from None


# -- effective values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rechecker:
    """The single-article checks, handed in by the caller (this module imports no check)."""

    run: Callable[[Extraction, str | None], list[Flag]]  # the flags of the values; text None: no text checks
    codes: frozenset[str]  # every code ``run`` can raise
    text_codes: frozenset[str]  # those of them that need the article text
    status: Callable[[list[Flag]], Status]  # ok or flagged, from the flags of an unreviewed record


@dataclass(frozen=True)
class Effective:
    """What a record amounts to after its review."""

    extraction: Extraction | None
    flags: list[Flag]
    open_flags: list[Flag]  # errors and warnings no decision has settled
    status: Status
    rejected: bool


def active_decisions(record: Record) -> list[Decision]:
    """The decisions in force, oldest first (``in_force_indices``)."""
    return [record.review[i] for i in in_force_indices(record)]


def in_force_indices(record: Record) -> list[int]:
    """Where in ``review`` the decisions in force are: every one but the undos and those an undo
    took back."""
    undone = {d.undoes for d in record.review if d.action == ReviewAction.undo}
    return [i for i, d in enumerate(record.review) if d.action != ReviewAction.undo and i not in undone]


def covers(path: str, field: str) -> bool:
    """Whether ``field`` is ``path`` or inside it: 'units[2]' covers 'units[2].score'."""
    return field == path or field.startswith((path + ".", path + "["))


def chosen_quotes(record: Record) -> dict[str, Evidence]:
    """The words a reviewer chose as a value's evidence, by key (the latest decision's for each)."""
    return {key: quote for decision in active_decisions(record) for key, quote in decision.evidence.items()}


def outdated_quotes(record: Record, extraction: Extraction) -> set[str]:
    """The evidence keys of ``extraction`` (the record's effective values) whose quote is still the
    machine's while the value it speaks for was corrected since: no evidence of the new value."""
    if record.extraction is None:
        return set()
    chosen = chosen_quotes(record)
    now, was = extraction.model_dump(mode="json"), record.extraction.model_dump(mode="json")
    machine = record.extraction.evidence
    outdated = set()
    for key, evidence in extraction.evidence.items():
        if chosen.get(key) == evidence:
            continue
        # The keys the machine gave this quote for: an item's quote follows it when an earlier item
        # is removed (its key is renumbered), and several items may share one quote (a list given
        # one zone): the quote is outdated only if it speaks for none of their values any more.
        given_for = [k for k, ev in machine.items() if ev == evidence] or [key]
        if all(get_value(now, key) != get_value(was, k) for k in given_for):
            outdated.add(key)
    return outdated


def corrected(record: Record) -> bool:
    return any(decision.corrections or decision.evidence for decision in active_decisions(record))


def effective_extraction(record: Record) -> Extraction | None:
    """The extraction with every correction of every decision in force applied, oldest first; a
    quote a reviewer chose replaces the machine's for its key (the stored extraction keeps both)."""
    if record.extraction is None or not corrected(record):
        return record.extraction
    data = record.extraction.model_dump(mode="json")
    for decision in active_decisions(record):
        for correction in decision.corrections:
            apply_correction(data, correction.field, correction.new)
        for key, quote in decision.evidence.items():
            data["evidence"][key] = quote.model_dump(mode="json")
    return validate_extraction(data)


def effective_flags(
    record: Record, extraction: Extraction | None, text: str | None, checks: Rechecker
) -> list[Flag]:
    """The checks' flags for the effective values.

    Without corrections they are the stored flags (which ``extractor check`` keeps current). With
    them the checks run again on the corrected values; flags no single-article check makes (across
    articles, a second engine) are kept, and so, when the article cannot be read, are the stored
    flags of the checks that need it (they cannot be re-verified, and dropping them would hide them).
    """
    if extraction is None or not corrected(record):
        return list(record.flags)
    fresh = checks.run(extraction, text)
    kept = [f for f in record.flags if f.code not in checks.codes]
    if text is None:
        kept += [f for f in record.flags if f.code in checks.text_codes and f not in fresh]
    return fresh + kept


def rejected(record: Record) -> bool:
    """The latest accept, reject or reopen in force is a reject (a later accept or reopen lifts it)."""
    verdicts = [d.action for d in active_decisions(record) if d.action != ReviewAction.correct]
    return bool(verdicts) and verdicts[-1] == ReviewAction.reject


def settled(record: Record) -> set[tuple[str, str]]:
    """(code, field) of every flag a decision in force settled since the last reopen."""
    done: set[tuple[str, str]] = set()
    for decision in active_decisions(record):
        if decision.action == ReviewAction.reopen:
            done = set()
        done |= {(ref.code, ref.field) for ref in decision.resolved}
    return done


def effective(record: Record, text: str | None, checks: Rechecker) -> Effective:
    extraction = effective_extraction(record)
    flags = effective_flags(record, extraction, text, checks)
    done = settled(record)
    open_flags = [f for f in flags if f.severity in _OPEN_SEVERITIES and (f.code, f.field) not in done]
    is_rejected = rejected(record)
    active = active_decisions(record)
    if record.extraction is None:
        status = Status.failed
    elif not active:
        status = checks.status(flags)
    elif is_rejected:
        status = Status.reviewed
    elif open_flags or active[-1].action == ReviewAction.reopen:  # a reopened record awaits a decision
        status = Status.flagged
    else:
        status = Status.reviewed
    return Effective(extraction, flags, open_flags, status, is_rejected)
