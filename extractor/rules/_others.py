"""Results that an article gives subjects other than its main one (``others``): a round-up's
"Pemkab Grobogan (98,02)", "Kabupaten Poso di peringkat ketiga dengan nilai 94,78", a list per
zone ("yang masuk zona hijau, yaitu Kota A, Kabupaten B dan C", "A dan B masuk zona kuning").

Three ways, on the candidates the other stages found:
1. a score (``_scores``) whose owner, named in the score's own sentence, is a region, ministry,
   agency or vertical office other than the subject: its labels are those around the score,
   else those that open the list it stands in ("19 pemda zona hijau: Pemkab A 97,73, ...");
2. a score in brackets right after such a name ("Pemkab Grobogan, Jawa Tengah (98,02)", also on a
   numbered line), which the score finder leaves out: its year is one printed in its sentence or
   in the heading its numbered line stands under, else the article's;
3. a zone or grade word followed by an opener ("yaitu", "adalah", "ada", ":") and a run of such
   names, or a run of names followed by "masuk/berada di/memperoleh" and the word: each name
   of the run gets the label (a count, "34 kota di zona hijau", names nobody and gives nothing).

The subject, its service units (``_units``), another body's index and a peer named only as a
place are left out; the year is the score's own, else the article's.
"""

from __future__ import annotations

import re

from extractor.rules._anchored import has_word
from extractor.rules._article import NOT_THIS_YEAR, Article, Score
from extractor.rules._cues import other_index_starts
from extractor.rules._entities import Category, Mention
from extractor.rules._labels import Label, first_grade, first_labels, first_zone, labels_in
from extractor.rules._numbers import YEAR
from extractor.rules._others_cues import COMMA_OPENER, CONTINUATION, OPENER
from extractor.rules._others_lists import NOT_RESULT, listed, own_labels, whole_group_zone
from extractor.rules._others_names import is_other, other_names
from extractor.rules._others_paired import table_rows
from extractor.rules._results import GROUP_AVERAGE, PLACE_BEFORE
from extractor.rules._scores import relabel
from extractor.rules._tables import add_row_labels
from extractor.rules._unit_lists import BRACKETED_SCORE, bracketed_value
from schemas.draft import DraftOther
from schemas.values import Grade, Zone

# "kabupaten/kota di Jawa Tengah", "pemda se-Jawa Tengah": a group named by where it lies; the
# place after it owns no score ("Sementara di Kabupaten Blitar nilai kepatuhan mencapai 84,10" is
# Blitar's own).
_GROUP_IN = re.compile(
    r"\b(?:kabupaten/kota|kab/kota|kabupaten\s+dan\s+kota|pemda|pemerintah\s+daerah|daerah|pemkab|pemkot"
    r"|kabupaten|kota)\s+(?:di|se-?)\s*(?:(?:wilayah|provinsi)\s+)?$"
)


def find_others(
    article: Article,
    subject: Mention | None,
    year: int | None,
    main_score: float | None,
    unit_names: set[str],
) -> list[DraftOther]:
    """Every other subject's result, in the order the article first gives it."""
    return [draft for _, draft in placed_others(article, subject, year, main_score, unit_names)]


def placed_others(
    article: Article,
    subject: Mention | None,
    year: int | None,
    main_score: float | None,
    unit_names: set[str],
) -> list[tuple[int, DraftOther]]:
    """``find_others``'s results, each with where its name stands in the article."""
    names = other_names(article, subject)
    blocked = _blocked(article, names)
    found: dict[tuple[str, int | None], tuple[int, DraftOther]] = {}
    for score in article.scores:
        if main_score is not None and abs(score.number.value - main_score) < 0.005:
            continue  # the subject's own score, named with its province ("Sulteng dengan nilai ...")
        other = _scored(article, names, subject, score, year, unit_names)
        if other is not None:
            start, draft, key = other
            found.setdefault((key, draft.assessment_year), (start, draft))
    for start, draft, key in _bracketed(article, names, subject, year, main_score, unit_names):
        found.setdefault((key, draft.assessment_year), (start, draft))
    for start, draft, key in listed(article, names, subject, year, unit_names, blocked):
        found.setdefault((key, draft.assessment_year), (start, draft))
    for start, draft, key in table_rows(article, names, subject, year, unit_names):
        found.setdefault((key, draft.assessment_year), (start, draft))
    for start, draft in found.values():
        add_row_labels(article.text, start, draft, draft.assessment_year)
    placed = sorted(found.values(), key=lambda pair: pair[0])
    whole_group_zone(article, names, [draft for _, draft in placed], blocked)
    return placed


