"""`extractor export`: the effective values as subjects, units and officials tables that pandas loads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.review import decide, source_text
from extractor.store import write_record
from schemas.record import ReviewAction, Status
from tests import reviewkit


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The small run after a review: batu's score corrected and a unit added, malang rejected."""
    out = tmp_path / "out"
    records = reviewkit.folder(out)
    batu = records["batu"]
    changes = [("score", "82,28"), ("units[0].name", "Dinas Sosial"), ("units[0].score", "80,5")]
    write_record(
        out, decide(batu, ReviewAction.correct, changes=changes, reviewer="ana", text=source_text(batu)[0])
    )
    write_record(out, decide(records["malang"], ReviewAction.reject, reviewer="ana", text=None))
    failed = records["kediri"].model_copy(
        update={"record_id": "failed", "extraction": None, "status": Status.failed, "flags": []}
    )
    write_record(out, failed)
    return out


def _export(out: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["export", str(out), *args])
    assert result.exit_code == 0, result.output
    return out / "export"


def _read(folder: Path, name: str, fmt: str) -> pd.DataFrame:
    path = folder / f"{name}.{fmt}"
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "csv":
        return pd.read_csv(path)
    return pd.read_json(path, lines=True)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_the_three_tables_load_in_pandas_with_the_effective_values(out: Path, fmt: str) -> None:
    folder = _export(out, "--format", fmt)
    subjects, units, officials = (_read(folder, name, fmt) for name in ("subjects", "units", "officials"))
    assert list(subjects["record_id"]) == ["batu", "kediri"]  # rejected and failed left out
    batu = subjects.set_index("record_id").loc["batu"]
    assert batu["score"] == 82.28 and batu["status"] == "reviewed" and bool(batu["reviewed"])
    assert units[["record_id", "unit_index"]].values.tolist() == [["batu", 0]]
    assert units["zone"].isna().all()  # a value not given is empty in every format
    assert list(units["name"]) == ["Dinas Sosial"] and list(units["score"]) == [80.5]
    joined = officials.merge(subjects, on="record_id")
    assert list(joined["name"]) == ["Aries Agung Paewai"] and list(joined["subject_name"]) == ["Kota Batu"]


def test_parquet_keeps_numbers_as_numbers(out: Path) -> None:
    subjects = pd.read_parquet(_export(out, "--format", "parquet") / "subjects.parquet")
    assert str(subjects["score"].dtype) == "float64" and str(subjects["assessment_year"].dtype) == "int64"
    assert list(subjects["previous"]) == [0, 0]  # how many earlier results: each is a row of previous


def test_rejected_records_are_exported_only_when_asked(out: Path) -> None:
    subjects = pd.read_csv(_export(out, "--include-rejected") / "subjects.csv")
    assert list(subjects["record_id"]) == ["batu", "kediri", "malang"]
    assert list(subjects["rejected"]) == [False, False, True]


def test_an_empty_table_still_has_its_columns(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    folder = tmp_path / "elsewhere"
    result = CliRunner().invoke(
        main, ["export", str(tmp_path / "out"), "--format", "parquet", "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    units = pd.read_parquet(folder / "units.parquet")
    assert units.empty and list(units.columns) == [
        "record_id",
        "unit_index",
        "name",
        "score",
        "zone",
        "grade",
    ]


def test_earlier_results_are_their_own_table_joined_by_record_id(out: Path) -> None:
    """ "79,19 pada 2023" is a row of previous.csv (record_id, year, score), not JSON in a cell."""
    batu = reviewkit.folder(out.parent / "again")["batu"]
    write_record(
        out,
        decide(
            batu,
            ReviewAction.correct,
            changes=[("previous[0].year", "2023"), ("previous[0].score", "79,19")],
            reviewer="ana",
            text=source_text(batu)[0],
        ),
    )
    folder = _export(out)
    previous = pd.read_csv(folder / "previous.csv")
    assert previous.values.tolist() == [["batu", 2023, 79.19]]
    subjects = pd.read_csv(folder / "subjects.csv").set_index("record_id")
    assert subjects.loc["batu", "previous"] == 1


def test_csv_quotes_text_so_codes_stay_text(tmp_path: Path) -> None:
    """A region code such as 35.10 is quoted in the CSV (numbers are not); read as the README says,
    it comes back as the text 35.10, not the number 35.1."""
    out = tmp_path / "out"
    batu = reviewkit.folder(out)["batu"]
    assert batu.extraction is not None and batu.extraction.subject is not None
    subject = batu.extraction.subject.model_copy(update={"region_code": "35.10"})
    extraction = batu.extraction.model_copy(update={"subject": subject})
    write_record(out, batu.model_copy(update={"extraction": extraction}))
    folder = _export(out)
    text = (folder / "subjects.csv").read_text(encoding="utf-8")
    codes = pd.read_csv(folder / "subjects.csv", dtype={"region_code": str})["region_code"].dropna()
    assert list(codes) == ["35.10"] and '"35.10"' in text
    assert ",2024,28.82," in text  # year and score unquoted: numbers
