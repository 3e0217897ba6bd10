"""Inputs as users have them: same-named files from two folders, UTF-16, and things named like
articles that are not (a folder ``x.txt``, a symlink loop, a pipe). Nothing is overwritten or
lost, each problem gets a record naming the file, and the batch goes on. Run through the CLI."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.store import iter_record_paths, read_record
from schemas.record import Status

BATU = "Pemerintah Kota Batu meraih nilai 82,28 (zona hijau) dalam Penilaian Kepatuhan Ombudsman RI.\n"
MALANG = "Pemerintah Kota Malang meraih nilai 71,05 (zona kuning) dalam Penilaian Kepatuhan Ombudsman RI.\n"


def extract(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["extract", *args, "--engine", "rules"], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def records_by_source(out: Path) -> dict[str, str]:
    """{source path: record id} of every record in ``out``."""
    found = {}
    for path in iter_record_paths(out):
        record = read_record(path)
        found[record.source.path] = record.record_id
    return found


def test_same_named_files_of_two_folders_never_replace_each_other(tmp_path: Path) -> None:
    """`extract a/`, then `extract b/berita.txt`, then both again in either order: both records
    stay intact under ids that do not change, and the renaming is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = tmp_path / "a" / "berita.txt", tmp_path / "b" / "berita.txt"
    a.write_text(BATU, encoding="utf-8")
    b.write_text(MALANG, encoding="utf-8")
    out = tmp_path / "out"

    assert extract(str(tmp_path / "a"), "--out", str(out))[0] == 0
    code, output = extract(str(b), "--out", str(out))
    assert code == 0
    assert "stored under another id" in output and "berita.json" in output
    first = records_by_source(out)
    assert set(first) == {str(a), str(b)} and first[str(a)] == "berita"
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert summary["renamed"][0]["record_id"] == first[str(b)]

    for order in ([str(b), str(a)], [str(tmp_path / "a"), str(tmp_path / "b")]):
        code, output = extract(*order, "--out", str(out))
        assert code == 0
        assert records_by_source(out) == first  # same ids, nothing re-extracted into a new one
    kept = {read_record(p).record_id: read_record(p) for p in iter_record_paths(out)}
    assert kept["berita"].extraction is not None and kept["berita"].extraction.score == 82.28
    assert kept[first[str(b)]].extraction is not None and kept[first[str(b)]].extraction.score == 71.05


def test_a_utf16_file_with_its_bom_is_read(tmp_path: Path) -> None:
    """A UTF-16 export (BOM first) is decoded, not refused as binary."""
    article = tmp_path / "in" / "batu.txt"
    article.parent.mkdir()
    article.write_bytes(codecs.BOM_UTF16_LE + BATU.replace("\n", "\r\n").encode("utf-16-le"))

    assert extract(str(article.parent), "--out", str(tmp_path / "out"))[0] == 0

    record = read_record(tmp_path / "out" / "batu.json")
    assert record.status != Status.failed and record.extraction is not None
    assert record.extraction.score == 82.28


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symlinks and named pipes")
def test_things_named_like_articles_get_a_failure_record_and_the_batch_goes_on(tmp_path: Path) -> None:
    """A folder called x.txt, a symlink loop (in the folder and named on the command line) and a
    pipe each get a failure record saying what they are; the real article is extracted."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "batu.txt").write_text(BATU, encoding="utf-8")
    (folder / "folder.txt").mkdir()
    (folder / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "out"

    code, _ = extract(str(folder), str(folder / "loop.txt"), "--out", str(out))

    assert code == 1  # some articles failed: said by the exit status too
    records = {read_record(p).record_id: read_record(p) for p in iter_record_paths(out)}
    assert records["batu"].status != Status.failed
    messages = {rid: (r.failure.message if r.failure else "") for rid, r in records.items()}
    assert "is a folder" in messages["folder"]
    assert "symlink loop" in messages["loop"]
    assert "not a regular file" in messages["pipe"]
