"""Score candidates: every number that can be a compliance score, its owner (the entity named
last before it), its year and the zone/grade labels around it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import pairwise

from extractor.rules._anchored import Cued
from extractor.rules._article import NOT_THIS_YEAR, Article, Score
from extractor.rules._cues import FUTURE_AFTER, FUTURE_BEFORE
from extractor.rules._entities import Mention
from extractor.rules._labels import SCALE, SCALE_WORDS, Label, labels_in
from extractor.rules._numbers import YEAR, Number, score_candidates
from extractor.rules._unit_lists import LIST_GAP
from schemas.values import GRADE_LETTERS

_ANAPHORA = re.compile(
    r"\W*(?:nilai|skor|capaian|hasil|angka|dengan\s+(?:skor|nilai|capaian|hasil))\s+(?:itu|tersebut|ini)\b",
    re.IGNORECASE,
)
_COMPARED = re.compile(
    r"\b(?:dibanding(?:kan)?|daripada|dari|sejak|sebelum(?:nya)?|naik|turun|meningkat|menurun|"
    r"bertambah|berkurang|target|menargetkan|hingga|sampai)\b|[.;]\s",
    re.IGNORECASE,
)
# ", yang berada di bawah ...": a relative clause opened after a name and not yet closed.
_RELATIVE_OPEN = re.compile(r",\s*yang\b[^,.;]*$", re.IGNORECASE)
_BARE_RELATIVE = re.compile(
    r"\s+yang\s+(?:[a-z]+\s+){1,2}?(?:dengan|dari|oleh|bersama|seperti|bagi)\s+", re.IGNORECASE
)
_RESULT_VERB = re.compile(
    r"\s+(?:juga\s+|pun\s+)?(?:memperoleh|meraih|mendapat(?:kan)?|mencatat(?:kan)?|mengantongi|menorehkan)\b"
    r"[^,.;]{0,40}$",
    re.IGNORECASE,
)
_LAST_YEAR = Cued(
    re.compile(r"\b(?:tahun\s+lalu|tahun\s+sebelumnya)\b", re.IGNORECASE), ("lalu", "sebelumnya")
)
# "1. Dinas Kesehatan: 88,12 (A)": a grade letter in brackets right after the score.
_LETTER_AFTER = re.compile(r"\s*(?:persen|%)?\s*\(\s*([A-E])\s*\)")
_NEXT_YEAR = Cued(
    re.compile(r"\b(?:setahun\s+kemudian|tahun\s+berikutnya)\b", re.IGNORECASE), ("kemudian", "berikutnya")
)
_NOT_ASSESSMENT_YEAR = Cued(
    re.compile(
        r"(?:pemilu|pilkada|rpjmd|rpjmn|periode|©|copyright|mulai(?:\s+tahun)?|sejak(?:\s+tahun)?|"
        # a law's or decree's year: "Nomor 25 Tahun 2009", "No 76 Tahun 2013", "UU 25/2009"
        r"\b(?:nomor|no\.?)\s*[0-9][0-9.\-]*\s+tahun|"
        # when the results were handed over, not the year assessed: "diserahkan pada 2024"
        r"\b(?:diserahkan|diumumkan|dirilis|diserahterimakan)\s+(?:pada\s+)?(?:awal\s+)?(?:tahun\s+)?)\s*$",
        re.IGNORECASE,
    ),
    (
        "pemilu",
        "pilkada",
        "rpjm",
        "periode",
        "©",
        "copyright",
        "mulai",
        "sejak",
        "no",
        "diserah",
        "diumum",
        "dirilis",
    ),
)
# "Skornya 84,15." / "Nilai tersebut 85,14": the score of the entity that the sentence before is
# about (its first entity), not of the last place named there ("... dari 14 pemda di Jawa Timur").
_POSSESSIVE = re.compile(
    r"\W*(?:skor|nilai|capaian|angka|hasil|raihan|perolehan)(?:nya|\s+(?:itu|tersebut|ini))\b", re.IGNORECASE
)
# "naik ... dari nilai 91,57 menjadi 93,58": the first number is the earlier result.
_FROM_BEFORE = re.compile(r"\bdari\s+(?:nilai\s+|skor\s+|angka\s+|capaian\s+)?$", re.IGNORECASE)
_TO_BETWEEN = re.compile(
    r"\s*(?:persen|%)?\s*,?\s*(?:menjadi|jadi|ke|ke\s+angka|hingga)\s+(?:nilai\s+|skor\s+|angka\s+)?$",
    re.IGNORECASE,
)
# "88,12, naik dari 80,10", "88,12 atau meningkat dibanding tahun lalu yang 80,10": the number
# after is the earlier result.
_RISEN_FROM = re.compile(
    r"\s*(?:persen|%|poin)?\s*,?\s*(?:atau\s+|yang\s+)?(?:naik|meningkat|turun|menurun|melonjak|merosot)"
    r"(?:\s+\w+){0,2}?\s+(?:dari|dibanding(?:kan)?|daripada)\s+(?:(?:nilai|skor|capaian|angka)\s+)?"
    r"(?:(?:tahun\s+)?(?:sebelumnya|lalu)\s*(?:,\s*)?(?:yang|sebesar|yakni|yaitu|dengan)?\s*(?:nilai\s+)?)?",
    re.IGNORECASE,
)
_PAST_YEAR = Cued(re.compile(r"\b20[12]\d\s+(?:lalu|silam)\b", re.IGNORECASE), ("lalu", "silam"))
# "Dinas Pendidikan 55,63 dan RSUD Selong 56,28, keduanya kualitas sedang": one label for all.
_SHARED = re.compile(
    r"\b(?:keduanya|ketiganya|keempatnya|kelimanya|semuanya|seluruhnya|masing-masing)\b", re.IGNORECASE
)
_YEAR_AFTER = re.compile(r"\s*(?:persen|%)?\s*(?:pada|di|untuk)?\s*(?:tahun|Tahun)?\s*(20[12]\d)(?![\d/])")


def find_scores(article: Article) -> list[Score]:
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
    _pair_respectively(article, kept)
    _share_labels(article, kept)
    _mark_former(text, kept)
    for i, score in enumerate(kept):
        if score.year is None and score.year_offset == 1 and i and kept[i - 1].year is not None:
            score.year = kept[i - 1].year + 1  # type: ignore[operator]
    return kept


# "A dan B masing-masing memperoleh nilai 85,12 dan 80,30": the n-th score is the n-th name's.
_RESPECTIVELY = Cued(re.compile(r"\bmasing-?\s?masing\b", re.IGNORECASE), ("masing",))


def _pair_respectively(article: Article, kept: list[Score]) -> None:
    """Gives each score after "masing-masing" the name of its rank before it, in a sentence that
    names as many entities before the word as it prints scores after it."""
    text, doc = article.text, article.doc
    done: set[int] = set()
    for score in kept:
        if score.sentence in done:
            continue
        done.add(score.sentence)
        start, end = doc.sentence_span(score.sentence)
        word = _RESPECTIVELY.search(text, start, end)
        if word is None:
            continue
        names = _run_before(article, start, word.start())
        scores = [s for s in kept if s.sentence == score.sentence and s.number.start >= word.end()]
        if len(names) >= 2 and len(scores) == len(names):
            for name, paired in zip(names, scores, strict=True):
                paired.owner = name


def _run_before(article: Article, start: int, end: int) -> list[Mention]:
    """The names joined as a list ("A, B dan C") that end right before ``end``, within the span."""
    inside = [m for m in article.mentions if start <= m.start and m.end <= end and not m.in_role]
    if not inside or article.text[inside[-1].end : end].strip():
        return []
    run = [inside[-1]]
    for mention in reversed(inside[:-1]):
        if mention.end > run[0].start or not LIST_GAP.fullmatch(article.text, mention.end, run[0].start):
            break
        run.insert(0, mention)
    return run


def _share_labels(article: Article, kept: list[Score]) -> None:
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


def _mark_former(text: str, kept: list[Score]) -> None:
    """'dari nilai 91,57 menjadi 93,58': the second of the pair is the clause's year, the first the
    year before (unless each has its own year printed); '88,12, naik dari 80,10': the second is
    the earlier one."""
    for first, second in pairwise(kept):
        if first.sentence != second.sentence:
            continue
        if _RISEN_FROM.fullmatch(text, first.number.end, second.number.start):
            if first.year is None:
                first.year_offset = 0  # the "tahun sebelumnya" after it is the second's
            second.year_offset = -1
            if second.year is None and first.year is not None:
                second.year = first.year - 1
            continue
        start = first.number.start
        if not _FROM_BEFORE.search(text, max(0, start - 20), start):
            continue
        if not _TO_BETWEEN.fullmatch(text, first.number.end, second.number.start):
            continue
        if second.year is None and second.year_offset == 0:
            second.year = first.year  # "Pada penilaian tahun 2023, ... dari 91,57 menjadi 93,58"
        if first.year is None or first.year == second.year:
            first.year = second.year - 1 if second.year is not None else None
            first.year_offset = -1


def _ombudsman_words_near(article: Article, score: Score) -> bool:
    if score.number.value < 10:
        return False
    start, end = article.doc.sentence_span(score.sentence)
    return bool(labels_in(article.text, start, end, None))


def _in_scale(sentence: str, offset: int) -> bool:
    """Whether the number at ``offset`` is part of a stated scale ("nilai 51-80,99")."""
    return any(m.start() - 3 <= offset <= m.end() for m in SCALE.finditer(sentence))


def _place(article: Article, score: Score, previous: Score | None, following: Score | None) -> None:
    text, doc = article.text, article.doc
    number = score.number
    sent_start, sent_end = doc.sentence_span(score.sentence)
    owner = _owner_after(article, number.end) or _owner(article, number.start, sent_start)
    score.owner = owner
    clause_start = max(sent_start, previous.number.end if previous else sent_start)
    if owner is not None and owner.end > clause_start and owner.end <= number.start:
        clause_start = owner.end
    clause_end = following.number.start if following else sent_end
    # The first other name after the number ends the clause (the mentions are in order: looked up
    # from the number on, not from the article's start, which made long articles quadratic).
    mentions = article.mentions
    i = bisect_left(mentions, number.end, key=_start)
    while i < len(mentions) and mentions[i].start < clause_end:
        if owner is None or mentions[i].key != owner.key:
            clause_end = mentions[i].start
            break
        i += 1
    # Year: printed right after the number, else the last one before it in its clause.
    after = _YEAR_AFTER.match(text, number.end)
    if after is not None and after.end() <= clause_end + 12:
        score.year = int(after.group(1))
    else:
        for match in YEAR.finditer(text, max(sent_start, previous.number.end if previous else sent_start),
                                   number.start):  # fmt: skip
            if not is_date(article, match.start()) and not is_future(text, match.start(), match.end()):
                score.year = int(match.group(0))
        if score.year is None:
            score.year = _year_later_in_clause(article, number.end, clause_end)
        clause_from = max(sent_start, previous.number.end if previous else sent_start)
        if score.year is not None and _PAST_YEAR.search(text, sent_start, number.start):
            score.year_offset = -1  # "pada 2021 lalu, ... nilai 44,36": an earlier result
        if score.year is None and _NEXT_YEAR.search_slice(text, clause_from, number.start):
            score.year_offset = 1
        elif score.year is None and (
            _LAST_YEAR.search_slice(text, clause_from, number.start)
            or _LAST_YEAR.search_slice(text, number.end, clause_end)
        ):
            score.year_offset = -1
    # (read with the score's own year: before 2022 "predikat kepatuhan tinggi" is a zone)
    score.labels = labels_in(text, clause_start, number.start, score.year)[-2:] + labels_in(
        text, number.end, clause_end, score.year
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
    score.quote_start, score.quote_end = _quote_span(text, owner, number, sent_start)


def _start(mention: Mention) -> int:
    return mention.start


def _year_later_in_clause(article: Article, start: int, end: int) -> int | None:
    """The year of the assessment named after the number in its clause ("nilai 84,17 dalam
    Penilaian Kepatuhan ... Tahun 2023"), unless it is a comparison ("naik dibanding 2022")."""
    text = article.text
    for match in YEAR.finditer(text, start, min(end, start + 120)):
        between = text[start : match.start()]
        if _COMPARED.search(between) or is_date(article, match.start()):
            return None
        if NOT_THIS_YEAR.match(text, match.end()) or is_future(text, match.start(), match.end()):
            return None
        return int(match.group(0))
    return None


def is_future(text: str, start: int, end: int) -> bool:
    """Whether the year at ``text[start:end]`` is looked forward to ("untuk tahun 2026")."""
    return bool(FUTURE_BEFORE.search(text, max(0, start - 45), start) or FUTURE_AFTER.match(text, end))


def _owner(article: Article, pos: int, sent_start: int) -> Mention | None:
    """The entity named last before ``pos``: in the sentence, else earlier in its paragraph or in
    the two sentences before it."""
    doc = article.doc
    index = doc.sentence_of(pos)
    paragraph = doc.paragraph_starts[max(0, bisect_right(doc.paragraph_starts, pos) - 1)]
    earliest = min(doc.sentence_starts[max(0, index - 2)], paragraph)
    best: Mention | None = None
    topic: Mention | None = None  # the first entity of the sentence before
    for mention in article.mentions:
        if mention.end > pos:
            break
        if mention.in_role or mention.start < earliest:
            continue
        if mention.start < sent_start and doc.sentence_of(mention.start) in doc.skipped:
            continue
        if topic is None and index and doc.sentence_of(mention.start) == index - 1:
            topic = mention
        if (
            best is not None
            and best.start >= sent_start
            and _in_relative_clause(article.text, best, mention, pos)
        ):
            continue
        best = mention
    if (
        best is not None
        and best.start < sent_start
        and topic is not None
        and _POSSESSIVE.match(article.text, sent_start, pos)
    ):
        best = topic
    if best is not None and best.start < sent_start and doc.in_title(best.start) != doc.in_title(pos):
        return None
    return best


# "nilai 107 untuk Polres Keerom", "skor 88,10 bagi Pemkab X", "nilai 79,02 kepada Pemkab Y": the
# name after the number owns it. (Matched at the number's end only: no need to find its words first.)
_FOR_AFTER = re.compile(
    r"[ \t]*(?:persen|%)?[ \t]*(?:untuk|bagi|kepada|milik|diraih[ \t]+(?:oleh[ \t]+)?|diperoleh[ \t]+)[ \t]*",
    re.IGNORECASE,
)
# The word that opens such a statement, where its quote begins ("nilai 107 untuk ...").
_VALUE_WORD = re.compile(r"\b(?:nilai|skor|capaian|angka)\s+$", re.IGNORECASE)


def _owner_after(article: Article, end: int) -> Mention | None:
    """The entity named right after the number and a word that gives it ("untuk", "bagi")."""
    cue = _FOR_AFTER.match(article.text, end)
    if cue is None:
        return None
    mentions = article.mentions
    i = bisect_left(mentions, cue.end(), key=_start)
    found = mentions[i] if i < len(mentions) else None
    return found if found is not None and found.start == cue.end() and not found.in_role else None


def _in_relative_clause(text: str, head: Mention, mention: Mention, pos: int) -> bool:
    """'Pemkot A, yang berada dua strip di bawah Pemkot B, memperoleh nilai 58,03': B is named
    inside a clause about A set off by commas, so the number after the clause is A's."""
    if _RELATIVE_OPEN.search(text, head.end, mention.start) and "," in text[mention.end : pos]:
        return True
    # "Kabupaten X yang bertetangga dengan Kota Y memperoleh nilai 84,33": no commas, but the clause
    # ties the other name to the head with a preposition, and a verb of result follows it.
    return bool(
        _BARE_RELATIVE.fullmatch(text, head.end, mention.start) and _RESULT_VERB.match(text, mention.end, pos)
    )


def is_date(article: Article, pos: int) -> bool:
    if any(d.start <= pos < d.end for d in article.dates):
        return True
    return bool(_NOT_ASSESSMENT_YEAR.search_slice(article.text, max(0, pos - 34), pos))


def _quote_span(text: str, owner: Mention | None, number: Number, sent_start: int) -> tuple[int, int]:
    """Where the words that state the score begin, and where they end when they run past the
    number (0 when they end with it): from the owner named before the number; from "nilai" to the
    owner named after it ("nilai 107 untuk Polres Keerom"); else the clause's last words."""
    if owner is not None and owner.start > number.start:
        word = _VALUE_WORD.search(text, max(sent_start, number.start - 12), number.start)
        return (word.start() if word is not None else number.start), owner.end
    if owner is not None and owner.start >= sent_start and number.start - owner.start <= 160:
        return owner.start, 0
    start = max(sent_start, number.start - 60)
    if start > sent_start:
        space = text.find(" ", start, number.start)
        start = space + 1 if space >= 0 else start
    return start, 0


def relabel(text: str, labels: list[Label], year: int | None) -> list[Label]:
    """Before 2022, 'predikat kepatuhan tinggi' near a score is a zone."""
    if year is None or year > 2021 or not labels:
        return labels
    start = min(label.start for label in labels)
    end = max(label.end for label in labels)
    return labels_in(text, start, end, year)
