"""Record ids: one per input, readable, and never two sources under one id."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from extractor.inputs import Input, identity
from extractor.store import record_path
from schemas.record import Source

# The run summary lists at most this many failures and renamings (memory stays flat on huge
# batches); every failure is in its own record.
MAX_LISTED = 1000
_NOT_SAFE = re.compile(r"[^\w.-]+")


class RecordIds:
    """A record id per input: readable, unless that id is taken.

    A file's id is its stem; a table row's is its ``--id-field`` value made safe for a file name,
    else the table's stem and the row's line (``export-17``). An id is taken when another input
    of this run has it, or when ``out_dir`` already holds a record of that id from another
    article (``extract a/`` then ``extract b/berita.txt``): the input then gets
    ``id-<8 hex of its absolute path (and line)>``, the same on every run, and the renaming is
    listed in ``renamed`` (the run summary). A stored record of another source is never replaced.
    """

    def __init__(self, out_dir: Path | None = None) -> None:
        self._used: set[str] = set()
        self._out_dir = out_dir
        self.renamed: list[dict[str, str]] = []

    def assign(self, item: Input) -> str:
        stem = readable_id(item)
        candidate = stem
        if stem in self._used:
            candidate = f"{stem}-{_digest(item)}"
        elif self._out_dir is not None:
            holder = _stored_source(self._out_dir, stem)
            if holder is not None and not _is_source(holder, item):
                candidate = f"{stem}-{_digest(item)}"
                if len(self.renamed) < MAX_LISTED:
                    held_by = holder.path
                    self.renamed.append(
                        {"path": item.where, "record_id": candidate, "instead_of": stem, "held_by": held_by}
                    )
        self._used.add(candidate)
        return candidate


def readable_id(item: Input) -> str:
    if item.line is None:
        return item.path.stem or "article"
    if item.row_id:
        safe = _NOT_SAFE.sub("-", item.row_id).strip("-.")[:80]
        if safe:
            return safe
    return f"{item.path.stem or 'rows'}-{item.line}"


def _digest(item: Input) -> str:
    where = str(identity(item.path)) + (f"#{item.line}" if item.line is not None else "")
    return hashlib.sha1(where.encode("utf-8")).hexdigest()[:8]


def _stored_source(out_dir: Path, record_id: str) -> Source | None:
    """The source of the record stored under ``record_id``, if any. Only the source is validated:
    this runs for every input of a re-run, before the worker reads the whole record anyway."""
    try:
        return Source.model_validate(json.loads(record_path(out_dir, record_id).read_bytes())["source"])
    except (OSError, ValueError, KeyError, TypeError):  # none, unreadable, or not a record
        return None


def _is_source(source: Source, item: Input) -> bool:
    """Whether the stored record came from this input: the same file (and row), or (a relative
    path read from another folder) the same bytes."""
    if identity(Path(source.path)) == identity(item.path) and source.line == item.line:
        return True
    if source.sha256 is None:
        return False
    if item.article is not None:
        return item.article.sha256 == source.sha256
    try:
        return item.line is None and hashlib.sha256(item.path.read_bytes()).hexdigest() == source.sha256
    except OSError:
        return False
