"""Evidence highlighting shared by the review page and the report: a colour per field, text segments.

Quotes overlap (the score and the year often share one sentence), so the text is cut at every
quote boundary and each piece lists every field whose quote covers it, innermost first. The spans
a flag points at (``Flag.evidence``) may be given too: they cut the text the same way, and each
piece lists the flags covering it, so the page can mark them in the flag's colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from schemas.record import Evidence

# Pale, distinct backgrounds that keep black text readable; a field keeps its colour by its order.
PALETTE = (
    "#ffe08a", "#9fd8ff", "#b8f0b0", "#ffc2d6", "#d9c6ff", "#ffcf9e",
    "#a8ece4", "#e6e6a0", "#f5b8b8", "#c6d7ff", "#d6f5a3", "#f0c8f5",
)  # fmt: skip


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    fields: tuple[str, ...]  # evidence keys covering it, shortest quote first; empty: plain text
    flags: tuple[int, ...] = ()  # the flags (by the caller's numbering) whose spans cover it


def field_colours(evidence: dict[str, Evidence]) -> dict[str, str]:
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(evidence)}


def _span(evidence: Evidence, length: int) -> tuple[int, int] | None:
    if not evidence.aligned or evidence.start is None or evidence.end is None:
        return None
    start, end = min(evidence.start, length), min(evidence.end, length)
    return (start, end) if start < end else None


def segments(
    text: str, evidence: dict[str, Evidence], flag_spans: Sequence[tuple[int, int, int]] = ()
) -> list[Segment]:
    """The whole text as consecutive segments; unaligned quotes have no span and mark nothing.

    ``flag_spans`` are (start, end, flag number) triples; a span outside the text is cut to it.
    """
    spans = {key: span for key, ev in evidence.items() if (span := _span(ev, len(text))) is not None}
    flagged = [
        (start, end, number)
        for s, e, number in flag_spans
        if (start := min(s, len(text))) < (end := min(e, len(text)))
    ]
    edges = {edge for span in spans.values() for edge in span} | {e for s, t, _ in flagged for e in (s, t)}
    cuts = sorted({0, len(text)} | edges)
    result = []
    for start, end in pairwise(cuts):
        covering = [key for key, (s, e) in spans.items() if s <= start and end <= e]
        covering.sort(key=lambda key: spans[key][1] - spans[key][0])
        flags = sorted({number for s, e, number in flagged if s <= start and end <= e})
        result.append(Segment(start, end, tuple(covering), tuple(flags)))
    return result
