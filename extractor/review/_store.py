"""Compare-and-replace of one record, so two review sessions never lose each other's decisions.

Every page holds the version of the record it shows (the sha256 of the file's bytes). A decision
names that version; under an exclusive lock on ``OUT_DIR/_review.lock`` (held by every review
server, in any process) the file is read again, and if its bytes changed since the page loaded
it, the write is refused with ``StaleRecord`` instead of overwriting the other decision.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from extractor.store import folder_lock, record_path, write_record
from schemas.record import Record, parse_record

# Any id `extract` makes (a file stem: spaces and any letters included), never a path: no
# separator, and no leading "." or "_" (``..``, hidden files, the folder's own ``_summary.json``).
_NOT_A_RECORD_ID = re.compile(r"^[._]|[/\\\x00]|^$")


class StaleRecord(Exception):
    """The record changed on disk after the page loaded it."""


class UnknownRecord(Exception):
    """No record of that id in the folder."""


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _path(out_dir: Path, record_id: str) -> Path:
    # An id comes from a URL: never let it name a file outside the folder or a non-record.
    if _NOT_A_RECORD_ID.search(record_id):
        raise UnknownRecord(record_id)
    path = record_path(out_dir, record_id)
    if not path.is_file():
        raise UnknownRecord(record_id)
    return path


def load(out_dir: Path, record_id: str) -> tuple[Record, str]:
    """The record and its version."""
    data = _path(out_dir, record_id).read_bytes()
    return parse_record(data), version_of(data)


def replace_if_current(
    out_dir: Path, record_id: str, version: str, change: Callable[[Record], Record]
) -> tuple[Record, str]:
    """Write ``change(record)`` atomically if the file is still at ``version``; the new record and version."""
    with folder_lock(out_dir):
        path = _path(out_dir, record_id)
        data = path.read_bytes()
        if version_of(data) != version:
            raise StaleRecord(
                f"{record_id} was changed by another review session (or `extractor check`) after "
                "this page loaded it, so this decision was not saved. Reload the record to see the "
                "other decision, then decide again."
            )
        updated = change(parse_record(data))
        write_record(out_dir, updated)
        return updated, version_of(path.read_bytes())
