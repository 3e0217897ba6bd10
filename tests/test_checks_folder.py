"""Check 11 (across articles) and ``extractor check OUT_DIR``: re-checks stored records without a
model, rewrites only flags and status, and reports counts by code."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from pydantic import ValidationError

from extractor.checks import check_folder, cross_article_flags
from extractor.checks._folder import shorten_problem
from extractor.cli import main
from extractor.gold import gold_to_extraction, load_gold
from extractor.review import decide, source_text
from extractor.store import read_record, write_record
from schemas.record import Failure, Flag, Provenance, Record, ReviewAction, Severity, Source, Status, Timing
from tests import reviewkit
from tests.checkkit import extraction
from tests.mutations import GOLD_DIR, SEEDS_DIR

BATU = {"name_as_written": "Pemkot Batu", "name": "Kota Batu", "kind": "kota", "region_code": "35.79"}

# -- 11. across articles ------------------------------------------------------------------------


def test_same_subject_and_year_with_different_scores_flags_both_sides_pointing_at_the_other() -> None:
    """Two records of one subject and year with scores a point apart each get an error naming the
    other record, both scores written with a decimal comma."""
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
    """Agreeing records, and records of another year or another subject, raise no cross-article flag."""
    a = extraction(subject=BATU, assessment_year=2024, score=82.28, zone="hijau")
    same = extraction(subject=BATU, assessment_year=2024, score=82.28, zone="hijau")
    other_year = extraction(subject=BATU, assessment_year=2023, score=79.19)
    other_subject = extraction(
        subject={**BATU, "name": "Kota Malang", "region_code": "35.73"}, assessment_year=2024, score=90
    )
    assert cross_article_flags([("a", a), ("b", same), ("c", other_year), ("d", other_subject)]) == {}


def test_one_hundredth_apart_is_a_note_and_a_zone_conflict_an_error() -> None:
    """Scores 0,01 apart are one score printed two ways (a note); different zones are an error."""
    a = extraction(subject=BATU, assessment_year=2024, score=98.17, zone="hijau")
    b = extraction(subject=BATU, assessment_year=2024, score=98.18, zone="kuning")
    flags = cross_article_flags([("a", a), ("b", b)])
    by_field = {f.field: f.severity for f in flags["a"]}
    assert by_field == {"score": Severity.info, "zone": Severity.error}


def test_an_earlier_result_conflicts_with_the_other_article_of_that_year() -> None:
    """An earlier result one article quotes conflicts with another article's own result for that
    year: both are flagged, on previous[0].score and on score."""
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
    """`extractor check` recomputes every record's flags and status (cross-article conflicts
    included), keeps other tools' flags and a failed record's status, and never changes an extraction."""
    _, out = _folder(tmp_path)
    before = _extractions(out)
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert _extractions(out) == before
    assert "cross_article_conflict" in result.output and "records: ok" in result.output
    batu, again = read_record(out / "batu.json"), read_record(out / "batu-again.json")
    # Two records of one article: they conflict, and they are one press release.
    assert [(f.code, f.related_record) for f in batu.flags] == [
        ("cross_article_conflict", "batu-again"),
        ("same_release", "batu-again"),
    ]
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
    """A second check over an up-to-date folder rewrites no file and reports the same counts."""
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
    """Where the article is gone or its sha256 changed, the text checks are skipped, their earlier
    flags kept and a source_text_unavailable note added."""
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
    """The table mode prints an 'info:' line for a record whose article could not be re-read, exit 0."""
    articles, out = _folder(tmp_path)
    (articles / "004_6c621c034e1211b9.txt").unlink()
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0
    assert "info: blitar" in result.output and "text checks skipped" in result.output


def test_check_on_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    """A folder that does not exist is a usage error (exit 2)."""
    result = CliRunner().invoke(main, ["check", str(tmp_path / "none")])
    assert result.exit_code == 2


def test_many_records_agreeing_cost_no_flags_and_few_related_names_per_conflict() -> None:
    """Thousands of records of one subject and year that agree raise nothing (and are not
    compared pairwise); one dissenting record is flagged against at most five of them."""
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


# -- a stored file that no longer validates ---------------------------------------------------------


def _invalid_file(out: Path, articles: Path) -> bytes:
    """A record whose stored score is 182 (the schema allows at most 100), written past the model."""
    data = json.loads(_record("bad", "000_2f2e1110791b0be1", articles).model_dump_json())
    data["extraction"]["score"] = 182
    raw = (json.dumps(data, indent=2) + "\n").encode("utf-8")
    (out / "bad.json").write_bytes(raw)
    return raw


def test_an_invalid_record_is_marked_failed_with_the_reason_and_its_original_kept(tmp_path: Path) -> None:
    """`extractor check` replaces a stored record that no longer validates by a failed record
    (kind invalid_record, the validation problem in the message, source and provenance kept),
    keeps the original bytes under _invalid/, names the file and the problem, and exits 1."""
    articles, out = _folder(tmp_path)
    raw = _invalid_file(out, articles)
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 1, result.output
    assert f"error: {out / 'bad.json'}: not a valid record" in result.output
    assert "extraction.score: Input should be less than or equal to 100" in result.output
    bad = read_record(out / "bad.json")
    assert bad.status == Status.failed and bad.extraction is None and bad.failure is not None
    assert bad.failure.kind == "invalid_record" and "less than or equal to 100" in bad.failure.message
    assert bad.source.path.endswith("000_2f2e1110791b0be1.txt") and bad.provenance.engine == "test"
    [kept] = (out / "_invalid").iterdir()
    assert kept.read_bytes() == raw and f"_invalid/{kept.name}" in bad.failure.message
    assert "records: ok" in result.output and "failed 2" in result.output


def test_after_marking_an_invalid_record_the_next_check_is_clean(tmp_path: Path) -> None:
    """The failed record written in place of an invalid file is a valid record: a second check
    keeps it failed, rewrites nothing, keeps no second copy and exits 0."""
    articles, out = _folder(tmp_path)
    _invalid_file(out, articles)
    first = json.loads(CliRunner().invoke(main, ["check", str(out), "--json"]).output)
    assert [(i["file"], i["marked_failed"]) for i in first["invalid"]] == [("bad.json", True)]
    assert first["invalid"][0]["kept_as"].startswith("_invalid/bad-")
    result = CliRunner().invoke(main, ["check", str(out), "--json"])
    assert result.exit_code == 0, result.output
    second = json.loads(result.output)
    assert second["invalid"] == [] and second["rewritten"] == 0 and second["status"]["failed"] == 2
    assert len(list((out / "_invalid").iterdir())) == 1


def test_a_file_that_is_not_json_becomes_a_failed_record_named_by_the_file(tmp_path: Path) -> None:
    """Bytes that are not JSON at all are kept as they are under _invalid/ and the record is a
    failed one with the file's stem as its id and placeholders where nothing could be read."""
    _, out = _folder(tmp_path)
    (out / "garbage.json").write_bytes(b"\xff{not json")
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 1 and "garbage.json" in result.output and "Invalid JSON" in result.output
    garbage = read_record(out / "garbage.json")
    assert garbage.record_id == "garbage" and garbage.status == Status.failed
    assert [p.read_bytes() for p in (out / "_invalid").iterdir()] == [b"\xff{not json"]


