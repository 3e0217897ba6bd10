"""A ranking round-up: a headline that names no one, and a sentence or list that ranks several
regions or agencies by their scores ("Untuk kategori provinsi, nilai tertinggi diraih Provinsi A
(95,12), disusul Provinsi B (94,50) dan Provinsi C (93,80)").

The subject stage picks one member of such a list as the subject, since it is named with a score
like a subject is. The corpus convention (shared/corpus/README.md) makes the round-up itself the
subject, kind ``other``, with every member in ``others``; a group score, zone or grade is kept
only when the article gives it to the whole group, which a ranking does not. So when the chosen
subject's own score stands in a sentence that ranks ("tertinggi", "disusul", "peringkat") and
scores at least two others too, and the headline names none of them, the draft is turned round:
the headline is the collective subject and the member becomes one other result among the rest.
A sentence that compares the subject with others ("lebih tinggi dari", "mengungguli") is about
the subject, and stays so.
"""

from __future__ import annotations

import re

from extractor.rules._anchored import has_word
from extractor.rules._article import Article
from extractor.rules._entities import SUBJECT_CATEGORIES, Mention
from extractor.rules._others import placed_others
from extractor.rules._places import headline_span
from schemas.draft import ArticleExtraction, DraftSubject
from schemas.values import SubjectKind

_PEERS = 2  # other members scored in the subject's own sentence
# Words of a ranking, and words of a comparison that keeps its first name the article's subject.
_RANKING_WORDS = ("tertinggi", "terendah", "terbaik", "disusul", "diikuti", "peringkat", "posisi", "urutan",
                  "besar")  # fmt: skip
_COMPARISON = re.compile(
    r"\b(?:lebih\s+(?:tinggi|rendah|baik)|dibanding(?:kan)?|mengungguli|unggul|melampaui|di\s+atas|di\s+bawah)\b",
    re.IGNORECASE,
)


def as_ranking(article: Article, subject: Mention | None, draft: ArticleExtraction) -> bool:
    """Turns the draft of a ranking round-up round (see the module's docstring); True when it did."""
    text, doc = article.text, article.doc
    if subject is None or subject.category not in SUBJECT_CATEGORIES or draft.subject is None:
        return False
    head_start, head_end = headline_span(text, doc.title_end)
    if head_end <= head_start or any(
        head_start <= m.start < head_end for m in article.mentions if m.category in SUBJECT_CATEGORIES
    ):
        return False  # a headline that names someone says whose article it is
    if not has_word(text, _RANKING_WORDS, head_end, len(text)):
        return False
    # Every member's result as the other-results stage reads it when no one is the subject.
    everyone = placed_others(article, None, draft.assessment_year, None, {u.name for u in draft.units})
    own = next(((at, o) for at, o in everyone if o.name == subject.name and o.score is not None), None)
    if own is None:
        return False
    sentence = doc.sentence_of(own[0])
    start, end = doc.sentence_span(sentence)
    if not has_word(text, _RANKING_WORDS, start, end) or _COMPARISON.search(text, start, end):
        return False
    peers = [
        o for at, o in everyone if o is not own[1] and o.score is not None and doc.sentence_of(at) == sentence
    ]
    if len(peers) < _PEERS:
        return False
    headline = text[head_start:head_end].strip()
    draft.subject = DraftSubject(name=headline, kind=SubjectKind.other, quote=headline)
    draft.others = [o for _, o in everyone]
    draft.score = draft.zone = draft.grade = None
    draft.score_quote = draft.zone_quote = draft.grade_quote = None
    draft.previous, draft.units = [], []  # a member's earlier results and units are not the group's
    return True
