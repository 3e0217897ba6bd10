"""Check 9, another survey's number: the figures Indonesian stories print beside the Ombudsman
result (SAKIP, Reformasi Birokrasi, the BPK opinion, national averages, complaint counts,
percentages of providers, an index on a 1-5 scale, another body's letter predicate) are not the
subject's compliance score or grade. Sentences are written for these tests."""

from __future__ import annotations

from schemas.record import Severity
from tests.checkkit import check, extraction, found

OTHER = "other_body_score"


def test_a_sakip_or_reformasi_birokrasi_number_is_not_the_score() -> None:
    """A number in a sentence about SAKIP or Reformasi Birokrasi, with no Ombudsman named, is an error."""
    sakip = "Hasil evaluasi SAKIP Kabupaten Contoh tahun 2024 mencapai angka 78,45."
    [hit] = found(check(extraction(score=78.45), sakip), OTHER, "score")
    assert hit.severity == Severity.error and "SAKIP" in hit.message
    rb = "Evaluasi Reformasi Birokrasi menempatkan Kota Contoh pada angka 71,34 tahun lalu."
    assert found(check(extraction(score=71.34), rb), OTHER, "score")


def test_a_bpk_opinion_sentence_is_another_body() -> None:
    """The BPK audit (WTP) is another body: its number is not the Ombudsman score."""
    text = "Badan Pemeriksa Keuangan memberi opini WTP dengan nilai 90,50 untuk Kota Contoh."
    assert found(check(extraction(score=90.5), text), OTHER, "score")


def test_a_national_average_ties_only_the_number_after_it() -> None:
    """'di atas rata-rata nasional 70,12': 70,12 is the average, 82,28 beside it the subject's."""
    text = "Nilai Kota Contoh 82,28, jauh di atas rata-rata nasional 70,12 pada penilaian tahun ini."
    [hit] = found(check(extraction(score=70.12), text), OTHER, "score")
    assert "rata-rata nasional" in hit.message
    assert not found(check(extraction(score=82.28), text), OTHER)


def test_a_complaint_count_is_not_a_score_even_beside_the_ombudsman() -> None:
    """'Ombudsman menerima 64 laporan pengaduan' is a count, although the Ombudsman is named."""
    text = "Sepanjang tahun itu Ombudsman menerima 64 laporan pengaduan dari warga Kota Contoh."
    assert found(check(extraction(score=64), text), OTHER, "score")


def test_a_percentage_of_providers_is_not_a_score_but_a_score_in_persen_is() -> None:
    """'45,5 persen pemerintah daerah' is a share of providers; '79,19 persen' alone is a score."""
    share = "Sebanyak 45,5 persen pemerintah daerah di provinsi itu masuk zona hijau."
    assert found(check(extraction(score=45.5), share), OTHER, "score")
    score = "Kota Contoh meraih nilai 79,19 persen pada penilaian Ombudsman tahun ini."
    assert not found(check(extraction(score=79.19), score), OTHER)


def test_a_score_below_ten_beside_an_index_word_is_a_warning() -> None:
    """A compliance score runs 0-100; 4,61 next to 'indeks' is an index (IPP runs 1-5), even in a
    sentence that names the Ombudsman."""
    text = "Ombudsman mencatat Kota Contoh dengan indeks 4,61 pada tahun 2024."
    [hit] = found(check(extraction(score=4.61), text), OTHER, "score")
    assert hit.severity == Severity.warning and "indeks" in hit.message


def test_a_small_score_without_an_index_word_or_a_large_one_beside_it_is_quiet() -> None:
    """Without an index word near it a small score is left to the band checks; a score of 10 or
    more beside 'indeks' is not held against it."""
    assert not found(check(extraction(score=8.5), "Kota Contoh meraih nilai 8,5 saja."), OTHER)
    text = "Ombudsman mencatat indeks kepatuhan Kota Contoh 82,28 tahun ini."
    assert not found(check(extraction(score=82.28), text), OTHER)


KEMENPAN_A = "Kota Contoh meraih predikat A (Pelayanan Prima) dari KemenPAN-RB pada tahun 2024."


def test_a_grade_resting_only_on_another_bodys_letter_predicate_is_a_warning() -> None:
    """'predikat A (Pelayanan Prima) dari KemenPAN-RB' is not Ombudsman grade A."""
    [hit] = found(check(extraction(grade="tertinggi"), KEMENPAN_A), OTHER, "grade")
    assert hit.severity == Severity.warning and "kategori A" in hit.message


def test_a_grade_also_given_as_kategori_or_kualitas_is_quiet() -> None:
    """With 'kategori A' or 'kualitas tertinggi' of the compliance assessment, the grade stands."""
    text = KEMENPAN_A + " Dari Ombudsman, Kota Contoh masuk kategori A atau kualitas tertinggi."
    assert not found(check(extraction(grade="tertinggi"), text), OTHER)


def test_an_ombudsman_letter_predicate_is_quiet() -> None:
    """A letter predicate the Ombudsman gives is its own grade, with or without 'kategori'."""
    text = "Ombudsman RI memberi Kota Contoh predikat A pada penilaian kepatuhan 2024."
    assert not found(check(extraction(grade="tertinggi"), text), OTHER)
