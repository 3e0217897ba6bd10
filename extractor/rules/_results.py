"""The subject's results: its score (latest year; earlier ones become ``previous``), the
assessment year, and the zone and grade (around the score, else the headline, else a sentence on
the subject)."""

from __future__ import annotations

import re

from extractor.engines import RunnerUp
from extractor.rules._anchored import Anchored, Cued
from extractor.rules._article import NOT_THIS_YEAR, Article, Score
from extractor.rules._cues import COMPLIANCE, PERCEPTION
from extractor.rules._entities import Mention
from extractor.rules._evidence import CLOSE_CALL, SAME_SCORE, Ranked, rank, same_score_printings
from extractor.rules._labels import Label, labels_in
from extractor.rules._mentions import Category
from extractor.rules._numbers import YEAR
from extractor.rules._scores import is_date, is_future, relabel
from extractor.rules._stated import affirmed, denied_label, other_index_label, present_labels
from extractor.rules._units import find_units, role_change
from schemas.draft import ArticleExtraction, DraftPrevious
from schemas.record import RunnerUp as StoredRunnerUp

# (tried only where one of its words begins: ``Anchored``)
_ASSESSMENT_HEADS = ("penilaian", "survei", "kepatuhan", "opini", "ombudsman", "zona", "predikat",
                     "maladministrasi", "pelayanan", "kualitas", "kategori")  # fmt: skip
_ASSESSMENT_WORDS = Anchored(
    re.compile(
        r"penilaian|survei|kepatuhan|opini|ombudsman|zona|predikat|maladministrasi|pelayanan\s+publik|"
        r"kualitas\s+(?:tertinggi|tinggi|sedang|rendah|terendah)|kategori\s+[A-E]\b",
        re.IGNORECASE,
    ),
    _ASSESSMENT_HEADS,
)
# "18 kabupaten dan kota di Sumbar memperoleh ...": the subject named as the place of others.
# (searched only in a window that holds one of its words: the \b that begins it gives a search
# nothing to skip ahead by)
PLACE_BEFORE = Cued(re.compile(r"\b(?:di|se-?|wilayah)\s*$", re.IGNORECASE), ("di", "se", "wilayah"))
_NOW = re.compile(r"\b(?:tahun\s+ini|kini|sekarang)\b", re.IGNORECASE)


# "Rata-rata nilai pemda 80,10", "nilai rerata kabupaten/kota di Aceh 80,10": a group's average. A
# pemda's own score is the average of its units, and the press says so ("Kabupaten Batang
# membukukan nilai rata-rata … 93,74"): only an average of a group named after the word is not.
GROUP_AVERAGE = Cued(
    re.compile(
        r"(?:rata-?\s?rata|rerata)(?:\s+nilai)?\s+(?:pemda|pemerintah\s+daerah|pemkab|pemkot|kabupaten|kota|"
        r"kab/kota|provinsi|polres|kantor|kantah|instansi|lembaga|kementerian|satker|opd|unit|puskesmas|dinas|"
        r"daerah|seluruh|nasional|secara\s+nasional)\b",
        re.IGNORECASE,
    ),
    ("rata", "rerata"),
)


def _group_average(article: Article, subject: Mention, score: Score) -> bool:
    """Whether the score is an average that its clause gives a group, not the subject's own
    (a round-up subject is that group: its average is its own)."""
    if subject.category == Category.group:
        return False
    start = article.doc.sentence_starts[score.sentence]
    owner = score.owner
    if owner is not None and start <= owner.start < score.number.start:
        start = owner.end  # "Kabupaten X, yang rata-rata ...": the words after its name
    return GROUP_AVERAGE.search(article.text, start, score.number.start) is not None


