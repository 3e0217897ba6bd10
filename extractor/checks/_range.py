"""Check 3: a score is on the 0–100 scale and printed with at most two decimals.

The record schema already rejects a score outside 0–100, so the range flag guards records built
around it (``model_construct``, an older schema). A third decimal means the number was computed
(a mean, a difference), not read: Ombudsman scores are published with two. Messages write
numbers as the article does, with a decimal comma ("100,50", "82,283").
"""

from __future__ import annotations

from extractor.checks._base import Context, flag, num
from schemas.record import Flag, Severity

OUT_OF_RANGE = "score_out_of_range"
PRECISION = "score_precision"
CODES = (OUT_OF_RANGE, PRECISION)

_BASIS = "Ombudsman compliance scores run from 0 to 100 and are published with two decimals (OMBUDSMAN.md)"


def check_range(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    values: list[tuple[str, str, float | None]] = [("score", "score", e.score)]
    values += [(f"previous[{i}].score", f"previous[{i}]", p.score) for i, p in enumerate(e.previous)]
    values += [(f"units[{i}].score", f"units[{i}]", u.score) for i, u in enumerate(e.units)]
    flags: list[Flag] = []
    for field, path, value in values:
        if value is None:
            continue
        if not 0 <= value <= 100:
            flags.append(
                flag(
                    OUT_OF_RANGE,
                    Severity.error,
                    field,
                    f"{field} is {num(value)}, outside 0–100.",
                    _BASIS,
                    ctx.spans(path),
                )
            )
        elif abs(value * 100 - round(value * 100)) > 1e-6:
            flags.append(
                flag(
                    PRECISION,
                    Severity.error,
                    field,
                    f"{field} is {_every_decimal(value)}, with more than two decimals: a published "
                    "score has two, so this number was computed or misread.",
                    _BASIS,
                    ctx.spans(path),
                )
            )
    return flags


def _every_decimal(value: float) -> str:
    """82.283 -> '82,283': every decimal the value has (``num`` would round it to two)."""
    text = f"{value:.10f}".rstrip("0")
    return text.replace(".", ",").rstrip(",")
