"""Check 10: the same unit or the same official listed twice.

Names are compared with case and punctuation aside, and a unit's parenthesised short form
counts as its name too: "Dinas Sosial (Dinsos)" and "Dinsos" are one unit. The later entry is
flagged, pointing back at the first.
"""

from __future__ import annotations

from extractor.checks._base import Context, flag, num
from extractor.checks._text import name_variants, words
from schemas.record import Flag, Severity

DUPLICATE_UNIT = "duplicate_unit"
DUPLICATE_OFFICIAL = "duplicate_official"
CODES = (DUPLICATE_UNIT, DUPLICATE_OFFICIAL)

_BASIS = "each assessed unit and each official appears once in a record"


def check_duplicates(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    flags: list[Flag] = []
    seen: dict[str, int] = {}
    for i, unit in enumerate(e.units):
        keys = name_variants(unit.name)
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            other = e.units[first]
            same = other.score == unit.score
            scores = (
                ""
                if unit.score is None
                else f" ({num(unit.score)}" + (")" if same else f" vs {num(other.score or 0)})")
            )
            flags.append(
                flag(
                    DUPLICATE_UNIT,
                    Severity.error,
                    f"units[{i}]",
                    f"Unit {unit.name!r}{scores} is listed again: it is units[{first}] {other.name!r}.",
                    _BASIS,
                    ctx.spans(f"units[{first}]", f"units[{i}]"),
                )
            )
        for key in keys:
            seen.setdefault(key, i)
    people: dict[str, int] = {}
    for i, official in enumerate(e.officials):
        key = words(official.name)
        if key in people:
            first = people[key]
            flags.append(
                flag(
                    DUPLICATE_OFFICIAL,
                    Severity.error
                    if words(e.officials[first].role) == words(official.role)
                    else Severity.warning,
                    f"officials[{i}]",
                    f"{official.name} ({official.role}) is listed again: officials[{first}] is "
                    f"{e.officials[first].name} ({e.officials[first].role}).",
                    _BASIS,
                    ctx.spans(f"officials[{first}]", f"officials[{i}]"),
                )
            )
        people.setdefault(key, i)
    return flags
