"""The assessed units: service units (Dinas, Puskesmas, DPMPTSP, Kantor Pertanahan...) of the
subject that the article gives a score, or lists as assessed without one.

Three ways an article gives them: a score owned by a unit ("Dinas Sosial dengan nilai 78,80");
a list in prose after an opener ("penilaian dilakukan terhadap Dinas Pendidikan, Dinas Sosial
serta Puskesmas Soreang"); one unit a line (bullets, numbers, a flattened table). A unit's name
is kept as written, with its "(ABBR)" and region; its score is None where none is printed; its
zone and grade only where the article says them of that unit (or of the list it opens).
"""

from __future__ import annotations

import re

from extractor.rules._anchored import Anchored, Cued
from extractor.rules._article import Article, Score
from extractor.rules._entities import Category, Mention, office_head
from extractor.rules._labels import Label, first_labels, labels_in
from extractor.rules._mentions import name_key
from extractor.rules._scores import relabel
from extractor.rules._tables import add_row_labels
from extractor.rules._unit_kinds import head_name, needs_name
from extractor.rules._unit_lists import BRACKETED_SCORE, Item, bracketed_value, items, line_lists, prose_lists
from schemas.draft import DraftUnit
from schemas.values import Grade, Zone

# A unit named as the place of the handover or where complaints go is not an assessed unit. A match
# holds one of the words (``Cued``): most names have none of them before them.
_HOST_WORDS = ("bertempat", "berlangsung", "digelar", "diadakan", "dilaksanakan", "diserahkan", "aula",
               "gedung", "ruang", "hall", "pendopo", "kantor", "aduan", "melapor", "laporan")  # fmt: skip
_HOST_BEFORE = Cued(
    re.compile(
        r"(?:(?:bertempat|berlangsung|digelar|diadakan|dilaksanakan|diserahkan)\s+di|"
        r"di\s+(?:aula|gedung|ruang|hall|pendopo|kantor)|(?:pengaduan|aduan|melapor|laporan)\b[^.\n]{0,40}"
        r"\b(?:ke|kepada|melalui|di))\s+$",
        re.IGNORECASE,
    ),
    _HOST_WORDS,
)
# (searched for in the whole article: tried only where "akan" or "sosialisasi" occurs)
_PLANNED = Anchored(
    re.compile(
        r"\bakan\s+(?:di(?:umumkan|nilai|survei|lakukan|laksanakan)|menilai|menyurvei|melakukan\s+penilaian)\b|"
        r"\bsosialisasi\b",
        re.IGNORECASE,
    ),
    ("akan", "sosialisasi"),
)
_ROLE_BEFORE = re.compile(r"\b(?:Kepala|Kadis|Kadin|Plt\.?|Plh\.?|Sekretaris|Kabid|Kasi|Kabag|Direktur)\s+$")
_CHANGE_FROM = re.compile(
    r"\b(?:meningkat|naik|turun|menurun)\s+dari\s+(?:(?:nilai|skor|angka)\s+)?$", re.IGNORECASE
)
_KIND_WORDS = re.compile(r"^(?:Kota|Kabupaten|Provinsi)\s+")
_ANAPHORA = re.compile(
    r"\W*(?:nilai(?:nya)?|skor(?:nya)?|capaian(?:nya)?|dengan|yakni|yaitu)\b", re.IGNORECASE
)
# "Dindik berada di zona merah, sementara dua dinas lainnya di zona hijau"
_SAID_OF = re.compile(
    r"[ \t,]*(?:(?:berada|masuk|meraih|mendapat|memperoleh|tetap|masih)[ \t]+)?(?:di[ \t]+)?$"
)
_OTHERS = re.compile(
    r"\b(?:(?:dua|tiga|empat|lima|enam|[0-9])[ \t]+)?(?:dinas|unit|OPD|lokus|puskesmas|instansi)?[ \t]*"
    r"(?:lainnya|sisanya)\b",
    re.IGNORECASE,
)
# "Kota X zona hijau, sementara Dinas A 80,1": a label before such a word is not the units'.
_CONTRAST = re.compile(r"\b(?:sementara|sedangkan|adapun|namun|tetapi|untuk)\b", re.IGNORECASE)


