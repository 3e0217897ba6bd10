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
15. one press release in several outlets (``_releases``, run by ``check_folder``): ``same_release``,
    an info flag on each record of a group of near-duplicate articles, naming the others

Severity: error for a hard contradiction with a high-confidence band or fact, and for a score
two or more bands away from its stated zone or grade whatever the band's confidence; warning
for a band of medium confidence and for soft checks; info for notes. A check that needs the article
text is skipped when the text is not available (``text=None``).
"""

from __future__ import annotations

from extractor.checks._cross import cross_article_flags, key_of, subject_key
from extractor.checks._folder import FolderReport, check_folder
from extractor.checks._registry import (
    CHECKS,
    CODES,
    TEXT_CODES,
    TEXT_UNAVAILABLE,
    Check,
    check_extraction,
    run_checks,
    status_for,
)

__all__ = [
    "CHECKS",
    "CODES",
    "TEXT_CODES",
    "TEXT_UNAVAILABLE",
    "Check",
    "FolderReport",
    "check_extraction",
    "check_folder",
    "cross_article_flags",
    "key_of",
    "run_checks",
    "status_for",
    "subject_key",
]
