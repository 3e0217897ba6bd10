"""The cue-word lexicons of the score, year and zone/grade stage, read from ``extractor/data/cues.json``
(each group names its source), turned into the patterns the stage uses."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from extractor.rules._anchored import Anchored, Cued
from extractor.rules._capitals import Capitalised


@cache
def _lexicon(file: str = "cues.json") -> dict[str, dict[str, object]]:
    text = resources.files("extractor").joinpath("data", file).read_text(encoding="utf-8")
    data: dict[str, dict[str, object]] = json.loads(text)
    return data


def words(group: str, file: str = "cues.json") -> list[str]:
    """A group's entries in one of the lexicon files of ``extractor/data`` (``cues.json`` holds
    the score, year and zone/grade stage's; ``others_cues.json`` the other-results stage's)."""
    entries = _lexicon(file)[group]["entries"]
    assert isinstance(entries, list)
    return [str(entry) for entry in entries]


def alternation(group: str, file: str = "cues.json", space: str = r"\s*") -> str:
    """The group's entries as one regex alternation, longest first (so that "dengan nilai" is
    tried before "nilai"); a space matches ``space``: by default any run of whitespace or none
    ("Kemen PAN", "KemenPAN")."""
    return _alternation_of(words(group, file), space)


def _alternation_of(entries: list[str], space: str = r"\s*") -> str:
    parts = sorted(entries, key=len, reverse=True)
    firsts = {part[0] for part in parts}
    if not all(c.isascii() and c.isalnum() for c in firsts) or len({c.lower() for c in firsts}) < len(firsts):
        return "|".join(re.escape(part).replace(r"\ ", space) for part in parts)
    # Grouped by first character, each group in the same order: only entries with the same first
    # character can match at one place (no two of the characters are one letter in two cases, so
    # a case-blind pattern too), so the engine tries the same entries in the same order, but it
    # passes over a group after one look at its character instead of over each entry in turn.
    groups: dict[str, list[str]] = {}
    for part in parts:
        groups.setdefault(part[0], []).append(re.escape(part[1:]).replace(r"\ ", space))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def first_words(group: str) -> tuple[str, ...]:
    """The distinct lower-case first words of a group's entries: a match of ``alternation(group)``
    begins with one of them (``Anchored``)."""
    return tuple(dict.fromkeys(entry.split()[0].lower() for entry in words(group)))


def case_sensitive(group: str) -> bool:
    return bool(_lexicon()[group].get("case_sensitive", False))


# A cue word right before a number: it is stated as a score ("meraih nilai 84,15").
SCORE_CUE = re.compile(rf"\b(?:{alternation('score_cues')})\b[^0-9.;]*$", re.IGNORECASE)
# Other bodies' indices: a number in the same sentence belongs to them, not to Ombudsman. No
# IGNORECASE: "KIP", "MCP" are acronyms only as capitals, and a pattern that starts with plain
# characters lets the engine skip ahead fast.
OTHER_INDEX = re.compile(rf"(?:{alternation('other_indices')})\b")
# Its entries that begin in lower case ("indeks pelayanan publik") make the engine try the whole
# pattern at every "i", "k", "p", "r" and "s" of an article. So the capitalised entries get a scan
# of their own (a few capitals to skip to) and the lower-case ones are found by their first word.
# A match of a lower-case entry holds none of the characters that begin the others, so no match of
# theirs can start inside it: the two kinds of match never hide one another.
_OTHER_UPPER = [entry for entry in words("other_indices") if not entry[0].islower()]
_OTHER_LOWER = [entry for entry in words("other_indices") if entry[0].islower()]
_OTHER_SPLIT = not {entry[0] for entry in _OTHER_UPPER} & set("".join(_OTHER_LOWER))  # (else: one scan)
_OTHER_INDEX_UPPER = Capitalised(re.compile(rf"(?:{_alternation_of(_OTHER_UPPER)})\b"))
_OTHER_LOWER_FIRST = tuple(dict.fromkeys(entry.split()[0] for entry in _OTHER_LOWER))


def other_index_starts(text: str) -> list[int]:
    """Where ``OTHER_INDEX.finditer(text)`` finds its matches."""
    if not _OTHER_SPLIT:  # pragma: no cover - the lexicon as it stands splits
        return [match.start() for match in OTHER_INDEX.finditer(text)]
    places = [match.start() for match in _OTHER_INDEX_UPPER.finditer(text)]
    for word in _OTHER_LOWER_FIRST:
        at = text.find(word)
        while at >= 0:
            places.append(at)
            at = text.find(word, at + 1)
    places.sort()
    starts: list[int] = []
    pos = 0  # as ``finditer``: the next match starts after the last one
    for at in places:
        if at >= pos:
            match = OTHER_INDEX.match(text, at)
            if match is not None:
                starts.append(at)
                pos = match.end()
    return starts


# (Both are searched for in the whole article: tried only where their first words occur.)
PERCEPTION = Anchored(
    re.compile(alternation("perception_survey"), re.IGNORECASE), first_words("perception_survey")
)
COMPLIANCE = Anchored(
    re.compile(alternation("compliance_words"), re.IGNORECASE), first_words("compliance_words")
)
# A year the text looks forward to ("untuk penilaian tahun 2026"): up to three words between.
FUTURE_BEFORE = Cued(
    re.compile(rf"\b(?:{alternation('future_year_before')})\b(?:\s+[\w-]+){{0,3}}\s+$", re.IGNORECASE),
    first_words("future_year_before"),
)
FUTURE_AFTER = re.compile(rf"\s+(?:{alternation('future_year_after')})\b", re.IGNORECASE)
