"""Reading numbers, names and sentences in article text the way the press writes them.

Scores appear as "82,28", "58.99", "95,3", "79,19 persen" or with a stray space ("99, 23"); a
number is compared with a value to two decimals, so "78,80" and "78,8" both stand for 78.8.
Names are compared with case, punctuation and typographic quotes set aside.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.grounding import fold_quote

# A number of at most three integer digits, with an optional one- or two-digit decimal part
# after a comma or dot. The loose form also takes "99, 23" (a stray space after the comma).
_STRICT = re.compile(r"(?<![\d])(\d{1,3})(?:[.,](\d{1,2})(?!\d))?(?![\d])")
_LOOSE = re.compile(r"(?<![\d])(\d{1,3})[.,] (\d{1,2})(?![\d])")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class NumberHit:
    value: float
    start: int
    end: int


def cents(value: float) -> int:
    """A score in hundredths, the precision scores are printed with."""
    return round(value * 100)


def number_hits(text: str) -> tuple[NumberHit, ...]:
    """Every number up to 999 (with its decimals) in the text, and where it is."""
    hits = []
    for pattern in (_STRICT, _LOOSE):
        for match in pattern.finditer(text):
            whole, decimals = match.group(1), match.group(2)
            value = float(f"{whole}.{decimals}") if decimals else float(whole)
            hits.append(NumberHit(value, match.start(), match.end()))
    return tuple(hits)


@lru_cache(maxsize=256)  # the checks look up dozens of numbers in the same article
def _hits_by_cents(text: str) -> dict[int, tuple[NumberHit, ...]]:
    """The text's numbers grouped by value (to two decimals), each group in text order."""
    groups: dict[int, dict[tuple[int, int], NumberHit]] = {}
    for hit in number_hits(text):
        groups.setdefault(cents(hit.value), {})[(hit.start, hit.end)] = hit
    return {key: tuple(sorted(hits.values(), key=lambda hit: hit.start)) for key, hits in groups.items()}


def find_number(text: str, value: float) -> list[NumberHit]:
    """Where the text prints ``value`` (to two decimals), in text order."""
    return list(_hits_by_cents(text).get(cents(value), ()))


def has_number(text: str, value: float) -> bool:
    return bool(find_number(text, value))


@lru_cache(maxsize=256)  # the same article and names are folded by several checks
def words(text: str) -> str:
    """'H. Rahmad Mas’ud,' -> 'h rahmad mas ud': lower case, punctuation as spaces."""
    return " ".join(_NON_WORD.sub(" ", fold_quote(text)).split())


def name_variants(name: str) -> list[str]:
    """A name as written, without its parenthesised part, and that part alone.

    'Dinas Sosial (Dinsos)' -> ['dinas sosial dinsos', 'dinas sosial', 'dinsos'].
    """
    variants = [words(name)]
    inner = re.findall(r"\(([^)]*)\)", name)
    outer = words(re.sub(r"\([^)]*\)", " ", name))
    variants.append(outer)
    variants.extend(words(part) for part in inner)
    return [variant for variant in dict.fromkeys(variants) if variant]


def name_in(text: str, name: str) -> bool:
    """Whether the name is in the text: as a run of words, or (looser) every word of it.

    The looser test keeps a name whose words the article splits ("Farid Sofyan Lembah" after
    "H."), while an invented name, whose words are not in the article, still fails.
    """
    haystack = f" {words(text)} "
    tokens = set(haystack.split())
    for variant in name_variants(name):
        if f" {variant} " in haystack:
            return True
        if all(token in tokens for token in variant.split()):
            return True
    return False


@lru_cache(maxsize=64)
def _sentence_marks(text: str) -> tuple[list[int], list[int]]:
    """Positions of line breaks, and of sentence punctuation followed by whitespace."""
    breaks: list[int] = []
    stops: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        (breaks if text[match.start()] == "\n" else stops).append(match.start())
    return breaks, stops


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (a decimal point is not a sentence end)."""
    breaks, stops = _sentence_marks(text)
    # The sentence begins after the last line break before ``start``, or after the last stop
    # whose following whitespace is also before ``start``.
    last_break = bisect.bisect_left(breaks, start) - 1
    last_stop = bisect.bisect_left(stops, start - 1) - 1
    begin = max(
        breaks[last_break] + 1 if last_break >= 0 else 0,
        stops[last_stop] + 1 if last_stop >= 0 else 0,
    )
    ends = [marks[i] for marks in (breaks, stops) if (i := bisect.bisect_left(marks, end)) < len(marks)]
    return begin, min(ends) if ends else len(text)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    return begin, after if after >= 0 else len(text)
