"""Where the finders' whole-article patterns that begin with a capitalised word can match, found
once per article for all of them.

A pattern such as ``(?:Dinas|Badan|Puskesmas|...)`` gives the regex engine only a set of first
characters to skip ahead by, and it tests each character of the article against that set, once
per pattern and article (a tenth of the rules' instructions went to ten such scans). Here the
article's capital letters are found once (by byte operations on an ASCII shape of it), each is
looked up by the three characters it begins, and a pattern (``Capitalised``) is tried only where
one of its literal prefixes can begin, in the order ``finditer`` would try it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from re import _parser  # type: ignore[attr-defined]  # (re's own parser: a pattern's structure)
from re._constants import BRANCH, LITERAL, SUBPATTERN  # type: ignore[import-not-found]
from typing import Any

from extractor.rules._anchored import matches_at

_KEY = 3  # the characters at a capital that tell the patterns that may match there
_SHAPE = bytes(65 if 65 <= byte <= 90 else 97 for byte in range(256))  # "A" for A-Z, else "a"


def literal_prefixes(pattern: re.Pattern[str]) -> list[str] | None:
    """Strings one of which begins every match of ``pattern``; None where that cannot be told (a
    case-blind pattern, a match that may begin with a character class or an assertion)."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _prefixes(list(_parser.parse(pattern.pattern, pattern.flags).data))


def _prefixes(items: list[tuple[Any, Any]]) -> list[str] | None:
    prefix = ""
    for op, av in items:
        if op is LITERAL:
            prefix += chr(av)
            continue
        inner: list[str] | None = None
        if op is SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                inner = _prefixes(list(sub.data))
        elif op is BRANCH:
            found: list[str] = []
            for alternative in av[1]:
                prefixes = _prefixes(list(alternative.data))
                if prefixes is None:
                    found = []
                    break
                found += prefixes
            inner = found or None
        if inner is not None:
            return [prefix + p for p in inner]
        break  # anything else (a class, a repeat, an assertion) ends the literal prefix
    return [prefix] if prefix else None


_registered: list[Capitalised] = []
_by_key: dict[str, tuple[int, ...]] = {}  # the first characters of a prefix -> the patterns
_last: tuple[str, list[list[int]]] = ("", [])


class Capitalised:
    """A case-sensitive pattern whose matches begin with literal prefixes of at least three
    characters, the first an ASCII capital. ``finditer`` gives what ``pattern.finditer`` gives;
    a pattern of another shape is scanned as it is."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        prefixes = literal_prefixes(pattern)
        self.index = -1
        if prefixes is None or not all(len(p) >= _KEY and "A" <= p[0] <= "Z" for p in prefixes):
            return
        self.index = len(_registered)
        _registered.append(self)
        for key in dict.fromkeys(p[:_KEY] for p in prefixes):
            _by_key[key] = (*_by_key.get(key, ()), self.index)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        end = len(text) if end is None else end
        if self.index < 0:
            return list(self.pattern.finditer(text, start, end))
        places = _candidates(text)[self.index]
        if start:
            places = places[bisect_left(places, start) :]
        return matches_at(self.pattern, text, places, start, end)


def _candidates(text: str) -> list[list[int]]:
    """For each registered pattern, the places in ``text`` where the first characters of one of
    its prefixes stand (the last article's answer is kept: the finders ask about one text)."""
    global _last
    last, places = _last
    if last is text and len(places) == len(_registered):
        return places
    places = [[] for _ in _registered]
    # The capitals, with byte operations: each code point one byte (a non-ASCII one "?"), "A" for a
    # capital and "a" for the rest; every piece of that split on "A" but the last ends before one.
    pieces = text.encode("ascii", "replace").translate(_SHAPE).split(b"A")
    get = _by_key.get
    for at in accumulate([len(piece) + 1 for piece in pieces[:-1]], initial=-1):
        hit = get(text[at : at + _KEY]) if at >= 0 else None
        if hit is not None:
            for index in hit:
                places[index].append(at)
    _last = (text, places)
    return places
