"""The article a record was extracted from, as the extraction read it, or why it cannot be shown.

Offsets in a record index the text that ``read_article`` returns, so the article is read the same
way; when it is gone or its sha256 differs, highlighting it would point at the wrong words.
"""

from __future__ import annotations

from pathlib import Path

from extractor.inputs import UnreadableArticle, read_article
from extractor.store import iter_record_paths, try_read_record
from schemas.record import Record


def source_text(record: Record, out_dir: Path | None = None) -> tuple[str | None, str]:
    """(text, "") or (None, why). A relative path is tried from here, then beside ``out_dir``."""
    path = Path(record.source.path)
    candidates = [path]
    if out_dir is not None and not path.is_absolute():
        candidates.append(out_dir.parent / path)
    found = next((p for p in candidates if p.is_file()), path)
    try:
        article = read_article(found)
    except UnreadableArticle as problem:
        return None, f"the article {path} cannot be read ({problem.message})"
    if record.source.sha256 is not None and article.sha256 != record.source.sha256:
        return None, f"the article {path} has changed since extraction (sha256 differs)"
    return article.text, ""


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
        if texts_for_all or any(d.corrections for d in record.review):
            texts[record.record_id] = source_text(record, out_dir)[0]
    return records, texts, invalid