def _blocked(article: Article, names: list[Mention]) -> set[int]:
    """The sentences of another body's index, but for a ministry's own name that holds such a word
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi" in a list of ministries)."""
    if not article.other_index_sentences:
        return set()
    ministries = [(m.start, m.end) for m in names if m.category == Category.ministry]
    return {
        article.doc.sentence_of(at)
        for at in other_index_starts(article.text)
        if not any(start <= at < end for start, end in ministries)
    }


# Between a name and its bracket: nothing, or a province in apposition (", Jawa Tengah").
_APPOSITION = re.compile(r"(?:,\s*[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,3})?\s*")
# "dari 14 pemkab/pemkot di Jawa Timur yang masuk zona hijau": the group that a ranking in the same
# paragraph ranks; its label is each ranked member's.
_GROUP = re.compile(
    r"\b[0-9]{1,3}\s+(?:pemda|pemkab|pemkot|kabupaten|kota|daerah)\b[^.\n]{0,60}?\byang\s+"
    r"(?:masuk|berada\s+di|berpredikat|meraih)\s+",
    re.IGNORECASE,
)
_RANK = re.compile(r"\b(?:posisi|urutan|peringkat|ranking)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"\s*[0-9]{1,2}[.)]\s")
_HEADING = re.compile(r"[^\n]*:[ \t]*\n(?:[ \t]*[0-9]{1,2}[.)][^\n]*\n)*[ \t]*$")


def _bracketed(
    article: Article,
    names: list[Mention],
    subject: Mention | None,
    year: int | None,
    main_score: float | None,
    unit_names: set[str],
) -> list[tuple[int, DraftOther, str]]:
    """ "Pemkab Grobogan, Jawa Tengah (98,02)": the bracketed score of the name right before it."""
    text, doc = article.text, article.doc
    found: list[tuple[int, DraftOther, str]] = []
    for match in BRACKETED_SCORE.finditer(text):
        value = bracketed_value(match) or 101.0
        index = doc.sentence_of(match.start())
        if value > 100 or index in doc.skipped or index in article.other_index_sentences:
            continue
        if main_score is not None and abs(value - main_score) < 0.005:
            continue
        before = [m for m in names if m.end <= match.start() and doc.sentence_of(m.start) == index]
        owner = before[-1] if before else None
        if owner is not None and len(before) > 1 and owner.kind == "provinsi":
            head = before[-2]  # "Pemkab Badung, Bali (97,53)": Bali is where Badung lies
            if head.kind != "provinsi" and re.fullmatch(r",\s*", text[head.end : owner.start]):
                owner = head
        if owner is None or _APPOSITION.fullmatch(text, owner.end, match.start()) is None:
            continue
        if not is_other(owner, subject, unit_names) or doc.in_title(owner.start):
            continue
        start, end = doc.sentence_span(index)
        if GROUP_AVERAGE.search(text, start, match.start()) or NOT_RESULT.search(text, start, end):
            continue
        own_year = _printed_year(text, start, end) or year
        if own_year is None:
            continue  # a result of no known year pairs with nothing
        zone, grade = _group_labels(text, start, end, own_year)
        if zone is None and grade is None:  # "Daerah zona hijau: Pemkab A (85,12), Pemkab B (83,40)"
            zone, grade = _heading_label(article, names, index, own_year)
        draft = DraftOther(
            name=owner.name,
            kind=owner.kind,
            assessment_year=own_year,
            score=value,
            zone=zone,
            grade=grade,
            quote=text[owner.start : match.end()],
        )
        found.append((owner.start, draft, owner.key))
    return found


def _heading_label(
    article: Article, names: list[Mention], index: int, year: int | None
) -> tuple[Zone | None, Grade | None]:
    """The label a bracketed list's lead gives every member: one zone or grade, said right before
    the opener, with no comma between ("Daerah zona hijau: A (85,12), B (83,40)"); a lead of several
    ("zona hijau dan zona kuning:", "dari zona merah ke zona hijau:") gives none."""
    labels = _leading(article, names, index, year)
    if not labels:
        return None, None
    zones, grades = {lab.zone for lab in labels if lab.zone}, {lab.grade for lab in labels if lab.grade}
    if len(zones) > 1 or len(grades) > 1:
        return None, None
    first = next((m.start for m in names if m.start > labels[-1].end), None)
    if first is None:
        return None, None
    gap = article.text[labels[-1].end : first]
    if gap.count(",") > 1 or ("," in gap and not COMMA_OPENER.search(gap)):
        return None, None  # "di zona merah, sementara nilai tertinggi: ...": another clause between
    return first_labels(labels)


