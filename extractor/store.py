"""The output folder: one validated JSON record per article, written atomically.

A record is serialised, validated again from its own JSON, written to a temporary file in the
same folder, fsync'ed and renamed over the target: a reader (or a crash) sees the old file or
the new one, never half of one. Files whose name starts with ``_`` (the run summary, temporary
files) are not records.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from schemas.record import SCHEMA_VERSION, Record, parse_record

SUMMARY_NAME = "_summary.json"
LOCK_NAME = "_review.lock"  # the lock file of review servers and ``extractor check`` (review._store too)
_TMP_PREFIX = "_tmp-"
# The mode an ordinary open() would give: 0666 less the umask (read once, at import).
_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` so that a reader (or a crash) sees the old file or the new one whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid in the name tells a later run whether the file is an orphan.
    fd, tmp = tempfile.mkstemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-", suffix=path.suffix, dir=path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        os.fchmod(fd, _FILE_MODE)  # mkstemp's 0600 would make records private to their writer
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    # The rename itself is durable only once the directory entry is on disk.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def record_path(out_dir: Path, record_id: str) -> Path:
    return out_dir / f"{record_id}.json"


def write_record(out_dir: Path, record: Record) -> Path:
    """Write ``record`` in the current file format (``schema_version``): a record read from a
    file of an older version is written back upgraded, its content as it was."""
    if record.schema_version != SCHEMA_VERSION:
        record = record.model_copy(update={"schema_version": SCHEMA_VERSION})
    text = record.model_dump_json(indent=2) + "\n"
    parse_record(text)  # what is written must read back as a valid record
    path = record_path(out_dir, record.record_id)
    write_atomic(path, text)
    return path


def read_record(path: Path) -> Record:
    return parse_record(path.read_text(encoding="utf-8"))


def try_read_record(path: Path) -> Record | None:
    """The stored record, or None when there is none or it is not a valid record."""
    try:
        return read_record(path)
    except (OSError, ValueError):
        return None


def iter_record_paths(out_dir: Path) -> Iterator[Path]:
    """The record files in name order. Only the names are held (sorting needs them all), not
    a Path object per record: a folder of 100,000 records costs a few MB, not tens."""
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(out_dir)
            if entry.name.endswith(".json") and not entry.name.startswith(("_", ".")) and entry.is_file()
        )
    except FileNotFoundError:
        return
    for name in names:
        yield out_dir / name


def _writer_alive(pid: int, written_at: float) -> bool:
    """Whether process ``pid`` may still be writing a file last modified at ``written_at``.

    Not when it is gone, nor when it is a zombie: a worker of a killed batch is orphaned, and
    where the init process does not reap (some containers) it stays a zombie for ever. Nor
    when the pid now belongs to a process that started after the file was written (reused).
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    state, started_at = _process_state(pid)
    if state in ("Z", "X"):
        return False
    # Start times tick at 1/100 s and the boot time is whole seconds: a margin of 2 s.
    return started_at is None or started_at <= written_at + 2.0


def _process_state(pid: int) -> tuple[str | None, float | None]:
    """Linux's state letter of ``pid`` and its start as a Unix time (None where unknown)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        # The command name may hold spaces and parentheses: the fields follow its last ")".
        fields = stat.rsplit(")", 1)[1].split()
        lines = Path("/proc/stat").read_text().splitlines()
        boot = next(float(line.split()[1]) for line in lines if line.startswith("btime "))
        return fields[0], boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, StopIteration):
        return None, None


def clean_temporary_files(out_dir: Path) -> int:
    """Remove what a killed run left half-written (never a record: those are renamed whole).

    Only files of writers that are gone: a second run writing into the same folder keeps its own.
    """
    removed = 0
    for tmp in out_dir.glob(f"{_TMP_PREFIX}*"):
        pid_text = tmp.name.removeprefix(_TMP_PREFIX).split("-", 1)[0]
        try:
            written_at = tmp.stat().st_mtime
        except OSError:
            continue  # renamed or removed meanwhile
        if pid_text.isdigit() and _writer_alive(int(pid_text), written_at):
            continue
        tmp.unlink(missing_ok=True)
        removed += 1
    return removed


def write_summary(out_dir: Path, summary: dict[str, Any]) -> Path:
    path = out_dir / SUMMARY_NAME
    write_atomic(path, json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n")
    return path


@contextmanager
def folder_lock(out_dir: Path) -> Iterator[None]:
    """Held while a record is read, compared and replaced: by every review server and by
    ``extractor check``, in any process (an exclusive ``flock`` on ``OUT_DIR/_review.lock``)."""
    with (out_dir / LOCK_NAME).open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