def fill_results(article: Article, subject: Mention | None, draft: ArticleExtraction) -> list[RunnerUp]:
    """Fills the draft's results; returns the close calls (the runner-up score, when near)."""
    text = article.text
    if perception_only(text):
        return []
    if subject is not None:
        own = [
            s
            for s in article.scores
            if s.owner is not None and s.owner.key == subject.key and not _group_average(article, subject, s)
        ]
        for score in article.scores:
            if role_change(article, score):  # the subject's earlier result, told by a unit's head
                score.year_offset = -1
                own.append(score)
        own.sort(key=lambda s: s.number.start)
    else:
        own = [s for s in article.scores if s.owner is None]
    main, ranking = _main_score(article, subject, [s for s in own if s.year_offset != -1], own)
    runner_up = _close_call(article, main, ranking) if main is not None else None
    year, year_quote = _article_year(article, main)
    if main is not None:
        draft.score = main.number.value
        draft.score_quote = main.quote(text)
        if main.year is not None:
            year_quote = draft.score_quote
    if year is not None:
        draft.assessment_year, draft.assessment_year_quote = year, year_quote
        for score in own:
            if score.year is None and score.year_offset == -1:
                score.year = year - 1
    zone, grade = _subject_labels(article, subject, main, year)
    if zone is not None:
        draft.zone, draft.zone_quote = zone.zone, text[zone.start : zone.end]
    if grade is not None:
        draft.grade, draft.grade_quote = grade.grade, text[grade.start : grade.end]
    seen = {year}
    for score in own:
        if score is main or score.year is None or year is None or score.year >= year or score.year in seen:
            continue
        seen.add(score.year)
        quote = score.quote(text)
        draft.previous.append(DraftPrevious(year=score.year, score=score.number.value, quote=quote))
    draft.previous.sort(key=lambda p: p.year)
    draft.units = find_units(article, subject, year)
    return [runner_up] if runner_up is not None else []


def perception_only(text: str) -> bool:
    """Whether the article is on Ombudsman's maladministration-perception survey ("nilai persepsi
    maladministrasi ... skala satu sampai enam"), not the compliance assessment: no compliance
    result, neither the subject's nor others'."""
    # (a substring test first: a case-blind scan of the whole text costs more than the rest here)
    return "ersepsi" in text and bool(PERCEPTION.search(text)) and not COMPLIANCE.search(text)


def _main_score(
    article: Article, subject: Mention | None, own: list[Score], everything: list[Score]
) -> tuple[Score | None, list[Ranked]]:
    """The subject's result for the assessment year: the latest dated score (several: ranked by
    ``_evidence``, and two printings of one score settled by the stated change); but an undated score
    when the text's assessment year is later than every dated one ("nilai 95,3 ... tahun 2022",
    next to "pada 2021 ... 93,41"); the body's figure over the headline's; and none when the
    headline gives the subject a different label than an older score ("Raih Opini Kualitas
    Tinggi" above "pada 2024 ... kategori A")."""
    if not own:
        return None, []
    ranking: list[Ranked] = []
    dated = [s for s in own if s.year is not None]
    undated = [s for s in own if s.year is None]
    stated = _text_year(article)
    stated_year = stated[0] if stated else None
    if dated:
        latest = max(s.year for s in dated if s.year is not None)
        if undated and stated_year is not None and stated_year > latest:
            return _best(article, undated, dated, ranking), ranking
        earlier = [s for s in dated if s.year is not None and s.year < latest]
        main = _best(article, [s for s in dated if s.year == latest], earlier, ranking)
        if stated_year is not None and stated_year > latest and _title_contradicts(article, subject, main):
            return None, []
    else:
        main = _best(article, undated, [], ranking)
    # the same score printed twice with a last-digit slip: the stated change decides
    printings = same_score_printings(main, own)
    if len(printings) > 1:
        earlier = [
            s for s in everything if s.year is not None and main.year is not None and s.year < main.year
        ]
        best = rank(article, printings, earlier)[0]
        if "agrees with the stated change" in best.reasons:
            main = best.score
    return main, ranking


def _best(article: Article, candidates: list[Score], earlier: list[Score], ranking: list[Ranked]) -> Score:
    ranking[:] = rank(article, candidates, earlier)
    return ranking[0].score


def _close_call(article: Article, main: Score, ranking: list[Ranked]) -> RunnerUp | None:
    """The best other value of the ranking that chose ``main``, when it came within
    ``CLOSE_CALL`` points (another printing of the same score is not a rival)."""
    if not ranking or ranking[0].score is not main:
        return None
    rivals = [r for r in ranking[1:] if abs(r.score.number.value - main.number.value) > SAME_SCORE]
    if not rivals or ranking[0].points - rivals[0].points > CLOSE_CALL:
        return None
    runner = rivals[0]
    stored = StoredRunnerUp(
        field="score",
        value=f"{runner.score.number.value:.2f}",
        behind=ranking[0].points - runner.points,
        reasons=list(runner.reasons),
        chosen_reasons=list(ranking[0].reasons),
    )
    return RunnerUp(stored, runner.score.quote(article.text))


