"""Checks 2–6: the assessment year, score range and precision, the stated change and the order of
earlier results, the stated number of units and the mean of unit scores."""

from __future__ import annotations

import datetime as dt

from extractor.checks._units import number_word
from schemas.record import Extraction, Severity
from tests.checkkit import check, extraction, found

# -- 2. the assessment year ---------------------------------------------------------------------


def test_year_2020_is_an_error_with_its_source() -> None:
    [hit] = found(
        check(extraction(assessment_year=2020, score=80.5), None), "no_assessment_2020", "assessment_year"
    )
    assert hit.severity == Severity.error and "detik.com" in hit.basis


def test_an_earlier_result_dated_2020_is_flagged_on_its_year() -> None:
    e = extraction(assessment_year=2022, score=80.5, previous=[{"year": 2020, "score": 70}])
    assert found(check(e, None), "no_assessment_2020", "previous[0].year")


def test_year_after_publication_is_an_error_and_year_of_publication_is_fine() -> None:
    late = extraction(assessment_year=2024, published=dt.date(2023, 12, 30))
    assert found(check(late, None), "year_after_publication", "assessment_year")
    same = extraction(assessment_year=2023, published=dt.date(2023, 12, 30))
    assert not check(same, None)


def test_2025_result_stored_as_compliance_score_is_a_warning() -> None:
    e = extraction(assessment_year=2025, score=91.2)
    [hit] = found(check(e, None), "opini_reported_as_score", "score")
    assert hit.severity == Severity.warning and "opini" in hit.message


def test_2025_opini_without_a_score_or_marked_as_opini_is_quiet() -> None:
    assert not check(
        extraction(assessment="ombudsman_opini_2025", assessment_year=2025, grade="tertinggi"), None
    )
    assert not check(extraction(assessment="ombudsman_opini_2025", assessment_year=2025, score=91.2), None)


def test_opini_marked_for_a_compliance_year_is_flagged() -> None:
    e = extraction(assessment="ombudsman_opini_2025", assessment_year=2023)
    assert found(check(e, None), "assessment_kind_year_mismatch", "assessment")


# -- 3. range and precision ---------------------------------------------------------------------


def test_more_than_two_decimals_is_an_error_and_two_are_fine() -> None:
    assert found(check(extraction(score=82.283), None), "score_precision", "score")
    assert found(
        check(extraction(units=[{"name": "X", "score": 80.125}]), None), "score_precision", "units[0].score"
    )
    assert not check(extraction(score=82.28), None)


def test_score_outside_zero_to_hundred_is_flagged_even_when_the_schema_was_bypassed() -> None:
    e = Extraction.model_construct(**{**extraction().__dict__, "score": 100.5})
    assert found(check(e, None), "score_out_of_range", "score")


# -- 4. stated change and earlier results -------------------------------------------------------

BATU = (
    "Kota Batu meraih zona hijau tahun 2024 berkat naiknya poin penilaian sebanyak 3,09 poin.\n"
    "Pada 2023 nilai 79,19 persen lalu naik menjadi 82,28 persen pada 2024."
)


def _batu(score: float = 82.28, previous: float = 79.19, year: int = 2023) -> Extraction:
    return extraction(assessment_year=2024, score=score, previous=[{"year": year, "score": previous}])


def test_stated_change_equal_to_the_difference_is_quiet() -> None:
    assert not found(check(_batu(), BATU), "stated_change_mismatch")


def test_stated_change_not_equal_to_the_difference_is_an_error_on_the_earlier_score() -> None:
    [hit] = found(check(_batu(previous=79.29), BATU), "stated_change_mismatch", "previous[0].score")
    assert hit.severity == Severity.error and "3,09" in hit.message and "2,99" in hit.message


def test_broken_delta_lands_on_the_score_when_only_the_score_is_not_in_the_text() -> None:
    assert found(check(_batu(score=83.28), BATU), "stated_change_mismatch", "score")


def test_change_in_the_wrong_direction_is_flagged() -> None:
    text = "Nilai Kota X turun 3,09 poin, dari 79,19 pada 2023 menjadi 82,28 pada 2024."
    [hit] = found(check(_batu(), text), "stated_change_mismatch")
    assert "other way" in hit.message


def test_change_statement_far_from_the_subject_scores_is_ignored() -> None:
    text = "Dinas X naik 5,00 poin." + " Lorem ipsum." * 60 + "\nNilai 79,19 pada 2023 dan 82,28 pada 2024."
    assert not found(check(_batu(), text), "stated_change_mismatch")


