"""Check 1: score ↔ zone, score ↔ grade and grade ↔ zone by the assessment year's scale, for the
subject, for each unit and for each other subject's result (by its own year), and a grade used
in a year whose scale has none.

The zone and grade are what the article states, never derived from the score, so a disagreement
is something a person must look at: the article (or the extraction) got one of them wrong.
The severity follows the confidence of the cut the score would have to cross, but a score two
bands or more from what is stated is an error (``ScaleBook.contradiction_severity``). Messages
name the assessment year's scale and write numbers as the article does ("82,28").
Without an assessment year, a flag is raised only when the values disagree under every scale.
"""

from __future__ import annotations

from extractor.checks._base import Context, Item, flag, num
from extractor.checks._scale import GROSS_STEPS, Band, Scale
from schemas.record import Flag, Severity, Span

SCORE_ZONE = "score_zone_mismatch"
SCORE_GRADE = "score_grade_mismatch"
GRADE_ZONE = "grade_zone_mismatch"
GRADE_BEFORE_GRADES = "grade_before_2022"
CODES = (SCORE_ZONE, SCORE_GRADE, GRADE_ZONE, GRADE_BEFORE_GRADES)


def check_bands(ctx: Context) -> list[Flag]:
    flags: list[Flag] = []
    for item in ctx.scored_items():
        if item.year is None:
            flags += _without_year(ctx, item)
            continue
        scale = ctx.book.for_year(item.year)
        if scale is not None:  # else a year without an assessment: the year check says so
            flags += _item_flags(ctx, scale, item, item.year)
    return flags


def _spans(ctx: Context, item: Item, name: str) -> list[Span]:
    return ctx.spans(item.path) if item.prefix else ctx.spans("score", name)


def _item_flags(ctx: Context, scale: Scale, item: Item, year: int) -> list[Flag]:
    flags: list[Flag] = []
    book = ctx.book
    if item.grade is not None and not scale.has_grades:
        first = book.first_graded_year
        flags.append(
            flag(
                GRADE_BEFORE_GRADES,
                Severity.warning,
                f"{item.prefix}grade",
                f"{item.label}: grade '{item.grade}' is given for {year}, but the {year} scale has "
                f"zones only ({', '.join(scale.zones)}); grades exist from {first}. Before then "
                f"'predikat kepatuhan tinggi/sedang/rendah' names a zone, not a grade.",
                scale.basis(list(scale.bands)),
                _spans(ctx, item, "grade"),
            )
        )
    if item.score is not None:
        band = scale.band_of(item.score)
        if item.zone is not None and band.zone != item.zone:
            wanted = scale.bands_with(zone=item.zone)
            flags.append(
                _score_flag(ctx, scale, year, item, band, wanted, SCORE_ZONE, "zone", f"zona {item.zone}")
            )
        if item.grade is not None and scale.has_grades and band.grade != item.grade:
            wanted = scale.bands_with(grade=item.grade)
            flags.append(
                _score_flag(
                    ctx, scale, year, item, band, wanted, SCORE_GRADE, "grade", f"kualitas {item.grade}"
                )
            )
    if item.grade is not None and item.zone is not None and scale.has_grades:
        graded = scale.bands_with(grade=item.grade)
        if graded and all(b.zone != item.zone for b in graded):
            zones = " or ".join(dict.fromkeys(b.zone for b in graded))
            stated = scale.bands_with(zone=item.zone)
            steps = min((scale.steps(b, stated) for b in graded), default=0)
            flags.append(
                flag(
                    GRADE_ZONE,
                    book.contradiction_severity(scale.confidence, steps),
                    f"{item.prefix}zone",
                    f"{item.label}: kualitas {item.grade} belongs to zona {zones} by {scale.of_year(year)}, "
                    f"but the zone given is {item.zone}{_gross(steps)}.",
                    scale.basis(graded + scale.bands_with(zone=item.zone)),
                    _spans(ctx, item, "zone") + _spans(ctx, item, "grade"),
                )
            )
    return flags


def _gross(steps: int) -> str:
    if steps < GROSS_STEPS:
        return ""
    return f", {steps} bands away: a contradiction whatever the confidence of the cut"


def _score_flag(
    ctx: Context,
    scale: Scale,
    year: int,
    item: Item,
    band: Band,
    wanted: list[Band],
    code: str,
    name: str,
    stated: str,
) -> Flag:
    assert item.score is not None
    if not wanted:  # a label this scale does not have (e.g. a 2025 'zona hitam' read as merah)
        confidence = scale.confidence
    else:
        confidence = ctx.book.weaker(scale.confidence, scale.cut_confidence(item.score, wanted))
    steps = scale.steps(band, wanted)
    severity = ctx.book.contradiction_severity(confidence, steps)
    return flag(
        code,
        severity,
        f"{item.prefix}{name}",
        f"{item.label}: score {num(item.score)} falls in {scale.name_band(band)} by {scale.of_year(year)}, "
        f"but the {name} stated is {stated}{_gross(steps)}.",
        scale.basis([band, *wanted], confidence),
        _spans(ctx, item, name),
    )


def _without_year(ctx: Context, item: Item) -> list[Flag]:
    """No assessment year: flag only what no numeric compliance scale would allow."""
    if item.score is None:
        return []
    scales = [s for s in ctx.book.scales if s.instrument == "compliance"]
    flags: list[Flag] = []
    checks = [("zone", item.zone, SCORE_ZONE), ("grade", item.grade, SCORE_GRADE)]
    for name, stated, code in checks:
        if stated is None:
            continue
        usable = [s for s in scales if any(getattr(b, name) == stated for b in s.bands)]
        if not usable or any(getattr(s.band_of(item.score), name) == stated for s in usable):
            continue
        described = "; ".join(f"{s.label}: {s.describe(s.band_of(item.score))}" for s in usable)
        flags.append(
            flag(
                code,
                Severity.warning,
                f"{item.prefix}{name}",
                f"{item.label}: no assessment year is given, and score {num(item.score)} is not "
                f"{stated} under any scale ({described}).",
                " | ".join(s.basis(s.bands_with(**{name: stated})) for s in usable),
                _spans(ctx, item, name),
            )
        )
    return flags
