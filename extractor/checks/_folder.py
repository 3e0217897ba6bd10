"""Re-run every check over a folder of stored records, without any model (``extractor check``).

Only ``flags`` and ``status`` change; the extraction is never touched, and each record is
rewritten atomically (``extractor.store.write_record``) and only when its flags or status
changed. The article is re-read from ``source.path``; when it is gone or its sha256 differs,
the checks that need the text are skipped, their earlier flags are kept (they cannot be
re-verified, and dropping them would clear an error unseen), and an info flag says so.
Flags that no rule made (e.g. ``engines_disagree`` from a second engine) are kept as they are.
A failed record keeps status ``failed``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from extractor.checks import CODES, TEXT_CODES, TEXT_UNAVAILABLE, run_checks, status_for
from extractor.checks._cross import CrossArticleIndex
from extractor.inputs import source_text
from extractor.store import iter_record_paths, try_read_record, write_record
from schemas.record import Flag, Record, Severity, Status


@dataclass
class FolderReport:
    """What ``check_folder`` did: counts for the table, and the records it could not fully check."""

    out_dir: Path
    records: int = 0
    rewritten: int = 0
    invalid: list[str] = field(default_factory=list)
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
            "invalid": self.invalid,
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


def _stored(out_dir: Path, report: FolderReport | None = None) -> Iterator[tuple[Path, Record]]:
    for path in iter_record_paths(out_dir):
        record = try_read_record(path)
        if record is None:
            if report is not None:
                report.invalid.append(path.name)
        else:
            yield path, record


def _rewrite_unless_reviewed_meanwhile(
    out_dir: Path,
    path: Path,
    before: Record,
    after: Record,
    folder_lock: Callable[[Path], AbstractContextManager[None]],
) -> bool:
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
    few facts the cross-article check compares into its on-disk index, the second re-checks
    and rewrites.
    """
    with CrossArticleIndex() as cross:
        for _, record in _stored(out_dir):
            if record.extraction is not None:
                cross.add(record.record_id, record.extraction)
        return _recheck_folder(out_dir, cross, write)


def _recheck_folder(out_dir: Path, cross: CrossArticleIndex, write: bool) -> FolderReport:
    from extractor.review import effective, folder_lock  # the review imports the checks

    report = FolderReport(out_dir=out_dir)
    for path, record in _stored(out_dir, report):
        report.records += 1
        if record.extraction is not None:
            text, why = source_text(record, out_dir)
            if text is None:
                report.text_unavailable.append((record.record_id, why))
            flags = _recheck(record, text, why) + cross.flags_for(record.record_id)
            updated = record.model_copy(update={"flags": flags})
            if record.status == Status.failed:
                status = Status.failed
            elif record.review:
                status = effective(updated, text).status  # decisions settle flags: keep `reviewed`
            else:
                status = status_for(flags)
            if flags != record.flags or status != record.status:
                # model_copy keeps the stored extraction object itself: nothing but these two changes
                updated = updated.model_copy(update={"status": status})
                if write and not _rewrite_unless_reviewed_meanwhile(
                    out_dir, path, record, updated, folder_lock
                ):
                    report.skipped_concurrent.append(record.record_id)
                else:
                    record = updated
                    report.rewritten += 1
        report.status[record.status.value] += 1
        for item in record.flags:
            report.flags[(item.code, item.severity.value)] += 1
    return report
