"""The record an article becomes, and the draft an engine answers; with their JSON Schemas.

``python -m schemas`` rewrites the ``*.schema.json`` files from the models; a test fails when
they drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.draft import ArticleExtraction
from schemas.record import SCHEMA_VERSION, Extraction, Flag, Record, Status

SCHEMA_DIR = Path(__file__).parent
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "record.schema.json": Record,
    "article_extraction.schema.json": ArticleExtraction,
}


def render_schema(model: type[BaseModel]) -> str:
    """The JSON Schema text for a model, stable across runs (sorted keys, trailing newline)."""
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schema_files(directory: Path = SCHEMA_DIR) -> list[Path]:
    written = []
    for name, model in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written


__all__ = [
    "SCHEMA_VERSION",
    "ArticleExtraction",
    "Extraction",
    "Flag",
    "Record",
    "Status",
    "render_schema",
    "write_schema_files",
]
