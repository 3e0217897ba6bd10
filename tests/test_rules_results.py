"""The rules engine's score, year and zone/grade stage on hand-written sentences, one family each
(the sentences are written for these tests; none is copied from an article)."""

from __future__ import annotations

import pytest

from extractor.checks import check_extraction
from extractor.grounding import ground
from extractor.rules import RulesEngine
from extractor.rules._evidence import stated_changes
from extractor.rules._numbers import score_candidates
from schemas.record import Extraction, Span
from schemas.values import Grade, Zone
from tests.ruleskit import grounded


@pytest.fixture(scope="module")
def engine() -> RulesEngine:
    return RulesEngine()


def run(engine: RulesEngine, text: str) -> Extraction:
    return grounded(engine, text)


def test_time_of_day_is_not_a_score() -> None:
    """'pukul 10.45 WIB' is a clock time, not a decimal score."""
    text = "Penyerahan dilakukan pukul 10.45 WIB di aula. Nilai Kabupaten Contoh 77,12."
    values = [n.value for n in score_candidates(text)]
    assert 10.45 not in values
    assert 77.12 in values


def test_bracketed_score_after_a_score_word_or_year() -> None:
    """'dengan nilai (81,40)' and '2019 (70,05)' are scores; '(12,50 persen)' is a share."""
    text = "Pemkab Contoh dengan nilai (81,40); pada 2019 (70,05); sebanyak 3 daerah (12,50 persen)."
    values = [n.value for n in score_candidates(text)]
    assert values == [81.40, 70.05]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Menurut Kepala Perwakilan, Pemkot Contoh memperoleh skor 74.", [74.0]),
        ("Kabupaten Contoh dengan nilai kepatuhan 85, disusul Kota Lain.", [85.0]),
        ("Nilainya 91 pada penilaian tahun ini.", [91.0]),
        ("Rata-rata nilainya 80-an, atau skor 74 persen dari target.", []),
        ("Dari nilai 15 unit layanan yang dinilai, kenaikan nilai 12 tercatat.", []),
        ("Penilaian 2023 mencakup 40 OPD.", []),
    ],
)
def test_whole_number_is_a_score_only_right_after_a_score_word(text: str, expected: list[float]) -> None:
    """Older and shorter reports print whole scores ("skor 74"); a whole number is a score only
    right after "skor"/"nilai", and never a decade ("80-an"), a percentage, a count or a change."""
    assert [n.value for n in score_candidates(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kenaikan dari 2021 ke 2022 mencapai 12,30 menurut Ombudsman.",
        '"Kenaikan dari tahun 2021 ke 2022 cukup berarti, yakni mencapai 12.30," ujarnya.',
        "Selisih antara tahun 2019 dan tahun 2020 untuk kabupaten ini adalah sebesar 4,75.",
    ],
)
def test_change_without_points_is_not_a_score(text: str) -> None:
    """A number that a change noun ("kenaikan", "selisih") introduces, across the years it
    compares and a remark, states a change, not a score."""
    assert score_candidates(text) == []


def test_name_inside_a_relative_clause_does_not_own_the_score(engine: RulesEngine) -> None:
    """'Kota A, yang berada dua peringkat di bawah Kota B, memperoleh nilai 61,20': the clause
    between commas is about A, so the number is A's, not B's."""
    text = (
        "Hasil Penilaian Kepatuhan di Sulawesi Contoh\n\n"
        "Ombudsman menyerahkan hasil penilaian kepatuhan tahun 2019. Pemkot Contoh memperoleh nilai 70,10. "
        "Sementara Pemkot Lain, yang berada dua peringkat di bawah Pemkot Contoh, "
        "hanya memperoleh nilai 61,20."
    )
    extraction = run(engine, text)
    assert extraction.score == 70.10
    assert [r.value for r in extraction.runner_ups] == []


def test_stated_changes_are_signed() -> None:
    """'naik 2,10 poin' is +2.10 and 'turun 0,75 poin' is -0.75."""
    assert stated_changes("Nilainya naik 2,10 poin, tahun lalu turun 0,75 poin.") == [2.10, -0.75]


