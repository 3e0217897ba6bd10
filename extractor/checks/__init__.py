"""Rule-based consistency checks over an extraction; each finding is a ``Flag``.

A check never changes a value: it only says what a person should look at.
"""

from __future__ import annotations

from schemas.record import Extraction, Flag, Severity, Status

_REVIEW_SEVERITIES = {Severity.error, Severity.warning}


def check_extraction(extraction: Extraction, text: str) -> list[Flag]:
    """Flags for one article's extraction (the checks themselves land with the checks issue)."""
    del extraction, text
    return []


def status_for(flags: list[Flag]) -> Status:
    return Status.flagged if any(flag.severity in _REVIEW_SEVERITIES for flag in flags) else Status.ok
