"""The effective values of a run as tables: subjects, units, officials and earlier results,
joined by record id; and the files of every table the tool writes (this and ``extractor dataset``).

Each record with values gives one row of ``subjects`` (the region or agency, year, score, zone,
grade, status), a row per unit, per official and per earlier result it states, and in ``results``
a row per result it states: its main subject's and every other subject's (a round-up's). Values are the
effective ones: the machine's extraction with every reviewer correction applied. Failed records
have no values; rejected ones (not an Ombudsman result) are left out unless asked for. Column
types are fixed, so an empty table still has its columns and a Parquet reader gets numbers as
numbers. In CSV every text cell is quoted and numbers are not, so a code such as ``35.10`` is
text by the file's own say (a reader that ignores quotes needs ``dtype={"region_code": str}``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from extractor.effective import active_decisions
from extractor.review import effective
from extractor.store import write_atomic
from schemas.record import Extraction, Record, Subject

FORMATS = ("csv", "jsonl", "parquet")

# Column name -> Arrow type, in order. Strings for enums and codes; previous results as JSON text
# (a list per record, the same in every format).
COLUMNS: dict[str, dict[str, Any]] = {
    "subjects": {
        "record_id": pa.string(),
        "status": pa.string(),
        "rejected": pa.bool_(),
        "reviewed": pa.bool_(),
        "assessment": pa.string(),
        "subject_name": pa.string(),
        "subject_name_as_written": pa.string(),
        "subject_kind": pa.string(),
        "region_code": pa.string(),
        "assessment_year": pa.int64(),
        "score": pa.float64(),
        "zone": pa.string(),
        "grade": pa.string(),
        "published": pa.string(),
        "previous": pa.int64(),
        "units": pa.int64(),
        "officials": pa.int64(),
        "open_flags": pa.string(),
        "source_path": pa.string(),
        "engine": pa.string(),
        "model": pa.string(),
    },
    "units": {
        "record_id": pa.string(),
        "unit_index": pa.int64(),
        "name": pa.string(),
        "score": pa.float64(),
        "zone": pa.string(),
        "grade": pa.string(),
    },
    "officials": {
        "record_id": pa.string(),
        "official_index": pa.int64(),
        "name": pa.string(),
        "role": pa.string(),
    },
    "previous": {
        "record_id": pa.string(),
        "year": pa.int64(),
        "score": pa.float64(),
    },
    # Every result a record states: its main subject's (role main) and other subjects' (others[i]).
    "results": {
        "record_id": pa.string(),
        "role": pa.string(),
        "other_index": pa.int64(),
        "subject": pa.string(),
        "subject_kind": pa.string(),
        "region_code": pa.string(),
        "assessment_year": pa.int64(),
        "score": pa.float64(),
        "zone": pa.string(),
        "grade": pa.string(),
    },
    # extractor dataset (extractor.dataset): one row per subject and year, and their units.
    "dataset": {
        "subject": pa.string(),
        "region_code": pa.string(),
        "kind": pa.string(),
        "assessment_year": pa.int64(),
        "score": pa.float64(),
        "zone": pa.string(),
        "grade": pa.string(),
        "basis": pa.string(),
        "articles": pa.int64(),
        "releases": pa.int64(),
        "agreement": pa.string(),
        "reviewed": pa.bool_(),
        "sources": pa.string(),
        "urls": pa.string(),
        "flags": pa.string(),
    },
    "dataset_units": {
        "subject": pa.string(),
        "region_code": pa.string(),
        "assessment_year": pa.int64(),
        "unit": pa.string(),
        "score": pa.float64(),
        "zone": pa.string(),
        "grade": pa.string(),
        "articles": pa.int64(),
        "agreement": pa.string(),
        "sources": pa.string(),
    },
}
EXPORT_TABLES = ("subjects", "units", "officials", "previous", "results")


def tables(
    records: Iterable[Record], texts: dict[str, str | None], include_rejected: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """Rows of the export's tables. ``texts`` (record id -> article) re-check corrected records."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in EXPORT_TABLES}
    for record in records:
        eff = effective(record, texts.get(record.record_id))
        e = eff.extraction
        if e is None or (eff.rejected and not include_rejected):
            continue
        rid = record.record_id
        out["subjects"].append(
            {
                "record_id": rid,
                "status": eff.status.value,
                "rejected": eff.rejected,
                "reviewed": bool(active_decisions(record)),
                "assessment": e.assessment.value,
                "subject_name": e.subject.name if e.subject else None,
                "subject_name_as_written": e.subject.name_as_written if e.subject else None,
                "subject_kind": e.subject.kind.value if e.subject else None,
                "region_code": e.subject.region_code if e.subject else None,
                "assessment_year": e.assessment_year,
                "score": e.score,
                "zone": e.zone.value if e.zone else None,
                "grade": e.grade.value if e.grade else None,
                "published": e.published.isoformat() if e.published else None,
                "previous": len(e.previous),
                "units": len(e.units),
                "officials": len(e.officials),
                "open_flags": " ".join(sorted({f.code for f in eff.open_flags})),
                "source_path": record.source.path,
                "engine": record.provenance.engine,
                "model": record.provenance.model,
            }
        )
        for i, unit in enumerate(e.units):
            out["units"].append(
                {
                    "record_id": rid,
                    "unit_index": i,
                    "name": unit.name,
                    "score": unit.score,
                    "zone": unit.zone.value if unit.zone else None,
                    "grade": unit.grade.value if unit.grade else None,
                }
            )
        for previous in e.previous:
            out["previous"].append({"record_id": rid, "year": previous.year, "score": previous.score})
        out["results"] += _results(rid, e)
        for i, official in enumerate(e.officials):
            out["officials"].append(
                {"record_id": rid, "official_index": i, "name": official.name, "role": official.role}
            )
    return out


def _results(record_id: str, e: Extraction) -> list[dict[str, Any]]:
    """The main result (when the record has a subject) and each other subject's result."""
    rows = []
    if e.subject is not None:
        rows.append(_result(record_id, "main", None, e.subject, e.assessment_year, e.score, e.zone, e.grade))
    for i, other in enumerate(e.others):
        year = e.year_of(other)
        rows.append(_result(record_id, "other", i, other.subject, year, other.score, other.zone, other.grade))
    return rows


def _result(
    record_id: str, role: str, index: int | None, subject: Subject, year: int | None,
    score: float | None, zone: Any, grade: Any,
) -> dict[str, Any]:  # fmt: skip
    return {
        "record_id": record_id,
        "role": role,
        "other_index": index,
        "subject": subject.name,
        "subject_kind": subject.kind.value,
        "region_code": subject.region_code,
        "assessment_year": year,
        "score": score,
        "zone": getattr(zone, "value", None),
        "grade": getattr(grade, "value", None),
    }


def encode(name: str, rows: list[dict[str, Any]], fmt: str) -> bytes:
    """One table in one format."""
    columns = COLUMNS[name]
    if fmt == "csv":
        buffer = io.StringIO()
        # Text quoted, numbers and booleans not: the file itself says which cells are text.
        writer = csv.DictWriter(
            buffer, fieldnames=list(columns), lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
        )
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
    if fmt == "parquet":
        schema = pa.schema(list(columns.items()))
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), sink)
        return bytes(sink.getvalue().to_pybytes())
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_tables(data: dict[str, list[dict[str, Any]]], out_dir: Path, fmt: str) -> list[Path]:
    """``<table>.<fmt>`` for each table in ``out_dir``, each written atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in data.items():
        path = out_dir / f"{name}.{fmt}"
        write_atomic(path, encode(name, rows, fmt))
        written.append(path)
    return written
