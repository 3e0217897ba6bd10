"""Results that an article gives subjects other than its main one (``others``): a round-up's
"Pemkab Grobogan (98,02)", "Kabupaten Poso di peringkat ketiga dengan nilai 94,78", a list per
zone ("yang masuk zona hijau, yaitu Kota A, Kabupaten B dan C", "A dan B masuk zona kuning").

Two ways, both on the candidates the other stages found:
1. a score (``_scores``) whose owner, named in the score's own sentence, is a region, ministry,
   agency or vertical office other than the subject: its labels are those around the score,
   else those that open the list it stands in ("19 pemda zona hijau: Pemkab A 97,73, ...");
2. a zone or grade word followed by an opener ("yaitu", "adalah", "ada", ":") and a run of such
   names, or a run of names followed by "masuk/berada di/memperoleh" and the word: each name
   of the run gets the label (a count, "34 kota di zona hijau", names nobody and gives nothing).

The subject, its service units (``_units``), another body's index and a peer named only as a
place are left out; the year is the score's own, else the article's.
"""

from __future__ import annotations

import re

from extractor.rules._article import Article, Score
from extractor.rules._entities import Category, Mention, office_head
from extractor.rules._labels import Label, labels_in
from extractor.rules._results import other_index_label
from extractor.rules._scores import relabel
from schemas.draft import DraftOther
from schemas.values import Grade, Zone

_OTHER_CATEGORIES = (Category.region, Category.ministry, Category.agency, Category.office)
# What joins two names of one list: a comma, "dan", "serta", "&" (a province in apposition,
# "Pemkab Badung, Bali", is already dropped by the entity finder).
_GAP = re.compile(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:[,;]\s*(?:dan\s+|serta\s+)?|(?:dan|serta|&)\s+)")
# Between a label and the list it gives ("zona hijau, yaitu", "zona kuning adalah", "di zona
# hijau ada", "(zona hijau) dari Ombudsman RI diraih", "zona merah:"): short, no other name.
_OPENER = re.compile(
    r"[^.;\n]{0,70}?(?:\b(?:yaitu|yakni|ialah|adalah|ada|antara\s+lain|di\s*antaranya|diraih|diperoleh|"
    r"diberikan\s+kepada|masing-masing\s+diperoleh)\b|:)\s*(?:oleh\s+)?(?:pemerintah\s+)?$",
    re.IGNORECASE,
)
# After a list, the verb that hands it the label that follows ("A dan B masuk zona kuning").
_CLOSER = re.compile(
    r"\s*,?\s*(?:(?:juga|pun|sama-sama|semuanya)\s+)?(?:masuk|berada|meraih|memperoleh|mendapat(?:kan)?|"
    r"menyandang|berpredikat|tergolong|termasuk)\b[^.;\n]{0,30}$",
    re.IGNORECASE,
)
# "delapan kabupaten di Aceh berpredikat zona hijau": a region named as the place of others.
_PLACE_BEFORE = re.compile(r"\b(?:di|se-?|wilayah)\s*$", re.IGNORECASE)
# A number of a group, not of the name before it.
_AVERAGE = re.compile(r"rata-?\s?rata|rerata", re.IGNORECASE)
# Words of the sentence that put a label out of the list's reach: a plan, a count's comparison.
_NOT_RESULT = re.compile(r"\b(?:akan|target\w*|menargetkan|berharap|harapan|diharapkan)\b", re.IGNORECASE)


def find_others(
    article: Article,
    subject: Mention | None,
    year: int | None,
    main_score: float | None,
    unit_names: set[str],
) -> list[DraftOther]:
    """Every other subject's result, in the order the article first gives it."""
    found: dict[tuple[str, int | None], tuple[int, DraftOther]] = {}
    for score in article.scores:
        if main_score is not None and abs(score.number.value - main_score) < 0.005:
            continue  # the subject's own score, named with its province ("Sulteng dengan nilai ...")
        other = _scored(article, subject, score, year, unit_names)
        if other is not None:
            start, draft, key = other
            found.setdefault((key, draft.assessment_year), (start, draft))
    for start, draft, key in _listed(article, subject, year, unit_names):
        found.setdefault((key, draft.assessment_year), (start, draft))
    return [draft for _, draft in sorted(found.values(), key=lambda pair: pair[0])]


def _is_other(mention: Mention, subject: Mention | None, unit_names: set[str]) -> bool:
    """A region, ministry, agency or office that is neither the subject nor one of its units."""
    if mention.category not in _OTHER_CATEGORIES or mention.in_role or mention.ignored:
        return False
    if subject is not None and mention.key == subject.key:
        return False
    if mention.name in unit_names or mention.written in unit_names:
        return False
    # a Kanwil's Kantah, a ministry's office: the subject's unit (a peer office is an other)
    return not (
        subject is not None
        and mention.category == Category.office
        and subject.category in (Category.office, Category.ministry, Category.agency)
        and office_head(subject.name) != office_head(mention.name)
    )


def _pick(labels: list[Label]) -> tuple[Zone | None, Grade | None]:
    zone: Zone | None = next((lab.zone for lab in labels if lab.zone), None)
    grade: Grade | None = next((lab.grade for lab in labels if lab.grade), None)
    return zone, grade


def _old(year: int | None) -> int | None:
    """The year to read labels with: before 2022 "kepatuhan tinggi" is a zone."""
    return year if year is not None and year <= 2021 else None


