"""How the record's value types read the press's ways of writing numbers, years, zones, grades."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from schemas.draft import ArticleExtraction
from schemas.values import Grade, GradeValue, Score, Year, Zone, ZoneValue

score = TypeAdapter(Score)
year = TypeAdapter(Year)
zone = TypeAdapter(ZoneValue)
grade = TypeAdapter(GradeValue)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("82,28", 82.28),
        ("82.28", 82.28),
        ("79,19 persen", 79.19),
        ("99, 23", 99.23),
        ("95,3", 95.3),
        ("58.99%", 58.99),
        (91.5, 91.5),
        ("100", 100.0),
        ("0", 0.0),
    ],
)
def test_score_accepts_the_press_formats(written: object, value: float) -> None:
    """Comma or dot decimals, one decimal, 'persen', a stray space all read as the same number."""
    assert score.validate_python(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["100,01", "182.28", "-1", "delapan puluh", "Rp247,9 miliar"])
def test_score_rejects_what_cannot_be_a_score(written: str) -> None:
    """Out of 0-100, or not a number: a ValidationError (which makes instructor re-ask)."""
    with pytest.raises(ValidationError):
        score.validate_python(written)


@pytest.mark.parametrize(("written", "value"), [("2024", 2024), ("Tahun 2023", 2023), (2021.0, 2021)])
def test_year_reads_four_digits(written: object, value: int) -> None:
    assert year.validate_python(written) == value


@pytest.mark.parametrize("written", [2009, 2031, "1999", "tahun lalu"])
def test_year_outside_2010_2030_is_rejected(written: object) -> None:
    with pytest.raises(ValidationError):
        year.validate_python(written)


@pytest.mark.parametrize(
    ("written", "value"),
    [("Zona Hijau", Zone.hijau), ("KUNING", Zone.kuning), ("zona merah kategori D", Zone.merah)],
)
def test_zone_words_are_normalised(written: str, value: Zone) -> None:
    assert zone.validate_python(written) == value


def test_unknown_zone_is_rejected() -> None:
    """'zona hitam' (a 2025 slide's name) is not one of the three zones: not silently mapped."""
    with pytest.raises(ValidationError):
        zone.validate_python("zona hitam")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("kategori B", Grade.tinggi),
        ("A", Grade.tertinggi),
        ("kategori E", Grade.terendah),
        ("Kualitas Tertinggi Tanpa Maladministrasi", Grade.tertinggi),
        ("kualitas tinggi", Grade.tinggi),
        ("kualitas terendah", Grade.terendah),
        ("Rendah", Grade.rendah),
        ("sedang", Grade.sedang),
    ],
)
def test_grade_words_and_letters_are_normalised(written: str, value: Grade) -> None:
    """'tertinggi' must not be read as 'tinggi', nor 'terendah' as 'rendah'."""
    assert grade.validate_python(written) == value


def test_draft_ignores_keys_a_model_adds() -> None:
    """Small models add chatter keys; they are dropped rather than failing the answer."""
    draft = ArticleExtraction.model_validate({"assessment": "none", "comment": "hello"})
    assert draft.assessment == "none"
