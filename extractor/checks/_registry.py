"""The single-article checks, in the order they run, and the codes they (and the folder checks) give."""

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
    _releases,
    _subject,
    _threshold,
    _units,
    _year_statement,
    _years,
)
from extractor.checks._base import CheckFn, Context
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
    frozenset(code for check in CHECKS for code in check.codes)
    | frozenset(_cross.CODES)
    | frozenset(_releases.CODES)
    | {TEXT_UNAVAILABLE}
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
