"""Zone and grade words: "zona hijau", "Zonasi Kuning", "rapor merah", "kualitas tinggi",
"kategori B", "Opini Kualitas Tertinggi", and before 2022 "predikat kepatuhan tinggi" (a zone)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.rules._anchored import Anchored, has_word
from extractor.rules._cues import alternation, first_words
from schemas.values import GRADE_LETTERS, Grade, Zone

# The head words come from extractor/data/cues.json (each group with its source).
_ZONE = re.compile(
    rf"\b(?:{alternation('zone_heads')})\s+(?:zona\s+)?[\"'‘“]?(hijau|kuning|merah)\b", re.IGNORECASE
)
# "sekarang sudah hijau dengan nilai 97,76"
_BARE_ZONE = re.compile(rf"\b(?:{alternation('bare_zone_verbs')})\s+(hijau|kuning|merah)\b", re.IGNORECASE)
# "kualitas tinggi", "kategori nilai sedang", "kategori kepatuhan tertinggi" (before 2022 the last
# form is a zone: see ``labels_in``).
_GRADE_WORD = re.compile(
    rf"\b(?:{alternation('grade_heads')})\s+(?:nilai\s+|(kepatuhan)\s+)?(tertinggi|tinggi|sedang|rendah|terendah)\b",
    re.IGNORECASE,
)
_GRADE_LETTER = re.compile(r"\b[Kk]ategori\s+(?:[Nn]ilai\s+)?([A-E])\b")
# Before 2022 the three zones were also called "kepatuhan tinggi / sedang / rendah".
_OLD_ZONE = re.compile(
    rf"\b(?:{alternation('old_zone_heads')})\s+(?:kepatuhan\s+)?(tinggi|sedang|rendah)\b", re.IGNORECASE
)
# The patterns above, tried only where their first word occurs.
_ZONE_AT = Anchored(_ZONE, first_words("zone_heads"))
_BARE_ZONE_AT = Anchored(_BARE_ZONE, first_words("bare_zone_verbs"))
_GRADE_WORD_AT = Anchored(_GRADE_WORD, first_words("grade_heads"))
_GRADE_LETTER_AT = Anchored(_GRADE_LETTER, ("kategori",))
_OLD_ZONE_AT = Anchored(_OLD_ZONE, first_words("old_zone_heads"))
ZONE_OF = {zone.value: zone for zone in Zone}  # (a dict: calling the enum is slower)
GRADE_OF = {grade.value: grade for grade in Grade}
OLD_ZONE_OF = {"tinggi": Zone.hijau, "sedang": Zone.kuning, "rendah": Zone.merah}

# A sentence that states the scale itself ("zona hijau 81-100", "interval nilai 88 hingga 100").
# ("[0-9][0-9]*" rather than "[0-9]+": a leading character class lets the engine skip to digits.
# A match only ever starts a run of digits (from a later digit of it the rest is the same, and a
# match ends a run), so "(?<![0-9]{2})" after the first digit stops the tries inside a number.)
SCALE = re.compile(
    r"[0-9](?<![0-9]{2})[0-9]*(?:[.,][0-9]+)?\s*(?:-|–|hingga|sampai(?:\s+dengan)?|s\.?/?d\.?)\s*"
    r"[0-9]+(?:[.,][0-9]+)?"
)
SCALE_WORDS = re.compile(r"(?:Interval|interval|Rentang|rentang)\b")


def has_scale_words(text: str) -> bool:
    """Whether ``SCALE_WORDS`` can match in ``text`` at all: two substring tests, much cheaper
    than the scan, and most articles state no scale."""
    return "nterval" in text or "entang" in text


@dataclass(frozen=True, slots=True)
class Label:
    start: int
    end: int
    zone: Zone | None = None
    grade: Grade | None = None


# The words that a zone pattern must end with: a span without one of them has no zone (the
# words that such a pattern begins with, "sudah", "masih", are common).
_ZONE_KEYS = ("hijau", "kuning", "merah")
_OLD_ZONE_KEYS = ("tinggi", "sedang", "rendah")


# Letters a case-blind pattern matches as ASCII ones that ``str.lower`` leaves apart: the dotless
# and dotted i of Turkish-style typing, the long s, the Kelvin sign.
_AS_ASCII = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "K": "k"})


def label_key(word: str) -> str:
    """A matched label word as the tables spell it ('hıjau' -> 'hijau')."""
    return word.translate(_AS_ASCII).lower().replace("i̇", "i")


# Each pattern below matches only at one of its first words: a span without any of them (most
# spans asked about) has no label, and one search for them all says so.
_FIRST_WORDS = tuple(
    dict.fromkeys(
        word
        for anchored in (_ZONE_AT, _BARE_ZONE_AT, _GRADE_WORD_AT, _GRADE_LETTER_AT, _OLD_ZONE_AT)
        for word in anchored.words
    )
)


def labels_in(text: str, start: int, end: int, year: int | None) -> list[Label]:
    """Zone and grade words in ``text[start:end]``, in order."""
    found: list[Label] = []
    if not has_word(text, _FIRST_WORDS, start, end):
        return found
    if has_word(text, _ZONE_KEYS, start, end):
        for match in _ZONE_AT.finditer(text, start, end):
            found.append(Label(match.start(), match.end(), zone=ZONE_OF[label_key(match.group(1))]))
        for match in _BARE_ZONE_AT.finditer(text, start, end):
            found.append(Label(match.start(), match.end(), zone=ZONE_OF[label_key(match.group(1))]))
    old = year is not None and year <= 2021
    for match in _GRADE_WORD_AT.finditer(text, start, end):
        if old and match.group(1):
            continue  # "kategori kepatuhan tinggi" before 2022: the zone, found below
        found.append(Label(match.start(), match.end(), grade=GRADE_OF[label_key(match.group(2))]))
    for match in _GRADE_LETTER_AT.finditer(text, start, end):
        found.append(Label(match.start(), match.end(), grade=GRADE_LETTERS[label_key(match.group(1))]))
    if old and has_word(text, _OLD_ZONE_KEYS, start, end):
        for match in _OLD_ZONE_AT.finditer(text, start, end):
            found.append(Label(match.start(), match.end(), zone=OLD_ZONE_OF[label_key(match.group(1))]))
    found.sort(key=lambda label: label.start)
    return found


def first_labels(labels: list[Label]) -> tuple[Zone | None, Grade | None]:
    """The first zone and the first grade among ``labels``."""
    zone = next((label.zone for label in labels if label.zone), None)
    grade = next((label.grade for label in labels if label.grade), None)
    return zone, grade


def first_zone(labels: list[Label]) -> Label | None:
    return next((label for label in labels if label.zone is not None), None)


def first_grade(labels: list[Label]) -> Label | None:
    return next((label for label in labels if label.grade is not None), None)
