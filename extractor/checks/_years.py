"""Check 2 (the assessment year) and the year half of check 4 (earlier results).

A year without an assessment (2020), a result for a year after the article was published, a
result of the opini years reported as a compliance score, and earlier results that are not
earlier than the assessment year, or two results for one year. With the text: an assessment
year equal to the publication year of a January–March article on the handover of results
(handed over in the year after the one assessed), and a year whose only ground is a date.
"""

from __future__ import annotations

import re

from extractor.checks._base import Context, flag, num
from extractor.checks._text import sentence_bounds
from schemas.record import Flag, Severity
from schemas.values import AssessmentKind

NO_ASSESSMENT = "no_assessment_2020"
AFTER_PUBLICATION = "year_after_publication"
OPINI_AS_SCORE = "opini_reported_as_score"
KIND_YEAR = "assessment_kind_year_mismatch"
PREVIOUS_ORDER = "previous_year_order"
PUBLICATION_YEAR = "year_is_publication_year"
FROM_DATE = "year_only_from_date"
# The engine gave a publication date in words that name no date ("kemarin", "16 Desember"):
# ``published`` stays empty (no re-ask for it) and the words are its evidence.
PUBLISHED_UNREAD = "published_unread"
# A year after the latest round with published results (scale.json's latest_round): no article
# can report it yet, so it is misread (a model's "2030") unless the data is out of date.
NOT_YET = "year_not_yet_assessed"
CODES = (
    NOT_YET, NO_ASSESSMENT, AFTER_PUBLICATION, OPINI_AS_SCORE, KIND_YEAR, PREVIOUS_ORDER,
    PUBLICATION_YEAR, FROM_DATE, PUBLISHED_UNREAD,
)  # fmt: skip

# Words of a handover of results: handing over, conveying, giving or receiving the results, a
# certificate or an award ("penyerahan hasil penilaian", "menyampaikan hasil penilaian",
# "penganugerahan predikat", "menerima piagam").
_THING = r"(?:hasil|piagam|penghargaan|predikat|sertifikat|plakat|anugerah)"
_HANDOVER = re.compile(
    rf"\b(?:penyerahan|penyampaian|pemberian|penganugerahan|anugerah)\s+(?:\w+\s+)?{_THING}|\bpenyerahan\b|"
    rf"\b(?:menyerahkan|menyampaikan|memberikan|menganugerahkan|menerima|diserahkan|disampaikan|diberikan)"
    rf"\s+(?:\w+\s+){{0,2}}?{_THING}|\bdiserahkan\b|\bpiagam\b",
    re.IGNORECASE,
)
_HANDOVER_MONTHS = (1, 2, 3)  # results of a year are handed over until about March of the next
_MONTH = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|mar(?:et)?|apr(?:il)?|mei|may|jun[ie]?|jul[iy]?|agu(?:stus)?|aug|"
    r"sep(?:tember)?|okt(?:ober)?|oct|nov(?:ember)?|des(?:ember)?|dec)"
)
# A year printed as part of a date: "16/12/2024", "03-12-2024", "14 November 2024", "16 - Dec - 2024".
_DATE_PART = rf"(?:\d{{1,2}}\s*[/.-]\s*\d{{1,2}}|\d{{1,2}}\s*-?\s*{_MONTH}\.?)\s*[/.,-]?\s*"
_DATE_BEFORE = re.compile(rf"{_DATE_PART}$", re.IGNORECASE)
_DATE_ONLY = re.compile(rf"\W*{_DATE_PART}(?:19|20)\d\d\W*", re.IGNORECASE)
_YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DATE_LOOKBACK = 24
_HANDOVER_BASIS = (
    "results are announced at the end of the assessment year or early the next one, so a "
    "handover reported in January–March is of the year before (OMBUDSMAN.md, 'The exercise')"
)
_DATE_BASIS = (
    "the assessment year is the year assessed, often the publication year minus one "
    "(OMBUDSMAN.md, 'The exercise'); a date tells when the article or the handover was, not "
    "which year was assessed"
)

_PUBLICATION_BASIS = (
    "a result is announced at the end of the assessment year or early the next one, so the "
    "assessment year is at most the publication year (OMBUDSMAN.md, 'The exercise')"
)


