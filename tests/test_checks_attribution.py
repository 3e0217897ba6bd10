"""Check 13: a value taken from the wrong statement (another subject's, a threshold, a negated or
former zone, or one of several candidates). The sentences are written for these tests."""

from __future__ import annotations

from typing import Any

from extractor.checks import CODES, TEXT_CODES
from schemas.record import Flag, Severity
from tests.checkkit import check, extraction, found

ELSEWHERE = "score_attributed_elsewhere"
ZONE_ELSEWHERE = "zone_attributed_elsewhere"
THRESHOLD = "score_is_threshold"
NEGATED = "zone_negated"
COMPETING = "competing_score"
MINE = (ELSEWHERE, ZONE_ELSEWHERE, THRESHOLD, NEGATED, COMPETING)


def region(written: str, name: str, kind: str = "kabupaten") -> dict[str, str]:
    return {"name_as_written": written, "name": name, "kind": kind}


SRAGEN = region("Pemkab Sragen", "Kabupaten Sragen")
SLEMAN = region("Kabupaten Sleman", "Kabupaten Sleman")
TEGAL = region("Pemkot Tegal", "Kota Tegal", "kota")


def flags_of(
    text: str, subject: dict[str, str], quotes: dict[str, str] | None = None, **values: Any
) -> list[Flag]:
    e = extraction(text, quotes, subject=subject, assessment_year=2024, **values)
    return [f for f in check(e, text) if f.code in MINE]


# -- score_attributed_elsewhere / zone_attributed_elsewhere --------------------------------------

ROUND_UP = (
    "Tiga besar se-Jawa Tengah diraih Pemkab Klaten (96,12), Pemkab Sragen (95,40) dan "
    "Pemkab Boyolali (94,77).\n"
)


def test_another_regions_number_in_a_round_up_is_flagged_with_its_quote() -> None:
    """A round-up's number next to another regency is not the subject's: an error (the name is
    fastened to the number), quoting the article's words and naming the year."""
    [hit] = flags_of(ROUND_UP, SRAGEN, {"score": "Pemkab Klaten (96,12)"}, score=96.12)
    assert hit.code == ELSEWHERE and hit.field == "score" and hit.severity == Severity.error
    assert "96,12" in hit.message and "Pemkab Klaten" in hit.message and "2024" in hit.message
    assert hit.evidence and ROUND_UP[hit.evidence[0].start : hit.evidence[0].end].startswith("Tiga besar")


def test_the_subjects_own_number_in_a_round_up_is_quiet() -> None:
    """The subject's own entry of the same round-up stays quiet, with or without a quote."""
    assert not flags_of(ROUND_UP, SRAGEN, {"score": "Pemkab Sragen (95,40)"}, score=95.40)
    assert not flags_of(ROUND_UP, SRAGEN, score=95.40)


def test_bare_names_each_with_its_own_number() -> None:
    """'Sleman dengan nilai 91,25 dan Bantul 90,14': the nearest name before each number owns it."""
    text = "Dua daerah lain, Kabupaten Sleman dengan nilai 91,25 dan Bantul 90,14, juga masuk zona hijau.\n"
    [hit] = flags_of(text, SLEMAN, score=90.14)
    assert hit.code == ELSEWHERE and "Bantul" in hit.message
    assert not flags_of(text, SLEMAN, score=91.25)


def test_a_short_form_of_the_subject_is_recognised() -> None:
    """'Pemkab Gorut' is Gorontalo Utara: its number is its own, not the next regency's."""
    gorut = region("Pemkab Gorontalo Utara", "Kabupaten Gorontalo Utara")
    text = "Pemkab Gorut meraih nilai 85,10, di atas Kabupaten Boalemo dengan nilai 80,02.\n"
    assert not flags_of(text, gorut, score=85.10)
    assert [f.code for f in flags_of(text, gorut, score=80.02)] == [ELSEWHERE]


def test_a_pronoun_points_back_at_the_sentence_before() -> None:
    """'Nilainya 88,50' after a sentence about Kudus is Kudus's number."""
    text = "Kabupaten Kudus berada di urutan kedua se-Jawa Tengah. Nilainya 88,50.\n"
    assert [f.code for f in flags_of(text, region("Pemkab Pati", "Kabupaten Pati"), score=88.5)] == [
        ELSEWHERE
    ]
    assert not flags_of(text, region("Pemkab Kudus", "Kabupaten Kudus"), score=88.5)


