"""What a decision request from the page may carry, read and checked before anything is written.

A body is ``{"version", "action", "changes", "evidence", "confirm", "note"}``: ``changes`` a list
of ``{field, new}``; ``evidence`` maps an evidence key to the words the reviewer chose,
``{start, end, quote}`` (offsets in characters of the article, as the record's own); ``confirm``
lists the ``{code, field}`` of the new flags the reviewer saw and confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractor.review._paths import CorrectionError
from schemas.record import ReviewAction


class BadRequest(ValueError):
    """The body is not a decision the page could have sent (answered 400)."""


@dataclass(frozen=True)
class DecisionRequest:
    action: ReviewAction
    version: str
    changes: list[tuple[str, Any]]
    evidence: dict[str, tuple[int, int]]
    quotes: dict[str, str]  # the words the page showed for each chosen span
    confirm: list[tuple[str, str]]
    note: str | None

    def check_quotes(self, text: str | None) -> None:
        """The chosen words are still where the page saw them (the article did not change)."""
        if text is None:
            return  # ``decide`` refuses chosen words without an article, with its own reason
        moved = [key for key, (start, end) in self.evidence.items() if text[start:end] != self.quotes[key]]
        if moved:
            raise CorrectionError(
                [f"{key}: the article no longer has the chosen words there; reload it" for key in moved]
            )


def _blank_to_none(value: Any) -> Any:
    # An emptied form field means "no value" (no zone, no region code), as null does in JSON.
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _evidence(raw: Any) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    if not isinstance(raw, dict) or not all(
        isinstance(key, str)
        and isinstance(span, dict)
        and _is_offset(span.get("start"))
        and _is_offset(span.get("end"))
        and isinstance(span.get("quote"), str)
        for key, span in raw.items()
    ):
        raise BadRequest("evidence must map a field to {start, end, quote}")
    return (
        {key: (span["start"], span["end"]) for key, span in raw.items()},
        {key: span["quote"] for key, span in raw.items()},
    )


def parse_decision(body: dict[str, Any]) -> DecisionRequest:
    try:
        action = ReviewAction(str(body.get("action")))
    except ValueError:
        choices = ", ".join(a.value for a in ReviewAction)
        raise BadRequest(f"action must be one of {choices}") from None
    version = body.get("version")
    if not isinstance(version, str):
        raise BadRequest("the record's version is missing: reload the page")
    raw_changes = body.get("changes") or []
    if not isinstance(raw_changes, list) or not all(
        isinstance(c, dict) and isinstance(c.get("field"), str) for c in raw_changes
    ):
        raise BadRequest("changes must be a list of {field, new}")
    evidence, quotes = _evidence(body.get("evidence") or {})
    raw_confirm = body.get("confirm") or []
    if not isinstance(raw_confirm, list) or not all(
        isinstance(c, dict) and isinstance(c.get("code"), str) and isinstance(c.get("field"), str)
        for c in raw_confirm
    ):
        raise BadRequest("confirm must be a list of {code, field}")
    return DecisionRequest(
        action=action,
        version=version,
        changes=[(c["field"], _blank_to_none(c.get("new"))) for c in raw_changes],
        evidence=evidence,
        quotes=quotes,
        confirm=[(c["code"], c["field"]) for c in raw_confirm],
        note=body.get("note") if isinstance(body.get("note"), str) else None,
    )
