"""The rules engine's other subjects' results, by phrasing family (extractor/rules/_others*.py), on
sentences written for these tests: lists of vertical offices, a label stated in the sentence
before its list, lists broken by a name nobody knows, ministries misspelt or named in full,
national bodies, lists that go on in the next sentence; and, for each, what must give nothing."""

from __future__ import annotations

import pytest

from extractor.rules import RulesEngine
from tests.ruleskit import grounded, others

REGION_LEAD = (
    "Pemkab Garut Raih Zona Hijau dari Ombudsman\n\n"
    "GARUT - Pemerintah Kabupaten Garut meraih nilai 86,40 dalam Penilaian Kepatuhan "
    "Penyelenggaraan Pelayanan Publik Ombudsman RI tahun 2023 dan masuk zona hijau.\n\n"
)
POLRES_LEAD = (
    "Polres Garut Raih Zona Hijau Ombudsman\n\n"
    "GARUT - Polres Garut meraih nilai 88,10 dan zona hijau dalam Penilaian Kepatuhan Pelayanan "
    "Publik Ombudsman RI tahun 2023.\n\n"
)
MINISTRY_LEAD = (
    "Kementerian Agama Raih Zona Hijau\n\n"
    "JAKARTA - Kementerian Agama masuk zona hijau dalam Penilaian Kepatuhan Standar Pelayanan "
    "Publik Ombudsman RI tahun 2019.\n\n"
)


@pytest.fixture(scope="module")
def engine() -> RulesEngine:
    return RulesEngine()


def zones(engine: RulesEngine, text: str) -> dict[str, str | None]:
    return {name: result[2] for name, result in others(engine, text).items()}


# Vertical offices named in a list, each with its head ("Polres A, Polres B dan Polres C").


@pytest.mark.parametrize(
    "sentence",
    [
        "Polres Cianjur, Polres Ciamis dan Polres Sumedang berada di zona kuning.",
        "Polres yang masuk zona kuning yakni Polres Cianjur, Polres Ciamis dan Polres Sumedang.",
        "Selain Polres Garut, Polres Cianjur, Polres Ciamis serta Polres Sumedang juga meraih zona kuning.",
    ],
)
def test_offices_listed_with_their_head_each_get_the_label(engine: RulesEngine, sentence: str) -> None:
    got = zones(engine, POLRES_LEAD + sentence + "\n")
    assert got == {"Polres Cianjur": "kuning", "Polres Ciamis": "kuning", "Polres Sumedang": "kuning"}


@pytest.mark.parametrize(
    ("lead", "sentence"),
    [
        (POLRES_LEAD, "Untuk Polres di Jawa Barat, Cianjur, Ciamis dan Sumedang memperoleh zona kuning."),
        (
            REGION_LEAD,
            "Untuk Polres jajaran Polda Jabar, Cianjur, Ciamis dan Sumedang memperoleh zona kuning.",
        ),
        (
            REGION_LEAD,
            "Hasil untuk Polres se-Jawa Barat juga keluar. Adapun zona kuning diperoleh Cianjur dan Ciamis.",
        ),
    ],
)
def test_bare_regions_in_a_paragraph_on_polres_are_those_polres(
    engine: RulesEngine, lead: str, sentence: str
) -> None:
    got = zones(engine, lead + sentence + "\n")
    assert {name: zone for name, zone in got.items() if zone} == {
        name: "kuning"
        for name in ("Polres Cianjur", "Polres Ciamis", "Polres Sumedang")
        if name.split()[1] in sentence
    }
    assert "Polda Jawa Barat" not in got  # whose ranks they are, not one of them