def test_asides_and_the_ombudsman_office_do_not_own_the_number() -> None:
    """A name inside ', yang ... ,' and the Ombudsman's own provincial office are not owners."""
    magelang = region("Pemkot Magelang", "Kota Magelang", "kota")
    aside = "Pemkot Magelang, yang berada satu strip di bawah Pemkot Salatiga, memperoleh nilai 84,20.\n"
    assert not flags_of(aside, magelang, score=84.20)
    office = "Ombudsman RI Perwakilan Jawa Tengah memberikan nilai 87,30 kepada Pemkot Semarang.\n"
    assert not flags_of(office, region("Pemkot Semarang", "Kota Semarang", "kota"), score=87.30)


def test_ministries_are_compared_by_their_portfolio() -> None:
    """'Kemenkeu' is Kementerian Keuangan; the Kementerian Perhubungan's number is not its own."""
    kemenkeu = {"name_as_written": "Kemenkeu", "name": "Kementerian Keuangan", "kind": "kementerian"}
    text = "Kemenkeu meraih nilai 90,33, sementara Kementerian Perhubungan dengan nilai 89,96.\n"
    assert not flags_of(text, kemenkeu, score=90.33)
    [hit] = flags_of(text, kemenkeu, score=89.96)
    assert hit.code == ELSEWHERE and "Kementerian Perhubungan" in hit.message


def test_zone_and_grade_stated_for_another_region() -> None:
    """The zone (or grade) word whose nearest name is another region is flagged as a warning."""
    text = "Kabupaten Demak masuk zona hijau, sedangkan Kabupaten Jepara masuk zona kuning.\n"
    jepara = region("Pemkab Jepara", "Kabupaten Jepara")
    [hit] = flags_of(text, jepara, zone="hijau")
    assert (hit.code, hit.field, hit.severity) == (ZONE_ELSEWHERE, "zone", Severity.warning)
    assert "Kabupaten Demak" in hit.message
    assert not flags_of(text, jepara, zone="kuning")
    grades = "Kota Bitung meraih kualitas tertinggi, sedangkan Kota Manado kualitas tinggi.\n"
    manado = region("Pemkot Manado", "Kota Manado", "kota")
    assert [(f.code, f.field) for f in flags_of(grades, manado, grade="tertinggi")] == [
        (ZONE_ELSEWHERE, "grade")
    ]
    assert not flags_of(grades, manado, grade="tinggi")


def test_the_scales_description_is_nobodys_zone() -> None:
    """'zona hijau dengan nilai 78 hingga 100' describes the scale: no owner, no flag."""
    text = (
        "Pemkab Bantul meraih nilai 90,14.\n"
        "Kabupaten Sleman juga dinilai. Zona hijau diberikan dengan nilai 78 hingga 100.\n"
    )
    assert not flags_of(text, region("Pemkab Bantul", "Kabupaten Bantul"), score=90.14, zone="hijau")


def test_a_group_of_names_shares_the_statement() -> None:
    """'Kabupaten Ende dan Kabupaten Sikka masuk zona merah': the zone is both's."""
    text = "Kabupaten Ende dan Kabupaten Sikka masuk zona merah.\n"
    assert not flags_of(text, region("Pemkab Ende", "Kabupaten Ende"), zone="merah")


def test_a_list_after_the_zone_names_its_holders() -> None:
    """'zona hijau, yakni A, B dan C': the zone is the listed regions', the subject among them."""
    text = "Ombudsman mencatat empat daerah berada di zona hijau, yakni Kabupaten Demak, Kudus dan Jepara.\n"
    assert not flags_of(text, region("Pemkab Jepara", "Kabupaten Jepara"), zone="hijau")
    assert [f.code for f in flags_of(text, region("Pemkab Pati", "Kabupaten Pati"), zone="hijau")] == [
        ZONE_ELSEWHERE
    ]


def test_the_dateline_place_owns_no_result() -> None:
    """'Semarang, Koran Kita - ...': the place the story was filed from is not a result's owner."""
    text = "Semarang, Koran Kita - Pemprov Jateng meraih zona hijau dengan nilai 90,50.\n"
    jateng = region("Pemprov Jateng", "Provinsi Jawa Tengah", "provinsi")
    assert not flags_of(text, jateng, score=90.5, zone="hijau")