def _scored(
    article: Article, subject: Mention | None, score: Score, year: int | None, unit_names: set[str]
) -> tuple[int, DraftOther, str] | None:
    owner = score.owner
    if owner is None or not _is_other(owner, subject, unit_names):
        return None
    text, doc = article.text, article.doc
    if doc.sentence_of(owner.start) != score.sentence or score.sentence in article.other_index_sentences:
        return None  # an owner from an earlier sentence is a guess; another index is not this one
    if owner.start > score.number.start or doc.in_title(owner.start):
        return None
    if _AVERAGE.search(text, owner.end, score.number.start):
        return None  # "Kalimantan Selatan, nilai rata-rata Pemda ... 93,64": a group's average
    own_year = score.year if score.year is not None else year
    labels = [lab for lab in relabel(text, score.labels, own_year) if not other_index_label(text, lab)]
    zone, grade = _pick(labels)
    if zone is None and grade is None:
        zone, grade = _pick(_leading(article, score, own_year))
    end = max([score.number.end, *(lab.end for lab in labels)])
    draft = DraftOther(
        name=owner.name,
        kind=owner.kind,
        assessment_year=own_year,
        score=score.number.value,
        zone=zone,
        grade=grade,
        quote=text[owner.start : end],
    )
    return owner.start, draft, owner.key


def _leading(article: Article, score: Score, year: int | None) -> list[Label]:
    """The labels that open the score's sentence before any name ("Sebanyak 19 pemda masuk zona
    hijau kualitas tertinggi, yakni Pemkab A dengan nilai 97,73, ..."), when the sentence names
    only others and scores: a label said of a group in front of a list is every member's."""
    text, doc = article.text, article.doc
    start, end = doc.sentence_span(score.sentence)
    first = next(
        (
            m.start
            for m in article.mentions
            if start <= m.start < end and not _PLACE_BEFORE.search(text, max(0, m.start - 12), m.start)
        ),
        None,
    )
    if first is None:
        return []
    labels = labels_in(text, start, first, _old(year))
    if labels and _OPENER.search(text, labels[-1].end, first) is None:
        return []
    return [lab for lab in labels if not other_index_label(text, lab)]


def _runs(article: Article, subject: Mention | None, unit_names: set[str]) -> list[list[Mention]]:
    """Runs of other subjects' names joined by commas, "dan", "serta", within one sentence."""
    text, doc = article.text, article.doc
    runs: list[list[Mention]] = []
    run: list[Mention] = []
    for mention in article.mentions:
        place = _PLACE_BEFORE.search(text, max(0, mention.start - 12), mention.start) is not None
        if place or not _is_other(mention, subject, unit_names) or doc.in_title(mention.start):
            if run:  # another kind of name ends the list
                runs.append(run)
                run = []
            continue
        if run and (
            _GAP.fullmatch(text, run[-1].end, mention.start) is None
            or doc.sentence_of(mention.start) != doc.sentence_of(run[0].start)
        ):
            runs.append(run)
            run = []
        run.append(mention)
    if run:
        runs.append(run)
    return runs


def _listed(
    article: Article, subject: Mention | None, year: int | None, unit_names: set[str]
) -> list[tuple[int, DraftOther, str]]:
    text, doc = article.text, article.doc
    scored = {s.number.start for s in article.scores}
    found: list[tuple[int, DraftOther, str]] = []
    for run in _runs(article, subject, unit_names):
        index = doc.sentence_of(run[0].start)
        if index in doc.skipped or index in article.other_index_sentences:
            continue
        start, end = doc.sentence_span(index)
        if _NOT_RESULT.search(text, start, end) or any(run[0].start <= s < run[-1].end for s in scored):
            continue
        old = _old(year)
        labels = _before(article, run, start, old) or _after(article, run, end, old)
        labels = [lab for lab in labels if not other_index_label(text, lab)]
        zone, grade = _pick(labels)
        if zone is None and grade is None:
            continue
        quote_start = min(run[0].start, labels[0].start)
        quote_end = max(run[-1].end, labels[-1].end)
        for mention in run:
            draft = DraftOther(
                name=mention.name,
                kind=mention.kind,
                assessment_year=year,
                zone=zone,
                grade=grade,
                quote=text[quote_start:quote_end],
            )
            found.append((mention.start, draft, mention.key))
    return found


def _before(article: Article, run: list[Mention], start: int, year: int | None) -> list[Label]:
    """The labels before the run, in its sentence, that an opener hands to it."""
    text = article.text
    lead = start
    for mention in article.mentions:
        if mention.start >= run[0].start:
            break
        if mention.start >= start:
            lead = mention.end  # a label before another name is that name's
    labels = labels_in(text, lead, run[0].start, year)
    if not labels or _OPENER.fullmatch(text, labels[-1].end, run[0].start) is None:
        return []
    return labels


def _after(article: Article, run: list[Mention], end: int, year: int | None) -> list[Label]:
    """The labels right after the run that a verb hands to it ("A dan B masuk zona kuning")."""
    text = article.text
    stop = next((m.start for m in article.mentions if run[-1].end < m.start < end), end)
    labels = labels_in(text, run[-1].end, stop, year)
    if not labels or _CLOSER.match(text, run[-1].end, labels[0].start) is None:
        return []
    return labels[:2] if len(labels) > 1 and labels[1].start - labels[0].end < 20 else labels[:1]