def _group_labels(text: str, start: int, end: int, year: int | None) -> tuple[Zone | None, Grade | None]:
    """The label of the group that a ranking sentence ranks, named earlier in its paragraph."""
    if not _RANK.search(text, start, end):
        return None, None
    groups = list(_GROUP.finditer(text, text.rfind("\n", 0, start) + 1, start))
    if not groups:
        return None, None
    labels = labels_in(text, groups[-1].end(), min(start, groups[-1].end() + 40), year)
    return first_labels([lab for lab in labels if lab.start == groups[-1].end()])


def _heading_before(text: str, line_start: int) -> re.Match[str] | None:
    """``_HEADING.search(text, max(0, line_start - 600), line_start)``, tried only where a line
    begins (and at the first place): a match from inside a line is also one from where the line
    begins, so the first match begins there. (A search tries the pattern at every character, and
    each try runs to the end of its line and back: that cost grew with the square of the lines.)"""
    at = max(0, line_start - 600)
    while at < line_start:
        heading = _HEADING.match(text, at, line_start)
        if heading is not None:
            return heading
        at = text.find("\n", at, line_start) + 1
        if not at:
            break
    return None


def _printed_year(text: str, start: int, end: int) -> int | None:
    """The one assessment year printed in the sentence, else in the heading of its numbered line."""
    years = {
        int(m.group()) for m in YEAR.finditer(text, start, end) if not NOT_THIS_YEAR.match(text, m.end())
    }
    line_start = text.rfind("\n", 0, start) + 1
    if not years and _NUMBERED.match(text, line_start):
        heading = _heading_before(text, line_start)
        if heading is not None:
            years = {
                int(m.group())
                for m in YEAR.finditer(text, heading.start(), heading.start() + heading.group().find(":"))
                if not NOT_THIS_YEAR.match(text, m.end())
            }
    return years.pop() if len(years) == 1 else None


def _scored(
    article: Article,
    names: list[Mention],
    subject: Mention | None,
    score: Score,
    year: int | None,
    unit_names: set[str],
) -> tuple[int, DraftOther, str] | None:
    text, doc = article.text, article.doc
    led = _led_by(article, names, score)
    owner = led or _named(names, score)
    if owner is None or not is_other(owner, subject, unit_names):
        return None
    if score.sentence in article.other_index_sentences:
        return None  # another index is not this one
    carried = None if led else _carried(article, names, owner, score)
    if doc.sentence_of(owner.start) != score.sentence and carried is None:
        return None  # an owner from an earlier sentence is a guess, unless "Nilainya ..." takes it up
    if (owner.start > score.number.start and not (led or score.owner_follows)) or doc.in_title(owner.start):
        return None
    if _GROUP_IN.search(text, max(0, owner.start - 40), owner.start):
        return None  # "nilai kabupaten/kota di Jawa Tengah adalah 84,33": where a group is, not whose
    sentence_start = doc.sentence_starts[score.sentence]
    if PLACE_BEFORE.search(text, max(0, owner.start - 12), owner.start) and any(
        sentence_start <= m.start < owner.start for m in names
    ):
        return None  # "Kota Palu berada di peringkat keempat di Sulawesi Tengah dengan nilai ...": where
    if led and NOT_RESULT.search(text, *doc.sentence_span(score.sentence)):
        return None
    if GROUP_AVERAGE.search(text, owner.end, score.number.start):
        return None  # "Kalimantan Selatan, nilai rata-rata Pemda ... 93,64": a group's average
    own_year = score.year if score.year is not None else year
    labels = own_labels(text, relabel(text, score.labels, own_year))
    zone, grade = first_labels(labels)
    if zone is None and grade is None:
        zone, grade = first_labels(_leading(article, names, score.sentence, own_year) or carried or [])
    if led:  # the labels after the name are its own; the quote runs to them
        closing = own_labels(text, _closing_labels(article, names, owner, score, own_year))
        labels = [lab for lab in (first_zone(closing), first_grade(closing)) if lab is not None]
        zone, grade = first_labels(labels)
    start = min(owner.start, score.number.start)
    end = max([owner.end, score.number.end, *(lab.end for lab in labels)])
    draft = DraftOther(
        name=owner.name,
        kind=owner.kind,
        assessment_year=own_year,
        score=score.number.value,
        zone=zone,
        grade=grade,
        quote=text[start:end],
    )
    return owner.start, draft, owner.key


# "Dengan nilai 84,10, Provinsi Jambi masuk zona hijau": a clause that opens on its score and then
# names whose it is (its first words; an average, "nilai rata-rata", is no one's own score).
_LEADING_SCORE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:dan|sedangkan|sementara(?:\s+itu)?|adapun)\s*,?\s+)"
    r"(?:dengan|meraih|memperoleh|mengantongi|berbekal)\s+(?:nilai|skor)(?:\s+kepatuhan)?\s*$",
    re.IGNORECASE,
)
_SCORE_THEN_NAME = re.compile(r"\s*,?\s*")