def test_earlier_result_not_before_the_assessment_year_is_an_error() -> None:
    assert found(check(_batu(year=2024), None), "previous_year_order", "previous[0].year")


def test_dari_menjadi_with_current_and_earlier_swapped_is_flagged() -> None:
    text = "nilai Kota Batu bertambah 3,09 poin, dari 79,19 pada 2023 menjadi 82,28 di 2024."
    swapped = _batu(score=79.19, previous=82.28)
    assert found(check(swapped, text), "previous_year_order", "previous[0].score")
    assert not found(check(_batu(), text), "previous_year_order")


def test_two_earlier_results_for_one_year_are_a_warning() -> None:
    e = extraction(
        assessment_year=2024, previous=[{"year": 2023, "score": 79.19}, {"year": 2023, "score": 80}]
    )
    [hit] = found(check(e, None), "previous_year_order", "previous[1].year")
    assert hit.severity == Severity.warning


# -- 5. stated number of units ------------------------------------------------------------------

UNITS_TEXT = (
    "Penilaian meliputi lima unit kerja, yaitu DPMPTSP 80,99, Dispendukcapil 80,54, Dinas Sosial 78,80, "
    "Puskesmas Batu 86,32 serta Puskesmas Beji 90,89."
)
FIVE = [
    {"name": "DPMPTSP", "score": 80.99},
    {"name": "Dispendukcapil", "score": 80.54},
    {"name": "Dinas Sosial", "score": 78.8},
    {"name": "Puskesmas Batu", "score": 86.32},
    {"name": "Puskesmas Beji", "score": 90.89},
]


def test_number_words_are_read() -> None:
    assert [number_word(w) for w in ("lima", "tujuh", "sebelas", "dua belas", "dua puluh satu", "6")] == [
        5, 7, 11, 12, 21, 6,
    ]  # fmt: skip


def test_stated_count_equal_to_units_listed_is_quiet() -> None:
    assert not found(check(extraction(units=FIVE), UNITS_TEXT), "unit_count_mismatch")


def test_a_dropped_unit_is_a_warning_on_units() -> None:
    [hit] = found(check(extraction(units=FIVE[:4]), UNITS_TEXT), "unit_count_mismatch", "units")
    assert hit.severity == Severity.warning and "5" in hit.message and "4" in hit.message


def test_more_units_than_stated_is_an_error() -> None:
    six = [*FIVE, {"name": "Puskesmas Sisir", "score": 85}]
    [hit] = found(check(extraction(units=six), UNITS_TEXT), "unit_count_mismatch")
    assert hit.severity == Severity.error


def test_a_partial_list_seperti_serta_lainnya_is_only_a_note() -> None:
    text = "Terdapat tujuh lokus. Tujuh lokus itu seperti Dinas Pendidikan, Dispendukcapil serta lainnya."
    units = [{"name": "Dinas Pendidikan"}, {"name": "Dispendukcapil"}]
    [hit] = found(check(extraction(units=units), text), "unit_count_mismatch")
    assert hit.severity == Severity.info


def test_no_count_in_the_text_or_no_units_is_quiet() -> None:
    assert not found(check(extraction(units=FIVE[:4]), "Lima puskesmas dan DPMPTSP."), "unit_count_mismatch")
    assert not found(check(extraction(), UNITS_TEXT), "unit_count_mismatch")


# -- 6. mean of unit scores ---------------------------------------------------------------------

MEAN_TEXT = "Kabupaten X membukukan nilai rata-rata {score} dari tiga UPP: A 90,00, B 92,00 dan C 94,00."
THREE = [{"name": "A", "score": 90}, {"name": "B", "score": 92}, {"name": "C", "score": 94}]


def test_average_equal_to_the_mean_of_units_is_quiet() -> None:
    text = MEAN_TEXT.format(score="92,00")
    assert not found(check(extraction(score=92, units=THREE), text), "score_not_unit_mean")


def test_average_far_from_the_mean_of_units_is_a_warning() -> None:
    text = MEAN_TEXT.format(score="93,50")
    [hit] = found(check(extraction(score=93.5, units=THREE), text), "score_not_unit_mean", "score")
    assert hit.severity == Severity.warning and "92,00" in hit.message


def test_a_small_gap_is_a_note_and_no_average_word_means_no_check() -> None:
    text = MEAN_TEXT.format(score="92,05")
    [hit] = found(check(extraction(score=92.05, units=THREE), text), "score_not_unit_mean")
    assert hit.severity == Severity.info
    plain = text.replace("nilai rata-rata", "nilai")
    assert not found(
        check(extraction(score=93.5, units=THREE), plain.replace("92,05", "93,50")), "score_not_unit_mean"
    )