# -- score_is_threshold ---------------------------------------------------------------------------


def test_an_edge_of_a_band_is_an_error() -> None:
    """A number printed only as an end of a band ('88,00 – 100') is not a result."""
    text = "Kategori A kualitas tertinggi berada pada rentang nilai 88,00 – 100.\n"
    [hit] = flags_of(text, TEGAL, score=88.0)
    assert (hit.code, hit.severity) == (THRESHOLD, Severity.error) and "88,00 – 100" in hit.message
    for band in ("nilai 81-100", "antara 78 sampai 87,99"):
        assert [
            f.code for f in flags_of(f"Zona hijau {band}.\n", TEGAL, score=float(band.split()[1][:2]))
        ] == [THRESHOLD]


def test_bounds_targets_and_examples_are_warnings() -> None:
    """'minimal 80', 'di atas 78', 'menargetkan nilai 90', 'misalnya nilai 75' are not results."""
    for sentence, value in [
        ("Pemda harus meraih nilai minimal 80 agar masuk zona hijau.", 80.0),
        ("Daerah dengan nilai di atas 78 masuk zona hijau.", 78.0),
        ("Wali Kota Tegal menargetkan nilai 90 pada penilaian berikutnya.", 90.0),
        ("Jika misalnya nilai 75 diperoleh, daerah itu masuk zona kuning.", 75.0),
    ]:
        [hit] = flags_of(sentence + "\n", TEGAL, score=value)
        assert (hit.code, hit.severity) == (THRESHOLD, Severity.warning), sentence


def test_a_round_figure_is_a_warning() -> None:
    """'nilainya 80-an' and 'skor 90an' give a decade of values, not a result."""
    for sentence, value in [
        ("Memang ada unit yang nilainya 80-an, itu belum ideal.", 80.0),
        ("Sebagian besar Polres meraih skor 90an tahun ini.", 90.0),
    ]:
        [hit] = flags_of(sentence + "\n", TEGAL, score=value)
        assert (hit.code, hit.severity) == (THRESHOLD, Severity.warning) and "round figure" in hit.message


def test_a_number_also_printed_as_a_result_is_quiet() -> None:
    """The subject's score that is also a band edge somewhere is quiet; so is a change 'dari ... hingga'."""
    text = "Pemkot Tegal meraih nilai 88,00.\nKategori A berada pada rentang 88,00 – 100.\n"
    assert not flags_of(text, TEGAL, score=88.0)
    change = "Pemkot Tegal naik dari 79,19 hingga 82,28 tahun ini.\n"
    assert not flags_of(change, TEGAL, score=82.28)


# -- zone_negated ---------------------------------------------------------------------------------


def test_a_denied_zone_is_flagged() -> None:
    """'tidak ada lagi ... zona merah' and 'belum masuk zona hijau' do not state the zone held."""
    jambi = region("Pemprov Jambi", "Provinsi Jambi", "provinsi")
    text = "Tahun ini tidak ada lagi pemerintah daerah di Provinsi Jambi yang masuk zona merah.\n"
    [hit] = flags_of(text, jambi, zone="merah")
    assert (hit.code, hit.field, hit.severity) == (NEGATED, "zone", Severity.warning)
    assert "zona merah" in hit.message
    ngada = region("Pemkab Ngada", "Kabupaten Ngada")
    text = "Kabupaten Ngada belum masuk zona hijau dan masih berada di zona kuning.\n"
    assert [f.code for f in flags_of(text, ngada, zone="hijau")] == [NEGATED]
    assert not flags_of(text, ngada, zone="kuning")