def _led_by(article: Article, names: list[Mention], score: Score) -> Mention | None:
    """The name right after a score that opens its clause ("Dengan nilai 84,10, Kabupaten X ...")."""
    text, doc = article.text, article.doc
    start = doc.sentence_starts[score.sentence]
    if not has_word(text, ("nilai", "skor"), max(start, score.number.start - 30), score.number.start):
        return None  # (the pattern ends on one of them: most scores are ruled out without it)
    if any(start <= m.start < score.number.start for m in names):
        return None  # an earlier name owns it ("A masuk zona hijau dan meraih nilai 84,10, B ...")
    # The cue words stand right before the score: a short window is read ("^" matches only where
    # the window is the sentence's start, as a slice; further in, the search starts past it).
    if score.number.start - start <= 80:
        led = _LEADING_SCORE.search(text[start : score.number.start])
    else:
        led = _LEADING_SCORE.search(text, score.number.start - 80, score.number.start)
    if led is None:
        return None
    after = next((m for m in names if m.start >= score.number.end), None)
    if after is None or not _SCORE_THEN_NAME.fullmatch(text, score.number.end, after.start):
        return None
    if any(after.end <= s.number.start <= after.end + 20 for s in article.scores):
        return None  # "84,10, Kota Batu 80,20": the name after has a score of its own
    return after if doc.sentence_of(after.start) == score.sentence else None


def _closing_labels(
    article: Article, names: list[Mention], owner: Mention, score: Score, year: int | None
) -> list[Label]:
    """The labels after a score-led clause's name, up to the next name ("... Provinsi Jambi masuk
    zona hijau kategori B")."""
    text, doc = article.text, article.doc
    end = doc.sentence_ends[score.sentence]
    stop = next((m.start for m in names if owner.end < m.start < end), end)
    return labels_in(text, owner.end, stop, year)


# "Nilai kepatuhannya cuma 42,02", "Skornya 88,10": a sentence that opens on the score of the
# name the sentence before ends with.
_ITS_SCORE = re.compile(
    r"\s*(?:(?:adapun|sedangkan|sementara)\s+)?(?:nilai|skor|capaian)(?:\s+\w+)?nya\b", re.IGNORECASE
)


def _carried(article: Article, names: list[Mention], owner: Mention, score: Score) -> list[Label] | None:
    """The labels of the owner's sentence after it, when the score's sentence takes the owner of the
    sentence before up ("Kabupaten X yang juga masuk zona merah ada di urutan 357. Nilainya 42,02");
    None when it does not."""
    text, doc = article.text, article.doc
    start = doc.sentence_starts[score.sentence]
    owner_sentence = doc.sentence_of(owner.start)
    if owner_sentence != score.sentence - 1 or not _ITS_SCORE.match(text, start):
        return None
    if any(start <= m.start < score.number.start for m in names):
        return None
    last = [m for m in names if doc.sentence_of(m.start) == owner_sentence]
    if not last or last[-1].key != owner.key:
        return None
    return own_labels(text, labels_in(text, owner.end, doc.sentence_ends[owner_sentence], score.year))


def _named(names: list[Mention], score: Score) -> Mention | None:
    """The score's owner as a name of its own: the last part of a name the finder ran together."""
    owner = score.owner
    if owner is None:
        return None
    inside = [m for m in names if owner.start <= m.start < owner.end and m.end <= score.number.start]
    return inside[-1] if inside else owner


def _leading(
    article: Article, names: list[Mention], index: int, year: int | None, depth: int = 0
) -> list[Label]:
    """The labels that open sentence ``index`` before any name ("Sebanyak 19 pemda masuk zona
    hijau kualitas tertinggi, yakni Pemkab A dengan nilai 97,73, ..."), when the sentence names
    only others and scores: a label said of a group in front of a list is every member's. A
    sentence that goes on with the list before ("Berikutnya Pemkot C dengan nilai ...", "Lalu ...")
    has the label of that list."""
    text, doc = article.text, article.doc
    start, end = doc.sentence_span(index)
    first = next(
        (
            m.start
            for m in names
            if start <= m.start < end and not PLACE_BEFORE.search(text, max(0, m.start - 12), m.start)
        ),
        None,
    )
    if first is None:
        return []
    labels = labels_in(text, start, first, year)
    if labels and OPENER.search(text, labels[-1].end, first) is None:
        return []
    if not labels and depth < 5 and CONTINUATION.fullmatch(text, start, first):
        previous = index - 1
        while previous in doc.skipped:
            previous -= 1
        scored = previous >= 0 and any(s.sentence == previous for s in article.scores)
        return _leading(article, names, previous, year, depth + 1) if scored else []
    return own_labels(text, labels)