def test_possessive_score_belongs_to_the_sentence_before_s_topic(engine: RulesEngine) -> None:
    """'Skornya 83,70.' after a sentence about Kabupaten Tegal that also names its province is
    Tegal's score, not the province's."""
    text = (
        "Ombudsman Umumkan Hasil Penilaian Kepatuhan 2023\n\n"
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan tahun 2023. "
        "Kabupaten Tegal berada di urutan kedua dari pemda di Provinsi Jawa Tengah. Skornya 83,70."
    )
    result = run(engine, text)
    assert result.subject is not None and result.subject.name == "Kabupaten Tegal"
    assert result.score == 83.70


def test_from_to_pair_gives_the_earlier_year(engine: RulesEngine) -> None:
    """'dari nilai 70,10 menjadi 75,35' in a 2023 clause: 75,35 is 2023's score and 70,10 the
    previous year's."""
    text = (
        "Kota Madiun Naik Peringkat\n\n"
        "Pada penilaian kepatuhan Ombudsman tahun 2023, Kota Madiun naik dari nilai 70,10 menjadi 75,35."
    )
    result = run(engine, text)
    assert result.assessment_year == 2023
    assert result.score == 75.35
    assert [(p.year, p.score) for p in result.previous] == [(2022, 70.10)]


def test_printed_twice_the_stated_change_decides(engine: RulesEngine) -> None:
    """A headline '86,40' and a body '86,45' for one score: 'naik 2,00 poin' from 84,40 makes it 86,40."""
    text = (
        "Kota Madiun Raih Nilai 86,40\n\n"
        "Pada penilaian kepatuhan Ombudsman tahun 2023, Kota Madiun naik 2,00 poin dibanding tahun "
        "sebelumnya, dari nilai 84,40 menjadi 86,45."
    )
    result = run(engine, text)
    assert result.score == 86.40
    assert [(p.year, p.score) for p in result.previous] == [(2022, 84.40)]


def test_future_round_is_not_the_assessment_year(engine: RulesEngine) -> None:
    """'untuk penilaian tahun 2026' is the next round: the year assessed is 2025."""
    text = (
        "Ombudsman Serahkan Hasil Penilaian\n\n"
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan tahun 2025 kepada Kabupaten Sleman dengan "
        "nilai 80,12. Hasil itu menjadi bahan perbaikan untuk penilaian tahun 2026."
    )
    assert run(engine, text).assessment_year == 2025


def test_law_year_is_not_the_assessment_year(engine: RulesEngine) -> None:
    """'Peraturan Nomor 12 Tahun 2024' names a law's year, not the assessment's."""
    text = (
        "Hasil Penilaian Kepatuhan\n\n"
        "Ombudsman menilai kepatuhan Kabupaten Sleman pada 2023 berdasarkan Peraturan Nomor 12 Tahun 2024 "
        "tentang pelayanan publik."
    )
    assert run(engine, text).assessment_year == 2023


def test_label_handed_over_before_the_subject(engine: RulesEngine) -> None:
    """'Predikat zona hijau ... diraih Kabupaten Sleman': the zone stated before the subject."""
    text = (
        "Penghargaan Ombudsman\n\n"
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan tahun 2023. "
        "Predikat zona hijau dari Ombudsman RI diraih Kabupaten Sleman."
    )
    assert run(engine, text).zone == Zone.hijau


def test_other_index_category_is_not_the_grade(engine: RulesEngine) -> None:
    """'indeks reformasi birokrasi kategori A dari Kemenpan RB' is not the Ombudsman grade; the
    'kategori kepatuhan tertinggi' in the same sentence is."""
    text = (
        "Penghargaan Ombudsman\n\n"
        "Pada penilaian Ombudsman tahun 2023, Kabupaten Sleman meraih indeks reformasi birokrasi kategori A "
        "dari Kemenpan RB. Kabupaten Sleman juga mendapatkan kategori kepatuhan tinggi dari Ombudsman RI."
    )
    assert run(engine, text).grade == Grade.tinggi


