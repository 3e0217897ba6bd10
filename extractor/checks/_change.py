"""Check 4 (text half): a stated change ("naik 3,09 poin") equals the difference of the stated
scores, and "dari A (pada 2023) menjadi B (di 2024)" puts the earlier score first.

A change statement counts only near the subject's scores (within a few lines) or in a sentence
that names the subject, so a unit's or another region's change elsewhere in a round-up is not
held against the subject. A whole number
of points (a headline's "Naik 3 Poin") that rounds a change the article also prints exactly
("bertambahnya ... 3,09 poin") is that exact statement rounded, and is checked through it.
"""

from __future__ import annotations

import itertools
import re

from extractor.checks._attribution import subject_names, tie
from extractor.checks._base import Context, flag, num
from extractor.checks._text import cents, find_number
from extractor.checks._years import PREVIOUS_ORDER
from schemas.record import Flag, PreviousResult, Severity, Span

CHANGE = "stated_change_mismatch"
CODES = (CHANGE, PREVIOUS_ORDER)  # the latter also from _years, without the text

_UP = r"naik\w*|kenaikan|meningkat\w*|peningkatan|bertambah\w*|penambahan|melonjak|melejit"
_DOWN = r"turun\w*|penurunan|menurun\w*|berkurang\w*|pengurangan|merosot|anjlok"
_NUMBER = r"\d{1,3}(?:[.,]\s?\d{1,2})?"
_CHANGE = re.compile(
    rf"\b(?P<dir>{_UP}|{_DOWN}|selisih)\b(?P<gap>(?:(?![.!?]\s)[^\n]){{0,60}}?)"
    rf"(?<![\d.,])(?P<num>{_NUMBER})\s*(?:poin|point)\b",
    re.IGNORECASE,
)
_FROM_TO = re.compile(
    rf"\bdari\s+(?:nilai\s+|skor\s+)?(?P<a>{_NUMBER})(?![\d])(?:(?![.!?]\s)[^\n]){{0,50}}?"
    rf"\bmenjadi\s+(?:nilai\s+|skor\s+)?(?P<b>{_NUMBER})(?![\d])",
    re.IGNORECASE,
)
_NEAR = 400  # characters: a change statement this close to a score is about it
_BASIS = "a stated change in points is the difference between the two stated scores"


def _value(raw: str) -> float:
    return float(raw.replace(" ", "").replace(",", "."))


def _near_subject(ctx: Context, start: int, end: int) -> bool:
    """The statement is a few lines from one of the subject's scores, or its sentence names the
    subject ("Pemkab Sleman berhasil naik 1,97 poin" under a headline that gives the score)."""
    assert ctx.text is not None
    e = ctx.extraction
    values = [e.score] + [p.score for p in e.previous]
    window = ctx.text[max(0, start - _NEAR) : end + _NEAR]
    if any(v is not None and find_number(window, v) for v in values):
        return True
    return tie(ctx.text, start, end).whose(subject_names(e)) == "subject"


def _latest(previous: list[PreviousResult]) -> int:
    return max(range(len(previous)), key=lambda i: previous[i].year)


def check_change(ctx: Context) -> list[Flag]:
    e, text = ctx.extraction, ctx.text
    if text is None or not e.previous:
        return []
    # The differences a statement may be about: current - each earlier, and consecutive earlier.
    pairs: list[tuple[float, int]] = []
    if e.score is not None:
        pairs += [(e.score - p.score, i) for i, p in enumerate(e.previous)]
    ordered = sorted(range(len(e.previous)), key=lambda i: e.previous[i].year)
    pairs += [(e.previous[b].score - e.previous[a].score, b) for a, b in itertools.pairwise(ordered)]
    flags: list[Flag] = []
    for match in _CHANGE.finditer(text):
        if not _near_subject(ctx, match.start(), match.end()):
            continue
        stated = _value(match.group("num"))
        direction = match.group("dir").lower()
        sign = 0 if direction == "selisih" else (1 if re.fullmatch(_UP, direction) else -1)
        if any(cents(abs(d)) == cents(stated) and (sign == 0 or d * sign > 0) for d, _ in pairs):
            continue
        if _rounds_an_exact_statement(text, match.group("num"), stated, sign, pairs):
            continue
        if e.score is None:
            continue
        latest = _latest(e.previous)
        earlier = e.previous[latest]
        diff = e.score - earlier.score
        wrong_way = cents(abs(diff)) == cents(stated)
        said = {1: "rose by", -1: "fell by", 0: "changed by"}[sign]
        now = f"{num(e.score)} ({e.assessment_year or 'now'})"
        reason = (
            f"from {num(earlier.score)} ({earlier.year}) to {now} the change goes the other way"
            if wrong_way
            else f"{now} − {num(earlier.score)} ({earlier.year}) = {num(diff)}"
        )
        # The flag goes on the value the article does not print (a misread one), else on the
        # earlier result, the one an extraction most often takes from the wrong year.
        field = f"previous[{latest}].score"
        if not find_number(text, e.score) and find_number(text, earlier.score):
            field = "score"
        flags.append(
            flag(
                CHANGE,
                Severity.error,
                field,
                f"The article says the score {said} {num(stated)} points ('{match.group(0)}'), but {reason}.",
                _BASIS,
                [*ctx.spans("score", f"previous[{latest}]"), _span(match.start(), match.end())],
            )
        )
        break  # one statement is enough to send a person to the numbers
    flags += _from_to(ctx)
    return flags


def _rounds_an_exact_statement(
    text: str, raw: str, stated: float, sign: int, pairs: list[tuple[float, int]]
) -> bool:
    """A whole number of points that rounds (or cuts) a difference of the stated scores which
    the article also prints exactly, as points ("Naik 3 Poin" over "... 3,09 poin")."""
    if not raw.strip().isdigit():
        return False
    for d, _ in pairs:
        if sign != 0 and d * sign <= 0:
            continue
        exact = abs(d)
        if int(stated) not in (int(exact), int(exact + 0.5)) or cents(exact) == cents(stated):
            continue
        if any(_POINTS.match(text, hit.end) for hit in find_number(text, exact)):
            return True
    return False


_POINTS = re.compile(r"\s*(?:poin|point)\b", re.IGNORECASE)


def _from_to(ctx: Context) -> list[Flag]:
    """'dari 79,19 pada 2023 menjadi 82,28 di 2024': the first number is the earlier result."""
    e, text = ctx.extraction, ctx.text
    assert text is not None
    if e.score is None:
        return []
    for match in _FROM_TO.finditer(text):
        before, after = _value(match.group("a")), _value(match.group("b"))
        if cents(before) == cents(after) or cents(e.score) != cents(before):
            continue
        for i, previous in enumerate(e.previous):
            if cents(previous.score) == cents(after):
                return [
                    flag(
                        PREVIOUS_ORDER,
                        Severity.error,
                        f"previous[{i}].score",
                        f"The article goes 'dari {match.group('a')} … menjadi {match.group('b')}', so "
                        f"{match.group('b')} is the later result, but it is stored as the earlier one "
                        f"({previous.year}) and {match.group('a')} as the current score.",
                        "'dari A menjadi B' reports a change from the earlier result A to the later B",
                        [*ctx.spans("score", f"previous[{i}]"), _span(match.start(), match.end())],
                    )
                ]
    return []


def _span(start: int, end: int) -> Span:
    return Span(start=start, end=end)
