"""Articles as rows of a table (JSONL, CSV), and the article-size limit every engine keeps.

Run through the CLI as a user would: each row is one record whose source keeps the file, the
line, the row's own url/title/outlet/published and the text the engine read; a bad row is a
failure record naming the file and line while the other rows go on; a re-run skips what is
current; the review and ``extractor check`` read the article from the record."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.inputs import source_text
from extractor.store import iter_record_paths, read_record
from extractor.tables import RowFields, count_inputs, inputs_of, table_rows
from schemas.record import Record, Status
from tests.fake_chat_server import FakeChatServer, FakeReply
from tests.test_cli_extract import extract_command, llm_env
from tests.test_llm_faults import ARTICLE, VALID

BATU = "Pemerintah Kota Batu meraih nilai 82,28 (zona hijau) dalam Penilaian Kepatuhan Ombudsman RI 2024.\n"
MALANG = (
    "Pemerintah Kota Malang meraih nilai 71,05 (zona kuning) dalam Penilaian Kepatuhan Ombudsman RI 2024.\n"
)
BLITAR = (
    "Pemerintah Kabupaten Blitar meraih nilai 88,10 (zona hijau) dalam Penilaian Kepatuhan Ombudsman 2024.\n"
)


def extract(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["extract", *args, "--engine", "rules"], env={"COLUMNS": "200", **(env or {})}
    )
    return result.exit_code, result.output


def stored(out: Path) -> dict[str, Record]:
    return {read_record(p).record_id: read_record(p) for p in iter_record_paths(out)}


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_jsonl_row_is_a_record_and_a_bad_row_names_its_line(tmp_path: Path) -> None:
    """Three good rows, a line of broken JSON, a row without text and a JSON list: three records
    extracted, three failure records naming file and line, exit status 1; blank lines are no rows."""
    table = write_jsonl(
        tmp_path / "export.jsonl",
        [
            json.dumps(
                {"id": "antara/1", "text": BATU, "url": "https://example.test/batu", "outlet": "Antara"}
            ),
            "",
            json.dumps({"id": "detik 2", "text": MALANG, "published": "16 Desember 2024", "title": "Malang"}),
            '{"id": "broken", "text": "Pemkot',
            json.dumps({"id": "no-text", "body": BLITAR}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"id": "blitar", "text": BLITAR}),
        ],
    )
    out = tmp_path / "out"

    code, output = extract(str(table), "--id-field", "id", "--out", str(out))

    assert code == 1, output
    records = stored(out)
    assert set(records) == {"antara-1", "detik-2", "blitar", "export-4", "no-text", "export-6"}
    batu = records["antara-1"]
    assert batu.extraction is not None and batu.extraction.score == 82.28
    assert (batu.source.path, batu.source.line, batu.source.kind) == (str(table), 1, "jsonl")
    assert (batu.source.url, batu.source.outlet, batu.source.row_id) == (
        "https://example.test/batu",
        "Antara",
        "antara/1",
    )
    assert batu.source.text == BATU and source_text(batu)[0] == BATU
    malang = records["detik-2"]
    assert malang.source.published == dt.date(2024, 12, 16) and malang.source.title == "Malang"
    assert malang.extraction is not None and malang.extraction.published == dt.date(2024, 12, 16)
    broken, no_text, listed = records["export-4"], records["no-text"], records["export-6"]
    assert broken.failure is not None and "not valid JSON" in broken.failure.message
    assert broken.source.line == 4
    assert no_text.failure is not None and no_text.failure.kind == "no_text"
    assert "'text' is missing" in no_text.failure.message and "--text-field" in no_text.failure.message
    assert listed.failure is not None and "not an object" in listed.failure.message
    assert f"{table}:4" in output  # the progress line names file and line

    code, output = extract(str(table), "--id-field", "id", "--out", str(out))
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["skipped"] == 3 and summary["counts"]["failed"] == 3  # failures retried


def test_the_text_field_is_chosen_and_rows_without_an_id_take_their_line(tmp_path: Path) -> None:
    table = write_jsonl(
        tmp_path / "berita.jsonl",
        [json.dumps({"isi": BATU}), json.dumps({"isi": MALANG})],
    )
    code, _ = extract(str(table), "--text-field", "isi", "--out", str(tmp_path / "out"))
    assert code == 0
    records = stored(tmp_path / "out")
    assert set(records) == {"berita-1", "berita-2"}
    assert all(r.status != Status.failed for r in records.values())


def test_two_rows_with_one_id_are_both_kept(tmp_path: Path) -> None:
    """The same --id-field value twice: the second row gets a distinct id, never the first's file."""
    table = write_jsonl(
        tmp_path / "dup.jsonl",
        [json.dumps({"id": "x", "text": BATU}), json.dumps({"id": "x", "text": MALANG})],
    )
    out = tmp_path / "out"
    assert extract(str(table), "--id-field", "id", "--out", str(out))[0] == 0
    records = stored(out)
    assert len(records) == 2 and "x" in records
    scores = sorted(r.extraction.score for r in records.values() if r.extraction and r.extraction.score)
    assert scores == [71.05, 82.28]
    assert extract(str(table), "--id-field", "id", "--out", str(out))[0] == 0
    assert set(stored(out)) == set(records)  # the same ids on a re-run