def test_old_compliance_category_is_a_zone(engine: RulesEngine) -> None:
    """Before 2022 'kategori kepatuhan sedang' is zona kuning, and no grade."""
    text = (
        "Hasil Survei Kepatuhan 2019\n\n"
        "Dalam survei kepatuhan Ombudsman tahun 2019, Kabupaten Sleman masuk kategori kepatuhan sedang."
    )
    result = run(engine, text)
    assert result.zone == Zone.kuning
    assert result.grade is None


def test_perception_survey_alone_gives_no_result(engine: RulesEngine) -> None:
    """An article on the maladministration-perception survey only ('rapor kuning' there is
    colloquial) gets no compliance score, zone or year."""
    text = (
        "Rapor Kuning untuk Kota Serang\n\n"
        "Ombudsman RI menyebut nilai persepsi maladministrasi Kota Serang tahun 2019 masih rapor kuning, "
        "yaitu 4,50 dalam skala satu sampai enam."
    )
    result = run(engine, text)
    assert result.score is None
    assert result.zone is None
    assert result.assessment_year is None


def test_a_close_runner_up_is_reported_and_flagged(engine: RulesEngine) -> None:
    """Two scores of the subject, each with a score cue in the body: the engine keeps one and
    reports the other as a runner-up with its quote; the ``close_call`` check asks a person."""
    text = (
        "Ombudsman Serahkan Hasil Penilaian Kepatuhan 2023\n\n"
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan tahun 2023 kepada Pemkab Contoh. "
        "Pemkab Contoh memperoleh nilai 80,10. "
        "Dalam paparan lain, Pemkab Contoh disebut memperoleh nilai 84,50."
    )
    result = engine.extract(text)
    extraction = ground(result.draft, text, result.runner_ups)
    assert [(r.field, r.value, r.behind) for r in extraction.runner_ups] == [("score", "84.50", 0)]
    quote = extraction.evidence["runner_ups[0]"]
    assert quote.aligned and quote.quote.endswith("84,50")
    flags = [f for f in check_extraction(extraction, text) if f.code == "close_call"]
    assert len(flags) == 1 and flags[0].field == "score"
    assert "84,50" in flags[0].message and "80,10" in flags[0].message
    assert Span(start=quote.start, end=quote.end) in flags[0].evidence  # type: ignore[arg-type]


def test_a_clear_winner_reports_no_runner_up(engine: RulesEngine) -> None:
    """A score with a cue beats another number of the subject printed bare by more than a point:
    the engine keeps the first and reports no close call."""
    text = (
        "Ombudsman Serahkan Hasil Penilaian Kepatuhan 2023\n\n"
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan tahun 2023 kepada Pemkab Contoh. "
        "Pemkab Contoh memperoleh nilai 80,10. Di papan pengumuman tertulis Pemkab Contoh 84,50."
    )
    result = engine.extract(text)
    assert result.draft.score == 80.10
    assert result.runner_ups == []


@pytest.mark.parametrize(
    ("text", "zone", "grade"),
    [
        (
            "Ombudsman Serahkan Piagam Predikat Kepatuhan Tinggi 2019 kepada 5 Polres Polda Maluku\n\n"
            "Ambon - Ombudsman RI Perwakilan Maluku menyerahkan piagam hasil survei kepatuhan tahun 2019 "
            "kepada lima Polres. Kelimanya dinilai patuh.",
            Zone.hijau,
            None,
        ),
        (
            "Opini Ombudsman 2025: Tiga Kementerian Raih Opini Kualitas Tinggi Tanpa Maladministrasi\n\n"
            "Jakarta - Ombudsman RI menyampaikan hasil Opini Pengawasan Penyelenggaraan Pelayanan Publik "
            "tahun 2025. Tiga kementerian meraih opini tersebut.",
            None,
            Grade.tinggi,
        ),
    ],
)
def test_a_round_up_headline_gives_its_label_to_the_whole_group(
    engine: RulesEngine, text: str, zone: Zone | None, grade: Grade | None
) -> None:
    """'Piagam Predikat Kepatuhan Tinggi ... kepada 5 Polres' (before 2022: a zone) and 'Tiga
    Kementerian Raih Opini Kualitas Tinggi' give the label to the group the headline names."""
    extraction = run(engine, text)
    assert extraction.subject is not None and extraction.subject.kind.value == "other"
    assert (extraction.zone, extraction.grade) == (zone, grade)
    assert extraction.score is None


