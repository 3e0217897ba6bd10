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


HANDOVER = (
    "Ombudsman melakukan penyerahan hasil penilaian kepatuhan kepada Pemkab Contoh di aula kantor bupati."
)


def test_a_handover_early_in_the_year_stored_as_the_publication_year_is_a_warning() -> None:
    """Results are handed over at the end of the year assessed or early the next: a February
    article on a handover with the assessment year equal to its publication year is suspect."""
    e = extraction(assessment_year=2024, published=dt.date(2024, 2, 15))
    [hit] = found(check(e, HANDOVER), "year_is_publication_year", "assessment_year")
    assert hit.severity == Severity.warning and "2023" in hit.message
    piagam = "Bupati Contoh menerima piagam dari Ombudsman atas kepatuhan pelayanan publik."
    assert found(check(e, piagam), "year_is_publication_year")
    for wording in (
        "Dua asisten Ombudsman datang untuk menyampaikan hasil penilaian kepada Bupati Contoh.",
        "Ombudsman memberikan penghargaan kepada Pemkab Contoh atas kepatuhannya.",
        "Penganugerahan predikat kepatuhan digelar di pendopo Kabupaten Contoh.",
    ):
        assert found(check(e, wording), "year_is_publication_year"), wording


def test_a_handover_later_in_the_year_or_of_the_year_before_or_no_handover_is_quiet() -> None:
    """Only January-March, only the year equal to the publication year, only with a handover."""
    may = extraction(assessment_year=2024, published=dt.date(2024, 5, 15))
    before = extraction(assessment_year=2023, published=dt.date(2024, 2, 15))
    plain = extraction(assessment_year=2024, published=dt.date(2024, 2, 15))
    assert not found(check(may, HANDOVER), "year_is_publication_year")
    assert not found(check(before, HANDOVER), "year_is_publication_year")
    assert not found(check(plain, "Pemkab Contoh terus membenahi layanan."), "year_is_publication_year")
    said = "Bupati Contoh menyampaikan bahwa layanan terus dibenahi."
    assert not found(check(plain, said), "year_is_publication_year")


DATED = "Kota Contoh, Kamis (12/12/2024) - Kota Contoh meraih nilai 85,10 dari Ombudsman."


def test_a_year_read_off_a_date_is_a_note() -> None:
    """The year's only quote is the article's date and the result's sentence prints no year."""
    quotes = {"assessment_year": "12/12/2024", "score": "meraih nilai 85,10"}
    e = extraction(DATED, quotes, assessment_year=2024, score=85.1)
    [hit] = found(check(e, DATED), "year_only_from_date", "assessment_year")
    assert hit.severity == Severity.info and "12/12/2024" in hit.message


def test_a_year_quoted_with_the_publication_date_is_a_note() -> None:
    """A year quote that is the publication date's own quote rests on the date too."""
    text = "Senin, 14 November 2024 09:00 WIB\nKota Contoh meraih nilai 85,10 dari Ombudsman."
    quotes = {"published": "14 November 2024", "assessment_year": "14 November 2024"}
    e = extraction(text, quotes, assessment_year=2024, score=85.1, published=dt.date(2024, 11, 14))
    assert found(check(e, text), "year_only_from_date", "assessment_year")


def test_a_year_printed_in_its_quote_or_beside_the_result_is_quiet() -> None:
    """A year printed as a year ('tahun 2024'), in the year's quote or in the score's sentence,
    is the article's own."""
    text = "Kota Contoh, Kamis (12/12/2024) - Pada penilaian tahun 2024 Kota Contoh meraih nilai 85,10."
    own = extraction(text, {"assessment_year": "tahun 2024"}, assessment_year=2024, score=85.1)
    assert not found(check(own, text), "year_only_from_date")
    quotes = {"assessment_year": "12/12/2024", "score": "Kota Contoh meraih nilai 85,10"}
    beside = extraction(text, quotes, assessment_year=2024, score=85.1)
    assert not found(check(beside, text), "year_only_from_date")


