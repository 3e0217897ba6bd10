"""Reviewing flagged records: decisions kept beside the machine's answer, and the page to make them.

``Record.extraction`` is what the machine said and stays as it was; ``Record.review`` is the list
of a person's decisions. ``effective`` gives the values with the corrections applied, their
flags and the status; ``ReviewServer`` is the local page (``extractor review OUT_DIR``).
"""

from __future__ import annotations

from extractor.inputs import source_text
from extractor.review._effective import (
    Effective,
    NewFlags,
    decide,
    effective,
    effective_extraction,
    new_flags,
    rejected,
)
from extractor.review._paths import CorrectionError
from extractor.review._server import ReviewServer
from extractor.review._source import load_folder
from extractor.review._store import StaleRecord, load, replace_if_current, version_of
from extractor.store import folder_lock

__all__ = [
    "CorrectionError",
    "Effective",
    "NewFlags",
    "ReviewServer",
    "StaleRecord",
    "decide",
    "effective",
    "effective_extraction",
    "folder_lock",
    "load",
    "load_folder",
    "new_flags",
    "rejected",
    "replace_if_current",
    "source_text",
    "version_of",
]