def _title_contradicts(article: Article, subject: Mention | None, score: Score) -> bool:
    """Whether the headline names the subject with a grade (or zone) other than the score's."""
    doc = article.doc
    if subject is None or not any(doc.in_title(m.start) for m in article.mentions if m.key == subject.key):
        return False
    title = labels_in(article.text, 0, doc.title_end, None)
    for kind in ("grade", "zone"):
        said = {getattr(label, kind) for label in title if getattr(label, kind) is not None}
        own = {getattr(label, kind) for label in score.labels if getattr(label, kind) is not None}
        if said and own and not said & own:
            return True
    return False


def _article_year(article: Article, main: Score | None) -> tuple[int | None, str | None]:
    """The main score's year; else the latest year that sentences on the assessment name (not a
    date, not "2021 lalu", not after the latest date printed); else from the latest date."""
    text = article.text
    if main is not None and main.year is not None:
        return main.year, None
    stated = _text_year(article)
    if stated is not None:
        return stated
    dated = [d for d in article.dates if article.doc.sentence_of(d.start) not in article.doc.skipped]
    if (main is not None or _has_labels(article)) and dated:
        latest = max(dated, key=lambda d: (d.year, d.month))
        year = latest.year - 1 if latest.month <= 3 else latest.year
        return year, text[latest.start : latest.end]
    return None, None


def _text_year(article: Article) -> tuple[int, str] | None:
    """The latest year that sentences on the assessment name, with its quote (computed once)."""
    if article.text_year_done:
        return article.text_year
    text, doc = article.text, article.doc
    dated = [d for d in article.dates if doc.sentence_of(d.start) not in doc.skipped]
    ceiling = max((d.year for d in dated), default=None)
    best: tuple[int, int, int] | None = None  # year, start, end of its quote
    assessment: dict[int, bool] = {}
    for match in YEAR.finditer(text):
        index = doc.sentence_of(match.start())
        if index in doc.skipped or index in article.other_index_sentences:
            continue
        start, end = doc.sentence_span(index)
        if index not in assessment:
            assessment[index] = bool(_ASSESSMENT_WORDS.search(text, start, end))
        if not assessment[index]:
            continue
        year = int(match.group(0))
        if is_date(article, match.start()) or NOT_THIS_YEAR.match(text, match.end()):
            continue
        if is_future(text, match.start(), match.end()):
            continue
        if ceiling is not None and year > ceiling:
            continue
        if best is None or year > best[0]:
            quote_start = max(start, match.start() - 30)
            space = text.find(" ", quote_start, match.start())
            if quote_start > start and space >= 0:
                quote_start = space + 1
            best = (year, quote_start, match.end())
    article.text_year = (best[0], text[best[1] : best[2]]) if best is not None else None
    article.text_year_done = True
    return article.text_year


def _has_labels(article: Article) -> bool:
    return bool(labels_in(article.text, 0, len(article.text), None))


def _subject_labels(
    article: Article, subject: Mention | None, main: Score | None, year: int | None
) -> tuple[Label | None, Label | None]:
    text, doc = article.text, article.doc
    old = year is not None and year <= 2021
    if main is not None:
        labels = present_labels(text, affirmed(text, relabel(text, main.labels, year)))
        zone = next((lab for lab in labels if lab.zone), None)
        grade = next((lab for lab in labels if lab.grade), None)
        if zone or grade:
            headline = _headline_labels(article, subject, year if old else None)
            if zone is None:
                zone = next((lab for lab in headline if lab.zone), None) or _sole_label(
                    article, subject, "zone"
                )
            if grade is None and not old:
                grade = next((lab for lab in headline if lab.grade), None) or _sole_label(
                    article, subject, "grade"
                )
            return zone, grade
    if subject is None:
        return None, None
    zone = grade = None
    in_headline = doc.in_title(subject.start) and subject.category == Category.group
    if in_headline or any(doc.in_title(m.start) for m in article.mentions if m.key == subject.key):
        # (a round-up's phrase in the headline is the whole group: "Lima Kementerian Raih Opini
        # Kualitas Tertinggi", "Piagam Predikat Kepatuhan Tinggi kepada 7 Polres": the group's label)
        labels = affirmed(text, labels_in(text, 0, doc.title_end, year if old else None))
        zone = next((lab for lab in labels if lab.zone), None)
        grade = next((lab for lab in labels if lab.grade), None)
        if zone and (grade or old):
            return zone, grade
    # what the headline leaves open, a sentence on the subject may say ("Kemenag masuk zona hijau")
    said_zone, said_grade = _subject_sentence_labels(article, subject, year, old)
    zone, grade = zone or said_zone, grade or said_grade
    if zone is None and main is not None:
        zone = _sole_label(article, subject, "zone")
    if grade is None and main is not None and not old:
        grade = _sole_label(article, subject, "grade")
    return zone, grade


