"""A ranking round-up: a headline that names no one, and a sentence or list that gives several
regions or agencies a score each ("Untuk kategori provinsi, nilai tertinggi diraih Provinsi A
(95,12), disusul Provinsi B (94,50) dan Provinsi C (93,80)").

The subject stage picks one member of such a list as the subject, since it is named with a score
like a subject is. The corpus convention (shared/corpus/README.md) makes the round-up itself the
subject, kind ``other``, with every member in ``others``; a group score, zone or grade is kept
only when the article gives it to the whole group, which a ranking does not. So when the chosen
subject's own score stands in a sentence that scores at least two others too, and the headline
names none of them, the draft is turned round: the headline is the collective subject and the
member becomes one other result among the rest.
"""

from __future__ import annotations

from extractor.rules._article import Article
from extractor.rules._entities import Category, Mention
from extractor.rules._others import find_others
from extractor.rules._places import headline_span
from schemas.draft import ArticleExtraction, DraftSubject
from schemas.values import SubjectKind

_MEMBERS = (Category.region, Category.ministry, Category.agency, Category.office)
_PEERS = 2  # other members scored in the subject's own sentence


def as_ranking(article: Article, subject: Mention | None, draft: ArticleExtraction) -> bool:
    """Turns the draft of a ranking round-up round (see the module's docstring); True when it did."""
    text, doc = article.text, article.doc
    if subject is None or subject.category not in _MEMBERS or draft.subject is None:
        return False
    head_start, head_end = headline_span(text, doc.title_end)
    if head_end <= head_start or any(
        head_start <= m.start < head_end for m in article.mentions if m.category in _MEMBERS
    ):
        return False  # a headline that names someone says whose article it is
    # Every member's result as the other-results stage reads it when no one is the subject.
    everyone = find_others(article, None, draft.assessment_year, None, {u.name for u in draft.units})
    own = next((o for o in everyone if o.name == subject.name and o.score is not None), None)
    if own is None:
        return False
    sentence = _sentence_of_quote(article, own.quote)
    peers = [o for o in everyone if o is not own and o.score is not None
             and _sentence_of_quote(article, o.quote) == sentence]  # fmt: skip
    if sentence is None or len(peers) < _PEERS:
        return False
    headline = text[head_start:head_end].strip()
    draft.subject = DraftSubject(name=headline, kind=SubjectKind.other, quote=headline)
    draft.others = everyone
    draft.score = draft.zone = draft.grade = None
    draft.score_quote = draft.zone_quote = draft.grade_quote = None
    draft.previous = []
    return True


def _sentence_of_quote(article: Article, quote: str) -> int | None:
    at = article.text.find(quote)
    return article.doc.sentence_of(at) if at >= 0 else None