def check_years(ctx: Context) -> list[Flag]:
    flags: list[Flag] = []
    e = ctx.extraction
    written = ctx.evidence("published")
    if e.published is None and written is not None:
        flags.append(
            flag(
                PUBLISHED_UNREAD,
                Severity.info,
                "published",
                f"the publication date was given as '{written.quote}', which names no whole date; "
                "it is left empty",
                "a publication date is stored only as a whole day, month and year",
                ctx.spans("published"),
            )
        )
    years: list[tuple[str, str, int]] = []
    if e.assessment_year is not None:
        years.append(("assessment_year", "assessment_year", e.assessment_year))
    years += [(f"previous[{i}].year", f"previous[{i}]", p.year) for i, p in enumerate(e.previous)]
    years += [
        (f"others[{i}].assessment_year", f"others[{i}]", o.assessment_year)
        for i, o in enumerate(e.others)
        if o.assessment_year is not None
    ]
    latest = ctx.book.latest_round
    for field, path, year in years:
        if latest is not None and year > latest.year:
            flags.append(
                flag(
                    NOT_YET,
                    Severity.warning,
                    field,
                    f"{field} is {year}, but the latest round with published results is {latest.year}: "
                    "no article can report a later one yet, so the year is likely misread (if a newer "
                    "round was published, add it to extractor/data/scale.json)",
                    latest.basis(),
                    ctx.spans(path),
                )
            )
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
    if ctx.text is not None:
        flags += _publication_year(ctx)
        flags += _only_from_date(ctx)
    return flags


def _publication_year(ctx: Context) -> list[Flag]:
    """The year of a January–March article on a handover stored as the publication year."""
    assert ctx.text is not None
    e = ctx.extraction
    if e.assessment_year is None or e.published is None or e.assessment_year != e.published.year:
        return []
    if e.published.month not in _HANDOVER_MONTHS:
        return []
    handover = _HANDOVER.search(ctx.text)
    if handover is None:
        return []
    return [
        flag(
            PUBLICATION_YEAR,
            Severity.warning,
            "assessment_year",
            f"The article, published {e.published.isoformat()}, reports a handover of results "
            f"('{handover.group(0)}'), which in January–March is of the year before: check that "
            f"the assessment year is {e.assessment_year} and not {e.assessment_year - 1}.",
            _HANDOVER_BASIS,
            ctx.spans("assessment_year", "published"),
        )
    ]


def _only_from_date(ctx: Context) -> list[Flag]:
    """A year whose quote prints it only in a date (or not at all), and the score's sentence
    does not print it either: the year was read off the date."""
    assert ctx.text is not None
    e, text = ctx.extraction, ctx.text
    evidence = ctx.evidence("assessment_year")
    if e.assessment_year is None or evidence is None or not evidence.aligned or evidence.start is None:
        return []
    year = str(e.assessment_year)
    start, end = evidence.start, evidence.end or evidence.start
    if _printed(text, year, start, end):
        return []
    if not _date_like(ctx, start, end):
        return []
    score = ctx.evidence("score")
    if score is not None and score.aligned and score.start is not None and score.end is not None:
        begin, stop = sentence_bounds(text, score.start, score.end)
        if _printed(text, year, begin, stop):
            return []
    return [
        flag(
            FROM_DATE,
            Severity.info,
            "assessment_year",
            f"The year {year} rests on a date ('{evidence.quote}'), not on a year the article prints "
            "beside the result: the year assessed may be another.",
            _DATE_BASIS,
            ctx.spans("assessment_year", "score"),
        )
    ]


def _printed(text: str, year: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` prints the year other than as the end of a date."""
    hits = _YEAR_WORD.finditer(text, start, end)
    return any(m.group(0) == year and not _in_date(text, m.start()) for m in hits)


def _in_date(text: str, at: int) -> bool:
    """Whether the year at ``at`` is the last part of a date ("16/12/2024", "14 November 2024")."""
    return bool(_DATE_BEFORE.search(text[max(0, at - _DATE_LOOKBACK) : at]))


def _date_like(ctx: Context, start: int, end: int) -> bool:
    """The year's quote is the publication date's quote, or is itself a date."""
    published = ctx.extraction.evidence.get("published")
    if (
        published is not None
        and published.start is not None
        and published.end is not None
        and published.start < end
        and start < published.end
    ):
        return True
    quote = ctx.text[start:end] if ctx.text is not None else ""
    return bool(_DATE_ONLY.fullmatch(quote))


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
