"""Check 2 (the assessment year) and the year half of check 4 (earlier results).

A year without an assessment (2020), a result for a year after the article was published, a
result of the opini years reported as a compliance score, and earlier results that are not
earlier than the assessment year, or two results for one year.
"""

from __future__ import annotations

from extractor.checks._base import Context, flag, num
from schemas.record import Flag, Severity
from schemas.values import AssessmentKind

NO_ASSESSMENT = "no_assessment_2020"
AFTER_PUBLICATION = "year_after_publication"
OPINI_AS_SCORE = "opini_reported_as_score"
KIND_YEAR = "assessment_kind_year_mismatch"
PREVIOUS_ORDER = "previous_year_order"
CODES = (NO_ASSESSMENT, AFTER_PUBLICATION, OPINI_AS_SCORE, KIND_YEAR, PREVIOUS_ORDER)

_PUBLICATION_BASIS = (
    "a result is announced at the end of the assessment year or early the next one, so the "
    "assessment year is at most the publication year (OMBUDSMAN.md, 'The exercise')"
)


def check_years(ctx: Context) -> list[Flag]:
    flags: list[Flag] = []
    e = ctx.extraction
    years: list[tuple[str, str, int]] = []
    if e.assessment_year is not None:
        years.append(("assessment_year", "assessment_year", e.assessment_year))
    years += [(f"previous[{i}].year", f"previous[{i}]", p.year) for i, p in enumerate(e.previous)]
    for field, path, year in years:
        gap = ctx.book.gap(year)
        if gap is not None:
            flags.append(
                flag(
                    NO_ASSESSMENT,
                    ctx.book.severity(gap.confidence),
                    field,
                    f"{field} is {year}, but there was no Ombudsman compliance assessment in {year}; "
                    "the result belongs to another year (often the publication year minus one).",
                    gap.basis(),
                    ctx.spans(path),
                )
            )
        if e.published is not None and year > e.published.year:
            flags.append(
                flag(
                    AFTER_PUBLICATION,
                    Severity.error,
                    field,
                    f"{field} is {year}, after the article's publication date "
                    f"{e.published.isoformat()}: a result cannot be reported before it exists.",
                    _PUBLICATION_BASIS,
                    ctx.spans(path, "published"),
                )
            )
    flags += _opini(ctx)
    flags += _previous(ctx)
    return flags


def _opini(ctx: Context) -> list[Flag]:
    e, book = ctx.extraction, ctx.book
    if e.assessment_year is None:
        return []
    scale = book.for_year(e.assessment_year)
    opini_from = book.opini_from
    if scale is None:
        return []
    flags: list[Flag] = []
    basis = (
        f"{scale.label} ({scale.name}): {scale.note}; sources: {', '.join(s.source for s in scale.sources)}"
    )
    if (
        scale.instrument == "opini"
        and e.score is not None
        and e.assessment == AssessmentKind.ombudsman_compliance
    ):
        flags.append(
            flag(
                OPINI_AS_SCORE,
                Severity.warning,
                "score",
                f"A {e.assessment_year} result is stored as a compliance score ({num(e.score)}), but from "
                f"{opini_from} the Ombudsman publishes an opini, not a compliance score: check that "
                "the number is a result of that year and not an earlier score quoted in the article.",
                basis,
                ctx.spans("score", "assessment_year"),
            )
        )
    if scale.instrument != "opini" and e.assessment == AssessmentKind.ombudsman_opini_2025:
        flags.append(
            flag(
                KIND_YEAR,
                Severity.warning,
                "assessment",
                f"The result is marked as an opini, but the assessment year {e.assessment_year} "
                f"predates the opini (from {opini_from}); it is a compliance assessment.",
                f"{scale.label} ({scale.name}): a {scale.instrument} assessment; the opini starts "
                f"in {opini_from}",
                ctx.spans("assessment", "assessment_year"),
            )
        )
    return flags


def _previous(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    flags: list[Flag] = []
    seen: dict[int, int] = {}
    for i, previous in enumerate(e.previous):
        if e.assessment_year is not None and previous.year >= e.assessment_year:
            flags.append(
                flag(
                    PREVIOUS_ORDER,
                    Severity.error,
                    f"previous[{i}].year",
                    f"An earlier result is dated {previous.year} ({num(previous.score)}), not before the "
                    f"assessment year {e.assessment_year}: the years (or the current and earlier "
                    "scores) look swapped.",
                    "earlier results ('previous') are results of years before the assessment year",
                    ctx.spans(f"previous[{i}]", "assessment_year"),
                )
            )
        other = seen.get(previous.year)
        if other is not None and round(e.previous[other].score, 2) != round(previous.score, 2):
            flags.append(
                flag(
                    PREVIOUS_ORDER,
                    Severity.warning,
                    f"previous[{i}].year",
                    f"Two earlier results for {previous.year}: {num(e.previous[other].score)} "
                    f"(previous[{other}]) and {num(previous.score)}.",
                    "one subject has one result per assessment year",
                    ctx.spans(f"previous[{other}]", f"previous[{i}]"),
                )
            )
        seen.setdefault(previous.year, i)
    return flags
