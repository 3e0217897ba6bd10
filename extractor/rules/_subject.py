"""The subject: the entity the headline, the lead and the mentions favour, helped by owning a
score and by the headline's zone."""

from __future__ import annotations

import re

from extractor.rules._article import Article
from extractor.rules._entities import Category, Mention
from extractor.rules._labels import labels_in
from schemas.draft import DraftSubject
from schemas.values import Zone

_SUBJECT_CATEGORIES = (Category.region, Category.ministry, Category.agency, Category.office)
_TITLE_COUNT = re.compile(
    r"\b(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|belasan|puluhan)\s+"
    r"(?:Kabupaten|Kota|Daerah|Pemda|Pemkab|Pemkot|Kementerian|Instansi|Polres|Kantor|OPD|Lembaga)",
    re.IGNORECASE,
)
_TITLE_SKIP_BEFORE = re.compile(r"(?:\bselain|\bdari|\boleh)\s*$", re.IGNORECASE)
_TITLE_LOCATION_BEFORE = re.compile(r"\b(?:di|se-?)\s*$", re.IGNORECASE)
_TITLE_ALL = re.compile(r"\b(?:seluruh|semua)\b", re.IGNORECASE)


def choose_subject(article: Article) -> Mention | None:
    doc, text = article.doc, article.text
    candidates = [m for m in article.mentions if m.category in _SUBJECT_CATEGORIES]
    headline = next((m for m in article.mentions if doc.in_title(m.start)), None)
    if headline is not None and headline.category == Category.unit:
        # "RSUD dr. Iskak Tulungagung Raih ...": a service unit that leads the headline
        candidates = sorted(candidates + [m for m in article.mentions if m.key == headline.key],
                            key=lambda m: m.start)  # fmt: skip
    if not candidates:
        return None
    title = text[: doc.title_end]
    roundup = bool(_TITLE_COUNT.search(title))
    title_zone = _title_zone(article)
    points: dict[str, float] = {}
    first: dict[str, Mention] = {}
    lead_end = doc.lead_end()
    seen_title: set[str] = set()
    counted: dict[str, int] = {}
    for mention in candidates:
        key = mention.key
        first.setdefault(key, mention)
        points.setdefault(key, 0.0)
        if doc.in_title(mention.start):
            if key in seen_title:
                continue
            seen_title.add(key)
            before = text[max(0, mention.start - 12) : mention.start]
            if _TITLE_SKIP_BEFORE.search(before):
                continue
            if _TITLE_LOCATION_BEFORE.search(before) and roundup and not _TITLE_ALL.search(title):
                continue
            points[key] += 4.0 if len(seen_title) == 1 else 3.0
            continue
        if mention.in_role:
            points[key] += 0.5 if counted.get(key + "#role", 0) == 0 else 0.0
            counted[key + "#role"] = 1
            continue
        if mention.start < lead_end and counted.get(key + "#lead", 0) == 0:
            points[key] += 2.0
            counted[key + "#lead"] = 1
        if counted.get(key, 0) < 5:
            points[key] += 1.0
            counted[key] = counted.get(key, 0) + 1
    for score in article.scores:
        if score.owner is None or score.owner.key not in points:
            continue
        key = score.owner.key
        if counted.get(key + "#score", 0) == 0:
            points[key] += 2.0
            counted[key + "#score"] = 1
        zones = {label.zone for label in score.labels if label.zone}
        if title_zone is not None and title_zone in zones and counted.get(key + "#zone", 0) == 0:
            points[key] += 3.0 if roundup else 2.0
            counted[key + "#zone"] = 1
    best = max(points, key=lambda k: (points[k], -first[k].start))
    return first[best]


def _title_zone(article: Article) -> Zone | None:
    if not article.doc.title_end:
        return None
    for label in labels_in(article.text, 0, article.doc.title_end, None):
        if label.zone is not None:
            return label.zone
    return None


def draft_subject(article: Article, subject: Mention) -> DraftSubject:
    same = [m for m in article.mentions if m.key == subject.key]
    if subject.category == Category.region:
        written = next((m for m in same if not m.bare and not m.in_role), None) or subject
        return DraftSubject(name=written.written, kind=subject.kind, quote=written.written)
    if subject.category in (Category.office, Category.unit):
        longest = max(same, key=lambda m: len(m.name))
        return DraftSubject(name=longest.name, kind=subject.kind, quote=longest.written)
    longest = max(same, key=lambda m: len(m.written))
    return DraftSubject(name=longest.written, kind=subject.kind, quote=longest.written)
