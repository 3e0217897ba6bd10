"""One article -> one record, and a batch of them with bounded concurrency.

Every article ends as a stored record: extracted (``ok``/``flagged``) or a failure record that
says why. A re-run skips the articles whose stored record was made from the same text, prompt,
schema, engine and model, unless forced; failure records are always retried.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor import __version__
from extractor.batching import Outcome, run_in_threads
from extractor.checks import check_extraction, status_for
from extractor.crosscheck import disagreements
from extractor.engines import Engine, ExtractionFailed
from extractor.grounding import ground
from extractor.inputs import Article, UnreadableArticle, identity, read_article
from extractor.set_aside import set_aside
from extractor.store import (
    clean_temporary_files,
    record_path,
    try_read_record,
    write_atomic,
    write_record,
    write_summary,
)
from extractor.workers import run_in_processes
from schemas.record import (
    SCHEMA_VERSION,
    Extraction,
    Failure,
    Flag,
    Provenance,
    Record,
    Source,
    Status,
    Timing,
    Usage,
)


def provenance_of(engine: Engine) -> Provenance:
    return Provenance(
        engine=engine.name,
        model=engine.model,
        endpoint_host=engine.endpoint_host,
        prompt_hash=engine.prompt_hash,
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
    )


def is_current(stored: Record | None, sha256: str, provenance: Provenance) -> bool:
    """Whether the stored record already answers this text with this engine set-up."""
    if stored is None or stored.status == Status.failed or stored.source.sha256 != sha256:
        return False
    mine, theirs = provenance, stored.provenance
    return (mine.engine, mine.model, mine.prompt_hash, mine.schema_version) == (
        theirs.engine,
        theirs.model,
        theirs.prompt_hash,
        theirs.schema_version,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def extract_article(
    article: Article, record_id: str, engine: Engine, second_opinion: Engine | None = None
) -> Record:
    """Extract, ground and check one article. Never raises for a bad answer: returns a record.

    With a ``second_opinion`` engine, its answer is compared with the first and every
    disagreement becomes a flag.
    """
    started, clock = _now(), time.perf_counter()
    source = Source(path=str(article.path), sha256=article.sha256, size=article.size)
    provenance = provenance_of(engine)
    try:
        result = engine.extract(article.text)
    except ExtractionFailed as failed:
        return Record(
            record_id=record_id,
            source=source,
            provenance=provenance,
            status=Status.failed,
            timing=Timing(started_at=started, seconds=time.perf_counter() - clock),
            attempts=failed.attempts,
            transport_retries=failed.transport_retries,
            usage=failed.usage,
            failure=Failure(kind=failed.kind, message=failed.message, last_completion=failed.last_completion),
        )
    extraction = ground(result.draft, article.text, result.runner_ups)
    flags = set_aside(extraction, article.text)  # before the checks: they judge what is stored
    flags += check_extraction(extraction, article.text)
    if second_opinion is not None:
        flags += second_opinion_flags(extraction, article.text, second_opinion)
    return Record(
        record_id=record_id,
        source=source,
        provenance=provenance,
        status=status_for(flags),
        timing=Timing(started_at=started, seconds=time.perf_counter() - clock),
        attempts=result.attempts,
        transport_retries=result.transport_retries,
        usage=result.usage,
        extraction=extraction,
        flags=flags,
    )


def second_opinion_flags(extraction: Extraction, text: str, other: Engine) -> list[Flag]:
    try:
        result = other.extract(text)
    except ExtractionFailed:
        return []
    theirs = ground(result.draft, text)
    set_aside(theirs, text)  # compared as it would be stored
    return disagreements(extraction, theirs, other.name)


def unreadable_record(problem: UnreadableArticle, record_id: str, engine: Engine) -> Record:
    return Record(
        record_id=record_id,
        source=Source(path=str(problem.path), sha256=problem.sha256, size=problem.size),
        provenance=provenance_of(engine),
        status=Status.failed,
        timing=Timing(started_at=_now(), seconds=0.0),
        attempts=0,
        failure=Failure(kind=problem.kind, message=problem.message),
    )


def process_path(
    path: Path,
    record_id: str,
    engine: Engine,
    out_dir: Path,
    force: bool,
    second_opinion: Engine | None = None,
) -> Outcome:
    stored = try_read_record(record_path(out_dir, record_id))
    try:
        article = read_article(path)
    except UnreadableArticle as problem:
        record = unreadable_record(problem, record_id, engine)
    else:
        if not force and is_current(stored, article.sha256, provenance_of(engine)):
            return Outcome(record_id, path, None)
        if not force and stored is not None and stored.review and stored.source.sha256 == article.sha256:
            # A person's decisions outweigh a newer prompt or model: redo it only when asked.
            return Outcome(record_id, path, None)
        record = extract_article(article, record_id, engine, second_opinion)
    if stored is not None and stored.review:
        archive_superseded(out_dir, stored)
    write_record(out_dir, record)
    return Outcome(record_id, path, record.status, record.usage, record.failure)


def archive_superseded(out_dir: Path, stored: Record) -> Path:
    """A reviewed record is never overwritten silently: the old file, decisions included, is
    kept under ``OUT/_superseded/``."""
    stamp = _now().strftime("%Y%m%dT%H%M%S%fZ")
    archive = out_dir / "_superseded" / f"{stored.record_id}-{stamp}.json"
    write_atomic(archive, stored.model_dump_json(indent=2) + "\n")
    return archive


class RecordIds:
    """A record id per input path: the file stem, readable, unless that id is taken.

    It is taken when another input of this run has it, or when ``out_dir`` already holds a record
    of that id from another article (``extract a/`` then ``extract b/berita.txt``): the path then
    gets ``stem-<8 hex of its absolute path>``, the same on every run, and the renaming is listed
    in ``renamed`` (the run summary). A stored record of another source is never replaced.
    """

    def __init__(self, out_dir: Path | None = None) -> None:
        self._used: set[str] = set()
        self._out_dir = out_dir
        self.renamed: list[dict[str, str]] = []

    def assign(self, path: Path) -> str:
        stem = path.stem or "article"
        candidate = stem
        if stem in self._used:
            candidate = f"{stem}-{_path_digest(path)}"
        elif self._out_dir is not None:
            holder = _stored_source(self._out_dir, stem)
            if holder is not None and not _is_source(holder, path):
                candidate = f"{stem}-{_path_digest(path)}"
                if len(self.renamed) < MAX_LISTED_FAILURES:
                    held_by = holder.path
                    self.renamed.append(
                        {"path": str(path), "record_id": candidate, "instead_of": stem, "held_by": held_by}
                    )
        self._used.add(candidate)
        return candidate


def _path_digest(path: Path) -> str:
    return hashlib.sha1(str(identity(path)).encode("utf-8")).hexdigest()[:8]


def _stored_source(out_dir: Path, record_id: str) -> Source | None:
    """The source of the record stored under ``record_id``, if any. Only the source is validated:
    this runs for every input of a re-run, before the worker reads the whole record anyway."""
    try:
        return Source.model_validate(json.loads(record_path(out_dir, record_id).read_bytes())["source"])
    except (OSError, ValueError, KeyError, TypeError):  # none, unreadable, or not a record
        return None


def _is_source(source: Source, path: Path) -> bool:
    """Whether the stored record came from this file: the same file, or (a relative path read
    from another folder) the same bytes."""
    if identity(Path(source.path)) == identity(path):
        return True
    try:
        return source.sha256 is not None and hashlib.sha256(path.read_bytes()).hexdigest() == source.sha256
    except OSError:
        return False


MAX_LISTED_FAILURES = 1000


@dataclass
class BatchSummary:
    started_at: dt.datetime
    engine: Provenance
    counts: Counter[str] = field(default_factory=Counter)
    usage: Usage = field(default_factory=Usage)
    failures: list[dict[str, str]] = field(default_factory=list)
    wall_seconds: float = 0.0
    interrupted: bool = False
    renamed: list[dict[str, str]] = field(default_factory=list)  # see RecordIds

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.label] += 1
        self.usage = self.usage + outcome.usage
        # The summary names at most MAX_LISTED_FAILURES (memory stays flat on huge batches);
        # every failure is in its own record.
        if outcome.failure is not None and len(self.failures) < MAX_LISTED_FAILURES:
            self.failures.append(
                {
                    "record_id": outcome.record_id,
                    "path": str(outcome.path),
                    "kind": outcome.failure.kind,
                    "message": outcome.failure.message,
                }
            )

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at.isoformat(),
            "wall_seconds": round(self.wall_seconds, 3),
            "interrupted": self.interrupted,
            "engine": self.engine.model_dump(),
            "articles": self.total,
            "counts": {key: self.counts.get(key, 0) for key in ("ok", "flagged", "failed", "skipped")},
            "usage": self.usage.model_dump(),
            "failures": self.failures,
            "renamed": self.renamed,
        }


def run_batch(
    paths: Iterable[Path],
    engine: Engine,
    out_dir: Path,
    *,
    jobs: int = 1,
    processes: int = 1,
    force: bool = False,
    second_opinion: Engine | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchSummary:
    """Process every path with at most ``jobs`` articles in flight, in threads of this process
    or (``processes`` > 1) of forked worker processes; write the run summary.

    Inputs are consumed lazily and at most ``2 * jobs`` are queued, so memory does not grow
    with the number of articles. On Ctrl-C no new article starts, in-flight ones finish and
    the summary is still written; then KeyboardInterrupt propagates.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    clean_temporary_files(out_dir)
    summary = BatchSummary(started_at=_now(), engine=provenance_of(engine))
    clock = time.perf_counter()
    ids = RecordIds(out_dir)
    items = ((path, ids.assign(path)) for path in paths)
    jobs = max(1, jobs)

    def work(path: Path, record_id: str) -> Outcome:
        return process_path(path, record_id, engine, out_dir, force, second_opinion)

    def settle(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_outcome:
            on_outcome(outcome)

    try:
        if min(processes, jobs) > 1:
            engines = [engine] if second_opinion is None else [engine, second_opinion]
            run_in_processes(
                items, work, jobs=jobs, processes=min(processes, jobs), settle=settle, engines=engines
            )
        else:
            run_in_threads(items, work, jobs=jobs, settle=settle)
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        summary.wall_seconds = time.perf_counter() - clock
        summary.renamed = ids.renamed
        write_summary(out_dir, summary.as_dict())
    return summary
