"""The rules put together: one article text in, an ``ArticleExtraction`` (values + quotes) out.

How a value is decided, in order:
1. every decimal number that can be a score, minus money, shares, changes, scale bounds and the
   numbers of other indices (IPP, IKM, KemenPAN-RB);
2. each score's owner: the entity named last before it (in its sentence, else just before), and
   its year: the year printed right after it ("82,28 di 2024") or last before it in its clause;
3. the subject: the entity that the headline, the lead and the mentions favour, helped by owning
   a score and by the headline's zone;
4. the subject's score: its latest-year score; earlier ones become ``previous``; units are the
   service units (Dinas, Puskesmas, DPMPTSP, Kantor Pertanahan...) that own a score;
5. zone and grade: the words around the score ("82,28 zona hijau kualitas tinggi", "Nilai itu
   berada di Zonasi Kuning dan Kategori C"), else the headline's, else a sentence on the subject.

Steps 1–2 are ``_scores``, 3 is ``_subject``, 4–5 are ``_results`` (units in ``_units``), and the
officials are ``_officials``.
"""

from __future__ import annotations

import math
import re

from extractor.engines import RunnerUp
from extractor.rules._anchored import folded
from extractor.rules._article import Article, SubjectRival
from extractor.rules._cues import other_index_starts
from extractor.rules._entities import EntityFinder
from extractor.rules._labels import SCALE, SCALE_WORDS, has_scale_words
from extractor.rules._numbers import DateMention, as_date, dates
from extractor.rules._officials import find_officials
from extractor.rules._others import find_others
from extractor.rules._ranking import as_ranking
from extractor.rules._results import fill_results, perception_only
from extractor.rules._scores import find_scores
from extractor.rules._subject import choose_subject, draft_subject
from extractor.rules._text import parse
from schemas.draft import ArticleExtraction, DraftOfficial
from schemas.record import RunnerUp as StoredRunnerUp
from schemas.values import AssessmentKind, SubjectKind

_OMBUDSMAN = re.compile(r"ombudsman", re.IGNORECASE)
_OPINI_2025 = re.compile(r"maladministrasi|opini\s+ombudsman|opini\s+kualitas", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"20[12][0-9]\D+20[12][0-9]")  # "dari 2022 hingga 2024": years, not a scale


class Extractor:
    def __init__(self, finder: EntityFinder) -> None:
        self.finder = finder

    def extract(self, text: str) -> tuple[ArticleExtraction, list[RunnerUp]]:
        """The draft, and the close calls behind it (``engines.RunnerUp``)."""
        doc = parse(text)
        found = self.finder.find(text, doc.title_end)
        article = Article(text, doc, [m for m in found if not m.ignored], [], dates(text))
        article.places_only = [m for m in found if m.ignored]
        article.other_index_sentences = {doc.sentence_of(at) for at in other_index_starts(text)}
        article.scale_sentences = {
            doc.sentence_of(m.start()) for m in SCALE.finditer(text) if not _YEAR_RANGE.fullmatch(m.group())
        }
        article.scale_words = has_scale_words(text)
        if article.scale_words:
            article.scale_sentences.update(doc.sentence_of(m.start()) for m in SCALE_WORDS.finditer(text))
        officials = [
            DraftOfficial(name=o.name, role=o.role, quote=text[o.start : o.end])
            for o in find_officials(text, self.finder)
        ]
        published = _published(article)
        low = folded(text)  # (a substring test where it is safe: a case-blind scan reads every character)
        ombudsman = "ombudsman" in low if low is not None else bool(_OMBUDSMAN.search(text))
        if ombudsman:
            article.scores = find_scores(article)
        subject = choose_subject(article)
        draft = ArticleExtraction(
            assessment=AssessmentKind.ombudsman_compliance
            if ombudsman
            else (AssessmentKind.other_index if article.other_index_sentences else AssessmentKind.none),
            subject=draft_subject(article, subject) if subject else None,
            officials=officials,
        )
        if published is not None:
            draft.published, draft.published_quote = as_date(published), text[published.start : published.end]
        if not ombudsman:
            return draft, []
        runner_ups = fill_results(article, subject, draft)
        rival = article.subject_rival
        if rival is not None and draft.subject is not None:
            runner_ups.insert(0, _subject_runner_up(rival))
        if not perception_only(text):
            units = {u.name for u in draft.units}
            draft.others = find_others(article, subject, draft.assessment_year, draft.score, units)
            as_ranking(article, subject, draft)
        if draft.assessment_year is not None and draft.assessment_year >= 2025 and _OPINI_2025.search(text):
            draft.assessment = AssessmentKind.ombudsman_opini_2025
        return draft, runner_ups


def _subject_runner_up(rival: SubjectRival) -> RunnerUp:
    """The subject the engine nearly chose, for the ``close_call`` check."""
    stored = StoredRunnerUp(
        field="subject",
        value=rival.mention.name,
        behind=math.ceil(rival.behind),  # (half points round up: "less evidence" stays true)
        reasons=rival.reasons,
        chosen_reasons=rival.chosen_reasons,
    )
    return RunnerUp(stored, rival.mention.written)


def _published(article: Article) -> DateMention | None:
    for mention in article.dates:
        if mention.start > 400:
            break
        if mention.day is not None:
            return mention
    return None


__all__ = ["Extractor", "SubjectKind"]
