"""A round-up's subject (shared/corpus/README.md: kind ``other``): an article whose headline, or
lead when the headline names no one, counts or lists agencies ("Lima Kementerian Raih ...",
"Polres jajaran Polda X", "Pemda, Polres dan Kantor Pertanahan se-X") without naming one member
as its subject. Its subject is that phrase, as written, named with the province it covers when
the phrase names no place ("36 Instansi Pelayanan Publik di Provinsi Riau")."""

from __future__ import annotations

import itertools

from extractor.regions import regions_named
from extractor.rules._article import Article
from extractor.rules._mentions import Category, Mention, name_key
from extractor.rules._places import collective_phrase, is_dateline, shouted, top_lists
from schemas.values import SubjectKind


def roundup(
    article: Article, head: tuple[int, int], lead_end: int, named: list[int], headline_place: bool
) -> Mention | None:
    """The collective phrase of a round-up, when no member is the headline's subject. ``named``:
    where the names the headline gives as who (not where) begin; ``headline_place``: whether the
    headline names a place and no one else ("Seluruh Layanan Publik di Sumbar Raih ...")."""
    text = article.text
    head_start, head_end = head
    span = collective_phrase(text, head_start, head_end) if head_end > head_start else None
    if any(span is None or not span[0] <= start < span[1] for start in named):
        return None  # the headline names its subject ("Polres Buru Terbaik di Maluku"); a name
        #              inside the phrase ("7 Polres Polda Papua") is the phrase's own
    if span is None and not headline_place:
        span = collective_phrase(text, head_end, lead_end) or top_lists(text, head_end)
    if span is None:
        return None
    start, end = span
    written = text[start:end]
    scope = _scope(article, span, head_start, lead_end)
    name = written if scope is None else f"{written} di {scope.name}"
    return Mention(start, end, "group:" + name_key(written), Category.group, SubjectKind.other, written, name)


def _scope(article: Article, span: tuple[int, int], head_start: int, lead_end: int) -> Mention | None:
    """The province a round-up covers, when its phrase names no place ("36 Instansi Pelayanan
    Publik"): the one province its headline or lead names, not as a dateline (the Ombudsman office's
    own province counts: it assesses its province); none for a national round-up, or when two
    provinces are named."""
    if regions_named(article.text[span[0] : span[1]]):
        return None  # "Kantah se-Kalsel", "7 Polres Polda Papua": the phrase has its place
    provinces = {
        m.key: m
        for m in itertools.chain(article.mentions, article.places_only)
        if head_start <= m.start < lead_end
        and m.category == Category.region
        and m.kind == SubjectKind.provinsi
        and not (m.in_role or shouted(m) or is_dateline(article.text, m.start, m.end))
    }
    return next(iter(provinces.values())) if len(provinces) == 1 else None
