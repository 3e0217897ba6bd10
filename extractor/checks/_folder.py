"""Re-run every check over a folder of stored records, without any model (``extractor check``).

Only ``flags`` and ``status`` change; the extraction is never touched, and each record is
rewritten atomically (``extractor.store.write_record``) and only when its flags or status
changed. The article is re-read from ``source.path``; when it is gone or its sha256 differs,
the checks that need the text are skipped, their earlier flags are kept (they cannot be
re-verified, and dropping them would clear an error unseen), and an info flag says so.
Flags that no rule made (e.g. ``engines_disagree`` from a second engine) are kept as they are.
A failed record keeps status ``failed``. A reviewed record's status comes from its effective
values (``extractor.effective``, bound here to the checks as ``RECHECKER``).

A stored file that no longer validates as a record (the schema changed, a hand edit) is not left
as it is: its bytes are first kept under ``OUT_DIR/_invalid/``, then it is replaced by a
``failed`` record (kind ``invalid_record``, the validation problem shortened, the source,
provenance and timing kept where they still validate), both written atomically under the review
lock. A file that cannot be read at all is left alone and reported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor import __version__
from extractor.checks._cross import CrossArticleIndex, subject_key
from extractor.checks._registry import CHECKS, CODES, TEXT_CODES, TEXT_UNAVAILABLE, run_checks, status_for
from extractor.checks._releases import ReleaseIndex
from extractor.effective import Rechecker, effective
from extractor.inputs import source_text
from extractor.store import folder_lock, iter_record_paths, try_read_record, write_atomic, write_record
from schemas.record import (
    SCHEMA_VERSION,
    Failure,
    Flag,
    Provenance,
    Record,
    Severity,
    Source,
    Status,
    Timing,
    parse_record,
)

RECHECKER = Rechecker(
    run=run_checks,
    codes=frozenset(code for check in CHECKS for code in check.codes),
    text_codes=TEXT_CODES,
    status=status_for,
)
INVALID_DIR = "_invalid"
INVALID_KIND = "invalid_record"
_PROBLEM_CHARS = 300


@dataclass(frozen=True)
class InvalidFile:
    """A stored file that is not a valid record, and what was done with it."""

    name: str
    problem: str
    kept_as: str | None = None  # where the original bytes are now, relative to the folder
    marked_failed: bool = False


@dataclass
class FolderReport:
    """What ``check_folder`` did: counts for the table, and the records it could not fully check."""

    out_dir: Path
    records: int = 0
    rewritten: int = 0
    invalid: list[InvalidFile] = field(default_factory=list)
    text_unavailable: list[tuple[str, str]] = field(default_factory=list)  # (record id, why)
    skipped_concurrent: list[str] = field(default_factory=list)  # changed by a reviewer meanwhile
    status: Counter[str] = field(default_factory=Counter)
    flags: Counter[tuple[str, str]] = field(default_factory=Counter)  # (code, severity)

    def as_dict(self) -> dict[str, object]:
        by_code: dict[str, dict[str, int]] = {}
        for (code, severity), count in sorted(self.flags.items()):
            by_code.setdefault(code, {})[severity] = count
        return {
            "out_dir": str(self.out_dir),
            "records": self.records,
            "rewritten": self.rewritten,
            "status": {key: self.status.get(key, 0) for key in ("ok", "flagged", "reviewed", "failed")},
            "skipped_concurrent": self.skipped_concurrent,
            "flags": by_code,
            "text_unavailable": [{"record_id": rid, "reason": why} for rid, why in self.text_unavailable],
            "invalid": [
                {"file": f.name, "problem": f.problem, "kept_as": f.kept_as, "marked_failed": f.marked_failed}
                for f in self.invalid
            ],
        }


def _recheck(record: Record, text: str | None, why: str) -> list[Flag]:
    assert record.extraction is not None
    fresh = run_checks(record.extraction, text)
    kept = [f for f in record.flags if f.code not in CODES]  # other tools' flags
    if text is None:
        kept += [f for f in record.flags if f.code in TEXT_CODES and f not in fresh]
        kept.append(
            Flag(
                code=TEXT_UNAVAILABLE,
                severity=Severity.info,
                field="source",
                message=f"The article could not be re-read: {why}. The checks that need the text were "
                "not re-run; their earlier flags are kept.",
                basis="text checks compare the values with the article the record was extracted from",
            )
        )
    return fresh + kept


def _stored(out_dir: Path) -> Iterator[tuple[Path, Record]]:
    for path in iter_record_paths(out_dir):
        record = try_read_record(path)
        if record is not None:
            yield path, record


def _read(path: Path) -> tuple[Record | None, bytes | None, str]:
    """(record, bytes, "") or (None, bytes, the validation problem) or (None, None, why unreadable)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, None, f"cannot be read ({exc.strerror or exc})"
    try:
        return parse_record(data), data, ""
    except ValidationError as exc:
        return None, data, shorten_problem(exc)


