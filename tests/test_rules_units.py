"""The rules engine's assessed units (extractor/rules/_units.py), one way of writing them per
test, on short articles written for these tests: lists of units without scores (prose, bullets),
units with scores in prose and on lines, names written in full, and what is not a unit list."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from extractor.rules import RulesEngine
from schemas.record import Extraction
from schemas.values import Zone
from tests.ruleskit import grounded

LEAD = (
    "Pemkab Bandung Raih Zona Hijau dari Ombudsman\n\n"
    "SOREANG - Pemerintah Kabupaten Bandung meraih nilai 85,40 dalam Penilaian Kepatuhan "
    "Penyelenggaraan Pelayanan Publik Ombudsman RI tahun 2023 dan masuk zona hijau.\n\n"
)


@pytest.fixture(scope="module")
def engine() -> RulesEngine:
    return RulesEngine()


def run(engine: RulesEngine, text: str) -> Extraction:
    return grounded(engine, text, "units")


def units(engine: RulesEngine, text: str) -> list[tuple[str, float | None]]:
    return [(u.name, u.score) for u in run(engine, text).units]


def test_a_prose_list_after_terhadap_gives_every_unit_without_a_score(engine: RulesEngine) -> None:
    """'Penilaian dilakukan terhadap A, B, C serta D': each listed unit, score None; two
    Puskesmas joined by 'dan' are two units."""
    text = LEAD + (
        "Penilaian dilakukan terhadap Dinas Pendidikan, Dinas Sosial, Dinas Kependudukan dan "
        "Pencatatan Sipil, DPMPTSP serta Puskesmas Cicalengka dan Puskesmas Banjaran.\n"
    )
    assert units(engine, text) == [
        ("Dinas Pendidikan", None),
        ("Dinas Sosial", None),
        ("Dinas Kependudukan dan Pencatatan Sipil", None),
        ("DPMPTSP", None),
        ("Puskesmas Cicalengka", None),
        ("Puskesmas Banjaran", None),
    ]


def test_loci_named_after_lokus_penilaian_are_units(engine: RulesEngine) -> None:
    """'dengan lokus penilaian di A, B serta C': the loci are the assessed units, names with the
    region as written."""
    text = LEAD + (
        "Capaian itu diraih dengan lokus penilaian di Dinas Sosial Kabupaten Bandung, Dinas Kesehatan "
        "Kabupaten Bandung serta Puskesmas Margahayu.\n"
    )
    assert units(engine, text) == [
        ("Dinas Sosial Kabupaten Bandung", None),
        ("Dinas Kesehatan Kabupaten Bandung", None),
        ("Puskesmas Margahayu", None),
    ]


def test_a_bulleted_list_gives_units_and_only_their_own_labels(engine: RulesEngine) -> None:
    """Bullets under an intro line: each line is a unit; a zone in its own bracket is kept, the
    other lines get none (the subject's 'zona hijau' is not theirs)."""
    text = LEAD + (
        "Unit layanan yang dinilai tahun ini:\n"
        "- Dinas Penanaman Modal dan Perizinan terpadu satu pintu\n"
        "- Dinas Kesehatan (zona hijau)\n"
        "- Puskesmas Pangalengan\n"
    )
    got = run(engine, text).units
    assert [(u.name, u.score, u.zone) for u in got] == [
        ("Dinas Penanaman Modal dan Perizinan terpadu satu pintu", None, None),
        ("Dinas Kesehatan", None, Zone.hijau),
        ("Puskesmas Pangalengan", None, None),
    ]


def test_numbered_lines_with_scores_are_units_with_their_scores(engine: RulesEngine) -> None:
    """'1. Dinas Sosial: 86,20' one a line: each line's own score."""
    text = (
        LEAD
        + "Rincian nilai unit layanan:\n1. Dinas Sosial: 86,20\n2. Disdik: 81,05\n3. RSUD Majalaya: 79,90\n"
    )
    assert units(engine, text) == [("Dinas Sosial", 86.2), ("Disdik", 81.05), ("RSUD Majalaya", 79.9)]


def test_offices_in_prose_with_scores_are_the_kanwil_units(engine: RulesEngine) -> None:
    """'Kantah X dengan nilai 89.29, Kantah Y dengan nilai 88.78' in an article on a Kanwil: the
    Kantah offices are its units, each with its own score."""
    text = (
        "Kanwil BPN Lampung Raih Zona Hijau\n\n"
        "BANDAR LAMPUNG - Kantor Wilayah BPN Provinsi Lampung meraih nilai 86,10 dalam Penilaian "
        "Kepatuhan Ombudsman RI tahun 2023. Di bawahnya, Kantah Lampung Selatan dengan nilai 89.29, "
        "Kantah Way Kanan dengan nilai 88.78, dan Kantah Tulang Bawang dengan nilai 80.02.\n"
    )
    assert units(engine, text) == [
        ("Kantah Lampung Selatan", 89.29),
        ("Kantah Way Kanan", 88.78),
        ("Kantah Tulang Bawang", 80.02),
    ]


def test_a_name_the_press_finishes_in_lower_case_is_kept_whole(engine: RulesEngine) -> None:
    """'Dinas Penanaman Modal dan Perizinan terpadu satu pintu dengan nilai 86,10': the name is
    not cut at the first lower-case word (the lexicon's long form finishes it)."""
    text = LEAD + (
        "Nilai tertinggi diraih Dinas Penanaman Modal dan Perizinan terpadu satu pintu dengan nilai "
        "90,12 dan Dinas Sosial dengan nilai 84,55.\n"
    )
    assert units(engine, text) == [
        ("Dinas Penanaman Modal dan Perizinan terpadu satu pintu", 90.12),
        ("Dinas Sosial", 84.55),
    ]


def test_the_fullest_name_with_its_abbreviation_and_region_is_kept(engine: RulesEngine) -> None:
    """A unit named once as 'Long (ABBR) Kabupaten X' and later by its long form with a score:
    the name is the full form as written."""
    text = LEAD + (
        "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Bandung menjadi yang "
        "terbaik.\n\nRinciannya, Dinas Kependudukan dan Pencatatan Sipil dengan nilai 92,40 dan "
        "Dinas Sosial dengan nilai 83,10.\n"
    )
    assert units(engine, text)[0] == (
        "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Bandung",
        92.4,
    )


def test_a_short_form_with_the_subjects_bare_place_is_the_short_form(engine: RulesEngine) -> None:
    """'Dukcapil Bandung memperoleh 90,05' on Kabupaten Bandung: the place locates the unit; a
    Kepala's title ('Kepala Dinas Sosial Kabupaten Bandung') does not name the unit."""
    text = LEAD + (
        "Dukcapil Bandung memperoleh nilai 90,05, sementara Dinas Sosial memperoleh 82,15.\n\n"
        "Kepala Dinas Sosial Kabupaten Bandung, Asep Mulyana, bersyukur atas capaian itu.\n"
    )
    assert units(engine, text) == [("Dukcapil", 90.05), ("Dinas Sosial", 82.15)]


def test_the_subjects_zone_is_not_given_to_a_unit_after_it(engine: RulesEngine) -> None:
    """'Kabupaten X zona hijau dengan nilai 85,40, sementara Dinas Sosial 80,10': the zone is the
    subject's; the unit has none stated."""
    text = (
        "Ombudsman Umumkan Hasil Penilaian\n\n"
        "Pemerintah Kabupaten Bandung masuk zona hijau dengan nilai 85,40 pada penilaian Ombudsman RI "
        "tahun 2023, sementara Dinas Sosial meraih 80,10.\n"
    )
    got = run(engine, text).units
    assert [(u.name, u.score, u.zone, u.grade) for u in got] == [("Dinas Sosial", 80.1, None, None)]


def test_zones_said_of_listed_units_in_a_later_sentence(engine: RulesEngine) -> None:
    """A list without scores, then 'Disdik berada di zona merah, sementara dua dinas lainnya di zona
    hijau': the named unit gets merah, the rest of the list hijau."""
    text = LEAD + (
        "Penilaian dilakukan terhadap tiga OPD, yaitu Dinas Sosial, Dinas Kesehatan, dan Dinas "
        "Pendidikan (Disdik).\n\nDisdik berada di zona merah, sementara dua dinas lainnya di zona hijau.\n"
    )
    got = run(engine, text).units
    assert [(u.name, u.zone) for u in got] == [
        ("Dinas Sosial", Zone.hijau),
        ("Dinas Kesehatan", Zone.hijau),
        ("Dinas Pendidikan (Disdik)", Zone.merah),
    ]


def test_a_list_of_officials_is_not_a_unit_list(engine: RulesEngine) -> None:
    """'antara lain Kepala Dinas Sosial X, Kepala Dinas Kesehatan Y': people with titles, no units."""
    text = LEAD + (
        "Penyerahan hasil penilaian disaksikan antara lain Kepala Dinas Sosial Ujang Sopandi, "
        "Kepala Dinas Kesehatan Rina Kurnia dan Kepala DPMPTSP Dede Rahmat.\n"
    )
    assert units(engine, text) == []


def test_a_list_of_regions_is_not_a_unit_list(engine: RulesEngine) -> None:
    """'meliputi Kota Bandung, Kabupaten Garut dan Kota Cimahi': regions, not units."""
    text = LEAD + "Penilaian di Jawa Barat meliputi Kota Bandung, Kabupaten Garut dan Kota Cimahi.\n"
    assert units(engine, text) == []


def test_a_host_and_a_complaint_channel_are_not_assessed_units(engine: RulesEngine) -> None:
    """The handover 'bertempat di Aula Dinas Komunikasi' and complaints 'disampaikan melalui
    unit layanan, yaitu Dinas Sosial dan DPMPTSP' name no assessed unit, even next to a score."""
    text = LEAD + (
        "Penyerahan bertempat di Aula Dinas Komunikasi dan Informatika, dengan nilai 85,40 diumumkan.\n\n"
        "Pengaduan warga dapat disampaikan ke unit layanan, yaitu Dinas Sosial dan DPMPTSP.\n"
    )
    assert units(engine, text) == []


def test_loci_of_an_assessment_still_to_come_are_not_units(engine: RulesEngine) -> None:
    """An announcement with no result ('akan dinilai', no score): its listed loci are plans."""
    text = (
        "Ombudsman Sosialisasikan Penilaian 2025\n\n"
        "GARUT - Ombudsman RI Perwakilan Jawa Barat menggelar sosialisasi penilaian kepada Pemerintah "
        "Kabupaten Garut. Hasilnya akan diumumkan akhir tahun.\n\n"
        "Lokus penilaian tahun ini meliputi Dinas Sosial, Dinas Kesehatan dan DPMPTSP.\n"
    )
    assert units(engine, text) == []


def test_the_unit_kinds_lexicon_says_where_each_group_comes_from() -> None:
    """Every group of extractor/data/unit_kinds.json has a source, a category and kinds with a
    long form; the file ships as package data."""
    data = json.loads(resources.files("extractor").joinpath("data/unit_kinds.json").read_text("utf-8"))
    assert data["groups"]
    for group in data["groups"]:
        assert group["source"].strip() and group["category"] in {"unit", "office"}
        assert all(kind["long"] for kind in group["kinds"])


def test_a_bulleted_unit_takes_the_score_in_brackets_on_its_line(engine: RulesEngine) -> None:
    text = LEAD + (
        "Unit yang dinilai:\n• Dinas Kesehatan (88,10)\n• Dinas Sosial (82,30)\n• DPMPTSP (90,45)\n"
    )
    assert units(engine, text) == [("Dinas Kesehatan", 88.1), ("Dinas Sosial", 82.3), ("DPMPTSP", 90.45)]


@pytest.mark.parametrize(
    "clause",
    [
        "Hasilnya, nilai 87,50 untuk Dinas Sosial, 80,20 untuk Dinas Kesehatan dan 79,10 untuk "
        "Puskesmas Soreang.",
        "Skor 87,50 bagi Dinas Sosial, 80,20 bagi Dinas Kesehatan, serta 79,10 bagi Puskesmas Soreang.",
        "Nilai 87,50 diraih Dinas Sosial, 80,20 diraih Dinas Kesehatan dan 79,10 diraih Puskesmas Soreang.",
    ],
)
def test_a_score_written_before_its_unit_is_that_units(engine: RulesEngine, clause: str) -> None:
    """'nilai 87,50 untuk Dinas Sosial, 80,20 untuk ...': the name after the number and its 'untuk'
    or 'bagi' owns it, not the name before (which made each unit take the next one's score)."""
    record = run(engine, LEAD + clause + "\n")
    assert [(u.name, u.score) for u in record.units] == [
        ("Dinas Sosial", 87.5),
        ("Dinas Kesehatan", 80.2),
        ("Puskesmas Soreang", 79.1),
    ]
    assert record.score == 85.4  # the subject's own score is untouched
    for i, unit in enumerate(record.units):  # each quote holds its own name and number
        quote = record.evidence[f"units[{i}]"].quote
        assert unit.name in quote and f"{unit.score:.2f}".replace(".", ",") in quote


def test_a_year_after_untuk_is_no_owner(engine: RulesEngine) -> None:
    """'nilai 85,40 untuk tahun 2023': a year, not a name, follows; the score stays the subject's."""
    text = (
        "Pemkab Bandung Raih Zona Hijau\n\nSOREANG - Ombudsman RI memberi Pemerintah Kabupaten Bandung "
        "nilai 85,40 untuk tahun 2023, masuk zona hijau.\n"
    )
    record = run(engine, text)
    assert (record.score, record.assessment_year, record.units) == (85.4, 2023, [])
