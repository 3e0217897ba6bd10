"""Two engines, one article: where they disagree becomes an ``engines_disagree`` flag.

With ``--cross-check`` the rules engine reads every article beside the LLM. Where the two give
different values for the subject (compared by normalised name, case and punctuation aside),
the assessment year, the score (to two decimals), the zone or the grade, the record gets a
warning naming both values, so that a person looks at the article. Neither value is changed.
"""

from __future__ import annotations

import re
from typing import Any

from schemas.record import Extraction, Flag, Severity, Span

CODE = "engines_disagree"
_NOISE = re.compile(r"[^0-9a-z]+")


def _subject_key(extraction: Extraction) -> str | None:
    if extraction.subject is None:
        return None
    return _NOISE.sub("", re.sub(r"\([^)]*\)", " ", extraction.subject.name.lower()))


def _value(extraction: Extraction, path: str) -> Any:
    if path == "subject":
        return extraction.subject.name if extraction.subject else None
    value = getattr(extraction, path)
    return value.value if hasattr(value, "value") else value


def _same(primary: Extraction, other: Extraction, path: str) -> bool:
    if path == "subject":
        return _subject_key(primary) == _subject_key(other)
    mine, theirs = _value(primary, path), _value(other, path)
    if path == "score" and mine is not None and theirs is not None:
        return bool(round(mine, 2) == round(theirs, 2))
    return bool(mine == theirs)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, float):
        return f"{value:.2f}"
    return repr(value) if isinstance(value, str) else str(value)


def disagreements(primary: Extraction, other: Extraction, other_engine: str) -> list[Flag]:
    """Flags for subject, year, score, zone or grade where ``other`` differs from ``primary``."""
    flags: list[Flag] = []
    for path in ("subject", "assessment_year", "score", "zone", "grade"):
        if _same(primary, other, path):
            continue
        evidence = primary.evidence.get(path)
        spans = (
            [Span(start=evidence.start, end=evidence.end)]
            if evidence is not None and evidence.start is not None and evidence.end is not None
            else []
        )
        flags.append(
            Flag(
                code=CODE,
                severity=Severity.warning,
                field=path,
                message=(
                    f"{path}: this record has {_show(_value(primary, path))}, "
                    f"the {other_engine} engine read {_show(_value(other, path))}"
                ),
                basis=(
                    f"cross-check: the record's engine (provenance.engine) against the {other_engine} "
                    "engine on the same text"
                ),
                evidence=spans,
            )
        )
    return flags
