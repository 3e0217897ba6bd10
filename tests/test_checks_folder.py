"""Check 11 (across articles) and ``extractor check OUT_DIR``: re-checks stored records without a
model, rewrites only flags and status, and reports counts by code."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from extractor.checks import cross_article_flags
from extractor.cli import main
from extractor.gold import gold_to_extraction, load_gold
from extractor.store import read_record, write_record
from schemas.record import Failure, Flag, Provenance, Record, Severity, Source, Status, Timing
from tests.checkkit import extraction
from tests.mutations import GOLD_DIR, SEEDS_DIR

BATU = {"name_as_written": "Pemkot Batu", "name": "Kota Batu", "kind": "kota", "region_code": "35.79"}

# -- 11. across articles ------------------------------------------------------------------------


def test_same_subject_and_year_with_different_scores_flags_both_sides_pointing_at_the_other() -> None:
    a = extraction(subject=BATU, assessment_year=2024, score=82.28)
    b = extraction(
        subject={**BATU, "region_code": None, "name_as_written": "Kota Batu"},
        assessment_year=2024,
        score=83.28,
    )
    flags = cross_article_flags([("a", a), ("b", b)])
    [on_a], [on_b] = flags["a"], flags["b"]
    assert (on_a.code, on_a.field, on_a.related_record, on_a.severity) == (
        "cross_article_conflict",
        "score",
        "b",
        Severity.error,
    )
    assert on_b.related_record == "a" and "82,28" in on_b.message and "83,28" in on_b.message


def test_same_values_other_years_or_other_subjects_are_quiet() -> None:
    a = extraction(subject=BATU, assessment_year=2024, score=82.28, zone="hijau")
    same = extraction(subject=BATU, assessment_year=2024, score=82.28, zone="hijau")
    other_year = extraction(subject=BATU, assessment_year=2023, score=79.19)
    other_subject = extraction(
        subject={**BATU, "name": "Kota Malang", "region_code": "35.73"}, assessment_year=2024, score=90
    )
    assert cross_article_flags([("a", a), ("b", same), ("c", other_year), ("d", other_subject)]) == {}


def test_one_hundredth_apart_is_a_note_and_a_zone_conflict_an_error() -> None:
    a = extraction(subject=BATU, assessment_year=2024, score=98.17, zone="hijau")
    b = extraction(subject=BATU, assessment_year=2024, score=98.18, zone="kuning")
    flags = cross_article_flags([("a", a), ("b", b)])
    by_field = {f.field: f.severity for f in flags["a"]}
    assert by_field == {"score": Severity.info, "zone": Severity.error}


def test_an_earlier_result_conflicts_with_the_other_article_of_that_year() -> None:
    a = extraction(subject=BATU, assessment_year=2024, score=82.28, previous=[{"year": 2023, "score": 79.19}])
    b = extraction(subject=BATU, assessment_year=2023, score=78.19)
    flags = cross_article_flags([("a", a), ("b", b)])
    assert [f.field for f in flags["a"]] == ["previous[0].score"] and [f.field for f in flags["b"]] == [
        "score"
    ]


# -- extractor check ----------------------------------------------------------------------------


def _record(record_id: str, stem: str, articles: Path, **changes: object) -> Record:
    article = articles / f"{stem}.txt"
    text = article.read_text(encoding="utf-8")
    extraction_ = gold_to_extraction(load_gold(GOLD_DIR / f"{stem}.json"), text).model_copy(update=changes)
    return Record(
        record_id=record_id,
        source=Source(
            path=str(article), sha256=hashlib.sha256(article.read_bytes()).hexdigest(), size=len(text)
        ),
        provenance=Provenance(engine="test", tool_version="0"),
        status=Status.ok,
        timing=Timing(started_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), seconds=0),
        attempts=1,
        extraction=extraction_,
        flags=[],
    )


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS_DIR, articles)
    out = tmp_path / "out"
    write_record(out, _record("batu", "000_2f2e1110791b0be1", articles))
    # A second article on the same subject and year, with a score the text does not give.
    write_record(out, _record("batu-again", "000_2f2e1110791b0be1", articles, score=83.28))
    write_record(out, _record("pekalongan", "003_dd94af7ee6287c64", articles))
    engines = Flag(code="engines_disagree", severity=Severity.warning, field="score", message="m", basis="b")
    write_record(
        out, _record("blitar", "004_6c621c034e1211b9", articles).model_copy(update={"flags": [engines]})
    )
    failed = Record(
        record_id="broken",
        source=Source(path=str(articles / "nope.txt")),
        provenance=Provenance(engine="test", tool_version="0"),
        status=Status.failed,
        timing=Timing(started_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), seconds=0),
        attempts=1,
        failure=Failure(kind="transport", message="down"),
    )
    write_record(out, failed)
    return articles, out


def _extractions(out: Path) -> dict[str, object]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")).get("extraction")
        for p in sorted(out.glob("*.json"))
    }


def test_check_rewrites_flags_and_status_but_never_an_extraction(tmp_path: Path) -> None:
    _, out = _folder(tmp_path)
    before = _extractions(out)
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert _extractions(out) == before
    assert "cross_article_conflict" in result.output and "records: ok" in result.output
    batu, again = read_record(out / "batu.json"), read_record(out / "batu-again.json")
    assert [(f.code, f.related_record) for f in batu.flags] == [("cross_article_conflict", "batu-again")]
    assert batu.status == Status.flagged
    assert {f.code for f in again.flags} >= {
        "ungrounded_value",
        "cross_article_conflict",
        "stated_change_mismatch",
    }
    assert read_record(out / "pekalongan.json").status == Status.flagged  # the PAN-RB attribution
    blitar = read_record(out / "blitar.json")
    assert [f.code for f in blitar.flags] == ["engines_disagree"] and blitar.status == Status.flagged
    broken = read_record(out / "broken.json")
    assert broken.status == Status.failed and broken.flags == []


def test_check_twice_rewrites_nothing_the_second_time(tmp_path: Path) -> None:
    _, out = _folder(tmp_path)
    CliRunner().invoke(main, ["check", str(out)])
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    result = CliRunner().invoke(main, ["check", str(out), "--json"])
    report = json.loads(result.output)
    assert report["rewritten"] == 0 and report["records"] == 5
    assert report["status"] == {"ok": 0, "flagged": 4, "reviewed": 0, "failed": 1}
    assert report["flags"]["cross_article_conflict"] == {"error": 2}
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps


def test_a_gone_or_changed_article_skips_text_checks_and_keeps_their_flags(tmp_path: Path) -> None:
    articles, out = _folder(tmp_path)
    CliRunner().invoke(main, ["check", str(out)])
    (articles / "003_dd94af7ee6287c64.txt").unlink()
    with (articles / "000_2f2e1110791b0be1.txt").open("a", encoding="utf-8") as handle:
        handle.write("\nKoreksi.")
    result = CliRunner().invoke(main, ["check", str(out), "--json"])
    report = json.loads(result.output)
    skipped = {item["record_id"]: item["reason"] for item in report["text_unavailable"]}
    assert set(skipped) == {"pekalongan", "batu", "batu-again"}
    assert "sha256" in skipped["batu"] and "cannot be read" in skipped["pekalongan"]
    pekalongan = read_record(out / "pekalongan.json")
    assert {f.code for f in pekalongan.flags} == {"other_body_score", "source_text_unavailable"}
    assert pekalongan.status == Status.flagged
    again = read_record(out / "batu-again.json")
    assert "ungrounded_value" in {f.code for f in again.flags}  # kept: it cannot be re-verified


def test_check_prints_an_info_line_for_a_skipped_article(tmp_path: Path) -> None:
    articles, out = _folder(tmp_path)
    (articles / "004_6c621c034e1211b9.txt").unlink()
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0
    assert "info: blitar" in result.output and "text checks skipped" in result.output


def test_check_on_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "none")])
    assert result.exit_code == 2


def test_many_records_agreeing_cost_no_flags_and_few_related_names_per_conflict() -> None:
    """Thousands of records of one subject and year that agree raise nothing (and are not
    compared pairwise); one dissenting record is flagged against at most five of them."""
    from extractor.checks._cross import cross_article_flags
    from schemas.record import Extraction

    def record(score: float) -> Extraction:
        return Extraction.model_validate(
            {
                "assessment": "ombudsman_compliance",
                "subject": {"name_as_written": "Kota Batu", "name": "Kota Batu", "kind": "kota"},
                "assessment_year": 2024,
                "score": score,
            }
        )

    records = [(f"r{i}", record(82.28)) for i in range(3000)] + [("odd", record(85.0))]
    flags = cross_article_flags(records)
    assert len(flags["odd"]) == 5
    assert all(len(flags[f"r{i}"]) == 1 for i in range(3000))
    assert all(f.related_record == "odd" for f in flags["r0"])
