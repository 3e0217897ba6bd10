"""Numbers that may be scores, years, and dates, as the Indonesian press prints them.

Scores: "82,28", "58.99", "95,3", "79,19 persen", "99, 23". Not scores: money ("Rp247,9
miliar"), shares of providers ("(42,86 persen)"), changes ("3,09 poin"), bounds of a scale
("51-80,99"), and numbers of other indices (IPP, IKM, KemenPAN-RB).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractor.rules._anchored import Anchored, has_word
from extractor.rules._cues import OTHER_INDEX
from schemas.values import MONTHS

# Patterns start with a plain character (no \b, no look-behind, no IGNORECASE) so that the regex
# engine can skip ahead fast; what must not come before a match is checked in Python. A single
# digit class comes first ("[0-9][0-9]{0,2}", not "[0-9]{1,3}"): only then does the engine skip
# to the next digit instead of trying the whole pattern at every character.
SCORE = re.compile(r"([0-9][0-9]{0,2})(?:,\s?|\.)([0-9]{1,2})(?![0-9])(?!\.[0-9])(?!,[0-9]{3})")
_NOT_BEFORE_NUMBER = frozenset("0123456789.,/:-")
# A quantity's unit after the number ("2,5 juta", "1,5 km"); a count noun only when no name follows
# it: "84,10 Kabupaten Cianjur" is a score and its owner ("Dengan nilai 84,10 Kabupaten ...").
_AFTER_NOT_SCORE = re.compile(
    r"\s*(?:%?\s*)?(?:miliar|juta|triliun|ribu|km|kg|meter|hektare|ha\b|tahun|bulan|hari|jam|"
    r"kali|orang|jiwa|unit|wib|wita|wit)\b"
    r"|\s*(?:instansi|kementerian|lembaga|pemda|daerah|kabupaten|kota)\b(?!\s+(?-i:[A-Z]))"
    r"|\s*(?:-|–|hingga|sampai|s\.?/?d)\s*\d|,\s?\d",
    re.IGNORECASE,
)
_BEFORE_NOT_SCORE = re.compile(
    r"(?:rp\.?\s?|\(\s*|(?:-|–|hingga|sampai|antara|s\.?/?d\.?)\s*|\d\s?[.,]\s?|naik\s+|turun\s+|"
    r"bertambah\s+|berkurang\s+|peringkat\s+(?:ke\s*-?\s*)?|urutan\s+(?:ke\s*-?\s*)?|\bno\.?\s*|"
    # a time of day: "pukul 13.30", "pkl. 09.00"
    r"\bpukul\s*|\bpkl\.?\s*)$",
    re.IGNORECASE,
)
# What ``before`` must end with (spaces aside) for ``_BEFORE_NOT_SCORE`` to match: a test of its
# last characters rules out most numbers ("dengan nilai 82,28") without searching it.
_NOT_SCORE_TAILS = ("rp", "(", "-", "hingga", "sampai", "antara", "d", ".", ",", "naik", "turun", "bertambah",
                    "berkurang", "peringkat", "ke", "urutan", "no", "pukul", "pkl")  # fmt: skip


def _may_not_be_score(before: str) -> bool:
    """Whether ``_BEFORE_NOT_SCORE`` may match ``before`` (False only where it cannot)."""
    tail = before.rstrip()
    # (beyond ASCII, lower-casing may not tell what a case-blind pattern matches: no verdict)
    return not tail.isascii() or tail.lower().endswith(_NOT_SCORE_TAILS)


_POINTS = re.compile(r"\s*(?:poin|point)\b", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    r"naik|turun|bertambah|berkurang|meningkat|menurun|selisih|kenaikan|penurunan|peningkatan|lebih|kurang",
    re.IGNORECASE,
)
_PERSEN_CLOSE = re.compile(r"\s*(?:persen|%)\s*\)")
# A bracketed number is a score when a score word or a year comes right before the bracket:
# "dengan nilai (88,16)", "2016 (56,48), 2017 (63,15)".
_BRACKET_SCORE = re.compile(r"(?:nilai|skor|angka|capaian|20[12][0-9])\s*\(\s*$", re.IGNORECASE)
# "Kenaikan dari tahun 2017 ke 2018 ... mencapai 36.08": a change, with or without "poin".
_CHANGE_NOUNS = ("kenaikan", "penurunan", "selisih")
_CHANGE_NOUN = re.compile(
    rf"(?:{'|'.join(_CHANGE_NOUNS)})\b[^.;0-9]{{0,40}}(?:[0-9]{{4}}[^.;0-9]{{0,40}})*$", re.IGNORECASE
)
# A whole number is a score only right after "skor"/"nilai" ("memperoleh skor 74", "dengan nilai
# kepatuhan 85."): older and shorter reports print whole scores; elsewhere a whole number is a count.
# (Four literal words rather than "[Ss]kor|[Nn]ilai": alternatives that all begin with a plain
# character give the engine a set of first characters to skip ahead by, a third of the cost.)
_WHOLE_SCORE = re.compile(
    r"(?:Skor|skor|Nilai|nilai)(?:nya)?(?:\s+kepatuhan(?:nya)?)?\s+([1-9][0-9])(?![0-9])"
)
# (tried only where "skor" or "nilai" occurs: its four first words make the engine try it at every
# "s" and "n" of the article)
_WHOLE_SCORE_AT = Anchored(_WHOLE_SCORE, ("skor", "nilai"))
_NOT_AFTER_WHOLE = re.compile(r"[.,]\s?[0-9]|\s*(?:persen|%|-an\b|an\b)", re.IGNORECASE)
_YEAR_RAW = re.compile(r"20[12][0-9](?![0-9/])")


class _Year:
    """``finditer`` over years 2010-2029 not glued to other digits or date separators."""

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        return [
            m
            for m in _YEAR_RAW.finditer(text, pos, end)
            if m.start() == 0 or text[m.start() - 1] not in "0123456789/.,-"
        ]


YEAR = _Year()
# Dates: "16 - Dec - 2024", "14 November 2024", "03-12-2024", "16/12/2024", "Desember 30, 2021",
# "Oktober 2024": found from their year backwards, month words checked in Python.
_DATE_BEFORE_YEAR = re.compile(
    r"(?:([0-9]{1,2})(?:\s*[-/ ]\s*([A-Za-z]{3,9})\.?\s*[-/ ,]\s*|[-/.]([0-9]{1,2})[-/.])"
    r"|([A-Za-z]{3,9})\.?\s+(?:([0-9]{1,2}),\s*)?)$"
)


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: float
    surface: str


def score_candidates(text: str) -> list[Number]:
    """Decimal numbers between 0 and 100 that are not money, shares, changes or scale bounds."""
    found: list[Number] = []
    for match in SCORE.finditer(text):
        if match.start() and text[match.start() - 1] in _NOT_BEFORE_NUMBER:
            continue
        value = float(f"{match.group(1)}.{match.group(2)}")
        if value > 100:
            continue
        start, end = match.start(), match.end()
        before = text[max(0, start - 25) : start]
        after = text[end : end + 25]
        if _AFTER_NOT_SCORE.match(after):
            continue
        if (
            _may_not_be_score(before)
            and _BEFORE_NOT_SCORE.search(before)
            and not _BRACKET_SCORE.search(before)
        ):
            continue
        lo = max(0, start - 130)
        # (the nouns first: a case-blind search of 130 characters, and most numbers follow none)
        if has_word(text, _CHANGE_NOUNS, lo, start) and _CHANGE_NOUN.search(text, lo, start):
            continue
        if _PERSEN_CLOSE.match(after):
            continue
        if _POINTS.match(after) and _CHANGE_BEFORE.search(text, max(0, start - 30), start):
            continue  # "naik 3,09 poin": a change, not a score
        found.append(Number(start, end, value, match.group(0)))
    if "kor" in text or "ilai" in text:
        found += _whole_scores(text)
        found.sort(key=lambda number: number.start)
    return found


def _whole_scores(text: str) -> list[Number]:
    found: list[Number] = []
    for match in _WHOLE_SCORE_AT.finditer(text):
        if match.start() and text[match.start() - 1].isalpha():
            continue  # "penilaian 20...", not the word "nilai"
        start, end = match.span(1)
        if _NOT_AFTER_WHOLE.match(text, end) or _AFTER_NOT_SCORE.match(text, end) or _POINTS.match(text, end):
            continue
        if _CHANGE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            continue  # "naik nilai 5": a change
        found.append(Number(start, end, float(match.group(1)), match.group(1)))
    return found


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    year: int
    month: int
    day: int | None


def dates(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    for year_match in _YEAR_RAW.finditer(text):
        at = year_match.start()
        match = _DATE_BEFORE_YEAR.search(text[max(0, at - 22) : at])
        if match is None:
            continue
        day, word, month_number, word2, day2 = match.groups()
        if day is not None:
            month = MONTHS.get(word.lower(), 0) if word else int(month_number)
            day_value: int | None = int(day)
        else:
            month, day_value = MONTHS.get(word2.lower(), 0), int(day2) if day2 else None
        if 1 <= month <= 12:
            start = at - (len(match.group(0)))
            found.append(DateMention(start, year_match.end(), int(year_match.group()), month, day_value))
    return found


def as_date(mention: DateMention) -> dt.date | None:
    if mention.day is None:
        return None
    try:
        return dt.date(mention.year, mention.month, mention.day)
    except ValueError:
        return None


__all__ = ["OTHER_INDEX", "YEAR", "DateMention", "Number", "as_date", "dates", "score_candidates"]
