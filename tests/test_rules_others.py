"""The rules engine's other subjects' results (extractor/rules/_others.py), one phrasing family
per test, on short articles written for these tests: scores in a round-up, lists of names per
zone (label before the list, label after it), bare names after "yakni", and what is not an
other result (the subject itself, a count, a group's average)."""

from __future__ import annotations

import pytest

from extractor.rules import RulesEngine
from schemas.record import Extraction
from tests.ruleskit import grounded, others

LEAD = (
    "Pemkab Garut Raih Zona Hijau dari Ombudsman\n\n"
    "GARUT - Pemerintah Kabupaten Garut meraih nilai 86,40 dalam Penilaian Kepatuhan "
    "Penyelenggaraan Pelayanan Publik Ombudsman RI tahun 2023 dan masuk zona hijau.\n\n"
)


@pytest.fixture(scope="module")
def engine() -> RulesEngine:
    return RulesEngine()


def run(engine: RulesEngine, text: str) -> Extraction:
    return grounded(engine, text, "others")


def test_scores_of_other_regions_in_prose_are_their_results_with_the_article_year(
    engine: RulesEngine,
) -> None:
    text = LEAD + (
        "Di Jawa Barat, Pemkab Garut berada di bawah Pemkab Sumedang dengan nilai 91,12 dan "
        "Pemkot Bandung meraih nilai 89,05.\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Sumedang"] == (2023, 91.12, None, None)
    assert got["Kota Bandung"] == (2023, 89.05, None, None)


def test_the_main_subject_is_never_among_the_others(engine: RulesEngine) -> None:
    text = LEAD + "Pemkot Bandung dengan nilai 89,05 berada di urutan berikutnya.\n"
    got = others(engine, text)
    assert "Kabupaten Garut" not in got
    assert set(got) == {"Kota Bandung"}


def test_labels_around_another_regions_score_are_its_own(engine: RulesEngine) -> None:
    text = LEAD + "Sementara Kabupaten Cianjur dengan nilai 70,15 masuk zona kuning kategori C.\n"
    assert others(engine, text)["Kabupaten Cianjur"] == (2023, 70.15, "kuning", "sedang")


def test_a_zone_before_a_list_after_an_opener_goes_to_each_name(engine: RulesEngine) -> None:
    text = LEAD + (
        "Dari penilaian itu, pemda yang masuk zona kuning yakni Kabupaten Cianjur, Kabupaten Karawang "
        "dan Kota Depok.\n"
    )
    got = others(engine, text)
    assert {name: got[name][2] for name in got} == {
        "Kabupaten Cianjur": "kuning",
        "Kabupaten Karawang": "kuning",
        "Kota Depok": "kuning",
    }


def test_bare_names_after_yakni_are_regions_of_the_list(engine: RulesEngine) -> None:
    text = LEAD + "Adapun daerah di Jawa Barat yang berada di zona merah, yakni Karawang dan Kota Depok.\n"
    got = others(engine, text)
    assert got.get("Kabupaten Karawang", (None, None, None, None))[2] == "merah"
    assert got["Kota Depok"][2] == "merah"
    assert "Provinsi Jawa Barat" not in got  # the place of the others, not one of them


def test_a_list_followed_by_masuk_zona_gets_that_zone(engine: RulesEngine) -> None:
    text = LEAD + "Kabupaten Cianjur dan Kabupaten Karawang masuk zona kuning.\n"
    got = others(engine, text)
    assert got["Kabupaten Cianjur"][2] == "kuning"
    assert got["Kabupaten Karawang"][2] == "kuning"


def test_ministries_in_a_roundup_get_the_grade_that_opens_the_list(engine: RulesEngine) -> None:
    text = (
        "Kemenkes Raih Opini Kualitas Tertinggi\n\n"
        "JAKARTA - Kementerian Kesehatan meraih Opini Kualitas Tertinggi dari Ombudsman RI pada "
        "penilaian tahun 2025.\n\n"
        "Selain itu, yang memperoleh Opini Kualitas Tertinggi adalah Kementerian Agama dan "
        "Kementerian Perhubungan.\n"
    )
    got = others(engine, text)
    assert got["Kementerian Agama"][3] == "tertinggi"
    assert got["Kementerian Perhubungan"][3] == "tertinggi"
    assert "Kementerian Kesehatan" not in got


def test_a_count_names_no_subject_and_gives_no_other(engine: RulesEngine) -> None:
    text = LEAD + "Secara nasional, 34 kota dan 120 kabupaten berada di zona hijau.\n"
    assert others(engine, text) == {}


def test_a_group_average_is_not_the_result_of_the_province_named(engine: RulesEngine) -> None:
    text = LEAD + "Untuk Jawa Barat, nilai rata-rata pemda di tahun 2023 adalah 84,10.\n"
    assert "Provinsi Jawa Barat" not in others(engine, text)


def test_a_plan_with_a_zone_is_not_a_result(engine: RulesEngine) -> None:
    text = LEAD + "Tahun depan Kabupaten Cianjur dan Kota Depok diharapkan masuk zona hijau.\n"
    assert others(engine, text) == {}


def test_bracketed_scores_in_a_list_go_to_the_names_before_them(engine: RulesEngine) -> None:
    text = LEAD + (
        "Tiga besar kabupaten adalah Pemkab Klaten, Jawa Tengah (96,11), Pemkab Tabanan, Bali (95,40) "
        "dan Pemkab Kudus (93,07).\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Klaten"] == (2023, 96.11, None, None)
    assert got["Kabupaten Tabanan"] == (2023, 95.4, None, None)
    assert got["Kabupaten Kudus"] == (2023, 93.07, None, None)
    assert "Provinsi Bali" not in got and "Provinsi Jawa Tengah" not in got
    quotes = {o.name: o.quote for o in engine.extract(text).draft.others}
    assert quotes["Kabupaten Tabanan"] == "Pemkab Tabanan, Bali (95,40)"


def test_numbered_lines_take_the_year_of_their_heading(engine: RulesEngine) -> None:
    text = LEAD + (
        "Peringkat kota terbaik pada penilaian 2022:\n"
        "1. Pemkot Salatiga, Jawa Tengah (95,20).\n"
        "2. Pemkot Bogor (93,85).\n"
    )
    got = others(engine, text)
    assert got["Kota Salatiga"] == (2022, 95.2, None, None)
    assert got["Kota Bogor"] == (2022, 93.85, None, None)


def test_a_ranking_takes_the_zone_of_the_group_it_ranks(engine: RulesEngine) -> None:
    text = LEAD + (
        "Pemkab Garut ada di urutan ketiga dari 12 pemkab di Jawa Barat yang masuk zona hijau. "
        "Posisi pertama ditempati Pemkab Bogor (90,50) dan kedua Pemkab Bekasi (88,75).\n"
    )
    got = others(engine, text)
    assert got["Kabupaten Bogor"] == (2023, 90.5, "hijau", None)
    assert got["Kabupaten Bekasi"] == (2023, 88.75, "hijau", None)


def test_brackets_that_are_not_scores_give_no_other(engine: RulesEngine) -> None:
    text = LEAD + (
        "Kabupaten Cianjur (2023) dan Kota Depok (34) ikut dinilai, begitu pula Pemkab Garut (80,10) "
        "pada penilaian ulang.\n"
    )
    got = others(engine, text)
    assert "Kabupaten Cianjur" not in got and "Kota Depok" not in got
    assert "Kabupaten Garut" not in got
