"""Reading articles (any path, any line ending, bad files named) and writing records atomically."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from extractor.inputs import UnreadableArticle, expand_paths, read_article
from extractor.store import clean_temporary_files, iter_record_paths, write_atomic


def test_bom_and_crlf_are_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffBaris satu\r\nBaris dua\r\n".encode())
    article = read_article(path)
    assert article.text == "Baris satu\nBaris dua\n"
    assert article.size == path.stat().st_size


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", "empty"),
        (b"  \n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("Kota Bat\u00fa".encode("latin-1"), "not_utf8"),
    ],
)
def test_bad_files_are_refused_with_a_named_reason(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableArticle) as caught:
        read_article(path)
    assert caught.value.kind == kind
    assert str(path) in str(caught.value)


def test_missing_path_is_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(UnreadableArticle, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_paths_folders_and_globs_expand_once_each(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.txt", "sub/c.txt", "sub/d.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = list(expand_paths([tmp_path, str(tmp_path / "*.txt"), tmp_path / "a.txt"]))
    assert sorted(p.name for p in found) == ["a.txt", "b.txt", "c.txt"]


def test_glob_matching_nothing_is_kept_so_it_gets_a_failure_record(tmp_path: Path) -> None:
    assert list(expand_paths([str(tmp_path / "*.txt")])) == [tmp_path / "*.txt"]


def test_atomic_write_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure mid-write (here: the disk refuses fsync) never leaves a half file."""
    target = tmp_path / "r.json"
    write_atomic(target, '{"old": true}')

    def refuse(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("extractor.store.os.fsync", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, '{"new": true, "long": "' + "x" * 100_000 + '"}')
    assert json.loads(target.read_text()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_temporary_files_of_dead_writers_are_cleaned_not_listed_as_records(tmp_path: Path) -> None:
    stale = tmp_path / "_tmp-999999999-abc.json"
    stale.write_text("{half")
    mine = tmp_path / f"_tmp-{os.getpid()}-abc.json"
    mine.write_text("{half")
    (tmp_path / "rec.json").write_text("{}")

    assert [p.name for p in iter_record_paths(tmp_path)] == ["rec.json"]
    assert clean_temporary_files(tmp_path) == 1
    assert not stale.exists()
    assert mine.exists(), "a live writer's temporary file is left alone"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_temporary_files_of_zombie_writers_are_cleaned(tmp_path: Path) -> None:
    """A worker of a killed batch is orphaned; where init does not reap, it stays a zombie (its
    pid answers a signal): its half-written file is still an orphan's."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            assert time.monotonic() < deadline, "the child never ended"
            time.sleep(0.01)
        stale = tmp_path / f"_tmp-{pid}-abc.json"
        stale.write_text("{half")
        assert clean_temporary_files(tmp_path) == 1
        assert not stale.exists()
    finally:
        os.waitpid(pid, 0)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_temporary_files_whose_pid_was_reused_by_a_later_process_are_cleaned(tmp_path: Path) -> None:
    """A file last written before the process now holding its pid started (in 2001 here) is
    not that process's: its writer is gone."""
    stale = tmp_path / f"_tmp-{os.getpid()}-old.json"
    stale.write_text("{half")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    mine = tmp_path / f"_tmp-{os.getpid()}-new.json"
    mine.write_text("{half")
    assert clean_temporary_files(tmp_path) == 1
    assert not stale.exists()
    assert mine.exists()


def test_atomic_files_get_the_usual_permissions_not_mkstemps_private_ones(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    write_atomic(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