def test_offices_of_the_subjects_own_kind_stay_regions_elsewhere(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Kabupaten Cianjur dan Kota Depok masuk zona kuning.\n"
    assert zones(engine, text) == {"Kabupaten Cianjur": "kuning", "Kota Depok": "kuning"}


# The label in the sentence before the list.


@pytest.mark.parametrize(
    "sentences",
    [
        "Sebanyak empat daerah di Jawa Barat meraih predikat zona hijau. Mereka adalah Kabupaten Cianjur, "
        "Kota Depok, Kabupaten Bekasi dan Kota Bogor.",
        "Empat pemda lain juga masuk zona hijau. Keempat daerah itu ialah Kab Cianjur, Kab. Bekasi, Kota "
        "Depok dan Kota Bogor.",
        "Daerah lain yang masuk zona hijau:\nKabupaten Cianjur, Kota Depok, Kabupaten Bekasi dan Kota Bogor.",
    ],
)
def test_a_list_takes_up_the_label_of_the_sentence_before(engine: RulesEngine, sentences: str) -> None:
    got = zones(engine, REGION_LEAD + sentences + "\n")
    assert got == dict.fromkeys(
        ("Kabupaten Cianjur", "Kota Depok", "Kabupaten Bekasi", "Kota Bogor"), "hijau"
    )


@pytest.mark.parametrize(
    "sentences",
    [
        # no word that takes the group up: another matter
        "Sebanyak lima daerah di Jawa Barat meraih zona hijau. Kabupaten Cianjur dan Kota Depok "
        "menggelar rapat.",
        # the sentence before gives two labels: neither is the list's
        "Kabupaten Bekasi masuk zona hijau, sedangkan Kota Bogor zona kuning. Keduanya adalah Kabupaten "
        "Cianjur dan Kota Depok.",
        # a band of the scale, not a result
        "Zona hijau 88-100. Mereka adalah Kabupaten Cianjur dan Kota Depok.",
        # a plan
        "Tahun depan lima daerah ditargetkan masuk zona hijau. Mereka adalah Kabupaten Cianjur dan "
        "Kota Depok.",
        "Selain itu, Kabupaten Cianjur dan Kota Depok juga hadir dalam acara tersebut.",
    ],
)
def test_a_list_after_a_label_that_is_not_its_own_gets_nothing(engine: RulesEngine, sentences: str) -> None:
    got = zones(engine, REGION_LEAD + sentences + "\n")
    assert "Kabupaten Cianjur" not in got and "Kota Depok" not in got


# A list broken by a name that nobody knows, or by a short "Kab".


def test_a_misspelt_name_holds_its_place_and_the_list_goes_on(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Adapun kabupaten yang masuk zona merah yakni Kabupaten Cianjur, Sukabumi, Kabupaten Ciamiss "
        "dan Kota Banjar.\n"
    )
    assert zones(engine, text) == {
        "Kabupaten Cianjur": "merah",
        "Kabupaten Sukabumi": "merah",
        "Kota Banjar": "merah",
    }


def test_bare_names_after_an_opener_are_regions_of_the_list(engine: RulesEngine) -> None:
    text = (
        REGION_LEAD
        + "Pada penilaian itu, daerah yang masuk zona hijau antara lain Bandung, Cimahi dan Tasikmalaya.\n"
    )
    got = zones(engine, text)
    assert got["Kota Cimahi"] == "hijau"
    assert set(got) == {"Kabupaten Bandung", "Kota Cimahi", "Kabupaten Tasikmalaya"}


def test_officials_named_with_their_regions_are_no_list_of_results(engine: RulesEngine) -> None:
    text = (
        REGION_LEAD
        + "Rapat dihadiri Bupati Cianjur, Wali Kota Depok dan Wali Kota Bogor yang daerahnya masuk "
        "zona hijau.\n"
    )
    assert zones(engine, text) == {}


# Ministries and national bodies.


def test_misspelt_and_glued_ministries_are_the_ministries(engine: RulesEngine) -> None:
    text = MINISTRY_LEAD + (
        "Sementara di zona kuning ada Kementerian Keuangan, KementerianLuar Negeri, Kementrian Sosial dan "
        "Kementerian Perhubungan.\n"
    )
    got = zones(engine, text)
    assert got == dict.fromkeys(
        ("Kementerian Keuangan", "Kementerian Luar Negeri", "Kementerian Sosial", "Kementerian Perhubungan"),
        "kuning",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi dan Kementerian Keuangan "
        "masuk zona hijau.",
        "Adapun di zona hijau ada Kementerian Keuangan, Kementerian Pendayagunaan Aparatur Negara "
        "dan Reformasi "
        "Birokrasi, serta Kementerian Sosial.",
    ],
)
def test_a_ministry_named_in_full_is_listed_though_its_name_holds_another_index(
    engine: RulesEngine, sentence: str
) -> None:
    got = zones(engine, MINISTRY_LEAD + sentence + "\n")
    assert got["Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"] == "hijau"
    assert got["Kementerian Keuangan"] == "hijau"