# A label the clause denies is no one's result ("tidak ada lagi ... zona merah", "belum masuk zona
# hijau", "keluar dari zona merah"); what the clause goes on to affirm still is.

_DENIAL_LEAD = "Pemkab Kediri Terima Hasil Penilaian Ombudsman\n\nKEDIRI - Pemkab Kediri meraih nilai 82,30 "


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Tidak Ada Lagi Zona Merah di Kabupaten Kediri\n\nKEDIRI - Pemkab Kediri meraih nilai 82,30 pada "
         "Penilaian Kepatuhan Ombudsman RI 2023. Tidak ada lagi OPD yang berada di zona merah.\n", None),
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023, namun belum masuk zona hijau.\n", None),
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023 dan keluar dari zona merah.\n", None),
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023, keluar dari zona merah dan naik ke zona "
         "kuning.\n", Zone.kuning),
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023, tidak hanya masuk zona hijau tetapi "
         "juga kategori A.\n", Zone.hijau),
        (_DENIAL_LEAD + "pada penilaian 2023, namun belum masuk ke zona hijau.\n", None),
        (_DENIAL_LEAD + "pada penilaian 2023 dan tidak lagi menjadi zona merah.\n", None),
        (_DENIAL_LEAD + "pada penilaian 2023, keluar dari zona merah ke zona kuning.\n", Zone.kuning),
        # openers that deny nothing
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023. Tidak heran jika Pemkab Kediri kembali "
         "masuk zona hijau.\n", Zone.hijau),
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023. Bukan kali pertama Pemkab Kediri masuk "
         "zona hijau.\n", Zone.hijau),
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023. Belum lama ini Pemkab Kediri juga masuk "
         "zona hijau.\n", Zone.hijau),
        (_DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023, tidak  hanya masuk zona hijau tetapi "
         "juga kategori A.\n", Zone.hijau),
    ],
)  # fmt: skip
def test_a_denied_zone_is_not_the_subjects(engine: RulesEngine, text: str, zone: Zone | None) -> None:
    assert run(engine, text).zone == zone


def test_a_denied_zone_is_not_an_other_results() -> None:
    text = (
        _DENIAL_LEAD + "pada Penilaian Kepatuhan Ombudsman RI 2023 dan masuk zona hijau. "
        "Kabupaten Blitar dan Kabupaten Tulungagung tidak lagi berada di zona merah.\n"
    )
    others = grounded(RulesEngine(), text, "others").others
    assert [(o.subject.name, o.zone) for o in others if o.zone is not None] == []


def test_scores_given_respectively_are_each_names_own(engine: RulesEngine) -> None:
    """ "A dan B masing-masing memperoleh nilai X dan Y": the subject's score is its own rank's, and
    the other name keeps the other score as an other result."""
    text = (
        "Pemkab Kediri Raih Zona Hijau\n\nKEDIRI - Dalam Penilaian Kepatuhan Ombudsman RI tahun 2023, "
        "Kota Blitar dan Kabupaten Kediri masing-masing memperoleh nilai 88,40 dan 85,12.\n"
    )
    record = run(engine, text)
    assert record.score == 85.12
    assert [(o.subject.name, o.score) for o in record.others] == [("Kota Blitar", 88.4)]


