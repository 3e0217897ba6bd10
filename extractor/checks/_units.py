"""Checks 5 and 6: the stated number of units ("lima unit kerja", "tujuh lokus") against the units
listed, and the subject's score against the mean of its unit scores where the article calls it
an average ("nilai rata-rata") and lists every unit.

The press often names a few units "seperti … serta lainnya": fewer units than stated is then a
note, not a contradiction. More units than stated is always wrong.
"""

from __future__ import annotations

import re

from extractor.checks._base import Context, flag, num
from extractor.checks._text import find_number, line_bounds, sentence_bounds
from schemas.record import Flag, Severity, Span

COUNT = "unit_count_mismatch"
MEAN = "score_not_unit_mean"
CODES = (COUNT, MEAN)

_ONES = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}  # fmt: skip
_ONE_WORD = "|".join(_ONES)
_NUMBER_WORDS = (
    rf"(?:(?:{_ONE_WORD})\s+puluh(?:\s+(?:{_ONE_WORD}))?|(?:{_ONE_WORD})\s+belas|sepuluh|sebelas|"
    rf"{_ONE_WORD}|\d{{1,2}})"
)
_UNIT_NOUN = (
    r"unit\s+(?:kerja|layanan|pelayanan|penyelenggara(?:\s+(?:pelayanan|layanan))?)(?:\s+publik)?"
    r"|upp|lokus|locus|opd|organisasi\s+perangkat\s+daerah|perangkat\s+daerah"
)
_COUNT = re.compile(rf"(?<![\w,.])(?P<n>{_NUMBER_WORDS})\s+(?P<noun>{_UNIT_NOUN})\b", re.IGNORECASE)
_PARTIAL = re.compile(
    r"\b(?:seperti|antara lain|di antaranya|serta lainnya|dan lainnya|dan lain-lain|dll)\b", re.I
)
_CUT = "[...]"  # where the stored page was cut (corpus convention)
_AVERAGE = re.compile(r"\b(?:rata-rata|rata rata|rerata|nilai rata)\b", re.IGNORECASE)

_COUNT_BASIS = "the number of units the article states equals the number of units it lists"
_MEAN_BASIS = (
    "the subject's score is usually the average of its units' scores (OMBUDSMAN.md, 'Who is "
    "assessed'); the article calls it an average and lists every unit; a difference up to 0,01 "
    "is rounding, up to 0,10 a note"
)


def number_word(raw: str) -> int:
    """'lima' -> 5, 'dua belas' -> 12, 'dua puluh satu' -> 21, '7' -> 7."""
    text = " ".join(raw.lower().split())
    if text.isdigit():
        return int(text)
    if text == "sepuluh":
        return 10
    if text == "sebelas":
        return 11
    parts = text.split()
    if len(parts) >= 2 and parts[1] == "belas":
        return 10 + _ONES[parts[0]]
    if len(parts) >= 2 and parts[1] == "puluh":
        return 10 * _ONES[parts[0]] + (_ONES[parts[2]] if len(parts) > 2 else 0)
    return _ONES[text]


def count_statements(text: str) -> list[tuple[int, re.Match[str]]]:
    return [(number_word(m.group("n")), m) for m in _COUNT.finditer(text)]


def check_unit_count(ctx: Context) -> list[Flag]:
    e, text = ctx.extraction, ctx.text
    if text is None or not e.units:
        return []
    statements = count_statements(text)
    listed = len(e.units)
    if not statements or any(n == listed for n, _ in statements):
        return []
    stated, match = statements[0]
    spans = [Span(start=match.start(), end=match.end()), *ctx.spans(*(f"units[{i}]" for i in range(listed)))]
    if listed > stated:
        severity, why = Severity.error, "more units are listed than the article says were assessed"
    elif any(_PARTIAL.search(text, *line_bounds(text, m.start(), m.end())) for _, m in statements):
        severity, why = Severity.info, "the article names only some of them ('seperti … serta lainnya')"
    elif _CUT in text[match.end() :]:
        severity, why = Severity.info, "the stored article is cut ('[...]') after the count"
    else:
        severity, why = Severity.warning, "a unit may have been missed"
    return [
        flag(
            COUNT,
            severity,
            "units",
            f"The article says {stated} units were assessed ('{match.group(0)}'), but {listed} are "
            f"listed: {why}.",
            _COUNT_BASIS,
            spans,
        )
    ]


def check_unit_mean(ctx: Context) -> list[Flag]:
    e, text = ctx.extraction, ctx.text
    if text is None or e.score is None or len(e.units) < 2:
        return []
    scores = [u.score for u in e.units]
    if any(s is None for s in scores):
        return []
    statements = count_statements(text)
    if statements and all(n != len(e.units) for n, _ in statements):
        return []  # not every unit is listed: the unit-count check speaks
    if not _called_average(ctx, e.score):
        return []
    mean = sum(s for s in scores if s is not None) / len(scores)
    gap = abs(mean - e.score)
    if round(gap, 2) <= 0.01:
        return []
    severity = Severity.info if round(gap, 2) <= 0.1 else Severity.warning
    return [
        flag(
            MEAN,
            severity,
            "score",
            f"The article calls {num(e.score)} an average, but the {len(scores)} unit scores listed "
            f"average {num(mean)} (a difference of {num(gap)}).",
            _MEAN_BASIS,
            ctx.spans("score", *(f"units[{i}]" for i in range(len(scores)))),
        )
    ]


def _called_average(ctx: Context, score: float) -> bool:
    """'rata-rata' in the sentence that gives the subject's score."""
    assert ctx.text is not None
    found = ctx.evidence("score")
    if found is not None and found.aligned and found.start is not None and found.end is not None:
        places = [(found.start, found.end)]
    else:
        places = [(hit.start, hit.end) for hit in find_number(ctx.text, score)]
    return any(_AVERAGE.search(ctx.text, *sentence_bounds(ctx.text, start, end)) for start, end in places)