# -- 3. range and precision ---------------------------------------------------------------------


def test_more_than_two_decimals_is_an_error_and_two_are_fine() -> None:
    """A score with a third decimal is flagged with every decimal it has, as the article writes
    it ('82,283'); two decimals are quiet."""
    [hit] = found(check(extraction(score=82.283), None), "score_precision", "score")
    assert "82,283" in hit.message and "82.283" not in hit.message
    assert found(
        check(extraction(units=[{"name": "X", "score": 80.125}]), None), "score_precision", "units[0].score"
    )
    assert not check(extraction(score=82.28), None)


def test_score_outside_zero_to_hundred_is_flagged_even_when_the_schema_was_bypassed() -> None:
    """A score past 100 (a record built around the schema) is an error, its value written with a
    decimal comma."""
    e = Extraction.model_construct(**{**extraction().__dict__, "score": 100.5})
    [hit] = found(check(e, None), "score_out_of_range", "score")
    assert "100,50" in hit.message and "outside 0–100" in hit.message


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


BATU_SUBJECT = {"name_as_written": "Kota Batu", "name": "Kota Batu", "kind": "kota", "region_code": "35.79"}


def test_a_change_in_a_sentence_naming_the_subject_counts_far_from_its_scores() -> None:
    """'Kota Batu berhasil naik 3,09 poin' is about the subject wherever its scores are printed."""
    text = (
        "Kota Batu meraih 82,28 pada 2024.\n" + "Lorem ipsum. " * 60 + "\nKota Batu berhasil naik 3,09 poin."
    )
    assert not found(check(_batu(), text), "stated_change_mismatch")
    e = extraction(
        subject=BATU_SUBJECT, assessment_year=2024, score=82.28, previous=[{"year": 2023, "score": 80.19}]
    )
    [hit] = found(check(e, text), "stated_change_mismatch")
    assert hit.field == "previous[0].score"


HEADLINE = (
    "Nilai Kepatuhan Kota Contoh Naik 3 Poin\n"
    "Kota Contoh mencatat bertambahnya nilai sebanyak 3,09 poin, dari 79,19 pada 2023 menjadi 82,28."
)


def test_a_headline_rounding_an_exact_change_in_the_body_is_quiet() -> None:
    """'Naik 3 Poin' over 'bertambahnya ... 3,09 poin': the headline rounds the exact statement."""
    assert not found(check(_batu(), HEADLINE), "stated_change_mismatch")


def test_a_rounded_headline_matching_no_exact_statement_is_still_flagged() -> None:
    """A whole number that rounds no exactly printed change, or a wrong exact change, is flagged."""
    wrong_headline = HEADLINE.replace("Naik 3 Poin", "Naik 5 Poin")
    assert found(check(_batu(), wrong_headline), "stated_change_mismatch")
    no_exact = HEADLINE.replace("sebanyak 3,09 poin, ", "")
    assert found(check(_batu(), no_exact), "stated_change_mismatch")
    wrong_body = HEADLINE.replace("3,09 poin", "3,19 poin")
    assert found(check(_batu(), wrong_body), "stated_change_mismatch")


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


def test_a_year_after_the_latest_published_round_is_flagged_as_misread() -> None:
    """A model's "2030" (no round after the data's latest has published results) is a warning on
    the year, for the subject's year, an earlier year and another subject's year alike."""
    e = extraction(
        assessment_year=2030,
        previous=[{"year": 2029, "score": 80.0}],
        others=[
            {
                "subject": {"name_as_written": "Kota A", "name": "Kota A", "kind": "kota"},
                "assessment_year": 2027,
            }
        ],
    )
    flags = found(check(e, None), "year_not_yet_assessed")
    assert [f.field for f in flags] == ["assessment_year", "previous[0].year", "others[0].assessment_year"]
    assert all(f.severity.value == "warning" and "2025" in f.message for f in flags)
    assert not found(check(extraction(assessment_year=2025), None), "year_not_yet_assessed")