def test_another_bodys_index_given_to_a_list_is_no_result(engine: RulesEngine) -> None:
    text = (
        REGION_LEAD
        + "Kabupaten Cianjur dan Kota Depok meraih predikat A dari KemenPAN-RB dalam Indeks Pelayanan "
        "Publik.\n"
    )
    assert zones(engine, text) == {}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Lembaga yang masuk zona merah adalah Badan Nasional Sertifikasi Profesi dan Lembaga Kebijakan "
            "Pengadaan Barang/Jasa Pemerintah.",
            ("Badan Nasional Sertifikasi Profesi", "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah"),
        ),
        (
            "Lembaga di zona merah adalah Badan Narkotika Nasional dan Badan Pusat Statistik.",
            ("Badan Narkotika Nasional", "Badan Pusat Statistik"),
        ),
    ],
)
def test_national_bodies_run_together_are_each_an_agency(
    engine: RulesEngine, sentence: str, names: tuple[str, str]
) -> None:
    assert zones(engine, MINISTRY_LEAD + sentence + "\n") == dict.fromkeys(names, "merah")


def test_a_pemdas_own_offices_are_not_national_bodies(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Dinas Sosial dan Badan Pendapatan Daerah masuk zona hijau.\n"
    assert zones(engine, text) == {}


# A scored list that goes on in the next sentences.


def test_a_list_going_on_in_the_next_sentences_keeps_its_label(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Dari 27 pemda di Jawa Barat, 20 di antaranya memperoleh kualitas tertinggi kategori A, yakni Pemkab "
        "Bogor dengan nilai 97,73 dan Pemkot Depok dengan nilai 95,60. Berikutnya Pemkot Bekasi dengan nilai "
        "93,67 dan Pemkab Ciamis dengan nilai 92,70. Lalu Pemkot Cimahi dengan nilai 90,49.\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Bogor"] == (2023, 97.73, None, "tertinggi")
    assert got["Kota Bekasi"] == (2023, 93.67, None, "tertinggi")
    assert got["Kota Cimahi"] == (2023, 90.49, None, "tertinggi")


def test_a_next_sentence_that_does_not_go_on_takes_no_label(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Pemda yang memperoleh kualitas tertinggi kategori A yakni Pemkab Bogor dengan nilai 97,73. "
        "Pemkot Bekasi sendiri mendapat nilai 70,10.\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Bogor"][3] == "tertinggi"
    assert got["Kota Bekasi"] == (2023, 70.1, None, None)


# A label given to a whole group at once.


def test_a_zone_given_to_every_pemda_of_a_province_is_each_listed_ones(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Seluruh pemerintah daerah di Provinsi Jawa Barat berada pada predikat zona hijau. "
        "Pemkab Bogor meraih nilai 97,73 dan Pemkot Depok meraih nilai 95,60.\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Bogor"] == (2023, 97.73, "hijau", None)
    assert got["Kota Depok"] == (2023, 95.6, "hijau", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Tidak seluruh pemerintah daerah di Jawa Barat masuk zona hijau.",
        "Seluruh pemda di Jawa Barat ditargetkan masuk zona hijau.",
        "Seluruh kabupaten di Jawa Tengah masuk zona hijau.",  # another province than theirs
    ],
)
def test_a_whole_group_label_denied_planned_or_elsewhere_is_not_theirs(
    engine: RulesEngine, sentence: str
) -> None:
    text = REGION_LEAD + sentence + " Pemkab Bogor meraih nilai 97,73 dan Pemkot Depok meraih nilai 95,60.\n"
    got = others(engine, text)
    assert got["Kabupaten Bogor"] == (2023, 97.73, None, None)