def find_units(article: Article, subject: Mention | None, year: int | None) -> list[DraftUnit]:
    categories = {Category.unit}
    if subject is not None and subject.category in (Category.office, Category.ministry, Category.agency):
        categories.add(Category.office)  # a Kanwil's Kantah, an agency's Balai Besar
    candidates = items(article, categories)
    names = _names(article, candidates, subject)
    found: dict[str, tuple[int, DraftUnit]] = {}
    key_at = {item.start: item.key for item in candidates}
    for score in article.scores:
        owner = score.owner
        if owner is None or owner.category not in categories:
            continue
        key = key_at.get(owner.start, owner.key)
        if key in found:
            continue
        if article.doc.sentence_of(owner.start) != score.sentence and not _ANAPHORA.match(
            article.text, article.doc.sentence_span(score.sentence)[0]
        ):
            continue  # "... Puskesmas IV. Hasilnya, 57,41% entitas ...": not the unit's score
        if _excluded(article, subject, owner.key, owner.start, owner.name, owner.category):
            continue
        if role_change(article, score):
            continue  # the subject's earlier result, told by the unit's head
        zone, grade = _score_labels(article, score, categories, subject, year)
        quote_start = owner.start if owner.start < score.number.start else score.quote_start
        unit = DraftUnit(
            name=names.get(key, owner.written),
            score=score.number.value,
            zone=zone,
            grade=grade,
            quote=article.text[quote_start : max(score.number.end, score.quote_end)],
        )
        found[key] = (quote_start, unit)
    # An article with no score that announces the assessment names its loci, not assessed units.
    unscored = bool(article.scores) or _PLANNED.search(article.text) is None
    for line_run in line_lists(article, candidates):
        for item, line_end in line_run:
            if item.key not in found and not _excluded_item(article, subject, item):
                unit = _line_unit(article, item, line_end, names, year)
                if unit.score is not None or unscored:
                    found[item.key] = (item.start, unit)
    for prose_run in prose_lists(article, candidates) if unscored else []:
        listed: dict[str, DraftUnit] = {}
        for item in prose_run:
            if item.key not in found and not _excluded_item(article, subject, item):
                listed[item.key] = _listed_unit(article, item, names, year)
                found[item.key] = (item.start, listed[item.key])
        _labels_said_later(article, prose_run[-1].end, listed, candidates, year)
    for start, unit in found.values():
        add_row_labels(article.text, start, unit, year)
    return [unit for _, unit in sorted(found.values(), key=lambda pair: pair[0])]


def role_change(article: Article, score: Score) -> bool:
    """'Kepala Dinas Kominfo Kabupaten X, Budi, menyampaikan bahwa capaian tersebut meningkat dari
    nilai 80,95 pada tahun 2023': a unit named in an official's role, whose sentence tells a change
    from a dated score, is the speaker's office, not the score's owner."""
    owner = score.owner
    if owner is None or owner.category != Category.unit or score.year is None:
        return False
    text = article.text
    if _ROLE_BEFORE.search(text, max(0, owner.start - 24), owner.start) is None:
        return False
    return _CHANGE_FROM.search(text, owner.end, score.number.start) is not None


def _names(article: Article, candidates: list[Item], subject: Mention | None) -> dict[str, str]:
    """Each unit's fullest name as written, by key: 'Dinas Kependudukan dan Catatan Sipil
    (Disdukcapil) Kota Jayapura' named once, then 'Dinas Kependudukan dan Catatan Sipil' or
    'Disdukcapil' with its score (the long form before the bracket is the same unit). A name
    inside an official's title ('Kepala Dinas Kesehatan Kota Kediri') is the person's, not
    how the article names the unit."""
    text = article.text
    names: dict[str, str] = {}
    alias: dict[str, str] = {}
    in_role = [
        _ROLE_BEFORE.search(text, max(0, item.start - 24), item.start) is not None for item in candidates
    ]
    for role_pass in (False, True):
        for item, role in zip(candidates, in_role, strict=True):
            if role != role_pass or (role and item.key in names):
                continue
            written = _short_form_alone(text[item.start : item.end], subject)
            if "(" in written:
                alias["unit:" + name_key(written.split("(", 1)[0])] = item.key
            if len(written) > len(names.get(item.key, "")):
                names[item.key] = written
    for short, key in alias.items():
        if len(names.get(key, "")) > len(names.get(short, "")):
            names[short] = names[key]
    return names


def _short_form_alone(written: str, subject: Mention | None) -> str:
    """'Dukcapil Bantul' in an article on Kabupaten Bantul -> 'Dukcapil': a short form followed
    by the subject's bare place name locates the unit, the place is not part of its name. A
    name written in full ('Dinas Sosial Kota Denpasar') and a head that needs the place
    ('Puskesmas Batu') stay as written."""
    if subject is None or subject.category != Category.region:
        return written
    place = _KIND_WORDS.sub("", subject.name)
    if not written.endswith(" " + place):
        return written
    base = written[: -len(place)].rstrip()
    if " " in base or "(" in base or head_name(base, 0) is None or needs_name(base):
        return written
    return base


def _excluded(
    article: Article, subject: Mention | None, key: str, start: int, name: str, category: Category
) -> bool:
    """The subject itself, a peer office of the subject, and a unit named as host or channel."""
    if subject is not None and key == subject.key:
        return True
    if (
        subject is not None
        and subject.category == Category.office
        and category == Category.office
        and office_head(subject.name) == office_head(name)
    ):
        return True  # 'Polres Bondowoso' next to the subject 'Polres Jember': a peer
    return _HOST_BEFORE.search(article.text, max(0, start - 60), start) is not None


