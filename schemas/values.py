"""Value types shared by every model: how the press writes a score, a year, a zone or a grade.

Each type is an ``Annotated`` pydantic type whose before-validator turns the surface forms seen
in Indonesian news ("82,28", "79,19 persen", "99, 23", "Zona Hijau", "kategori B") into one
normal value, and whose constraints reject what cannot be right (a score above 100, a year
outside 2010–2030). A rejection raises ``ValidationError``, which is what makes instructor
re-ask the model with the error text.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field


class Zone(StrEnum):
    hijau = "hijau"
    kuning = "kuning"
    merah = "merah"


class Grade(StrEnum):
    tertinggi = "tertinggi"
    tinggi = "tinggi"
    sedang = "sedang"
    rendah = "rendah"
    terendah = "terendah"


class SubjectKind(StrEnum):
    kota = "kota"
    kabupaten = "kabupaten"
    provinsi = "provinsi"
    kementerian = "kementerian"
    lembaga = "lembaga"
    other = "other"


class AssessmentKind(StrEnum):
    """Which assessment the article's numbers belong to."""

    ombudsman_compliance = "ombudsman_compliance"
    ombudsman_opini_2025 = "ombudsman_opini_2025"
    other_index = "other_index"
    none = "none"


# "kategori A".."E" name the 2022–2024 grades (OMBUDSMAN.md, "Mapping words to values").
GRADE_LETTERS: dict[str, Grade] = {
    "a": Grade.tertinggi,
    "b": Grade.tinggi,
    "c": Grade.sedang,
    "d": Grade.rendah,
    "e": Grade.terendah,
}

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\s?\d+)?$")
_YEAR = re.compile(r"\b(20[0-9]{2})\b")


def parse_number(value: Any) -> Any:
    """'82,28' / '82.28' / '79,19 persen' / '99, 23' / '95,3%' -> float; other input unchanged."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    text = re.sub(r"\s*(persen|%|poin|point)$", "", text).strip()
    if not _NUMBER.match(text):
        return value  # let pydantic reject it with its own message
    return float(text.replace(" ", "").replace(",", "."))


def parse_year(value: Any) -> Any:
    """'Tahun 2024' / '2024' / 2024.0 -> 2024."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _YEAR.search(value)
        if match:
            return int(match.group(1))
    return value


def parse_zone(value: Any) -> Any:
    """'Zona Hijau' / 'HIJAU' / 'zona hijau kualitas tinggi' -> 'hijau'."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    for zone in Zone:
        if re.search(rf"\b{zone.value}\b", text):
            return zone.value
    return value


def parse_grade(value: Any) -> Any:
    """'kategori B' / 'B' / 'Kualitas Tertinggi Tanpa Maladministrasi' -> grade word."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    # "tertinggi" contains "tinggi" and "terendah" contains "rendah": test the longer first.
    for grade in (Grade.tertinggi, Grade.terendah, Grade.tinggi, Grade.sedang, Grade.rendah):
        if re.search(rf"\b{grade.value}\b", text):
            return grade.value
    letter = re.fullmatch(r"(?:kategori|predikat|grade|nilai)?\s*([a-e])", text)
    if letter:
        return GRADE_LETTERS[letter.group(1)].value
    return value


Score = Annotated[
    float,
    BeforeValidator(parse_number),
    Field(ge=0, le=100, description="Score on the 0-100 scale, e.g. 82.28"),
]
Year = Annotated[
    int,
    BeforeValidator(parse_year),
    Field(ge=2010, le=2030, description="A four-digit year, e.g. 2024"),
]
ZoneValue = Annotated[Zone, BeforeValidator(parse_zone)]
GradeValue = Annotated[Grade, BeforeValidator(parse_grade)]
