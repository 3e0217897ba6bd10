"""One article -> one record, and a batch of them with bounded concurrency.

Every article ends as a stored record: extracted (``ok``/``flagged``) or a failure record that
says why. A re-run skips the articles whose stored record was made from the same text, prompt,
schema, engine and model, unless forced; failure records are always retried.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
from extractor.effective import active_decisions
from extractor.engines import Engine, EngineResult, EngineUnusable, ExtractionFailed
from extractor.grounding import ground
from extractor.inputs import (
    PAGE_SUFFIXES,
    Article,
    Input,
    UnreadableArticle,
    as_input,
    read_bytes,
    read_input,
)
from extractor.record_ids import MAX_LISTED, RecordIds
from extractor.set_aside import set_aside
from extractor.settings import DEFAULT_MAX_CHARS, ENV_MAX_CHARS
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
    article: Article,
    record_id: str,
    engine: Engine,
    second_opinion: Engine | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Record:
    """Extract, ground and check one article. Never raises for a bad answer: returns a record.

    With a ``second_opinion`` engine, its answer is compared with the first and every
    disagreement becomes a flag. An article longer than ``max_chars`` is not extracted at all.
    """
    started, clock = _now(), time.perf_counter()
    source = article.origin or Source(path=str(article.path), sha256=article.sha256, size=article.size)
    provenance = provenance_of(engine)
    try:
        refuse_too_long(article.text, max_chars)
        result = extract_guarded(engine, article.text)
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
    if extraction.published is None and source.published is not None:
        extraction.published = source.published  # the page's own date; source.published_from says where
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


def refuse_too_long(text: str, max_chars: int) -> None:
    """An article longer than ``max_chars`` is refused whole, by every engine. Not cut: a cut
    article would be stored as if whole, and a text this long is most often a saved page or a
    feed whose article should be taken out first."""
    if len(text) > max_chars:
        raise ExtractionFailed(
            "too_long",
            f"the article has {len(text):,} characters, more than the {max_chars:,} an article may "
            "have; it was not extracted. If it is one article, raise --max-chars "
            f"({ENV_MAX_CHARS}); if it is a saved page or a feed, take the article's text out first",
        )


def extract_guarded(engine: Engine, text: str) -> EngineResult:
    """``engine.extract``, where a bug of the engine (any exception but the two an engine means:
    the article failed, the engine cannot work at all) costs this article, not the batch."""
    try:
        return engine.extract(text)
    except (ExtractionFailed, EngineUnusable):
        raise
    except Exception as exc:
        raise ExtractionFailed(
            "engine_error",
            f"the {engine.name} engine failed on this article ({type(exc).__name__}: {exc}); the "
            "batch went on. This is a bug: please report it with the article",
        ) from exc


def second_opinion_flags(extraction: Extraction, text: str, other: Engine) -> list[Flag]:
    try:
        result = extract_guarded(other, text)
    except ExtractionFailed:
        return []
    theirs = ground(result.draft, text)
    set_aside(theirs, text)  # compared as it would be stored
    return disagreements(extraction, theirs, other.name)


def unreadable_record(problem: UnreadableArticle, record_id: str, engine: Engine) -> Record:
    source = Source(path=str(problem.path), sha256=problem.sha256, size=problem.size, line=problem.line)
    return Record(
        record_id=record_id,
        source=source,
        provenance=provenance_of(engine),
        status=Status.failed,
        timing=Timing(started_at=_now(), seconds=0.0),
        attempts=0,
        failure=Failure(kind=problem.kind, message=problem.message),
    )


def process_input(
    item: Input,
    record_id: str,
    engine: Engine,
    out_dir: Path,
    force: bool,
    second_opinion: Engine | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Outcome:
    stored = try_read_record(record_path(out_dir, record_id))
    skipped = Outcome(record_id, item.path, None, line=item.line)
    if not force and stored is not None and _is_page(item):
        # A page's record is judged on the page's bytes: no need to take its text out again.
        try:
            if _may_skip(stored, hashlib.sha256(read_bytes(item.path)).hexdigest(), engine):
                return skipped
        except UnreadableArticle:
            pass  # read_input below says why, in a failure record
    try:
        article = read_input(item)
    except UnreadableArticle as problem:
        record = unreadable_record(problem, record_id, engine)
    else:
        if not force and stored is not None and _may_skip(stored, article.sha256, engine):
            return skipped
        record = extract_article(article, record_id, engine, second_opinion, max_chars)
    if stored is not None and stored.review:
        archive_superseded(out_dir, stored)
    write_record(out_dir, record)
    return Outcome(record_id, item.path, record.status, record.usage, record.failure, line=item.line)


def _is_page(item: Input) -> bool:
    return item.article is None and item.path.suffix.lower() in PAGE_SUFFIXES


def _may_skip(stored: Record, sha256: str, engine: Engine) -> bool:
    """Whether the stored record already answers the text of this digest: it is current, or a
    person's decisions are on it (they outweigh a newer prompt or model: redone only when asked)."""
    if is_current(stored, sha256, provenance_of(engine)):
        return True
    return bool(active_decisions(stored)) and stored.source.sha256 == sha256


def archive_superseded(out_dir: Path, stored: Record) -> Path:
    """A reviewed record is never overwritten silently: the old file, decisions included, is
    kept under ``OUT/_superseded/``."""
    stamp = _now().strftime("%Y%m%dT%H%M%S%fZ")
    archive = out_dir / "_superseded" / f"{stored.record_id}-{stamp}.json"
    write_atomic(archive, stored.model_dump_json(indent=2) + "\n")
    return archive


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
        # The summary names at most MAX_LISTED (memory stays flat on huge batches);
        # every failure is in its own record.
        if outcome.failure is not None and len(self.failures) < MAX_LISTED:
            self.failures.append(
                {
                    "record_id": outcome.record_id,
                    "path": outcome.where,
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
    inputs: Iterable[Input | Path],
    engine: Engine,
    out_dir: Path,
    *,
    jobs: int = 1,
    processes: int = 1,
    force: bool = False,
    second_opinion: Engine | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
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
    items = ((item, ids.assign(item)) for item in map(as_input, inputs))
    jobs = max(1, jobs)

    def work(item: Input, record_id: str) -> Outcome:
        return process_input(item, record_id, engine, out_dir, force, second_opinion, max_chars)

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
