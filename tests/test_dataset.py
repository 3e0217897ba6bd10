"""`extractor dataset`: one row per subject and assessment year, whatever the number of outlets.

Articles written here, extracted with the rules engine through the CLI as a user would: one press
release printed by two outlets, a third outlet printing another score for the same result, a
region reported once, and an earlier year stated in passing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.dataset import AGREE, CONFLICT, SINGLE, Statement, agreement
from extractor.review import decide, source_text
from extractor.store import read_record, write_record
from schemas.record import ReviewAction

RELEASE = (
    "Pemerintah Kota Batu meraih nilai 82,28 dan predikat zona hijau dalam Penilaian Kepatuhan "
    "Penyelenggaraan Pelayanan Publik Ombudsman RI tahun 2024. Nilai itu naik dari 79,19 pada "
    "penilaian tahun 2023. Kepala Perwakilan Ombudsman RI Jawa Timur menyerahkan hasil penilaian "
    "di Surabaya kepada Penjabat Wali Kota Batu. Penilaian mencakup standar pelayanan, sarana "
    "prasarana, kompetensi pelaksana dan pengelolaan pengaduan di lima unit layanan yang dipilih "
    "secara acak oleh tim Ombudsman. Pemerintah Kota Batu berkomitmen menjaga kualitas pelayanan "
    "publik dan memperbaiki kekurangan yang masih ditemukan oleh tim penilai di lapangan."
)
ARTICLES = {
    "batu-antara": "BATU (ANTARA) - " + RELEASE,
    "batu-detik": "Batu, detikJatim - " + RELEASE + " Warga menyambut baik capaian tersebut.",
    "batu-radar": (
        "Radar Malang - Kota Batu kembali masuk zona hijau. Dalam Penilaian Kepatuhan Ombudsman RI "
        "2024, Pemkot Batu memperoleh nilai 86,10, kata Sekretaris Daerah saat ditemui di Balai Kota."
    ),
    "malang": (
        "Pemerintah Kota Malang meraih nilai 71,05 dengan zona kuning dalam Penilaian Kepatuhan "
        "Penyelenggaraan Pelayanan Publik Ombudsman RI tahun 2024."
    ),
}


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run("extract", str(folder), "--engine", "rules", "--out", str(out))
    return out


def rows(out: Path, *args: str) -> pd.DataFrame:
    run("dataset", str(out), *args)
    return pd.read_csv(out / "dataset.csv", dtype={"region_code": str}).set_index(
        ["subject", "assessment_year"]
    )


def test_one_row_per_subject_and_year_with_its_agreement_and_independent_releases(out: Path) -> None:
    """Three records of Kota Batu 2024 are one row: two of them one release (releases 2), the
    third another score (conflict); the most given score is chosen. Malang is a single report."""
    table = rows(out)
    batu = table.loc[("Kota Batu", 2024)]
    assert batu["articles"] == 3 and batu["releases"] == 2
    assert batu["agreement"] == CONFLICT and batu["score"] == 82.28 and batu["zone"] == "hijau"
    assert batu["basis"] == "direct" and batu["sources"] == "batu-antara batu-detik batu-radar"
    assert batu["region_code"] == "35.79"  # Kemendagri's code, kept as text
    malang = table.loc[("Kota Malang", 2024)]
    assert malang["agreement"] == SINGLE and malang["articles"] == 1 and malang["zone"] == "kuning"


def test_an_earlier_year_stated_in_passing_is_secondary_evidence(out: Path) -> None:
    earlier = rows(out).loc[("Kota Batu", 2023)]
    assert earlier["basis"] == "previous" and earlier["score"] == 79.19
    assert earlier["articles"] == 2 and earlier["agreement"] == AGREE
    assert pd.isna(earlier["zone"])


def test_a_rejected_record_does_not_count_and_a_reviewed_value_wins(out: Path) -> None:
    radar = read_record(out / "batu-radar.json")
    write_record(out, decide(radar, ReviewAction.reject, reviewer="ana", text=None))
    malang = read_record(out / "malang.json")
    write_record(
        out,
        decide(
            malang,
            ReviewAction.correct,
            changes=[("score", "71,50")],
            reviewer="ana",
            text=source_text(malang)[0],
        ),
    )
    table = rows(out)
    batu = table.loc[("Kota Batu", 2024)]
    assert batu["articles"] == 2 and batu["releases"] == 1 and batu["agreement"] == AGREE
    assert table.loc[("Kota Malang", 2024)]["score"] == 71.50
    assert bool(table.loc[("Kota Malang", 2024)]["reviewed"])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_format_writes_results_and_units_beside_them(out: Path, fmt: str) -> None:
    target = out.parent / f"results.{fmt}"
    output = run("dataset", str(out), "-o", str(target))
    assert target.exists() and (out.parent / f"results_units.{fmt}").exists()
    assert "1 in conflict" in output
    table = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[
        fmt
    ](target)
    assert {"subject", "region_code", "kind", "assessment_year", "score", "zone", "grade", "articles",
            "sources", "agreement", "reviewed", "flags"} <= set(table.columns)  # fmt: skip


def test_an_unknown_extension_is_refused_with_what_to_do(out: Path) -> None:
    result = CliRunner().invoke(main, ["dataset", str(out), "-o", str(out / "x.xlsx")])
    assert result.exit_code == 2 and "name a .csv, .jsonl or .parquet file" in result.output


def _said(record_id: str, score: float | None, zone: str | None) -> Statement:
    return Statement(
        record_id, "code:35.79", "Kota Batu", "35.79", "kota", 2024, score, zone, None, "direct", False,
        frozenset(), None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        ([_said("a", 82.28, "hijau")], SINGLE),
        ([_said("a", 82.28, "hijau"), _said("b", 82.29, "hijau")], AGREE),  # printed two ways
        ([_said("a", 82.28, "hijau"), _said("b", 82.82, "hijau")], CONFLICT),
        ([_said("a", 82.28, "hijau"), _said("b", None, "kuning")], CONFLICT),
        ([_said("a", 82.28, None), _said("b", None, "hijau")], AGREE),
    ],
)
def test_agreement_compares_scores_and_zones(statements: list[Statement], expected: str) -> None:
    assert agreement(statements) == expected


_BLITAR_UNITS = (
    "Pemerintah Kabupaten Blitar meraih nilai 88,10 dengan zona hijau dalam Penilaian Kepatuhan "
    "Penyelenggaraan Pelayanan Publik Ombudsman RI tahun 2024. Unit layanan yang dinilai yakni {units}."
)


def _units_of_two_outlets(tmp_path: Path, first: str, second: str) -> pd.DataFrame:
    """The units table of a run on two outlets' articles on Blitar, listing ``first``'s and
    ``second``'s units."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(_BLITAR_UNITS.format(units=first), encoding="utf-8")
    (folder / "b.txt").write_text("Kabar Blitar - " + _BLITAR_UNITS.format(units=second), encoding="utf-8")
    out = tmp_path / "out"
    run("extract", str(folder), "--engine", "rules", "--out", str(out))
    run("dataset", str(out))
    return pd.read_csv(out / "dataset_units.csv").set_index("unit")