def _excluded_item(article: Article, subject: Mention | None, item: Item) -> bool:
    name = item.mention.name if item.mention is not None else article.text[item.start : item.end]
    return _excluded(article, subject, item.key, item.start, name, item.category)


def _score_labels(
    article: Article, score: Score, categories: set[Category], subject: Mention | None, year: int | None
) -> tuple[Zone | None, Grade | None]:
    """The labels around the unit's score; else those that open a list of units in its sentence
    ("kelima unit berada di zona hijau: Dinas A 80,10, ..."), but not the subject's own before
    them ("Kota X zona hijau dengan nilai 85,50, sementara Dinas A 80,10")."""
    text, doc = article.text, article.doc
    labels = relabel(text, score.labels, year)
    if any(lab.zone or lab.grade for lab in labels):
        return first_labels(labels)
    start, _ = doc.sentence_span(score.sentence)
    first_unit = next(
        (
            m.start
            for m in article.mentions
            if start <= m.start and m.category in categories and (subject is None or m.key != subject.key)
        ),
        score.owner.start if score.owner is not None else start,
    )
    lead = start
    for mention in article.mentions:
        if mention.start >= first_unit:
            break
        if mention.start >= start and mention.category not in categories:
            lead = max(lead, mention.end)  # the subject or another entity: its labels are its own
    for number in article.numbers:
        if lead <= number.start < first_unit:
            lead = number.end
    leading = labels_in(text, lead, first_unit, year if year and year <= 2021 else None)
    if leading and _CONTRAST.search(text, leading[-1].end, first_unit):
        return None, None
    return first_labels(leading)


def _line_unit(
    article: Article, item: Item, line_end: int, names: dict[str, str], year: int | None
) -> DraftUnit:
    """A unit on a line of its own: the score and labels on its line only."""
    text = article.text
    old = year if year and year <= 2021 else None
    score = next((s for s in article.scores if item.end <= s.number.start < line_end), None)
    value, score_end = (score.number.value, score.number.end) if score is not None else (None, item.end)
    bracket = BRACKETED_SCORE.search(text, item.end, line_end) if score is None else None
    if bracket is not None and bracketed_value(bracket) is not None:  # "• Dinas Sosial (82,30)"
        value, score_end = bracketed_value(bracket), bracket.end()
    labels = labels_in(text, item.end, line_end, old)
    end = max([item.end, *(lab.end for lab in labels), score_end])
    zone, grade = first_labels(labels)
    return DraftUnit(
        name=names.get(item.key, text[item.start : item.end]),
        score=value,
        zone=zone,
        grade=grade,
        quote=text[item.start : end],
    )


def _listed_unit(article: Article, item: Item, names: dict[str, str], year: int | None) -> DraftUnit:
    """A unit named in a prose list without a score: labels only from a bracket right after it
    ("Dinas Sosial (zona hijau)")."""
    text = article.text
    end = item.end
    labels: list[Label] = []
    if text.startswith(" (", end) or text.startswith("(", end):
        close = text.find(")", end, end + 62)
        if close > 0:
            labels = labels_in(text, end, close, year if year and year <= 2021 else None)
            end = close + 1 if labels else end
    zone, grade = first_labels(labels)
    return DraftUnit(
        name=names.get(item.key, text[item.start : item.end]),
        score=None,
        zone=zone,
        grade=grade,
        quote=text[item.start : end],
    )


def _labels_said_later(
    article: Article, run_end: int, listed: dict[str, DraftUnit], candidates: list[Item], year: int | None
) -> None:
    """Labels stated of listed units in a later sentence: 'Dindik berada di zona merah' for that
    unit, and 'sementara dua dinas lainnya di zona hijau' for the rest of the list."""
    if not listed or any(u.zone or u.grade for u in listed.values()):
        return
    text, doc = article.text, article.doc
    old = year if year and year <= 2021 else None
    for item in candidates:
        unit = listed.get(item.key)
        if unit is None or item.start <= run_end:
            continue
        _, end = doc.sentence_span(doc.sentence_of(item.start))
        labels = labels_in(text, item.end, end, old)
        if not labels or not _SAID_OF.match(text, item.end, labels[0].start):
            continue
        unit.zone, unit.grade = first_labels(labels[:1])
        others = _OTHERS.search(text, labels[0].end, end)
        rest = labels_in(text, others.end(), end, old) if others is not None else []
        if rest:
            for other in listed.values():
                if other is not unit and not (other.zone or other.grade):
                    other.zone, other.grade = first_labels(rest[:1])
        return
