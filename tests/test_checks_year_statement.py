"""The assessment year read from the wrong statement: a plan for a later round, or a year the
article never gives to a result. Sentences written for each phrasing family."""

from __future__ import annotations

from extractor.checks._year_statement import COMPETING, FROM_PLAN
from tests.checkkit import check, extraction, found

HANDOVER = (
    "Ombudsman Serahkan Hasil Penilaian Kepatuhan 2025 kepada Pemkab Lembah Hijau\n\n"
    "Hasil Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik Tahun 2025 diserahkan kepada "
    "Kabupaten Lembah Hijau, yang meraih nilai 88,10 dan zona hijau. "
    "Kepala Perwakilan mengatakan, untuk penilaian tahun 2026 pihaknya akan menambah lokus."
)


def _year(text: str, year: int, quote: str | None) -> list[str]:
    quotes = {"assessment_year": quote} if quote else None
    e = extraction(text, quotes, assessment_year=year, score=88.10)
    return [f.code for f in check(e, text) if f.field == "assessment_year"]


def test_a_year_quoted_from_a_plan_for_the_next_round_is_flagged() -> None:
    """'untuk penilaian tahun 2026 … akan' is the next round: the year 2026 is flagged, and the
    message names the year the article gives its results."""
    e = extraction(HANDOVER, {"assessment_year": "untuk penilaian tahun 2026"}, assessment_year=2026)
    flags = found(check(e, HANDOVER), FROM_PLAN, "assessment_year")
    assert len(flags) == 1
    assert "2025" in flags[0].message and "untuk penilaian tahun" in flags[0].message


def test_the_year_of_the_results_stays_quiet() -> None:
    """The year printed beside the result ('Tahun 2025 diserahkan … meraih nilai') is not doubted."""
    assert _year(HANDOVER, 2025, "Tahun 2025") == []


def test_a_year_printed_both_as_a_plan_and_plainly_is_not_a_plan() -> None:
    """One plain statement of the year is enough: a later 'target … 2025' does not make it a plan."""
    text = (
        "Kota Tanjung Baru meraih nilai 91,20 pada penilaian kepatuhan tahun 2025. "
        "Wali kota menargetkan nilai di atas 95 pada 2025 untuk seluruh puskesmas."
    )
    assert FROM_PLAN not in _year(text, 2025, None)


def test_a_year_no_result_statement_gives_is_flagged_with_the_stated_one() -> None:
    """The article gives its result to 2023 ('predikat … tahun 2023'); 2022 (a previous round's
    year taken by mistake) is flagged, quoting the statement."""
    text = (
        "Kabupaten Sungai Rapat kembali meraih predikat kepatuhan pelayanan publik tahun 2023 dengan "
        "nilai 90,05. Pada 2022 nilainya 85,40."
    )
    flags = found(check(extraction(text, None, assessment_year=2022), text), COMPETING, "assessment_year")
    assert len(flags) == 1
    assert "2023" in flags[0].message and "predikat kepatuhan" in flags[0].message


def test_a_round_under_way_named_without_a_result_is_no_competing_year() -> None:
    """'Sosialisasi … Penilaian … Tahun 2026' names a round with no result yet: the 2025 result
    the article reports in prose is not doubted."""
    text = (
        "Pemprov Tanah Datar mengikuti Sosialisasi Penilaian Kepatuhan Tahun 2026 di Padang. "
        "Pada 2025 provinsi itu mencapai 97,10 dan masuk zona hijau."
    )
    assert COMPETING not in _year(text, 2025, None)