def test_csv_rows_with_quoted_newlines_a_bom_and_a_bad_row(tmp_path: Path) -> None:
    """A spreadsheet export: UTF-8 with BOM, an article over several lines inside quotes, a row
    with more cells than the header. Lines are the row's first line in the file."""
    table = tmp_path / "sheet.csv"
    with table.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "url"])
        writer.writerow(["a", "Batu", BATU + "\nParagraf kedua.\n", "https://example.test/a"])
        writer.writerow(["b", "Malang", MALANG, ""])
        writer.writerow(["c", "Blitar", BLITAR, "https://example.test/c", "extra cell"])
    out = tmp_path / "out"

    code, _ = extract(str(table), "--id-field", "id", "--out", str(out))

    assert code == 1
    records = stored(out)
    assert records["a"].source.line == 2 and records["a"].source.url == "https://example.test/a"
    assert records["a"].source.text == BATU + "\nParagraf kedua.\n"
    assert records["b"].source.line == 6 and records["b"].source.url is None  # empty cell: no url
    bad = next(r for r in records.values() if r.status == Status.failed)
    assert bad.source.line == 8 and bad.failure is not None and "cells" in bad.failure.message


def test_a_csv_without_the_text_column_says_which_columns_it_has(tmp_path: Path) -> None:
    table = tmp_path / "sheet.csv"
    table.write_text("judul,isi\nBatu,Kota Batu\n", encoding="utf-8")
    code, _ = extract(str(table), "--out", str(tmp_path / "out"))
    assert code == 1
    (record,) = stored(tmp_path / "out").values()
    assert record.failure is not None and record.failure.kind == "no_text"
    assert "'judul', 'isi'" in record.failure.message and "--text-field" in record.failure.message


def test_a_table_that_is_not_utf8_fails_on_its_row_and_the_rest_is_read(tmp_path: Path) -> None:
    table = tmp_path / "mixed.jsonl"
    table.write_bytes(
        json.dumps({"text": BATU}).encode()
        + b"\n"
        + b'{"text": "caf\xe9"}\n'
        + json.dumps({"text": MALANG}).encode()
    )
    rows = list(table_rows(table))
    assert [row.line for row in rows] == [1, 2, 3]
    assert rows[1].problem is not None and rows[1].problem[0] == "not_utf8"
    assert rows[0].article is not None and rows[2].article is not None