def test_the_subjects_past_zone_gives_way_to_the_present_one(engine: RulesEngine) -> None:
    text = (
        "Pemkab Kediri Terima Hasil Penilaian Ombudsman\n\nKEDIRI - Pemkab Kediri yang tahun lalu berada "
        "di zona kuning kini naik ke zona hijau dengan nilai 82,30 dalam Penilaian Kepatuhan Ombudsman RI "
        "tahun 2023.\n"
    )
    assert run(engine, text).zone == Zone.hijau


@pytest.mark.parametrize(
    "text",
    [
        "Pemkot Malang Targetkan Zona Hijau\n\nMALANG - Pemkot Malang meraih nilai 80,20 pada Penilaian "
        "Kepatuhan Ombudsman RI tahun 2023 dan menargetkan masuk zona hijau pada penilaian berikutnya.\n",
        "Pemkot Malang Raih Nilai 80,20\n\nMALANG - Pemkot Malang meraih nilai 80,20 pada Penilaian "
        'Kepatuhan Ombudsman RI tahun 2023. "Tahun depan kita diharapkan meraih kategori A," katanya.\n',
    ],
)
def test_a_label_the_article_only_aims_at_is_not_the_subjects(engine: RulesEngine, text: str) -> None:
    """ "menargetkan masuk zona hijau", "diharapkan meraih kategori A": a target, not a result."""
    record = run(engine, text)
    assert (record.score, record.zone, record.grade) == (80.2, None, None)


@pytest.mark.parametrize(
    "clause",
    [
        "yang bertetangga dengan Kota Tegal",
        "yang berbatasan langsung dengan Kota Tegal",
        "yang dimekarkan dari Kota Tegal",
    ],
)
def test_a_name_tied_to_the_head_by_a_clause_without_commas_does_not_own_its_score(
    engine: RulesEngine, clause: str
) -> None:
    """'Kabupaten X yang bertetangga dengan Kota Y memperoleh nilai 84,33': the number is X's."""
    text = (
        "Pemkab Tegal Raih Nilai Tinggi\n\nSLAWI - Kabupaten Tegal "
        + clause
        + " memperoleh nilai 84,33 dalam Penilaian Kepatuhan Ombudsman RI tahun 2023.\n"
    )
    extraction = run(engine, text)
    assert extraction.subject is not None and extraction.subject.name == "Kabupaten Tegal"
    assert extraction.score == 84.33


@pytest.mark.parametrize(
    ("sentence", "zone"),
    [
        (
            "pada penilaian kepatuhan Ombudsman tahun 2021 memperoleh predikat kepatuhan tinggi "
            "dengan nilai 85,67",
            "hijau",
        ),
        (
            "pada penilaian kepatuhan Ombudsman tahun 2020 mendapat predikat kepatuhan sedang "
            "dengan nilai 65,20",
            "kuning",
        ),
    ],
)
def test_an_old_rounds_predikat_before_its_score_is_the_zone(
    engine: RulesEngine, sentence: str, zone: str
) -> None:
    """Before 2022 'predikat kepatuhan tinggi/sedang' is the zone (domain notes), read with the
    year printed in the score's own clause, even when the label stands before the number."""
    text = f"Klaten Naik Kelas\n\nKLATEN - Pemkab Klaten {sentence}.\n"
    record = ground(engine.extract(text).draft, text)
    assert (record.zone, record.grade) == (Zone(zone), None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Pemkab Klaten meraih nilai 88,12, naik dari 80,10 pada 2022.",
        "Pemkab Klaten meraih nilai 88,12 atau meningkat dibanding tahun sebelumnya yang 80,10.",
        "Pemkab Klaten meraih skor 88,12, turun dari 90,10 pada 2022.",
    ],
)
def test_a_score_then_the_one_it_rose_or_fell_from_keeps_the_first(
    engine: RulesEngine, sentence: str
) -> None:
    """'88,12, naik dari 80,10': the number after 'naik dari' is the earlier result (previous),
    the one before it the assessment's."""
    text = (
        "Klaten Raih Zona Hijau\n\nKLATEN - Ombudsman RI menyerahkan hasil penilaian kepatuhan tahun "
        f"2023. {sentence}\n"
    )
    record = ground(engine.extract(text).draft, text)
    assert (record.score, record.assessment_year) == (88.12, 2023)
    assert [p.year for p in record.previous] == [2022]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hasil penilaian kepatuhan Ombudsman RI 2023 diserahkan pada 2024. Pemkab Klaten meraih nilai 88,12.",
        "Penilaian kepatuhan Ombudsman tahun 2023 itu diumumkan pada tahun 2024; Pemkab Klaten meraih 88,12.",
    ],
)
def test_the_year_results_are_handed_over_is_not_the_year_assessed(
    engine: RulesEngine, sentence: str
) -> None:
    """'diserahkan pada 2024', 'diumumkan pada tahun 2024': the handover's year, not the round's."""
    text = f"Klaten Raih Zona Hijau\n\nKLATEN - {sentence}\n"
    record = ground(engine.extract(text).draft, text)
    assert (record.score, record.assessment_year) == (88.12, 2023)


