"""`extractor eval`: the arithmetic on small hand-made cases, and the command on folders."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.evaluate import Counts, compare, evaluate, facts_from_gold
from extractor.matching import same_name, same_role, same_subject, same_unit_name
from extractor.store import write_record
from schemas.record import (
    Extraction,
    Failure,
    Official,
    Provenance,
    Record,
    Source,
    Status,
    Subject,
    Timing,
    Unit,
)
from schemas.values import AssessmentKind, SubjectKind

GOLD: dict[str, Any] = {
    "subject": {"name": "Kota Batu", "kind": "kota"},
    "assessment_year": 2024,
    "score": 82.28,
    "zone": "hijau",
    "grade": "tinggi",
    "previous": [{"year": 2023, "score": 79.19}],
    "officials": [{"name": "Aries Agung Paewai", "role": "Pj Wali Kota Batu"}],
    "units": [
        {"name": "Dinas Sosial (Dinsos)", "score": 78.8, "zone": "hijau", "grade": "tinggi"},
        {"name": "Puskesmas Beji", "score": 90.89, "zone": "hijau", "grade": "tertinggi"},
    ],
}


def extraction(**changes: Any) -> Extraction:
    values: dict[str, Any] = {
        "assessment": AssessmentKind.ombudsman_compliance,
        "subject": Subject(name_as_written="Pemkot Batu", name="Kota Batu", kind=SubjectKind.kota),
        "assessment_year": 2024,
        "score": 82.28,
        "zone": "hijau",
        "grade": "tinggi",
        "previous": [{"year": 2023, "score": 79.19}],
        "officials": [Official(name="Aries Agung Paewai", role="Pj Wali Kota Batu")],
        "units": [
            Unit(name="Dinas Sosial", score=78.80, zone="hijau", grade="tinggi"),
            Unit(name="Puskesmas Beji", score=90.89, zone="hijau", grade="tertinggi"),
        ],
    }
    values.update(changes)
    return Extraction.model_validate(values)


def record(record_id: str, extracted: Extraction | None, status: Status = Status.ok) -> Record:
    return Record(
        record_id=record_id,
        source=Source(path=f"articles/{record_id}.txt"),
        provenance=Provenance(engine="rules", tool_version="test"),
        status=status,
        timing=Timing(started_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), seconds=0.0),
        attempts=1,
        extraction=extracted,
        failure=Failure(kind="validation", message="bad answer") if status == Status.failed else None,
    )


def counts_of(got: Extraction) -> dict[str, Counts]:
    from extractor.evaluate import facts_from_extraction

    counts, _ = compare(facts_from_gold(GOLD), facts_from_extraction(got))
    return counts


def test_a_perfect_match_is_all_true_positives() -> None:
    counts = counts_of(extraction())
    assert all(c.fp == 0 and c.fn == 0 for c in counts.values())
    assert all(c.f1 == 1.0 for c in counts.values())
    assert counts["units"].tp == 2 and counts["officials"].tp == 1


def test_a_missing_unit_is_a_false_negative() -> None:
    counts = counts_of(extraction(units=[Unit(name="Puskesmas Beji", score=90.89)]))
    assert (counts["units"].tp, counts["units"].fp, counts["units"].fn) == (1, 0, 1)
    assert counts["units"].precision == 1.0 and counts["units"].recall == 0.5
    assert counts["units"].f1 == pytest.approx(2 / 3)


def test_an_extra_official_is_a_false_positive() -> None:
    officials = [
        Official(name="Aries Agung Paewai", role="Pj Wali Kota Batu"),
        Official(name="Ananto Wibowo", role="Fotografer"),
    ]
    counts = counts_of(extraction(officials=officials))
    assert (counts["officials"].tp, counts["officials"].fp, counts["officials"].fn) == (1, 1, 0)
    assert counts["officials"].precision == 0.5


def test_the_right_person_with_another_role_is_found_and_the_role_reported() -> None:
    """Officials pair on the person: a different role is a difference of its own, not a missed
    official plus an extra one."""
    from extractor.evaluate import facts_from_extraction

    got = extraction(officials=[Official(name="Aries Agung Paewai", role="Sekretaris Daerah Kota Batu")])
    counts, diffs = compare(facts_from_gold(GOLD), facts_from_extraction(got))
    assert (counts["officials"].tp, counts["officials"].fp, counts["officials"].fn) == (1, 0, 0)
    assert diffs == [
        "officials: 'Aries Agung Paewai' role: gold 'Pj Wali Kota Batu', got 'Sekretaris Daerah Kota Batu'"
    ]


def test_a_wrong_score_is_both_a_false_positive_and_a_false_negative() -> None:
    counts = counts_of(extraction(score=82.2))
    assert (counts["score"].tp, counts["score"].fp, counts["score"].fn) == (0, 1, 1)


def test_scores_are_compared_to_two_decimals() -> None:
    assert counts_of(extraction(score=82.280001))["score"].tp == 1


def test_a_confusers_ombudsman_score_is_a_false_positive() -> None:
    gold = facts_from_gold({"subject": {"name": "Kota Magelang", "kind": "kota"}, "score": None})
    from extractor.evaluate import facts_from_extraction

    counts, diffs = compare(gold, facts_from_extraction(extraction(score=4.61, subject=None)))
    assert (counts["score"].fp, counts["score"].fn) == (1, 0)
    assert any("gold has none" in d for d in diffs)


def test_names_and_roles_are_compared_loosely() -> None:
    assert same_name("Dinas Sosial (Dinsos)", "dinas sosial")
    assert same_name("Dinas Sosial (Dinsos)", "Dinsos")
    assert same_name("H Rahmad Mas’ud", "H. Rahmad Mas'ud")
    assert not same_name("Puskesmas Batang I", "Puskesmas Batang III")
    assert same_role("Wali Kota Batu", "Pj Wali Kota Batu")
    assert not same_role("Bupati Batang", "Wali Kota Batu")
    # an acting head's title in its long and short forms (the alias table's acting titles)
    assert same_role("Penjabat Bupati Takalar", "Pj Bupati Takalar")
    assert same_role("Pelaksana Tugas Wali Kota Bima", "Plt Wali Kota Bima")
    assert not same_role("Penjabat Bupati Takalar", "Pj Bupati Gowa")
    # a unit's office head in its short and long forms (the alias table's offices)
    assert same_unit_name("Kantah Pangkalpinang", "Kantor Pertanahan Pangkalpinang")
    assert not same_unit_name("Kantah Pangkalpinang", "Kantor Pertanahan Bangka")


def test_subjects_match_through_the_alias_table_the_normaliser_uses() -> None:
    """A short form the alias table knows equals the official name in eval too; a different region
    or a different kind does not."""
    assert same_subject(("Provinsi Sumatera Utara", "provinsi"), ("Pemprov Sumut", "provinsi"))
    assert same_subject(("Kantor Pertanahan Kota Bima", "other"), ("Kantah Kota Bima", "other"))
    assert not same_subject(("Provinsi Sumatera Utara", "provinsi"), ("Pemprov Sumbar", "provinsi"))
    assert not same_subject(("Kota Bima", "kota"), ("Kabupaten Bima", "kabupaten"))


@pytest.mark.parametrize(
    ("gold", "got"),
    [
        (
            "Lima kementerian peraih Opini Kualitas Tertinggi 2025",
            "Lima Kementerian Raih Opini Kualitas Tertinggi",
        ),
        (
            "Pemda, Polres dan Kantor Pertanahan se-Kalimantan Selatan",
            "Pemerintah dan Lembaga di Provinsi Kalsel",
        ),
        ("Survei Opini 2025 di Provinsi Riau (36 instansi)", "36 Instansi Pelayanan Publik di Provinsi Riau"),
        ("Puskesmas se-Kota Batu", "12 Puskesmas di Kota Batu"),
    ],
)
def test_roundups_described_otherwise_are_the_same_when_they_cover_the_same_area(gold: str, got: str) -> None:
    """A round-up has no name: two descriptions of a collective pair on the area they cover."""
    assert same_subject((gold, "other"), (got, "other"))


@pytest.mark.parametrize(
    ("gold", "got"),
    [
        # another province's round-up, or a national one against a provincial one
        ("Pemda, Polres dan Kantor Pertanahan se-Kalimantan Selatan", "36 Instansi di Provinsi Riau"),
        ("Hasil nasional 2022 (tiga besar per kategori)", "36 Instansi Pelayanan Publik di Provinsi Riau"),
        # "Riau" is not "Kepulauan Riau", nor a kota the same as the kabupaten of its name
        ("36 Instansi di Provinsi Riau", "36 Instansi di Provinsi Kepulauan Riau"),
        ("Puskesmas se-Kota Bima", "Puskesmas se-Kabupaten Bima"),
        # one office is not the round-up of its command, though both name Papua
        ("Polda Papua", "Polres jajaran Polda Papua"),
        # two ministries are no round-up: names joined by "dan" are not a list of kinds
        ("Kementerian Kelautan dan Perikanan", "Kementerian Hukum dan HAM"),
    ],
)
def test_a_roundup_is_not_paired_with_another_area_or_a_single_office(gold: str, got: str) -> None:
    assert not same_subject((gold, "other"), (got, "other"))


def test_an_office_pairs_with_or_without_the_word_provinsi() -> None:
    """'Kantor Wilayah X Provinsi Maluku' and 'Kanwil X Maluku' are one office; a kota is still
    not its province."""
    gold = ("Kantor Wilayah ATR/BPN Provinsi Maluku", "other")
    assert same_subject(gold, ("Kanwil ATR/BPN Maluku", "other"))
    assert same_unit_name(gold[0], "Kantor Wilayah ATR/BPN Maluku")
    assert not same_subject(gold, ("Kantor Wilayah ATR/BPN Provinsi Maluku Utara", "other"))
    assert not same_subject(("Provinsi Jambi", "provinsi"), ("Kota Jambi", "kota"))


def test_failed_and_missing_records_count_as_all_missing() -> None:
    gold = {"a": facts_from_gold(GOLD), "b": facts_from_gold(GOLD)}
    result = evaluate(gold, {"a": record("a", None, Status.failed)})
    assert result.fields["score"].fn == 2 and result.fields["score"].fp == 0
    assert result.fields["units"].fn == 4
    assert [a.status for a in result.articles] == ["failed", "missing"]


def test_eval_command_prints_a_table_and_json_matched_by_stem(tmp_path: Path) -> None:
    gold_dir, records_dir = tmp_path / "gold", tmp_path / "records"
    gold_dir.mkdir()
    (gold_dir / "001.json").write_text(json.dumps(GOLD), encoding="utf-8")
    write_record(records_dir, record("001", extraction(score=80.0)))
    write_record(records_dir, record("999", extraction()))

    table = CliRunner().invoke(main, ["eval", "--gold", str(gold_dir), str(records_dir)])
    assert table.exit_code == 0, table.output
    assert "assessment_year" in table.output and "score: gold 82.28, got 80.00" in table.output

    as_json = CliRunner().invoke(main, ["eval", "--gold", str(gold_dir), str(records_dir), "--json"])
    data = json.loads(as_json.output)
    assert data["fields"]["score"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["fields"]["units"]["f1"] == 1.0
    assert data["records_without_gold"] == ["999"]
