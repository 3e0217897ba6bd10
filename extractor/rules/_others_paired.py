"""Other subjects' results given by their place in a table rather than by a clause of their own: a
name in a row's first cell whose row gives a zone or grade but no score ("| Kota A | Zona Hijau |";
a row with a score is found by its score). Names and scores given "masing-masing" are paired where
the scores are found (``_scores``)."""

from __future__ import annotations

import re

from extractor.rules._article import Article
from extractor.rules._entities import Mention
from extractor.rules._others_names import is_other
from extractor.rules._tables import row_labels
from schemas.draft import DraftOther

# A name that is a table row's first cell: "| Kota Magelang | Zona Hijau |".
_ROW_START = re.compile(r"[ \t]*\|[ \t]*")
_CELL_END = re.compile(r"[ \t]*\|")


def table_rows(
    article: Article, names: list[Mention], subject: Mention | None, year: int | None, unit_names: set[str]
) -> list[tuple[int, DraftOther, str]]:
    """Each other subject named in a table row's first cell, with the zone or grade its row gives
    (a row with a score is found by its score already; this is the row with a label only)."""
    text, doc = article.text, article.doc
    found: list[tuple[int, DraftOther, str]] = []
    if year is None or "|" not in text:
        return found
    for mention in names:
        line_start = text.rfind("\n", 0, mention.start) + 1
        if not _ROW_START.fullmatch(text, line_start, mention.start):
            continue
        if not _CELL_END.match(text, mention.end):
            continue
        if not is_other(mention, subject, unit_names) or doc.in_title(mention.start):
            continue
        row = row_labels(text, mention.start, year)
        if row is None or (row.zone is None and row.grade is None):
            continue
        draft = DraftOther(
            name=mention.name,
            kind=mention.kind,
            assessment_year=year,
            zone=row.zone,
            grade=row.grade,
            quote=text[mention.start : row.end],
        )
        found.append((mention.start, draft, mention.key))
    return found
