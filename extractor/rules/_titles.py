"""The words around an official's name that are not the name: ranks ("Irjen Pol."), titles and
honorifics before it ("Prof. Dr. H."), degrees after it (", S.Sos., M.Si."), and the words of a
title that never begin a name. The lexicon is ``extractor/data/titles.json`` (each group names
its source); here it becomes a few linear patterns and sets, built once."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources

_DOTS = re.compile(r"[.\s]")


def _key(token: str) -> str:
    """'M.Si.' -> 'MSi': degrees are printed with or without dots."""
    return _DOTS.sub("", token)


@cache
def _lexicon() -> dict[str, list[str]]:
    text = resources.files("extractor").joinpath("data/titles.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    return {group: list(body["entries"]) for group, body in raw.items() if isinstance(body, dict)}


def _alternation(words: list[str]) -> str:
    # Longest first, so that "Kombespol" is not read as "Kombes" + "pol".
    return "|".join(re.escape(w.rstrip(".")) for w in sorted(set(words), key=len, reverse=True))


_LEX = _lexicon()
_RANK_WORDS = _alternation(_LEX["ranks"])
_RANK_SUFFIX = _alternation([w for w in _LEX["rank_suffixes"] if w[0].isalpha()])
# A rank with its corps ("Irjen Pol.", "Brigjen TNI", "Letkol Inf"), then what follows it.
RANK = re.compile(rf"(?:{_RANK_WORDS})(?:[ \t]+(?:{_RANK_SUFFIX})\b)?\.?(?=[ \t]+[A-Z]|[A-Z])")
RANK_WITH_CORPS = re.compile(rf"(?:{_RANK_WORDS})[ \t]+(?:{_RANK_SUFFIX})\b")
# "Prof. Dr. H." and "Dr.Yohanes" (no space): one title, then a space or a capital after its dot.
_PREFIX = re.compile(rf"(?:{_alternation(_LEX['prefix_titles'])})(?:\.[ \t]*|[ \t]+)(?=[A-Z])", re.IGNORECASE)
_RANK_AT = re.compile(rf"(?:{RANK.pattern})[ \t]*")
_SPACE = re.compile(r"[ \t]*")
# A compact token that may be a degree: "S.I.K.", "M.Si", "MT", "Ph.D."; checked against the set.
_DEGREE_AT = re.compile(r"(?:[ \t]*,)?[ \t]*([A-Z][A-Za-z]{0,4}(?:\.[A-Za-z]{1,5})*\.?)(?![\w'’-])")
_DEGREE_FORM = re.compile(r"[SM]\.[A-Z][A-Za-z]{0,4}(?:\.[A-Za-z]{1,4})*\.?")  # S./M. + field
_DEGREES = frozenset(_key(w) for w in _LEX["degrees"])
_ABBREVIATIONS = _alternation(_LEX["name_abbreviations"])
_ABBREVIATION = re.compile(rf"(?:{_ABBREVIATIONS})\.|(?:\w\.)+")
# A name's words: a capitalised word, an initial ("A."), or an abbreviated given name ("Abd.").
NAME_TOKEN = re.compile(
    rf"[ \t]*((?:{_ABBREVIATIONS})\.(?=[ \t]+[A-Z])|[A-Z][a-z]?\.(?=\s)|[A-Z][A-Za-z'’-]*"
    r"|(?:dr|drg)\.(?=\s+[A-Z]))"
)
_ROLE_FORM = re.compile(r"(?:Pe[mnrl]|Ke)[a-z]{3,}an")  # Pencegahan, Pelayanan, Keasistenan
ROLE_WORDS = frozenset(_LEX["role_words"])
CONTINUATIONS = re.compile(rf"(?:[ \t]+(?:{_alternation(_LEX['role_continuations'])})\b)+")
TITLE_KEYS = frozenset(
    _key(w).lower() for group in ("ranks", "rank_suffixes", "prefix_titles") for w in _LEX[group]
)
INSTITUTIONS = frozenset(_key(w).lower() for w in _LEX["institution_words"])


@lru_cache(maxsize=8192)  # articles repeat the same few hundred words
def is_degree(token: str) -> bool:
    return _key(token) in _DEGREES or ("." in token and _DEGREE_FORM.fullmatch(token) is not None)


@lru_cache(maxsize=8192)  # articles repeat the same few hundred words
def is_role_word(token: str) -> bool:
    """A word of a title's unit ("Bidang", "Pencegahan", "Maladministrasi"), never a name's."""
    return token in ROLE_WORDS or _ROLE_FORM.fullmatch(token) is not None


@lru_cache(maxsize=8192)  # articles repeat the same few hundred words
def is_title_word(token: str) -> bool:
    """A rank, title, honorific or degree: around a person's name, not part of it."""
    return _key(token).lower() in TITLE_KEYS or is_degree(token)


@lru_cache(maxsize=8192)  # articles repeat the same few hundred words
def is_institution(token: str) -> bool:
    """'Polri', 'Lemdiklat', 'Hotel': a body or a venue, never in a person's name."""
    return _key(token).lower() in INSTITUTIONS


def ends_sentence(token: str) -> bool:
    """'Widodo.' ends a sentence; 'A.', 'Abd.', 'Drs.', 'S.H.' do not."""
    if not token.endswith(".") or len(token) <= 2 or is_title_word(token):
        return False
    return _ABBREVIATION.fullmatch(token) is None


def skip_prefixes(text: str, pos: int) -> tuple[int, bool]:
    """Past the ranks and titles before a name ("AKBP", "Irjen Pol. Drs.", "KH."), and whether
    there were any (a title makes a one-word name likely)."""
    start = pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
    for _ in range(6):
        found = _RANK_AT.match(text, pos) or _PREFIX.match(text, pos)
        if found is None:
            break
        pos = found.end()
    return pos, pos > start


def skip_degrees(text: str, pos: int) -> int:
    """Past the degrees after a name ("MT", ", S.I.K., S.H., M.Si."); ``pos`` if there are none."""
    for _ in range(8):
        found = _DEGREE_AT.match(text, pos)
        if found is None or not is_degree(found.group(1)):
            break
        pos = found.end()
    return pos


_DEGREE_BEFORE = re.compile(r"(?:,[ \t]*|[ \t]+)([A-Z][A-Za-z]{0,4}(?:\.[A-Za-z]{1,5})*\.?)$")


def degrees_before(text: str, end: int) -> int:
    """Back over the degrees that end ``text[:end]`` ("Budi Santoso, S.Sos, M.Si"): where the name
    before them ends."""
    for _ in range(8):
        found = _DEGREE_BEFORE.search(text, max(0, end - 16), end)
        if found is None or not is_degree(found.group(1)):
            break
        end = found.start()
    return end


def strip_prefix_words(tokens: list[str]) -> list[str]:
    """Leading ranks and titles off a name read backwards ("Drs. H. Afrizal" -> "Afrizal")."""
    i = 0
    while i < len(tokens) - 1 and is_title_word(tokens[i]):
        i += 1
    return tokens[i:]