# A ranking's "nilai terendah" is no grade.


def test_the_lowest_scores_of_a_ranking_are_no_grade(engine: RulesEngine) -> None:
    text = (
        POLRES_LEAD
        + "Sementara beberapa Polres lain, termasuk Polres Cianjur, masuk kategori nilai terendah.\n"
    )
    assert "Polres Cianjur" not in others(engine, text)


# A score in the sentence after the name, as "its" score.


def test_its_score_in_the_next_sentence_is_the_names_with_that_sentences_zone(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Kabupaten Bekasi yang juga masuk zona merah berada di urutan 300. Nilai kepatuhannya hanya 45,02.\n"
    )
    assert others(engine, text)["Kabupaten Bekasi"] == (2023, 45.02, "merah", None)


def test_a_score_in_the_next_sentence_without_its_is_not_the_names(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Kabupaten Bekasi juga hadir dalam acara itu. Nilai rata-rata nasional 45,02.\n"
    assert "Kabupaten Bekasi" not in others(engine, text)


# A table without a header row.


def test_rows_of_a_table_without_a_header_take_cells_that_are_labels(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Nilai daerah lain di Jawa Barat:\n\n"
        "| Kabupaten Cianjur | 85,36 | Hijau | Kualitas Tinggi |\n"
        "| Kota Depok | 70,12 | Zona Kuning | Kategori C |\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Cianjur"] == (2023, 85.36, "hijau", "tinggi")
    assert got["Kota Depok"] == (2023, 70.12, "kuning", "sedang")


def test_a_headless_row_with_a_bare_grade_word_gives_no_grade(engine: RulesEngine) -> None:
    text = REGION_LEAD + "| Kabupaten Cianjur | 85,36 | Tinggi | B |\n| Kota Depok | 70,12 | Sedang | C |\n"
    got = others(engine, text)
    assert got["Kabupaten Cianjur"] == (2023, 85.36, None, None)


# Names misspelt in a list: one letter off a region of the list's province, a kind word misspelt.


def test_a_name_one_letter_off_a_region_of_the_lists_province_is_that_region(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Daerah yang berkategori zona kuning, yaitu Cianjurr, Kabupaten Bekasi, Karawang dan Kota Bogor.\n"
    )
    assert zones(engine, text) == dict.fromkeys(
        ("Kabupaten Cianjur", "Kabupaten Bekasi", "Kabupaten Karawang", "Kota Bogor"), "kuning"
    )


def test_a_misspelt_kind_word_before_a_known_name_is_that_kind(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Zona kuning diraih Kabupaten Bekasi, Kabubaten Karawang dan Kota Bogor.\n"
    assert zones(engine, text) == dict.fromkeys(
        ("Kabupaten Bekasi", "Kabupaten Karawang", "Kota Bogor"), "kuning"
    )


def test_an_unknown_name_far_from_every_region_gives_nothing(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Zona kuning diraih Kabupaten Bekasi, Cibodasan Raya dan Kota Bogor.\n"
    assert zones(engine, text) == dict.fromkeys(("Kabupaten Bekasi", "Kota Bogor"), "kuning")


# A colour in brackets after the words of a level.


def test_a_colour_in_brackets_is_the_zone_of_the_list(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Sebanyak 3 pemda di Jawa Barat berada pada tingkat kepatuhan sedang (kuning), di antaranya "
        "Kabupaten Bekasi, Kota Bogor dan Kabupaten Karawang.\n"
    )
    assert zones(engine, text) == dict.fromkeys(
        ("Kabupaten Bekasi", "Kota Bogor", "Kabupaten Karawang"), "kuning"
    )


def test_a_bracketed_colour_in_a_sentence_without_a_list_gives_nothing(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Warna (kuning) menandai daerah yang perlu berbenah, kata Kepala Ombudsman.\n"
    assert zones(engine, text) == {}


# A clause that opens on the score and then names its owner ("Dengan nilai 84,10, Provinsi Jambi
# masuk zona hijau").


@pytest.mark.parametrize(
    "sentence",
    [
        "Dengan nilai 84,10, Kabupaten Cianjur masuk zona hijau.",
        "Sementara itu, dengan skor 84,10 Kabupaten Cianjur berada di zona hijau.",
        "Adapun dengan nilai kepatuhan 84,10 Pemkab Cianjur meraih predikat zona hijau.",
    ],
)
def test_a_score_that_opens_its_clause_is_the_name_right_after_it(engine: RulesEngine, sentence: str) -> None:
    got = others(engine, REGION_LEAD + sentence + "\n")
    assert got["Kabupaten Cianjur"] == (2023, 84.1, "hijau", None)


@pytest.mark.parametrize(
    "sentence",
    [
        # an average of its units, not the name's own score
        "Dengan nilai rata-rata 84,10, Kabupaten Cianjur masuk zona hijau.",
        # the name after the score is where the assessment took place, not whose score it is
        "Dengan nilai 84,10 di Kabupaten Cianjur, Ombudsman menyebut hasilnya baik.",
        # a plan
        "Dengan nilai 84,10, Kabupaten Cianjur ditargetkan masuk zona hijau tahun depan.",
    ],
)
def test_a_score_before_a_name_not_its_owner_is_not_its_score(engine: RulesEngine, sentence: str) -> None:
    assert others(engine, REGION_LEAD + sentence + "\n").get("Kabupaten Cianjur", (None, None))[1] is None


# One name whose compliance level the sentence describes before it gives the zone ("Tingkat
# kepatuhan Kota Bogor ... masih rendah dan masuk zona merah").


@pytest.mark.parametrize(
    "sentence",
    [
        "Tingkat kepatuhan Kabupaten Cianjur terhadap standar pelayanan masih rendah dan masuk zona merah.",
        "Nilai kepatuhan Pemkab Cianjur pun belum memuaskan sehingga berada di zona kuning.",
    ],
)
def test_a_names_compliance_level_before_its_zone_gives_it(engine: RulesEngine, sentence: str) -> None:
    zone = "merah" if "merah" in sentence else "kuning"
    assert zones(engine, REGION_LEAD + sentence + "\n").get("Kabupaten Cianjur") == zone


@pytest.mark.parametrize(
    "sentence",
    [
        # the zone is another name's, said after it
        "Tingkat kepatuhan Kabupaten Cianjur naik, sedangkan Kabupaten Ciamis masuk zona merah.",
        # a wish, not a result
        "Tingkat kepatuhan Kabupaten Cianjur diharapkan naik dan masuk zona hijau.",
        # the level is not the name's: the name is only where it was measured
        "Ombudsman menilai kepatuhan di Kabupaten Cianjur dan hasilnya masuk zona merah.",
    ],
)
def test_a_far_zone_without_the_names_level_gives_nothing(engine: RulesEngine, sentence: str) -> None:
    assert zones(engine, REGION_LEAD + sentence + "\n").get("Kabupaten Cianjur") is None


# Openers and headings written other ways: "di zona kuning terdapat ...", "daftar daerah zona
# hijau: A (85,12), B (83,40)".


def test_a_list_opened_by_terdapat_takes_the_label_before_it(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Di zona kuning terdapat Kabupaten Cianjur, Kabupaten Ciamis dan Kota Banjar.\n"
    assert zones(engine, text) == {
        "Kabupaten Cianjur": "kuning",
        "Kabupaten Ciamis": "kuning",
        "Kota Banjar": "kuning",
    }


def test_bracketed_scores_under_a_labelled_heading_take_its_label(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Berikut daftar daerah zona hijau: Kabupaten Cianjur (85,12), Kabupaten Ciamis (83,40), "
        "dan Kota Banjar (81,90).\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Cianjur"] == (2023, 85.12, "hijau", None)
    assert got["Kota Banjar"] == (2023, 81.9, "hijau", None)


def test_a_city_police_resort_is_a_polres_peer_not_its_unit(engine: RulesEngine) -> None:
    """Polres, Polresta and Polrestabes are one level: a Polres article's list of them is others."""
    text = POLRES_LEAD + "Zona hijau juga diraih Polres Cianjur, Polres Ciamis dan Polresta Bogor.\n"
    assert zones(engine, text) == {
        "Polres Cianjur": "hijau",
        "Polres Ciamis": "hijau",
        "Polresta Bogor": "hijau",
    }


def test_a_label_that_is_its_own_verb_after_an_adverb_is_the_names(engine: RulesEngine) -> None:
    """Before 2022 "berpredikat kepatuhan rendah" is zona merah, whatever adverb comes before it."""
    lead = (
        "Pemkab Garut Raih Predikat Kepatuhan Tinggi\n\nGARUT - Pemerintah Kabupaten Garut meraih "
        "predikat kepatuhan tinggi dalam Survei Kepatuhan Ombudsman RI tahun 2019.\n\n"
    )
    assert zones(engine, lead + "Sementara Kabupaten Ciamis masih berpredikat kepatuhan rendah.\n") == {
        "Kabupaten Ciamis": "merah"
    }


def test_a_groups_average_in_a_province_is_not_the_provinces_score(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Rata-rata nilai kabupaten/kota di Jawa Barat adalah 84,33.\n"
    assert others(engine, text) == {}


# Results given by position: "A dan B masing-masing memperoleh nilai X dan Y".


def test_names_and_scores_given_respectively_pair_in_order(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Kabupaten Cianjur dan Kota Banjar masing-masing memperoleh nilai 85,12 dan 80,30.\n"
    got = others(engine, text)
    assert got["Kabupaten Cianjur"] == (2023, 85.12, None, None)
    assert got["Kota Banjar"] == (2023, 80.3, None, None)


def test_respectively_with_unequal_counts_pairs_nothing_by_position(engine: RulesEngine) -> None:
    text = REGION_LEAD + "Kabupaten Cianjur dan Kota Banjar masing-masing memperoleh nilai di atas 80,30.\n"
    assert others(engine, text).get("Kabupaten Cianjur", (None, None))[1] is None


# A label the clause puts in the past gives way to the one it has now.


@pytest.mark.parametrize(
    "sentence",
    [
        "Pemkab Cianjur yang tahun lalu berada di zona kuning kini naik ke zona hijau dengan nilai 88,12.",
        "Pemkab Cianjur naik dari zona kuning ke zona hijau dengan nilai 88,12.",
    ],
)
def test_a_past_zone_gives_way_to_the_present_one(engine: RulesEngine, sentence: str) -> None:
    assert others(engine, REGION_LEAD + sentence + "\n")["Kabupaten Cianjur"] == (2023, 88.12, "hijau", None)


def test_a_past_zone_alone_stays_the_names(engine: RulesEngine) -> None:
    """Only a zone of the same kind said now replaces it: with none, the only zone given stands."""
    text = REGION_LEAD + "Pemkab Cianjur yang sebelumnya berada di zona kuning memperoleh nilai 79,12.\n"
    assert others(engine, text)["Kabupaten Cianjur"][2] == "kuning"


# What a score-led clause is not: a score a name earlier in the sentence owns, a name after the
# score that has a score of its own.


@pytest.mark.parametrize(
    "sentence",
    [
        "Kabupaten Cianjur masuk zona hijau dan meraih nilai 84,10, Kota Banjar 80,20 dan Kota Bogor 79,10.",
        "Kabupaten Cianjur berada di zona hijau, dengan nilai 84,10, Kota Banjar di zona kuning.",
    ],
)
def test_a_score_after_its_owner_is_not_led_to_the_next_name(engine: RulesEngine, sentence: str) -> None:
    got = others(engine, REGION_LEAD + sentence + "\n")
    assert got["Kabupaten Cianjur"][1] == 84.1
    assert got.get("Kota Banjar", (None, None))[1] != 84.1


def test_a_score_led_clause_quotes_the_label_it_gives(engine: RulesEngine) -> None:
    text = (
        REGION_LEAD
        + "Dengan nilai 84,10, Kabupaten Cianjur yang dipimpin Bupati Herman berhasil masuk zona hijau.\n"
    )
    record = grounded(engine, text, "others")
    assert record.others[0].zone == "hijau"
    assert record.evidence["others[0]"].quote.endswith("zona hijau")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sementara di Kabupaten Cianjur nilai kepatuhan mencapai 84,10.",
        "Sedangkan di Kabupaten Cianjur, nilainya 84,10.",
    ],
)
def test_a_name_after_di_that_opens_its_clause_owns_the_score(engine: RulesEngine, sentence: str) -> None:
    assert others(engine, REGION_LEAD + sentence + "\n")["Kabupaten Cianjur"][1] == 84.1


@pytest.mark.parametrize(
    "lead",
    [
        "Daerah zona hijau dan zona kuning:",
        "Dari zona merah ke zona hijau:",
        "Nilai terendah berada di zona merah, sementara nilai tertinggi:",
    ],
)
def test_a_heading_of_several_labels_or_far_from_its_list_gives_none(engine: RulesEngine, lead: str) -> None:
    text = REGION_LEAD + lead + " Kabupaten Cianjur (85,12), Kabupaten Ciamis (63,40), Kota Banjar (60,10).\n"
    assert {name: result[2] for name, result in others(engine, text).items()} == dict.fromkeys(
        ("Kabupaten Cianjur", "Kabupaten Ciamis", "Kota Banjar")
    )


def test_a_comma_that_only_sets_off_the_opener_keeps_the_headings_label(engine: RulesEngine) -> None:
    text = REGION_LEAD + (
        "Sebanyak tiga daerah masuk zona kuning, yakni Kabupaten Cianjur (79,12), Kabupaten Ciamis (77,30) "
        "dan Kota Banjar (76,44).\n"
    )
    assert {name: result[2] for name, result in others(engine, text).items()} == dict.fromkeys(
        ("Kabupaten Cianjur", "Kabupaten Ciamis", "Kota Banjar"), "kuning"
    )


# A score written before the name it belongs to ("nilai 95,10 untuk Kabupaten A").


def test_scores_written_before_their_names_are_those_names(engine: RulesEngine) -> None:
    """'95,10 untuk Kabupaten Bandung, 91,00 untuk Kota Bekasi': each name after its number and
    'untuk'/'diraih' owns that number, not the next one."""
    got = others(
        engine,
        REGION_LEAD
        + "Di Jawa Barat, nilai tertinggi 95,10 diraih Kabupaten Bandung, lalu 91,00 untuk Kota Bekasi "
        "dan 90,30 untuk Kabupaten Bogor.\n",
    )
    assert {name: result[1] for name, result in got.items()} == {
        "Kabupaten Bandung": 95.1,
        "Kota Bekasi": 91.0,
        "Kabupaten Bogor": 90.3,
    }


@pytest.mark.parametrize(
    ("sentence", "zone"),
    [
        ("Sementara Kota Banjar dan Kota Cimahi masih tertahan di zona kuning.", "kuning"),
        ("Kota Banjar dan Kota Cimahi bertahan di zona hijau.", "hijau"),
        ("Kota Banjar dan Kota Cimahi naik ke zona hijau.", "hijau"),
        ("Kota Banjar dan Kota Cimahi terjebak di zona merah.", "merah"),
    ],
)
def test_a_list_kept_in_or_moved_to_a_zone_gets_that_zone(
    engine: RulesEngine, sentence: str, zone: str
) -> None:
    """'tertahan di', 'bertahan di', 'naik ke', 'terjebak di': the zone the listed names are in now."""
    assert zones(engine, REGION_LEAD + sentence + "\n") == {"Kota Banjar": zone, "Kota Cimahi": zone}


def test_a_list_that_rose_from_a_zone_is_not_given_it(engine: RulesEngine) -> None:
    """'naik dari zona kuning': where they were, not where they are."""
    got = zones(engine, REGION_LEAD + "Kota Banjar dan Kota Cimahi naik dari zona kuning.\n")
    assert "kuning" not in got.values()
