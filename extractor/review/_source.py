"""A folder of records with the articles they were extracted from (``source_text`` reads one).

Offsets in a record index the text that ``read_article`` returns, so the article is read the same
way; when it is gone or its sha256 differs, highlighting it would point at the wrong words.
"""

from __future__ import annotations

from pathlib import Path

from extractor.effective import corrected
from extractor.inputs import source_text
from extractor.store import iter_record_paths, try_read_record
from schemas.record import Record


def load_folder(
    out_dir: Path, *, texts_for_all: bool = True
) -> tuple[list[Record], dict[str, str | None], list[str]]:
    """Every valid record of a folder, their articles (None where unreadable) and the invalid files.

    With ``texts_for_all=False`` only corrected records get their article: the others' effective
    flags are the stored ones and need no text.
    """
    records: list[Record] = []
    texts: dict[str, str | None] = {}
    invalid: list[str] = []
    for path in iter_record_paths(out_dir):
        record = try_read_record(path)
        if record is None:
            invalid.append(path.name)
            continue
        records.append(record)
        if texts_for_all or corrected(record):
            texts[record.record_id] = source_text(record, out_dir)[0]
    return records, texts, invalid
