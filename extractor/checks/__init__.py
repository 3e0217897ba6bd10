"""Rule-based consistency checks over an extraction; each finding is a ``Flag``.

A check never changes a value: it only says what a person should look at. Every flag has a
stable code, a severity, the field it concerns, a message, the rule's basis (for score bands:
the year's scale, its confidence and its sources, all read from ``extractor/data/scale.json``)
and evidence spans into the article. A record with an error or warning flag is ``flagged``.

Codes, by check:

1. bands (``_bands``): ``score_zone_mismatch``, ``score_grade_mismatch``, ``grade_zone_mismatch``,
   ``grade_before_2022``
2. year (``_years``): ``no_assessment_2020``, ``year_after_publication``, ``opini_reported_as_score``,
   ``assessment_kind_year_mismatch``, ``year_is_publication_year``, ``year_only_from_date``,
   ``published_unread``; the
   year's statement (``_year_statement``): ``year_from_plan``, ``competing_year``
3. range (``_range``): ``score_out_of_range``, ``score_precision``
4. change (``_change``, ``_years``): ``stated_change_mismatch``, ``previous_year_order``
5./6. units (``_units``): ``unit_count_mismatch``, ``score_not_unit_mean``
7. people (``_officials``): ``title_kind_mismatch``, ``subject_kind_mismatch``, ``official_is_journalist``
8. grounding (``_grounding``): ``quote_not_found``, ``ungrounded_value``, ``value_without_quote``
9. other body (``_other_body``): ``other_body_score``
10. duplicates (``_duplicates``): ``duplicate_unit``, ``duplicate_official``
11. across articles (``_cross``, run by ``check_folder``): ``cross_article_conflict``
12. subject (``_subject``): ``subject_is_assessor``, ``subject_from_dateline``, ``competing_subject``
13. attribution (``_attribution``, ``_threshold``): ``score_attributed_elsewhere``,
    ``zone_attributed_elsewhere``, ``score_is_threshold``, ``zone_negated``, ``competing_score``
14. the engine's own doubt (``_close_call``): ``close_call``

Severity: error for a hard contradiction with a high-confidence band or fact, and for a score
two or more bands away from its stated zone or grade whatever the band's confidence; warning
for a band of medium confidence and for soft checks; info for notes. A check that needs the article
text is skipped when the text is not available (``text=None``).
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.checks import (
    _attribution,
    _bands,
    _change,
    _close_call,
    _cross,
    _duplicates,
    _grounding,
    _officials,
    _other_body,
    _range,
    _subject,
    _threshold,
    _units,
    _year_statement,
    _years,
)
from extractor.checks._base import CheckFn, Context
from extractor.checks._cross import cross_article_flags, subject_key
from extractor.checks._scale import ScaleBook, scale_book
from schemas.record import Extraction, Flag, Severity, Status

_REVIEW_SEVERITIES = {Severity.error, Severity.warning}

TEXT_UNAVAILABLE = "source_text_unavailable"


@dataclass(frozen=True)
class Check:
    name: str
    run: CheckFn
    needs_text: bool  # skipped without the article text
    codes: tuple[str, ...]
    reads_text: bool = False  # runs without the text too, but some of its flags need it


# In the order a reviewer reads a record: the numbers, then the text, then the people.
CHECKS: tuple[Check, ...] = (
    Check("bands", _bands.check_bands, False, _bands.CODES),
    Check("years", _years.check_years, False, _years.CODES),
    Check("year statement", _year_statement.check_year_statement, True, _year_statement.CODES),
    Check("range", _range.check_range, False, _range.CODES),
    Check("change", _change.check_change, True, _change.CODES),
    Check("unit count", _units.check_unit_count, True, (_units.COUNT,)),
    Check("unit mean", _units.check_unit_mean, True, (_units.MEAN,)),
    Check("titles", _officials.check_titles, False, (_officials.TITLE_KIND,)),
    Check("subject kind", _officials.check_subject_kind, False, (_officials.SUBJECT_KIND,)),
    Check("journalists", _officials.check_journalists, False, (_officials.JOURNALIST,), reads_text=True),
    Check("grounding", _grounding.check_grounding, True, _grounding.CODES),
    Check("other body", _other_body.check_other_body, False, _other_body.CODES, reads_text=True),
    Check("duplicates", _duplicates.check_duplicates, False, _duplicates.CODES),
    Check("assessor subject", _subject.check_subject_is_assessor, True, (_subject.ASSESSOR,)),
    Check("dateline subject", _subject.check_subject_from_dateline, True, (_subject.DATELINE,)),
    Check("competing subject", _subject.check_competing_subject, True, (_subject.COMPETING,)),
    Check("attribution", _attribution.check_attribution, True, _attribution.CODES),
    Check("threshold", _threshold.check_threshold, True, (_threshold.THRESHOLD,)),
    Check("negated zone", _threshold.check_negated, True, (_threshold.NEGATED,)),
    Check("competing score", _threshold.check_competing, True, (_threshold.COMPETING,)),
    Check("close call", _close_call.check_close_call, False, _close_call.CODES),
)

# Codes a text check may raise: kept from the stored record when the text cannot be re-read.
TEXT_CODES = frozenset(
    code for check in CHECKS if check.needs_text or check.reads_text for code in check.codes
)
CODES = (
    frozenset(code for check in CHECKS for code in check.codes) | frozenset(_cross.CODES) | {TEXT_UNAVAILABLE}
)


def run_checks(extraction: Extraction, text: str | None, book: ScaleBook | None = None) -> list[Flag]:
    """Flags of every single-article check; with ``text=None`` only those that need no text."""
    ctx = Context(extraction, text, book or scale_book())
    flags: list[Flag] = []
    for check in CHECKS:
        if check.needs_text and text is None:
            continue
        flags += check.run(ctx)
    return flags


def check_extraction(extraction: Extraction, text: str) -> list[Flag]:
    """Flags for one article's extraction, from every single-article check."""
    return run_checks(extraction, text)


def status_for(flags: list[Flag]) -> Status:
    return Status.flagged if any(flag.severity in _REVIEW_SEVERITIES for flag in flags) else Status.ok


from extractor.checks._folder import FolderReport, check_folder  # noqa: E402  (uses the names above)

__all__ = [
    "CHECKS",
    "CODES",
    "TEXT_CODES",
    "TEXT_UNAVAILABLE",
    "FolderReport",
    "check_extraction",
    "check_folder",
    "cross_article_flags",
    "run_checks",
    "status_for",
    "subject_key",
]