def test_the_former_side_of_a_move_is_flagged() -> None:
    """'turun dari zona hijau ke zona kuning': hijau is the former zone (an error), kuning is held;
    'naik dari zona kuning ke zona hijau': the other way round; 'keluar dari zona merah' too."""
    sikka = region("Pemkab Sikka", "Kabupaten Sikka")
    down = "Kabupaten Sikka turun dari zona hijau ke zona kuning.\n"
    [hit] = flags_of(down, sikka, zone="hijau")
    assert (hit.code, hit.severity) == (NEGATED, Severity.error)
    assert not flags_of(down, sikka, zone="kuning")
    up = "Kabupaten Sikka naik dari zona kuning ke zona hijau.\n"
    assert [f.code for f in flags_of(up, sikka, zone="kuning")] == [NEGATED]
    assert not flags_of(up, sikka, zone="hijau")
    out = "Kabupaten Sikka akhirnya keluar dari zona merah.\n"
    assert [f.code for f in flags_of(out, sikka, zone="merah")] == [NEGATED]


def test_a_negated_grade_and_not_only_are_read_right() -> None:
    """'belum meraih kualitas tertinggi' denies the grade; 'tidak hanya masuk zona hijau' affirms."""
    text = "Pemkot Tegal belum meraih kualitas tertinggi tahun ini.\n"
    assert [(f.code, f.field) for f in flags_of(text, TEGAL, grade="tertinggi")] == [(NEGATED, "grade")]
    assert not flags_of(
        "Pemkot Tegal tidak hanya masuk zona hijau, tetapi juga terbaik.\n", TEGAL, zone="hijau"
    )


def test_an_aim_is_not_a_zone_held() -> None:
    """'agar bergerak ke zona hijau' is an aim; the zone held elsewhere keeps it quiet."""
    text = "Ombudsman mengimbau Pemkot Tegal agar secepatnya bergerak ke zona hijau.\n"
    assert [f.code for f in flags_of(text, TEGAL, zone="hijau")] == [NEGATED]
    held = text + "Saat ini Pemkot Tegal berada di zona kuning.\n"
    assert not flags_of(held, TEGAL, zone="kuning")


# -- competing_score ------------------------------------------------------------------------------


def test_two_statements_giving_the_subject_different_scores() -> None:
    """Another statement giving the subject a different number is an ambiguity warning that names
    the alternative with its quote."""
    text = (
        "Pemkot Tegal meraih nilai 86,40.\nDalam laporan lain, Pemkot Tegal disebut memperoleh nilai 84,90.\n"
    )
    [hit] = flags_of(text, TEGAL, {"score": "Pemkot Tegal meraih nilai 86,40"}, score=86.40)
    assert (hit.code, hit.severity) == (COMPETING, Severity.warning)
    assert "84,90" in hit.message and "Dalam laporan lain" in hit.message


def test_previous_years_changes_others_and_reprints_do_not_compete() -> None:
    """A previous year's score, the change in points, another region's number and the same score
    printed two ways ('98,17' / '98,18') are not competing candidates."""
    text = (
        "Pemkot Tegal naik 2,10 poin dari 84,30 pada 2023 menjadi 86,40.\n"
        "Pemkot Tegal meraih nilai 86,41, sedangkan Pemkot Pekalongan dengan nilai 85,20.\n"
    )
    quotes = {"score": "menjadi 86,40"}
    assert not flags_of(text, TEGAL, quotes, score=86.40, previous=[{"year": 2023, "score": 84.30}])


def test_a_previous_years_statement_competes_with_this_years() -> None:
    """A number quoted from a statement about the year before, while another statement gives the
    subject this year's number, is flagged as competing."""
    text = (
        "Pemprov Jambi meraih nilai 86,12 dalam penilaian kepatuhan tahun 2023.\n"
        '"Nilai ini turun dibanding tahun 2022, yakni di angka 89,40," ujar Kepala Ombudsman Jambi.\n'
    )
    jambi = region("Pemprov Jambi", "Provinsi Jambi", "provinsi")
    e = extraction(text, {"score": "di angka 89,40"}, subject=jambi, assessment_year=2023, score=89.40)
    [hit] = [f for f in check(e, text) if f.code in MINE]
    assert hit.code == COMPETING and "86,12" in hit.message


# -- registry and text ----------------------------------------------------------------------------


def test_codes_are_registered_as_text_codes_and_skip_without_text() -> None:
    """Every code is in the registry and kept when the text is gone; without text nothing runs."""
    assert set(MINE) <= CODES and set(MINE) <= TEXT_CODES
    e = extraction(subject=SRAGEN, score=96.12, zone="hijau")
    assert not [f for f in check(e, None) if f.code in MINE]
    assert not found(check(e, None), ELSEWHERE)