def test_a_groups_average_is_not_the_subjects_score(engine: RulesEngine) -> None:
    """'Rata-rata nilai pemda 80,10' is the average of the province's pemda, not the province's
    own score; a pemda's own score called its average ('nilai rata-rata 90,15') stays its own."""
    group = (
        "Penyerahan Hasil Penilaian Kepatuhan 2024\n\nBANDA ACEH - Ombudsman RI Aceh menyerahkan hasil "
        "penilaian kepatuhan kepada pemerintah kabupaten/kota di Aceh. Rata-rata nilai pemda 80,10.\n"
    )
    assert ground(engine.extract(group).draft, group).score is None
    own = (
        "Tulungagung Raih Zona Hijau\n\nTULUNGAGUNG - Dalam penilaian kepatuhan Ombudsman RI tahun 2023, "
        "Kabupaten Tulungagung memperoleh nilai rata-rata 90,15.\n"
    )
    assert ground(engine.extract(own).draft, own).score == 90.15


def test_another_subjects_zone_is_not_the_subjects_sole_label(engine: RulesEngine) -> None:
    """The article's only zone word belongs to another's score ('Kabupaten Mentawai terendah dengan
    60,45 dan masuk zona kuning'): the subject, whose own clause says none, gets no zone."""
    text = (
        "Kepala Daerah Diminta Tindaklanjuti Hasil Penilaian Ombudsman\n\nPADANG - Gubernur Sumatera "
        "Barat Mahyeldi meminta bupati menindaklanjuti hasil penilaian kepatuhan Ombudsman RI tahun "
        "2023. Provinsi Sumatera Barat sendiri memperoleh nilai 89,90.\n\nMenurut Kepala Ombudsman "
        "Sumbar Adel Wahidi, Kota Padang Panjang meraih nilai tertinggi 95,12, sementara Kabupaten "
        "Mentawai terendah dengan 60,45 dan masuk zona kuning.\n"
    )
    record = ground(engine.extract(text).draft, text)
    assert (record.score, record.zone) == (89.9, None)
    assert {o.subject.name: o.zone for o in record.others}["Kabupaten Kepulauan Mentawai"] == Zone.kuning


def test_a_zone_in_a_sentence_naming_the_subject_stays_its_own(engine: RulesEngine) -> None:
    """'Kota Bitung berada di urutan kedua di Sulawesi Utara dengan nilai 91,30, masuk Zona Hijau':
    the number's last name before it is the province (a place), but the sentence is Bitung's, and so
    is its zone."""
    text = (
        "Pemkot Bitung Raih Urutan Kedua\n\nBITUNG - Pemkot Bitung meraih nilai 91,30 dalam penilaian "
        "kepatuhan Ombudsman RI 2024. Kota Bitung berada di urutan kedua di Sulawesi Utara dengan nilai "
        "91,30, yang masuk kategori Zona Hijau.\n"
    )
    record = ground(engine.extract(text).draft, text)
    assert (record.score, record.zone) == (91.3, Zone.hijau)