def test_units_of_a_subject_year_are_one_row_each_across_records(tmp_path: Path) -> None:
    """Two outlets list Blitar's units; one prints Dinas Sosial's score differently: a units row per
    unit, with how many records give it and whether they agree."""
    units = (
        "Dinas Kependudukan dan Pencatatan Sipil dengan nilai 90,12, Dinas Sosial dengan nilai {sosial}, "
        "dan DPMPTSP dengan nilai 93,68"
    )
    table = _units_of_two_outlets(tmp_path, units.format(sosial="80,50"), units.format(sosial="85,50"))
    assert sorted(table.index) == ["DPMPTSP", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Sosial"]
    assert table.loc["Dinas Sosial", "agreement"] == CONFLICT and table.loc["DPMPTSP", "agreement"] == AGREE
    assert (table["articles"] == 2).all() and (table["subject"] == "Kabupaten Blitar").all()


def test_a_unit_named_with_and_without_its_abbreviation_is_one_row(tmp_path: Path) -> None:
    """ "Dinas Sosial (Dinsos)" in one article and "Dinsos" in another are one unit, as eval pairs
    them; the row is named by the fuller form."""
    units = "{sosial} dengan nilai 80,50 dan DPMPTSP dengan nilai 93,68"
    table = _units_of_two_outlets(
        tmp_path, units.format(sosial="Dinas Sosial (Dinsos)"), units.format(sosial="Dinsos")
    )
    assert sorted(table.index) == ["DPMPTSP", "Dinas Sosial (Dinsos)"]
    assert table.loc["Dinas Sosial (Dinsos)", "articles"] == 2


def test_units_link_by_name_or_abbreviation_never_by_a_shared_bracket() -> None:
    """ "Dinas Sosial (Dinsos)" links "Dinas Sosial" and "Dinsos"; "Puskesmas Beji (UPT)" and
    "Puskesmas Junrejo (UPT)" share a bracket, not a name, and stay two."""
    from extractor.dataset import _same_units
    from schemas.record import Unit

    names = [
        "Dinsos",
        "Puskesmas Beji (UPT)",
        "Dinas Sosial (Dinsos)",
        "Puskesmas Junrejo (UPT)",
        "Dinas Sosial",
    ]
    groups = _same_units((f"r{i}", Unit(name=name)) for i, name in enumerate(names))
    assert [[unit.name for _, unit in group] for group in groups] == [
        ["Dinsos", "Dinas Sosial (Dinsos)", "Dinas Sosial"],
        ["Puskesmas Beji (UPT)"],
        ["Puskesmas Junrejo (UPT)"],
    ]