def shorten_problem(exc: ValidationError) -> str:
    """'2 problems: extraction.score: Input should be …; status: …', a few hundred characters at most."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "record"
        parts.append(f"{where}: {error['msg']}")
    count = len(parts)
    text = f"{count} problem{'s' if count != 1 else ''}: " + "; ".join(parts)
    return text if len(text) <= _PROBLEM_CHARS else text[: _PROBLEM_CHARS - 1].rstrip() + "…"


def _part(model: type[BaseModel], raw: dict[str, Any], key: str) -> Any:
    """``raw[key]`` as ``model`` where it still validates, else None."""
    try:
        return model.model_validate(raw[key])
    except (KeyError, ValidationError):
        return None


def failure_for_invalid(path: Path, data: bytes, problem: str, kept_as: str) -> Record:
    """The failed record that replaces an invalid file: what still validates of it is kept."""
    try:
        raw = json.loads(data)
    except ValueError:
        raw = None
    raw = raw if isinstance(raw, dict) else {}
    attempts = raw.get("attempts")
    if not isinstance(attempts, int) or isinstance(attempts, bool) or attempts < 0:
        attempts = 0
    return Record(
        record_id=path.stem,
        source=_part(Source, raw, "source") or Source(path=""),
        provenance=_part(Provenance, raw, "provenance")
        or Provenance(engine="unknown", tool_version=__version__),
        status=Status.failed,
        timing=_part(Timing, raw, "timing") or Timing(started_at=dt.datetime.now(dt.UTC), seconds=0),
        attempts=attempts,
        failure=Failure(
            kind=INVALID_KIND,
            message=f"the stored record no longer validates ({problem}); the original file is kept "
            f"as {kept_as}",
        ),
    )


def _mark_invalid(out_dir: Path, path: Path, data: bytes, problem: str) -> InvalidFile | None:
    """Keep the file's bytes under ``_invalid/``, then replace it by a failed record; both atomic,
    under the review lock. None, and nothing written, if the file no longer holds those bytes."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept_as = f"{INVALID_DIR}/{path.stem}-{stamp}.json"
    with folder_lock(out_dir):
        try:
            if path.read_bytes() != data:
                return None
        except OSError:
            return None
        write_atomic(out_dir / kept_as, data)  # first the original, so it can never be lost
        write_record(out_dir, failure_for_invalid(path, data, problem, kept_as))
    return InvalidFile(path.name, problem, kept_as, marked_failed=True)


def _rewrite_unless_reviewed_meanwhile(out_dir: Path, path: Path, before: Record, after: Record) -> bool:
    """Write ``after`` only if the file still holds ``before``: a review server may have saved a
    decision since it was read. Under the review lock, so the two cannot interleave."""
    with folder_lock(out_dir):
        if try_read_record(path) != before:
            return False
        write_record(out_dir, after)
        return True


def check_folder(out_dir: Path, *, write: bool = True) -> FolderReport:
    """Re-check every record in ``out_dir``; rewrite flags and status where they changed.

    Two streaming passes, so memory stays flat in the number of records: the first puts the
    few facts the cross-article check compares, and each article's MinHash signature, into
    on-disk indexes; the second re-checks and rewrites.
    """
    with CrossArticleIndex() as cross, ReleaseIndex() as releases:
        for _, record in _stored(out_dir):
            # Only records with an extraction: a failed one has no result a dataset could count twice.
            if record.extraction is not None:
                cross.add(record.record_id, record.extraction)
                text, _ = source_text(record, out_dir)
                if text is not None:  # gone or changed: pass 2 says so on the record itself
                    releases.add(record.record_id, text, subject_key(record.extraction))
        return _recheck_folder(out_dir, cross, releases, write)


def _recheck_folder(
    out_dir: Path, cross: CrossArticleIndex, releases: ReleaseIndex, write: bool
) -> FolderReport:
    report = FolderReport(out_dir=out_dir)
    for path in iter_record_paths(out_dir):
        record, data, problem = _read(path)
        if record is None:
            if data is None and not path.exists():
                continue  # removed since the listing
            if not write or data is None:  # unreadable bytes cannot be kept: leave the file alone
                report.invalid.append(InvalidFile(path.name, problem))
                continue
            marked = _mark_invalid(out_dir, path, data, problem)
            if marked is None:  # rewritten meanwhile (a new extraction, a review): look next time
                report.skipped_concurrent.append(path.stem)
                continue
            report.invalid.append(marked)
            report.records += 1
            report.rewritten += 1
            report.status[Status.failed.value] += 1
            continue
        report.records += 1
        if record.extraction is not None:
            text, why = source_text(record, out_dir)
            if text is None:
                report.text_unavailable.append((record.record_id, why))
            flags = (
                _recheck(record, text, why)
                + cross.flags_for(record.record_id)
                + releases.flags_for(record.record_id)
            )
            updated = record.model_copy(update={"flags": flags})
            if record.status == Status.failed:
                status = Status.failed
            elif record.review:
                status = effective(updated, text, RECHECKER).status  # decisions settle flags: keep `reviewed`
            else:
                status = status_for(flags)
            if flags != record.flags or status != record.status or record.schema_version != SCHEMA_VERSION:
                # model_copy keeps the stored extraction object itself: nothing but these changes
                updated = updated.model_copy(update={"status": status})
                if write and not _rewrite_unless_reviewed_meanwhile(out_dir, path, record, updated):
                    report.skipped_concurrent.append(record.record_id)
                else:
                    record = updated
                    report.rewritten += 1
        elif record.schema_version != SCHEMA_VERSION:  # a failure record of an older version
            updated = record.model_copy(update={"schema_version": SCHEMA_VERSION})
            if write and not _rewrite_unless_reviewed_meanwhile(out_dir, path, record, updated):
                report.skipped_concurrent.append(record.record_id)
            else:
                record = updated
                report.rewritten += 1
        report.status[record.status.value] += 1
        for item in record.flags:
            report.flags[(item.code, item.severity.value)] += 1
    return report
