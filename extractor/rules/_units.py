"""The assessed units: service units (Dinas, Puskesmas, DPMPTSP, Kantor Pertanahan...) that own
a score in the article."""

from __future__ import annotations

import re

from extractor.rules._article import Article
from extractor.rules._entities import UNIT_HEAD, Category, Mention, office_head
from extractor.rules._labels import labels_in
from extractor.rules._scores import relabel
from schemas.draft import DraftUnit
from schemas.values import Grade, Zone


def find_units(article: Article, subject: Mention | None, year: int | None) -> list[DraftUnit]:
    text, doc = article.text, article.doc
    unit_categories = {Category.unit}
    if subject is not None and subject.category in (Category.office, Category.ministry, Category.agency):
        unit_categories.add(Category.office)  # a Kanwil's Kantah, an agency's Balai Besar
    units: list[DraftUnit] = []
    seen: set[str] = set()
    for score in article.scores:
        owner = score.owner
        if owner is None or owner.category not in unit_categories:
            continue
        if subject is not None and owner.key == subject.key:
            continue
        if owner.key in seen or _peer(subject, owner):
            continue
        seen.add(owner.key)
        labels = relabel(text, score.labels, year)
        if not any(lab.zone or lab.grade for lab in labels):
            start, _ = doc.sentence_span(score.sentence)
            first_unit = next(
                (
                    m.start
                    for m in article.mentions
                    if start <= m.start
                    and m.category in unit_categories
                    and (subject is None or m.key != subject.key)
                ),
                owner.start,
            )
            labels = labels_in(text, start, first_unit, year if year and year <= 2021 else None)
        zone: Zone | None = next((lab.zone for lab in labels if lab.zone), None)
        grade: Grade | None = next((lab.grade for lab in labels if lab.grade), None)
        quote_start = owner.start if owner.start < score.number.start else score.quote_start
        written = max((m.written for m in article.mentions if m.key == owner.key), key=len)
        written = _without_subject_region(written, subject)
        units.append(
            DraftUnit(
                name=written,
                score=score.number.value,
                zone=zone,
                grade=grade,
                quote=text[quote_start : score.number.end],
            )
        )
    return units


def _peer(subject: Mention | None, owner: Mention) -> bool:
    """'Polres Bondowoso' next to the subject 'Polres Jember': an office of the same kind is a
    peer, not one of the subject's units."""
    if subject is None or subject.category != Category.office or owner.category != Category.office:
        return False
    return office_head(subject.name) == office_head(owner.name)


_KIND_WORDS = re.compile(r"^(?:Kota|Kabupaten|Provinsi)\s+")


def _without_subject_region(written: str, subject: Mention | None) -> str:
    """'Dinas Kesehatan Kota Kediri' in an article on Kota Kediri -> 'Dinas Kesehatan' (but
    'Puskesmas Batu' stays: a head word alone names no unit)."""
    if subject is None or subject.category != Category.region:
        return written
    place = _KIND_WORDS.sub("", subject.name)
    for suffix in (subject.name, place):
        if written.endswith(" " + suffix):
            base = written[: -len(suffix)].rstrip()
            if not UNIT_HEAD.fullmatch(base):
                return base
    return written
