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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extractor.rules._entities import UNIT_HEAD, Category, EntityFinder, Mention, office_head
from extractor.rules._labels import SCALE, SCALE_WORDS, Label, has_scale_words, labels_in
from extractor.rules._numbers import OTHER_INDEX, YEAR, DateMention, Number, as_date, dates, score_candidates
from extractor.rules._officials import find_officials
from extractor.rules._text import Doc, parse
from schemas.draft import ArticleExtraction, DraftOfficial, DraftPrevious, DraftSubject, DraftUnit
from schemas.values import GRADE_LETTERS, AssessmentKind, Grade, SubjectKind, Zone

_OMBUDSMAN = re.compile(r"ombudsman", re.IGNORECASE)
_OPINI_2025 = re.compile(r"maladministrasi|opini\s+ombudsman|opini\s+kualitas", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s*(?:persen|%)?\s*(?:pada|di|untuk)?\s*(?:tahun|Tahun)?\s*(20[12]\d)(?![\d/])")
_NEXT_YEAR = re.compile(r"\b(?:setahun\s+kemudian|tahun\s+berikutnya)\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\b(?:tahun\s+lalu|tahun\s+sebelumnya)\b", re.IGNORECASE)
# "2021 lalu" (an earlier year), "dari 2022 hingga 2024" (the later year counts).
_NOT_THIS_YEAR = re.compile(
    r"\s+(?:lalu|silam)\b|\s*(?:-|–|hingga|sampai|s\.?/?d\.?)\s*20[12]\d", re.IGNORECASE
)
# "1. Dinas Kesehatan: 88,12 (A)": a grade letter in brackets right after the score.
_LETTER_AFTER = re.compile(r"\s*(?:persen|%)?\s*\(\s*([A-E])\s*\)")
# "Dinas Pendidikan 55,63 dan RSUD Selong 56,28, keduanya kualitas sedang": one label for all.
_SHARED = re.compile(
    r"\b(?:keduanya|ketiganya|keempatnya|kelimanya|semuanya|seluruhnya|masing-masing)\b", re.IGNORECASE
)
_COMPARED = re.compile(
    r"\b(?:dibanding(?:kan)?|daripada|dari|sejak|sebelum(?:nya)?|naik|turun|meningkat|menurun|"
    r"bertambah|berkurang|target|menargetkan|hingga|sampai)\b|[.;]\s",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:tahun\s+ini|kini|sekarang)\b", re.IGNORECASE)
_PAST_YEAR = re.compile(r"\b20[12]\d\s+(?:lalu|silam)\b", re.IGNORECASE)
_ANAPHORA = re.compile(
    r"\W*(?:nilai|skor|capaian|hasil|angka|dengan\s+(?:skor|nilai|capaian|hasil))\s+(?:itu|tersebut|ini)\b",
    re.IGNORECASE,
)
_ASSESSMENT_WORDS = re.compile(
    r"penilaian|survei|kepatuhan|opini|ombudsman|zona|predikat|maladministrasi|pelayanan\s+publik|"
    r"kualitas\s+(?:tertinggi|tinggi|sedang|rendah|terendah)|kategori\s+[A-E]\b",
    re.IGNORECASE,
)
_NOT_ASSESSMENT_YEAR = re.compile(
    r"(?:pemilu|pilkada|rpjmd|periode|©|copyright|mulai(?:\s+tahun)?|sejak(?:\s+tahun)?)\s*$", re.IGNORECASE
)
_TITLE_COUNT = re.compile(
    r"\b(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|belasan|puluhan)\s+"
    r"(?:Kabupaten|Kota|Daerah|Pemda|Pemkab|Pemkot|Kementerian|Instansi|Polres|Kantor|OPD|Lembaga)",
    re.IGNORECASE,
)
_TITLE_SKIP_BEFORE = re.compile(r"(?:\bselain|\bdari|\boleh)\s*$", re.IGNORECASE)
_TITLE_LOCATION_BEFORE = re.compile(r"\b(?:di|se-?)\s*$", re.IGNORECASE)
_TITLE_ALL = re.compile(r"\b(?:seluruh|semua)\b", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"20[12][0-9]\D+20[12][0-9]")  # "dari 2022 hingga 2024": years, not a scale
_SUBJECT_CATEGORIES = (Category.region, Category.ministry, Category.agency, Category.office)


@dataclass
class Score:
    number: Number
    sentence: int
    owner: Mention | None = None
    year: int | None = None
    year_offset: int = 0  # +1 "setahun kemudian", -1 "tahun lalu": relative to a neighbour
    labels: list[Label] = field(default_factory=list)
    quote_start: int = 0


@dataclass
class _Article:
    text: str
    doc: Doc
    mentions: list[Mention]
    scores: list[Score]
    dates: list[DateMention]
    numbers: list[Number] = field(default_factory=list)
    other_index_sentences: set[int] = field(default_factory=set)
    scale_sentences: set[int] = field(default_factory=set)
    scale_words: bool = False  # whether SCALE_WORDS occurs in the text at all
    text_year: tuple[int, str] | None = None
    text_year_done: bool = False


class Extractor:
    def __init__(self, finder: EntityFinder) -> None:
        self.finder = finder

    def extract(self, text: str) -> ArticleExtraction:
        doc = parse(text)
        mentions = [m for m in self.finder.find(text, doc.title_end) if not m.ignored]
        article = _Article(text, doc, mentions, [], dates(text))
        article.other_index_sentences = {doc.sentence_of(m.start()) for m in OTHER_INDEX.finditer(text)}
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
        ombudsman = bool(_OMBUDSMAN.search(text))
        if ombudsman:
            article.scores = _scores(article)
        subject = _choose_subject(article)
        draft = ArticleExtraction(
            assessment=AssessmentKind.ombudsman_compliance
            if ombudsman
            else (AssessmentKind.other_index if OTHER_INDEX.search(text) else AssessmentKind.none),
            subject=_draft_subject(article, subject) if subject else None,
            officials=officials,
        )
        if published is not None:
            draft.published, draft.published_quote = as_date(published), text[published.start : published.end]
        if not ombudsman:
            return draft
        _fill_results(article, subject, draft)
        if draft.assessment_year is not None and draft.assessment_year >= 2025 and _OPINI_2025.search(text):
            draft.assessment = AssessmentKind.ombudsman_opini_2025
        return draft


# --- scores: candidates, owners, years, labels ---------------------------------------------------


def _scores(article: _Article) -> list[Score]:
    text, doc = article.text, article.doc
    other_values: set[float] = set()
    kept: list[Score] = []
    for number in score_candidates(text):
        index = doc.sentence_of(number.start)
        if index in doc.skipped:
            continue
        if index in article.other_index_sentences:
            other_values.add(number.value)
            continue
        start, end = doc.sentence_span(index)
        if index in article.scale_sentences and _in_scale(text[start:end], number.start - start):
            continue
        if article.scale_words and SCALE_WORDS.search(text, start, end):
            continue
        kept.append(Score(number, index))
    # A value printed in another index's sentence is that index's, unless it comes back elsewhere
    # on the 0-100 scale with the Ombudsman's words ("sudah hijau dengan nilai 97,76").
    kept = [s for s in kept if s.number.value not in other_values or _ombudsman_words_near(article, s)]
    article.numbers = [s.number for s in kept]
    for i, score in enumerate(kept):
        previous = kept[i - 1] if i and kept[i - 1].sentence == score.sentence else None
        following = kept[i + 1] if i + 1 < len(kept) and kept[i + 1].sentence == score.sentence else None
        _place(article, score, previous, following)
    _share_labels(article, kept)
    for i, score in enumerate(kept):
        if score.year is None and score.year_offset == 1 and i and kept[i - 1].year is not None:
            score.year = kept[i - 1].year + 1  # type: ignore[operator]
    return kept


def _share_labels(article: _Article, kept: list[Score]) -> None:
    """'A 55,63 dan B 56,28, keduanya kualitas sedang': the last score's labels, said of all after
    'keduanya', go to the scores before it in the sentence that have none."""
    text = article.text
    for i, score in enumerate(kept):
        if not score.labels or (i + 1 < len(kept) and kept[i + 1].sentence == score.sentence):
            continue
        shared = _SHARED.search(text, score.number.end, score.labels[0].start)
        if shared is None:
            continue
        j = i - 1
        while j >= 0 and kept[j].sentence == score.sentence and not kept[j].labels:
            kept[j].labels = list(score.labels)
            j -= 1


def _ombudsman_words_near(article: _Article, score: Score) -> bool:
    if score.number.value < 10:
        return False
    start, end = article.doc.sentence_span(score.sentence)
    return bool(labels_in(article.text, start, end, None))


def _in_scale(sentence: str, offset: int) -> bool:
    """Whether the number at ``offset`` is part of a stated scale ("nilai 51-80,99")."""
    return any(m.start() - 3 <= offset <= m.end() for m in SCALE.finditer(sentence))


def _place(article: _Article, score: Score, previous: Score | None, following: Score | None) -> None:
    text, doc = article.text, article.doc
    number = score.number
    sent_start, sent_end = doc.sentence_span(score.sentence)
    owner = _owner(article, number.start, sent_start)
    score.owner = owner
    clause_start = max(sent_start, previous.number.end if previous else sent_start)
    if owner is not None and owner.end > clause_start and owner.end <= number.start:
        clause_start = owner.end
    clause_end = following.number.start if following else sent_end
    for mention in article.mentions:
        if number.end <= mention.start < clause_end and (owner is None or mention.key != owner.key):
            clause_end = mention.start
            break
    # Year: printed right after the number, else the last one before it in its clause.
    after = _YEAR_AFTER.match(text, number.end)
    if after is not None and after.end() <= clause_end + 12:
        score.year = int(after.group(1))
    else:
        for match in YEAR.finditer(text, max(sent_start, previous.number.end if previous else sent_start),
                                   number.start):  # fmt: skip
            if not _is_date(article, match.start()):
                score.year = int(match.group(0))
        if score.year is None:
            score.year = _year_later_in_clause(article, number.end, clause_end)
        before = text[max(sent_start, previous.number.end if previous else sent_start) : number.start]
        if score.year is not None and _PAST_YEAR.search(text, sent_start, number.start):
            score.year_offset = -1  # "pada 2021 lalu, ... nilai 44,36": an earlier result
        if score.year is None and _NEXT_YEAR.search(before):
            score.year_offset = 1
        elif score.year is None and (
            _LAST_YEAR.search(before) or _LAST_YEAR.search(text[number.end : clause_end])
        ):
            score.year_offset = -1
    score.labels = labels_in(text, clause_start, number.start, None)[-2:] + labels_in(
        text, number.end, clause_end, None
    )
    letter = _LETTER_AFTER.match(text, number.end)
    if letter is not None and not any(label.grade for label in score.labels):
        grade = GRADE_LETTERS[letter.group(1).lower()]
        score.labels.append(Label(letter.start(1), letter.end(1), grade=grade))
    if not any(label.zone or label.grade for label in score.labels):
        nxt = doc.next_sentence(score.sentence)
        if nxt is not None:
            start, end = doc.sentence_span(nxt)
            if _ANAPHORA.match(text, start) and not any(start <= n.start < end for n in article.numbers):
                score.labels = labels_in(text, start, end, None)
    score.quote_start = _quote_start(text, owner, number, sent_start)


def _year_later_in_clause(article: _Article, start: int, end: int) -> int | None:
    """The year of the assessment named after the number in its clause ("nilai 84,17 dalam
    Penilaian Kepatuhan ... Tahun 2023"), unless it is a comparison ("naik dibanding 2022")."""
    text = article.text
    for match in YEAR.finditer(text, start, min(end, start + 120)):
        between = text[start : match.start()]
        if _COMPARED.search(between) or _is_date(article, match.start()):
            return None
        if _NOT_THIS_YEAR.match(text, match.end()):
            return None
        return int(match.group(0))
    return None


def _owner(article: _Article, pos: int, sent_start: int) -> Mention | None:
    """The entity named last before ``pos``: in the sentence, else earlier in its paragraph or in
    the two sentences before it."""
    doc = article.doc
    index = doc.sentence_of(pos)
    paragraph = doc.paragraph_starts[max(0, bisect_right(doc.paragraph_starts, pos) - 1)]
    earliest = min(doc.sentence_starts[max(0, index - 2)], paragraph)
    best: Mention | None = None
    for mention in article.mentions:
        if mention.end > pos:
            break
        if mention.in_role or mention.start < earliest:
            continue
        if mention.start < sent_start and doc.sentence_of(mention.start) in doc.skipped:
            continue
        best = mention
    if best is not None and best.start < sent_start and doc.in_title(best.start) != doc.in_title(pos):
        return None
    return best


def _is_date(article: _Article, pos: int) -> bool:
    if any(d.start <= pos < d.end for d in article.dates):
        return True
    return bool(_NOT_ASSESSMENT_YEAR.search(article.text[max(0, pos - 20) : pos]))


def _quote_start(text: str, owner: Mention | None, number: Number, sent_start: int) -> int:
    if owner is not None and owner.start >= sent_start and number.start - owner.start <= 160:
        return owner.start
    start = max(sent_start, number.start - 60)
    if start > sent_start:
        space = text.find(" ", start, number.start)
        start = space + 1 if space >= 0 else start
    return start


# --- the subject -------------------------------------------------------------------------------


def _choose_subject(article: _Article) -> Mention | None:
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


def _title_zone(article: _Article) -> Zone | None:
    if not article.doc.title_end:
        return None
    for label in labels_in(article.text, 0, article.doc.title_end, None):
        if label.zone is not None:
            return label.zone
    return None


def _draft_subject(article: _Article, subject: Mention) -> DraftSubject:
    same = [m for m in article.mentions if m.key == subject.key]
    if subject.category == Category.region:
        written = next((m for m in same if not m.bare and not m.in_role), None) or subject
        return DraftSubject(name=written.written, kind=subject.kind, quote=written.written)
    if subject.category in (Category.office, Category.unit):
        longest = max(same, key=lambda m: len(m.name))
        return DraftSubject(name=longest.name, kind=subject.kind, quote=longest.written)
    longest = max(same, key=lambda m: len(m.written))
    return DraftSubject(name=longest.written, kind=subject.kind, quote=longest.written)


# --- results of the subject and its units ---------------------------------------------------------


def _fill_results(article: _Article, subject: Mention | None, draft: ArticleExtraction) -> None:
    text = article.text
    if subject is not None:
        own = [s for s in article.scores if s.owner is not None and s.owner.key == subject.key]
    else:
        own = [s for s in article.scores if s.owner is None]
    main = _main_score(article, subject, [s for s in own if s.year_offset != -1])
    year, year_quote = _article_year(article, main)
    if main is not None:
        draft.score = main.number.value
        draft.score_quote = text[main.quote_start : main.number.end]
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
        quote = text[score.quote_start : score.number.end]
        draft.previous.append(DraftPrevious(year=score.year, score=score.number.value, quote=quote))
    draft.previous.sort(key=lambda p: p.year)
    draft.units = _units(article, subject, year)


def _main_score(article: _Article, subject: Mention | None, own: list[Score]) -> Score | None:
    """The subject's result for the assessment year: the latest dated score; but an undated score
    when the text's assessment year is later than every dated one ("nilai 95,3 ... tahun 2022",
    next to "pada 2021 ... 93,41"); the body's figure over the headline's; and none when the
    headline gives the subject a different label than an older score ("Raih Opini Kualitas
    Tinggi" above "pada 2024 ... kategori A")."""
    if not own:
        return None
    title_end = article.doc.title_end
    dated = [s for s in own if s.year is not None]
    undated = [s for s in own if s.year is None]
    stated = _text_year(article)
    stated_year = stated[0] if stated else None
    if dated:
        latest = max(s.year for s in dated if s.year is not None)
        if undated and stated_year is not None and stated_year > latest:
            return _body_first(undated, title_end)
        main = _body_first([s for s in dated if s.year == latest], title_end)
        if stated_year is not None and stated_year > latest and _title_contradicts(article, subject, main):
            return None
        return main
    return _body_first(undated, title_end)


def _body_first(scores: list[Score], title_end: int) -> Score:
    return next((s for s in scores if s.number.start >= title_end), scores[0])


def _title_contradicts(article: _Article, subject: Mention | None, score: Score) -> bool:
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


def _article_year(article: _Article, main: Score | None) -> tuple[int | None, str | None]:
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


def _text_year(article: _Article) -> tuple[int, str] | None:
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
        if _is_date(article, match.start()) or _NOT_THIS_YEAR.match(text, match.end()):
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


def _has_labels(article: _Article) -> bool:
    return bool(labels_in(article.text, 0, len(article.text), None))


def _subject_labels(
    article: _Article, subject: Mention | None, main: Score | None, year: int | None
) -> tuple[Label | None, Label | None]:
    text, doc = article.text, article.doc
    old = year is not None and year <= 2021
    if main is not None:
        labels = _relabel(text, main.labels, year)
        zone = next((lab for lab in labels if lab.zone), None)
        grade = next((lab for lab in labels if lab.grade), None)
        if zone or grade:
            headline = _headline_labels(article, subject, year if old else None)
            if zone is None:
                zone = next((lab for lab in headline if lab.zone), None) or _sole_label(article, "zone")
            if grade is None and not old:
                grade = next((lab for lab in headline if lab.grade), None) or _sole_label(article, "grade")
            return zone, grade
    if subject is None:
        return None, None
    zone = grade = None
    if any(doc.in_title(m.start) for m in article.mentions if m.key == subject.key):
        labels = labels_in(text, 0, doc.title_end, year if old else None)
        zone = next((lab for lab in labels if lab.zone), None)
        grade = next((lab for lab in labels if lab.grade), None)
        if zone and (grade or old):
            return zone, grade
    # what the headline leaves open, a sentence on the subject may say ("Kemenag masuk zona hijau")
    said_zone, said_grade = _subject_sentence_labels(article, subject, year, old)
    zone, grade = zone or said_zone, grade or said_grade
    if zone is None and main is not None:
        zone = _sole_label(article, "zone")
    if grade is None and main is not None and not old:
        grade = _sole_label(article, "grade")
    return zone, grade


def _headline_labels(article: _Article, subject: Mention | None, year: int | None) -> list[Label]:
    """The headline's zone and grade words, when the headline names the subject."""
    doc = article.doc
    if subject is None or not any(doc.in_title(m.start) for m in article.mentions if m.key == subject.key):
        return []
    return labels_in(article.text, 0, doc.title_end, year)


def _sole_label(article: _Article, kind: str) -> Label | None:
    """The zone (or grade), when the article names one only (outside stated scales): the subject's."""
    text, doc = article.text, article.doc
    found: list[Label] = []
    for label in labels_in(text, doc.title_end, len(text), None):
        index = doc.sentence_of(label.start)
        if (
            getattr(label, kind) is not None
            and index not in doc.skipped
            and index not in article.scale_sentences
        ):
            found.append(label)
    return found[0] if found and len({getattr(label, kind) for label in found}) == 1 else None


def _subject_sentence_labels(
    article: _Article, subject: Mention, year: int | None, old: bool
) -> tuple[Label | None, Label | None]:
    text, doc = article.text, article.doc
    numbers = {s.sentence for s in article.scores}
    for mention in article.mentions:
        if mention.key != subject.key or mention.in_role or doc.in_title(mention.start):
            continue
        index = doc.sentence_of(mention.start)
        if index in numbers or index in doc.skipped:
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
        zone = next((lab for lab in labels if lab.zone), None)
        grade = next((lab for lab in labels if lab.grade), None)
        if zone or grade:
            return zone, grade
    return None, None


def _relabel(text: str, labels: list[Label], year: int | None) -> list[Label]:
    """Before 2022, 'predikat kepatuhan tinggi' near a score is a zone."""
    if year is None or year > 2021 or not labels:
        return labels
    start = min(label.start for label in labels)
    end = max(label.end for label in labels)
    return labels_in(text, start, end, year)


def _units(article: _Article, subject: Mention | None, year: int | None) -> list[DraftUnit]:
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
        labels = _relabel(text, score.labels, year)
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


def _published(article: _Article) -> DateMention | None:
    for mention in article.dates:
        if mention.start > 400:
            break
        if mention.day is not None:
            return mention
    return None


__all__ = ["Extractor", "SubjectKind"]
