"""Zone and grade words: "zona hijau", "Zonasi Kuning", "rapor merah", "kualitas tinggi",
"kategori B", "Opini Kualitas Tertinggi", and before 2022 "predikat kepatuhan tinggi" (a zone)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.values import GRADE_LETTERS, Grade, Zone

_ZONE = re.compile(
    r"\b(?:zona(?:si)?|rapor|raport|predikat)\s+(?:zona\s+)?[\"'‘“]?(hijau|kuning|merah)\b", re.IGNORECASE
)
# "sekarang sudah hijau dengan nilai 97,76"
_BARE_ZONE = re.compile(
    r"\b(?:sudah|masih|menjadi|tetap|berada\s+di|masuk)\s+(hijau|kuning|merah)\b", re.IGNORECASE
)
_GRADE_WORD = re.compile(
    r"\b(?:kualitas|kategori)\s+(?:nilai\s+)?(tertinggi|tinggi|sedang|rendah|terendah)\b", re.IGNORECASE
)
_GRADE_LETTER = re.compile(r"\b[Kk]ategori\s+(?:[Nn]ilai\s+)?([A-E])\b")
# Before 2022 the three zones were also called "kepatuhan tinggi / sedang / rendah".
_OLD_ZONE = re.compile(
    r"\b(?:predikat|berkepatuhan|tingkat)\s+(?:kepatuhan\s+)?(tinggi|sedang|rendah)\b", re.IGNORECASE
)
_OLD_ZONE_OF = {"tinggi": Zone.hijau, "sedang": Zone.kuning, "rendah": Zone.merah}

# A sentence that states the scale itself ("zona hijau 81-100", "interval nilai 88 hingga 100").
SCALE = re.compile(
    r"[0-9]+(?:[.,][0-9]+)?\s*(?:-|–|hingga|sampai(?:\s+dengan)?|s\.?/?d\.?)\s*[0-9]+(?:[.,][0-9]+)?"
)
SCALE_WORDS = re.compile(r"(?:Interval|interval|Rentang|rentang)\b")


@dataclass(frozen=True, slots=True)
class Label:
    start: int
    end: int
    zone: Zone | None = None
    grade: Grade | None = None


def labels_in(text: str, start: int, end: int, year: int | None) -> list[Label]:
    """Zone and grade words in ``text[start:end]``, in order."""
    found: list[Label] = []
    for match in _ZONE.finditer(text, start, end):
        found.append(Label(match.start(), match.end(), zone=Zone(match.group(1).lower())))
    for match in _BARE_ZONE.finditer(text, start, end):
        found.append(Label(match.start(), match.end(), zone=Zone(match.group(1).lower())))
    for match in _GRADE_WORD.finditer(text, start, end):
        found.append(Label(match.start(), match.end(), grade=Grade(match.group(1).lower())))
    for match in _GRADE_LETTER.finditer(text, start, end):
        found.append(Label(match.start(), match.end(), grade=GRADE_LETTERS[match.group(1).lower()]))
    if year is not None and year <= 2021:
        for match in _OLD_ZONE.finditer(text, start, end):
            found.append(Label(match.start(), match.end(), zone=_OLD_ZONE_OF[match.group(1).lower()]))
    found.sort(key=lambda label: label.start)
    return found


def first_zone(labels: list[Label]) -> Label | None:
    return next((label for label in labels if label.zone is not None), None)


def first_grade(labels: list[Label]) -> Label | None:
    return next((label for label in labels if label.grade is not None), None)