def test_mixed_kinds_in_one_folder_are_all_read_and_counted(tmp_path: Path) -> None:
    """A folder with a .txt, a .jsonl of two rows and a .csv of one row is four articles; the
    tool's own files (names starting with _) are not inputs."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "batu.txt").write_text(BATU, encoding="utf-8")
    write_jsonl(folder / "rows.jsonl", [json.dumps({"text": MALANG}), json.dumps({"text": BLITAR})])
    (folder / "sheet.csv").write_text(f'text\n"{BATU.strip()}"\n', encoding="utf-8")
    write_jsonl(folder / "_fetch_failures.jsonl", [json.dumps({"url": "x", "kind": "http_404"})])
    files = sorted(folder.iterdir())
    assert count_inputs([f for f in files if not f.name.startswith("_")]) == 4

    code, output = extract(str(folder), "--out", str(tmp_path / "out"))

    assert code == 0, output
    assert set(stored(tmp_path / "out")) == {"batu", "rows-1", "rows-2", "sheet-2"}


def test_rows_travel_to_worker_processes(tmp_path: Path) -> None:
    """Rows are read by the parent and carried to forked workers whole."""
    lines = [json.dumps({"id": f"r{i}", "text": BATU.replace("82,28", f"8{i},10")}) for i in range(8)]
    table = write_jsonl(tmp_path / "many.jsonl", lines)
    out = tmp_path / "out"
    assert (
        extract(str(table), "--id-field", "id", "--jobs", "4", "--processes", "2", "--out", str(out))[0] == 0
    )
    records = stored(out)
    assert sorted(records) == [f"r{i}" for i in range(8)]
    assert records["r3"].extraction is not None and records["r3"].extraction.score == 83.10


def test_check_and_review_read_a_rows_article_from_its_record(tmp_path: Path) -> None:
    """Once extracted, the table file may go: the record keeps the text its offsets index."""
    table = write_jsonl(tmp_path / "t.jsonl", [json.dumps({"text": BATU})])
    out = tmp_path / "out"
    assert extract(str(table), "--out", str(out))[0] == 0
    table.unlink()
    result = CliRunner().invoke(main, ["check", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert "source_text_unavailable" not in result.output
    (record,) = stored(out).values()
    evidence = record.extraction.evidence["score"] if record.extraction else None
    assert evidence is not None and evidence.start is not None and evidence.end is not None
    assert BATU[evidence.start : evidence.end] == evidence.quote


@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_article_over_the_size_limit_is_refused_by_the_rules_engine_too(tmp_path: Path, how: str) -> None:
    """The one article-size limit (--max-chars, EXTRACTOR_MAX_CHARS) holds for every engine: a
    longer article gets a too_long failure record, never a cut extraction; the others go on."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "short.txt").write_text(BATU, encoding="utf-8")
    (folder / "long.txt").write_text(BATU + "Kalimat pengisi. " * 200, encoding="utf-8")
    args, env = (
        ([str(folder), "--max-chars", "1000"], {})
        if how == "option"
        else ([str(folder)], {"EXTRACTOR_MAX_CHARS": "1000"})
    )

    code, _ = extract(*args, "--out", str(tmp_path / "out"), env=env)

    assert code == 1
    records = stored(tmp_path / "out")
    assert records["short"].status != Status.failed
    failure = records["long"].failure
    assert failure is not None and failure.kind == "too_long" and "--max-chars" in failure.message


def test_inputs_of_files_reads_rows_lazily_with_the_fields_named() -> None:
    """inputs_of is a generator: nothing is read before it is asked for."""
    missing = Path("/nonexistent/rows.jsonl")
    inputs = inputs_of([missing], RowFields(text="isi"))
    (only,) = list(inputs)
    assert only.problem is not None and "no such file" in only.problem[1]


def test_a_table_killed_mid_batch_leaves_whole_records_and_a_rerun_finishes_it(tmp_path: Path) -> None:
    """SIGKILL while the rows of a JSONL file are being extracted by an LLM: only whole records
    remain, and the next run asks the model only for the rows not stored yet."""
    count = 12
    table = write_jsonl(
        tmp_path / "rows.jsonl",
        [json.dumps({"id": f"r{i:02d}", "text": f"{ARTICLE} Nomor {i}."}) for i in range(count)],
    )
    out = tmp_path / "out"
    command = [*extract_command(table, out, jobs=2), "--id-field", "id"]
    fake = FakeChatServer([FakeReply(content=VALID, delay_s=0.15)])
    with fake.running():
        env = {**os.environ, **llm_env(fake)}
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(list(iter_record_paths(out))) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        fake.wait_until_idle()
        finished = {p.stem for p in iter_record_paths(out)}
        for path in iter_record_paths(out):
            read_record(path)  # whole and valid
        assert 3 <= len(finished) < count
        asked_before = len(fake.requests)

        rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert rerun.returncode == 0, rerun.stderr

    assert sorted(stored(out)) == [f"r{i:02d}" for i in range(count)]
    assert len(fake.requests) - asked_before == count - len(finished)


def test_a_glob_pattern_names_tables_too(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [json.dumps({"text": BATU})])
    write_jsonl(folder / "b.jsonl", [json.dumps({"text": MALANG})])
    (folder / "c.txt").write_text(BLITAR, encoding="utf-8")
    code, _ = extract(str(folder / "*.jsonl"), "--out", str(tmp_path / "out"))
    assert code == 0
    assert set(stored(tmp_path / "out")) == {"a-1", "b-1"}