def test_check_folder_without_writing_reports_an_invalid_file_and_leaves_it(tmp_path: Path) -> None:
    """check_folder(write=False) reports the invalid file with its problem but changes nothing."""
    articles, out = _folder(tmp_path)
    raw = _invalid_file(out, articles)
    report = check_folder(out, write=False)
    [invalid] = report.invalid
    assert (invalid.name, invalid.marked_failed, invalid.kept_as) == ("bad.json", False, None)
    assert "extraction.score" in invalid.problem
    assert (out / "bad.json").read_bytes() == raw and not (out / "_invalid").exists()


def test_a_long_validation_problem_is_shortened() -> None:
    """The reason stored in the failed record is cut to a few hundred characters."""
    try:
        Record.model_validate({"record_id": 1, "flags": [{"x": i} for i in range(50)]})
    except ValidationError as exc:
        text = shorten_problem(exc)
    assert len(text) <= 300 and text.endswith("…") and text.split(":", 1)[0].endswith("problems")


# -- no import circle ---------------------------------------------------------------------------------


def test_check_folder_runs_without_importing_the_review_package(tmp_path: Path) -> None:
    """In a fresh interpreter, extractor.checks and check_folder, even on a record a reviewer
    corrected, never import extractor.review (the effective values are extractor.effective)."""
    out = tmp_path / "out"
    batu = reviewkit.folder(out)["batu"]
    text, _ = source_text(batu)
    write_record(
        out, decide(batu, ReviewAction.correct, changes=[("score", "82,28")], reviewer="ana", text=text)
    )
    code = (
        "import sys, pathlib\n"
        "import extractor.checks\n"
        "assert 'extractor.review' not in sys.modules\n"
        "report = extractor.checks.check_folder(pathlib.Path(sys.argv[1]))\n"
        "assert 'extractor.review' not in sys.modules, 'check_folder imported the review'\n"
        "print(dict(report.status))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "'reviewed': 1" in done.stdout
    assert read_record(out / "batu.json").status == Status.reviewed
