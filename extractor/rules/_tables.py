"""Labels from the row of a flattened data table: a page's table read out as lines of cells
("| DPMPTSP | 89,75 | Hijau |") under a header row ("| Unit Layanan | Nilai | Zona |"). A cell
gives a zone only under a header that names the zone ("Zona", "Zonasi"), a grade only under one
that names the grade ("Kategori", "Predikat", "Opini"); under a header that names neither it gives
nothing (a bare "Hijau" under "Keterangan" is no label). A table with no header row at all
("| Kabupaten X | 85,36 | Hijau |" lines alone) has only its cells to go by: a cell that is a zone
colour and nothing else ("Hijau", "Zona Kuning") is the zone, one that is a grade with its head
word ("Kualitas Tinggi", "Kategori B") is the grade."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from extractor.rules._labels import GRADE_OF, OLD_ZONE_OF, ZONE_OF, label_key
from schemas.values import GRADE_LETTERS, Grade, Zone

_ZONE_HEADER = re.compile(r"\bzona(?:si)?\b", re.IGNORECASE)
_GRADE_HEADER = re.compile(r"\b(?:kategori|predikat|opini)\b", re.IGNORECASE)
_ZONE_CELL = re.compile(r"(?:zona\s+)?(hijau|kuning|merah)", re.IGNORECASE)
_GRADE_CELL = re.compile(
    r"(?:(?:opini\s+)?kualitas\s+)?(tertinggi|tinggi|sedang|rendah|terendah)", re.IGNORECASE
)
_LETTER_CELL = re.compile(r"(?:kategori\s+)?([A-E])")
# Before 2022 the zones were also called "kepatuhan tinggi / sedang / rendah".
_OLD_ZONE_CELL = re.compile(r"(?:zona\s+)?kepatuhan\s+(tinggi|sedang|rendah)", re.IGNORECASE)
_SEPARATOR = re.compile(r"\|?[\s:|-]*")


@dataclass(frozen=True, slots=True)
class RowLabels:
    zone: Zone | None
    grade: Grade | None
    end: int  # where the last cell that gave a label ends


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _is_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 3


# A score as a table prints it ("85,36", "90.15"): a row holding one is data, not a header.
_SCORE_CELL = re.compile(r"\d\s*[.,]\s*\d")
_COUNT_CELL = re.compile(r"\d{1,3}")


def _names_columns(line: str) -> bool:
    """A row that names columns: no score, no cell that is a label itself ("| Unit | Nilai 2024 |
    Zona |"; not "| Kota Magelang | Zona Hijau |", a row of data)."""
    if _SCORE_CELL.search(line):
        return False
    cells = _cells(line)
    if any(_COUNT_CELL.fullmatch(cell) for cell in cells):
        return False  # "| 1 | Polres Jayapura | 107 |": a row number or a whole score (a year may head)
    return not any(_zone(cell, old) or _grade(cell, old) for cell in cells for old in (False, True))


_headers: tuple[str, dict[int, list[str] | None]] = ("", {})


def _header(text: str, line_start: int) -> list[str] | None:
    """The nearest row above the row at ``line_start``, in its table, that names columns (a title
    row or a first header row above it is passed over), or None. Each row's answer is kept for the
    rows below it: a table's rows are asked in turn, and the walk stops at a row already answered."""
    global _headers
    if _headers[0] is not text:
        _headers = (text, {})
    known = _headers[1]
    walked: list[int] = []
    found: list[str] | None = None
    while line_start > 0 and line_start not in known:
        walked.append(line_start)
        start, end = _line(text, line_start - 1)
        line = text[start:end]
        if not _is_row(line):
            break
        if _SEPARATOR.fullmatch(line.strip()) is None and _names_columns(line):
            found = _cells(line)
            break
        line_start = start
    else:
        found = known.get(line_start)
    for row in walked:
        known[row] = found
    return found


def _zone(cell: str, old: bool) -> Zone | None:
    match = _ZONE_CELL.fullmatch(cell)
    if match is not None:
        return ZONE_OF[label_key(match.group(1))]
    match = _OLD_ZONE_CELL.fullmatch(cell) if old else None
    return OLD_ZONE_OF[label_key(match.group(1))] if match is not None else None


def _grade(cell: str, old: bool) -> Grade | None:
    match = _LETTER_CELL.fullmatch(cell)
    if match is not None:
        return GRADE_LETTERS[label_key(match.group(1))]
    if old:
        return None  # "Kepatuhan Tinggi" before 2022 is a zone
    match = _GRADE_CELL.fullmatch(cell)
    return GRADE_OF[label_key(match.group(1))] if match is not None else None


def row_labels(text: str, pos: int, year: int | None) -> RowLabels | None:
    """The zone and grade the table row holding ``pos`` gives in its labelled columns."""
    line_start, line_end = _line(text, pos)
    line = text[line_start:line_end]
    if not _is_row(line):
        return None
    header = _header(text, line_start)
    cells = _cells(line)
    old = year is not None and year <= 2021
    if header is None:
        return _headless(text, line_start, cells, old)
    if len(cells) != len(header):
        return None
    zone: Zone | None = None
    grade: Grade | None = None
    last = -1
    for i, (head, cell) in enumerate(zip(header, cells, strict=True)):
        if zone is None and _ZONE_HEADER.search(head):
            zone = _zone(cell, old)
            last = i if zone is not None else last
        elif grade is None and _GRADE_HEADER.search(head):
            grade = _grade(cell, old)
            if grade is None and old and zone is None:
                zone = _zone(cell, old)  # "Predikat | Kepatuhan Tinggi" before 2022
                last = i if zone is not None else last
            last = i if grade is not None else last
    if last < 0:
        return None
    return RowLabels(zone, grade, _cell_end(text, line_start, last))


def _cell_end(text: str, line_start: int, last: int) -> int:
    """Where cell ``last`` of the row ends (its text, without the spaces before the pipe)."""
    end = line_start
    for _ in range(last + 2):  # past the opening pipe and the cells up to the last label's
        end = text.index("|", end) + 1
    return line_start + len(text[line_start : end - 1].rstrip())


_HEADED_GRADE_CELL = re.compile(
    r"(?:opini\s+)?kualitas\s+(tertinggi|tinggi|sedang|rendah|terendah)|kategori\s+([A-E])", re.IGNORECASE
)


def _headless(text: str, line_start: int, cells: list[str], old: bool) -> RowLabels | None:
    """The labels of a row of a table without a header: cells that are a label and nothing else."""
    zone: Zone | None = None
    grade: Grade | None = None
    last = -1
    for i, cell in enumerate(cells[1:], 1):  # (the first cell is the name)
        if zone is None and (found := _zone(cell, old)) is not None:
            zone, last = found, i
        elif grade is None and not old and (match := _HEADED_GRADE_CELL.fullmatch(cell)) is not None:
            word, letter = match.groups()
            grade = GRADE_OF[label_key(word)] if word else GRADE_LETTERS[label_key(letter)]
            last = i
    return RowLabels(zone, grade, _cell_end(text, line_start, last)) if last >= 0 else None


class _Labelled(Protocol):
    quote: str
    zone: Zone | None
    grade: Grade | None


def add_row_labels(text: str, start: int, item: _Labelled, year: int | None) -> None:
    """The zone and grade from the table row of a unit or another subject's result (its quote
    starts at ``start``), where it has none from the text; its quote then runs to the last label."""
    row = row_labels(text, start, year)
    if row is None:
        return
    item.zone = item.zone or row.zone
    item.grade = item.grade or row.grade
    if text.startswith(item.quote, start) and row.end > start + len(item.quote):
        item.quote = text[start : row.end]
