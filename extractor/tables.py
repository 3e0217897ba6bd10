"""Articles as rows of a table: JSONL (one JSON object per line) or CSV (a header row).

Each row is one article: its text in the ``--text-field`` column (default ``text``), its id in
``--id-field`` where one is named (else the file's name and the row's line), and what the row
says of its source in the columns ``url``, ``title``, ``outlet`` and ``published``, kept in the
record. Rows are read as the batch goes, by the process that lists the inputs, so a file of a
million rows is never held whole. A row that is no article (invalid JSON, no text) becomes a
failure record naming the file and line; the other rows go on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from extractor.inputs import (
    TABLE_SUFFIXES,
    Article,
    Input,
    UnreadableArticle,
    expand_paths,
    open_regular,
    plain_text,
)
from schemas.record import Source
from schemas.values import read_date

SOURCE_COLUMNS = ("url", "title", "outlet", "published")
# A CSV cell may hold a long article; the csv module refuses cells over 128 KiB by default.
_MAX_CELL = 64 * 1024 * 1024

Problem = tuple[str, str]  # (failure kind, message): a row that is no article
Row = Mapping[str, Any] | Problem


@dataclass(frozen=True)
class RowFields:
    """Which columns of a table row hold the text and the id."""

    text: str = "text"
    id: str | None = None


DEFAULT_FIELDS = RowFields()


def list_inputs(paths: Iterable[str | Path], fields: RowFields = DEFAULT_FIELDS) -> Iterator[Input]:
    """Every article the paths (files, folders, patterns) name."""
    return inputs_of(expand_paths(paths), fields)


def inputs_of(files: Iterable[Path], fields: RowFields = DEFAULT_FIELDS) -> Iterator[Input]:
    """Every article of these files: a file each, or a row each of a table file."""
    for path in files:
        if path.suffix.lower() in TABLE_SUFFIXES:
            yield from table_rows(path, fields)
        else:
            yield Input(path)


def count_inputs(files: Iterable[Path], fields: RowFields = DEFAULT_FIELDS) -> int:
    """How many inputs ``inputs_of`` will give, for a progress bar: tables are read once more,
    their rows split but not made into articles."""
    total = 0
    for path in files:
        if path.suffix.lower() not in TABLE_SUFFIXES:
            total += 1
            continue
        try:
            handle = open_regular(path)
        except UnreadableArticle:
            total += 1  # one failure record
            continue
        with handle:
            rows = _csv_rows(handle, fields) if path.suffix.lower() == ".csv" else _jsonl_rows(handle)
            total += sum(1 for _ in rows)
    return total


def table_rows(path: Path, fields: RowFields = DEFAULT_FIELDS) -> Iterator[Input]:
    """One input per row of a JSONL or CSV file; a file that cannot be read at all is one input
    with its problem."""
    try:
        handle = open_regular(path)
    except UnreadableArticle as problem:
        yield Input(path, problem=(problem.kind, problem.message))
        return
    with handle:
        rows = _csv_rows(handle, fields) if path.suffix.lower() == ".csv" else _jsonl_rows(handle)
        for line, row in rows:
            yield _input(path, line, row, fields)


def _jsonl_rows(handle: BinaryIO) -> Iterator[tuple[int, Row]]:
    """(line, the row's fields) per non-blank line, or (line, what is wrong with it)."""
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, ("not_utf8", f"is not UTF-8 (byte {exc.start} of the line): convert the file")
            continue
        line = line.removeprefix("\ufeff") if number == 1 else line
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield number, ("invalid_row", f"is not valid JSON ({exc}); each line must be one JSON object")
            continue
        if not isinstance(row, dict):
            kind = type(row).__name__
            yield number, ("invalid_row", f"is a JSON {kind}, not an object with a text field")
            continue
        yield number, row


def _csv_rows(handle: BinaryIO, fields: RowFields) -> Iterator[tuple[int, Row]]:
    """(first line, the row's fields) per row, or (first line, what is wrong with it)."""
    csv.field_size_limit(_MAX_CELL)
    reader = csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8-sig", newline=""))
    try:
        columns = list(reader.fieldnames or [])
    except (csv.Error, UnicodeDecodeError) as exc:
        yield 1, ("invalid_row", f"has no readable header row ({exc})")
        return
    if fields.text not in columns:
        listed = ", ".join(repr(c) for c in columns) or "none"
        why = f"has no column {fields.text!r} (columns: {listed}): name the text's column with --text-field"
        yield 1, ("no_text", why)
        return
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            why = f"is not UTF-8 (byte {exc.start}): convert the file; the rows after it were not read"
            yield first_line, ("not_utf8", why)
            return
        except csv.Error as exc:
            yield first_line, ("invalid_row", f"is not a valid CSV row ({exc})")
            continue
        extra = row.pop(None, None)  # DictReader keeps cells beyond the header under None
        if extra:
            why = f"has {len(columns) + len(extra)} cells where the header has {len(columns)}"
            yield first_line, ("invalid_row", why)
            continue
        yield first_line, row


def _input(path: Path, line: int, row: Row, fields: RowFields) -> Input:
    if isinstance(row, tuple):
        return Input(path, line=line, problem=row)
    row_id = _text_of(row.get(fields.id)) if fields.id else None
    text = row.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        present = ", ".join(repr(k) for k in row) or "none"
        if fields.text not in row:
            why = "is missing"
        elif text is None or isinstance(text, str):
            why = "is empty"
        else:
            why = f"is a {type(text).__name__}, not text"
        message = f"field {fields.text!r} {why} (fields: {present}): name the text's field with --text-field"
        return Input(path, line=line, row_id=row_id, problem=("no_text", message))
    text = plain_text(text)
    data = text.encode("utf-8")
    digest, size = hashlib.sha256(data).hexdigest(), len(data)
    published_as_given = _text_of(row.get("published"))
    origin = Source(
        path=str(path),
        sha256=digest,
        size=size,
        kind=path.suffix.lower().lstrip("."),
        line=line,
        row_id=row_id,
        url=_text_of(row.get("url")),
        title=_text_of(row.get("title")),
        outlet=_text_of(row.get("outlet")),
        published=read_date(published_as_given) if published_as_given else None,
        published_from=f"the row's published field ({published_as_given!r})" if published_as_given else None,
        text=text,
    )
    article = Article(path=path, text=text, sha256=digest, size=size, origin=origin)
    return Input(path, line=line, row_id=row_id, article=article)


def _text_of(value: Any) -> str | None:
    """A cell as text: numbers as written, nothing for empty cells or nested values."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    shown = str(value).strip()
    return shown or None