def _headline_labels(article: Article, subject: Mention | None, year: int | None) -> list[Label]:
    """The headline's zone and grade words, when the headline names the subject."""
    doc = article.doc
    if subject is None or not any(doc.in_title(m.start) for m in article.mentions if m.key == subject.key):
        return []
    return affirmed(article.text, labels_in(article.text, 0, doc.title_end, year))


def _sole_label(article: Article, subject: Mention | None, kind: str) -> Label | None:
    """The zone (or grade), when the article names one only (outside stated scales and the clauses
    of another's score: "Kabupaten Mentawai terendah dengan 60,45 dan masuk zona kuning"): the
    subject's."""
    text, doc = article.text, article.doc
    own_sentences = {doc.sentence_of(m.start) for m in article.mentions if subject and m.key == subject.key}
    others = {  # (a sentence that names the subject may give it the label: "Kota Palu berada di
        #          peringkat keempat di Sulawesi Tengah dengan nilai 94,46, yang masuk Zona Hijau")
        label.start
        for score in article.scores
        if score.owner is not None
        and (subject is None or score.owner.key != subject.key)
        and score.sentence not in own_sentences
        for label in score.labels
    }
    found: list[Label] = []
    for label in labels_in(text, doc.title_end, len(text), None):
        index = doc.sentence_of(label.start)
        if (
            getattr(label, kind) is not None
            and label.start not in others
            and not denied_label(text, label)
            and index not in doc.skipped
            and index not in article.scale_sentences
        ):
            found.append(label)
    return found[0] if found and len({getattr(label, kind) for label in found}) == 1 else None


def _subject_sentence_labels(
    article: Article, subject: Mention, year: int | None, old: bool
) -> tuple[Label | None, Label | None]:
    text, doc = article.text, article.doc
    numbers = {s.sentence for s in article.scores}
    zone = grade = None
    for mention in article.mentions:
        if mention.key != subject.key or mention.in_role or doc.in_title(mention.start):
            continue
        index = doc.sentence_of(mention.start)
        if (
            index in numbers
            or index in doc.skipped
            or PLACE_BEFORE.search(text, max(0, mention.start - 12), mention.start)
        ):
            continue
        end = doc.sentence_ends[index]
        if index in article.scale_sentences:
            continue
        stop = end
        for other in article.mentions:
            if other.start > mention.end and other.start < end and other.key != subject.key:
                stop = other.start
                break
        labels = labels_in(text, mention.end, stop, year if old else None)
        if _NOW.search(text, mention.end, stop):
            labels.reverse()  # "tahun lalu ... kategori tinggi, tahun ini ... kategori tertinggi"
        if not labels:
            labels = _labels_given_to(article, mention, year if old else None)
        labels = [
            lab
            for lab in labels
            if not other_index_label(text, lab)
            and not denied_label(text, lab)
            and doc.sentence_of(lab.start) not in article.scale_sentences
        ]
        # the first sentence that says a zone gives the zone, the first that says a grade the grade
        zone = zone or next((lab for lab in labels if lab.zone), None)
        grade = grade or next((lab for lab in labels if lab.grade), None)
        if zone and (grade or old):
            break
    return zone, grade


# "Kepatuhan tinggi ... (zona hijau) dari Ombudsman RI diraih Pemprov Jabar", "lima kementerian
# memperoleh Opini Kualitas Tertinggi, yaitu Kementerian X, ...": the label comes first, then
# the words that hand it to the entity.
_GIVEN_TO = re.compile(
    r"\b(?:diraih|diterima|diperoleh|didapat(?:kan)?|diberikan\s+kepada|diserahkan\s+kepada|"
    r"yaitu|yakni|ialah|adalah|antara\s+lain|di\s+antaranya|termasuk)\b",
    re.IGNORECASE,
)


def _labels_given_to(article: Article, mention: Mention, year: int | None) -> list[Label]:
    """The labels before ``mention`` in its sentence that are handed to it, with no other entity
    named in between."""
    text, doc = article.text, article.doc
    start = doc.sentence_starts[doc.sentence_of(mention.start)]
    for other in article.mentions:
        if other.start >= mention.start:
            break
        if other.start >= start and other.key != mention.key:
            start = other.end
    labels = labels_in(text, start, mention.start, year)
    if not labels or not _GIVEN_TO.search(text, labels[-1].end, mention.start):
        return []
    return labels
