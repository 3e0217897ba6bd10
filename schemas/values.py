"""Value types shared by every model: how the press writes a score, a year, a zone or a grade.

Each type is an ``Annotated`` pydantic type whose before-validator turns the surface forms seen
in Indonesian news ("82,28", "79,19 persen", "99, 23", "Zona Hijau", "kategori B") into one
normal value, and whose constraints reject what cannot be right (a score above 100, a year
outside 2010–2030). A rejection raises ``ValidationError``, which is what makes instructor
re-ask the model with the error text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
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

# The words an Ombudsman grade is printed with ("kategori B", "kualitas tinggi", "zona hijau",
# "opini kualitas ..."); a bare letter without one is usually another body's predicate
# (OMBUDSMAN.md, "Mapping words to values" and "Confusers").
GRADE_CONTEXT_WORDS = ("kategori", "kualitas", "zona", "opini")

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


def fold_case(value: Any) -> Any:
    """'Kota' / ' OTHER_INDEX ' -> 'kota' / 'other_index': an enum's case is no reason to re-ask."""
    return value.strip().lower() if isinstance(value, str) else value


def none_as_empty(value: Any) -> Any:
    """A list answered as null is an empty list (the prompt allows 'null or empty')."""
    return [] if value is None else value


# Indonesian (and English) month names and abbreviations as the press prints them in dates.
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6,
    "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8, "agu": 8, "aug": 8, "agt": 8, "ags": 8,
    "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "october": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12, "dec": 12,
    "december": 12,
}  # fmt: skip
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A date as text shows it: "16 Desember 2024", "16-Dec-2024", "December 16, 2024", "16/12/2024",
# "2024/12/16".
_WRITTEN_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})\s*[-/.,]?\s*(?P<m1>{_MONTH})\b\.?\s*[-/.,]?\s*(?P<y1>\d{{4}})\b"
    rf"|\b(?P<m2>{_MONTH})\b\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})\b"
    r"|\b(?P<d3>\d{1,2})\s*[-/.]\s*(?P<n3>\d{1,2})\s*[-/.]\s*(?P<y3>\d{4})\b"
    r"|\b(?P<y4>\d{4})[-/.](?P<n4>\d{1,2})[-/.](?P<d4>\d{1,2})\b",
    re.IGNORECASE,
)


def written_dates(text: str) -> Iterator[tuple[dt.date, int, int]]:
    """Every whole, valid date the text writes, with where it stands."""
    for match in _WRITTEN_DATE.finditer(text):
        day = match["d1"] or match["d2"] or match["d3"] or match["d4"]
        year = match["y1"] or match["y2"] or match["y3"] or match["y4"]
        name = match["m1"] or match["m2"]
        month = MONTHS[name.lower()] if name else int(match["n3"] or match["n4"])
        try:
            yield dt.date(int(year), month, int(day)), match.start(), match.end()
        except ValueError:
            continue


def read_date(value: str) -> dt.date | None:
    """A date as the press writes it: '2024-12-16', '16 Desember 2024', 'Senin (16/12/2024)',
    '16-Dec-2024', 'Desember 16, 2024'; None when it names no whole, valid date."""
    if iso := _ISO_DATE.match(value):
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    return next((date for date, _, _ in written_dates(value)), None)


# The bounds come before the before-validator: there pydantic applies them to the number itself
# and writes them into the JSON Schema as ``minimum``/``maximum``, which OpenAI and grammar-
# constrained servers enforce. After it, they became pydantic-only ``ge``/``le`` keys.
Score = Annotated[float, Field(ge=0, le=100), BeforeValidator(parse_number)]
Year = Annotated[int, Field(ge=2010, le=2030), BeforeValidator(parse_year)]
ZoneValue = Annotated[Zone, BeforeValidator(parse_zone)]
GradeValue = Annotated[Grade, BeforeValidator(parse_grade)]
SubjectKindValue = Annotated[SubjectKind, BeforeValidator(fold_case)]
AssessmentKindValue = Annotated[AssessmentKind, BeforeValidator(fold_case)]
