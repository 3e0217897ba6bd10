"""Other subjects' results given by position rather than by a clause of their own: names and
scores paired in order ("A dan B masing-masing memperoleh nilai 85,12 dan 80,30"), and a name in
a table row's first cell whose row gives a zone or grade but no score ("| Kota A | Zona Hijau |")."""

from __future__ import annotations

import re

from extractor.rules._article import Article
from extractor.rules._entities import Mention
from extractor.rules._others_lists import NOT_RESULT
from extractor.rules._others_names import is_other
from extractor.rules._tables import row_labels
from schemas.draft import DraftOther

# "A dan B masing-masing memperoleh nilai 85,12 dan 80,30": names and scores paired in order.
_RESPECTIVELY = re.compile(r"\bmasing-?\s?masing\b", re.IGNORECASE)


def respectively(
    article: Article, names: list[Mention], subject: Mention | None, year: int | None, unit_names: set[str]
) -> tuple[list[tuple[int, DraftOther, str]], set[int]]:
    """The results of a sentence that names several subjects, then "masing-masing" and as many
    scores: the n-th score is the n-th name's. Also the scores so paired (no owner of their own)."""
    text, doc = article.text, article.doc
    found: list[tuple[int, DraftOther, str]] = []
    paired: set[int] = set()
    for word in _RESPECTIVELY.finditer(text):
        start, end = doc.sentence_span(doc.sentence_of(word.start()))
        if doc.in_title(start) or NOT_RESULT.search(text, start, end):
            continue
        before = [m for m in names if start <= m.start and m.end <= word.start()]
        scores = [s for s in article.scores if word.end() <= s.number.start < end]
        if len(before) < 2 or len(scores) != len(before):
            continue
        for mention, score in zip(before, scores, strict=True):
            paired.add(score.number.start)
            if not is_other(mention, subject, unit_names):
                continue
            own_year = score.year if score.year is not None else year
            draft = DraftOther(
                name=mention.name,
                kind=mention.kind,
                assessment_year=own_year,
                score=score.number.value,
                quote=text[mention.start : score.number.end],
            )
            found.append((mention.start, draft, mention.key))
    return found, paired


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
