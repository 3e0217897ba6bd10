"""Where a case-blind pattern can match, found with ``str.find`` on the lower-cased article.

A case-insensitive pattern that begins with ``\\b`` gives the regex engine nothing to skip ahead
by: it is tried at every character. A pattern whose matches begin with one of a few words is tried
only where one of them occurs in the span asked about (``Anchored``; most spans are a clause or a
sentence: looking the words up there costs less than indexing the whole article), and one whose
matches hold one of a few words is not tried in a span without them (``Cued``, ``has_word``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Characters that Python's IGNORECASE matching equates with an ASCII letter (the Kelvin sign
# with "k", the long s with "s", the dotted and the dotless i): where one occurs, ``str.lower``
# does not tell what a case-insensitive pattern can match, so ``folded`` gives up.
_FOLD_SPECIAL = ("\u0130", "\u0131", "\u017f", "\u212a")
_folded: tuple[str, str | None] = ("", "")


def folded(text: str) -> str | None:
    """``text.lower()`` with the same offsets, for quick ``str.find`` checks of whether a
    case-insensitive pattern can match at all in a span; None where that would be unsafe.
    The last article's answer is kept: the rules ask many times about one text."""
    global _folded
    last, low = _folded
    if last is text:
        return low
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and any(char in text for char in _FOLD_SPECIAL)):
        low = None
    _folded = (text, low)
    return low


def has_word(text: str, words: tuple[str, ...], start: int, end: int) -> bool:
    """Whether one of the lower-case ``words`` lies wholly in ``text[start:end]``, case aside (True
    where the text could not be folded: then nothing can be ruled out)."""
    last, low = _folded  # (``folded``'s kept answer read here: this runs a hundred times an article)
    if last is not text:
        low = folded(text)
    if low is None:
        return True
    if len(words) > 4:  # one search for all of them costs less than a ``str.find`` for each
        return _literals(words).search(low, start, end) is not None
    for word in words:  # (a loop, not ``any``: this runs for most names and numbers)
        if low.find(word, start, end) >= 0:
            break
    else:
        return False
    return True


@lru_cache(maxsize=64)  # a few fixed sets of words
def _literals(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in words))


def matches_at(
    pattern: re.Pattern[str], text: str, places: Iterable[int], start: int, end: int
) -> list[re.Match[str]]:
    """What ``pattern.finditer(text, start, end)`` gives, trying the pattern only at ``places`` (in
    order; every match begins at one of them): the next match starts after the last one."""
    found: list[re.Match[str]] = []
    match_at = pattern.match
    pos = start
    for at in places:
        if at >= end:
            break
        if at >= pos:
            match = match_at(text, at, end)
            if match is not None:
                found.append(match)
                pos = match.end()
    return found


class Anchored:
    """A pattern each of whose matches begins with one of a few lower-case ``words`` (case aside).

    ``finditer`` and ``search`` give what the pattern's own give, but try the pattern only where one
    of the words occurs: at each such place ``pattern.match`` tries exactly what they would.
    """

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        # A word that begins with another of them ("zonasi", "zona") adds no place to try.
        self.words = tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))

    def _places(self, low: str, start: int, end: int) -> list[int]:
        """Where the words begin in ``low[start:end]`` (wholly inside), in order."""
        places: list[int] = []  # (no two words begin at one place: neither begins the other)
        for word in self.words:
            at = low.find(word, start, end)
            while at >= 0:
                places.append(at)
                at = low.find(word, at + 1, end)
        if len(self.words) > 1:
            places.sort()
        return places

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        end = len(text) if end is None else end
        low = folded(text)
        if low is None:
            return list(self.pattern.finditer(text, start, end))
        places = self._places(low, start, end)
        # (most spans asked about hold none of the words: no call to try the pattern at none)
        return matches_at(self.pattern, text, places, start, end) if places else []

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        end = len(text) if end is None else end
        low = folded(text)
        if low is None:
            return self.pattern.search(text, start, end)
        match_at = self.pattern.match
        for at in self._places(low, start, end):
            match = match_at(text, at, end)
            if match is not None:
                return match
        return None


class Cued:
    """A case-blind pattern each of whose matches holds one of a few lower-case ``words`` (case
    aside): a span without any of them is ruled out with ``str.find``, not with a regex search
    that tries the pattern at each of its characters. Most spans hold none."""

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.words = words

    def search(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """``pattern.search(text, start, end)``."""
        return self.pattern.search(text, start, end) if has_word(text, self.words, start, end) else None

    def search_slice(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """``pattern.search(text[start:end])`` (offsets in the slice)."""
        return self.pattern.search(text[start:end]) if has_word(text, self.words, start, end) else None
