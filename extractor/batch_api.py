"""OpenAI Batch API: submit every article as one file, collect the answers later.

Half the price and no rate limits, at the cost of waiting (up to 24 h). The workflow:

1. ``submit``: each article that has no current record becomes one JSONL request (its
   ``custom_id`` is the record id) with exactly the body ``extract`` would send; the file is
   uploaded and the batch created. The batch id and what each ``custom_id`` stands for are saved
   in ``OUT/_batch.json`` (atomically) before anything else, so a crash or a closed terminal
   loses nothing: ``extractor batch-status`` / ``extractor collect`` pick it up later.
2. ``collect``: once the batch is done, each answer goes through the same validation, grounding,
   checks and store as a live answer; an answer that fails validation is re-asked through the
   normal path. Requests the batch could not serve get failure records (a later
   ``extractor extract`` retries them live).

Unreadable files get their failure records at submit time, as in a live run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from extractor.batching import Outcome
from extractor.engines import Engine, EngineResult
from extractor.inputs import Article, Input, UnreadableArticle, as_input, read_input
from extractor.pipeline import (
    BatchSummary,
    extract_article,
    is_current,
    provenance_of,
    unreadable_record,
)
from extractor.record_ids import RecordIds
from extractor.settings import DEFAULT_MAX_CHARS
from extractor.store import record_path, try_read_record, write_atomic, write_record, write_summary
from extractor.tables import DEFAULT_FIELDS, RowFields, table_rows
from schemas.record import Failure, Record, Source, Status, Timing

STATE_NAME = "_batch.json"
FINISHED = {"completed", "failed", "expired", "cancelled"}


class BatchEngine(Engine, Protocol):
    """What the LLM engine offers for batches (kept as a protocol: no openai import here)."""

    def extract(self, text: str, first_answer: dict[str, Any] | None = None) -> EngineResult: ...

    def request_body(self, text: str) -> dict[str, Any]: ...

    def upload_batch(self, jsonl: bytes) -> tuple[str, str]: ...

    def batch_state(self, batch_id: str) -> dict[str, Any]: ...

    def file_text(self, file_id: str) -> str: ...


class BatchError(Exception):
    """A batch cannot be submitted or collected; the message says what to do."""


@dataclass
class _Prefetched:
    """The engine, answering one article from the batch's answer (re-asks go live)."""

    engine: BatchEngine
    answer: dict[str, Any] | None
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = self.engine.name

    @property
    def model(self) -> str | None:
        return self.engine.model

    @property
    def endpoint_host(self) -> str | None:
        return self.engine.endpoint_host

    @property
    def prompt_hash(self) -> str | None:
        return self.engine.prompt_hash

    def extract(self, text: str) -> EngineResult:
        return self.engine.extract(text, first_answer=self.answer)


def state_path(out_dir: Path) -> Path:
    return out_dir / STATE_NAME


def load_state(out_dir: Path) -> dict[str, Any]:
    path = state_path(out_dir)
    if not path.exists():
        raise BatchError(
            f"no batch was submitted into {out_dir} (no {STATE_NAME}); "
            "start one with `extractor extract ... --batch-api`"
        )
    state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return state


def submit(
    inputs: Iterable[Input | Path],
    engine: BatchEngine,
    out_dir: Path,
    *,
    force: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
    fields: RowFields = DEFAULT_FIELDS,
) -> dict[str, Any]:
    """Build, upload and create the batch; returns the saved state. The state names each
    article's file (and row) and its sha256: ``collect`` reads it again and stores an answer
    only for the text it was asked about."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if state_path(out_dir).exists():
        raise BatchError(f"a batch is already pending in {out_dir}: run `extractor collect {out_dir}` first")
    provenance = provenance_of(engine)
    ids = RecordIds(out_dir)
    lines: list[str] = []
    articles: dict[str, dict[str, Any]] = {}
    for item in map(as_input, inputs):
        record_id = ids.assign(item)
        try:
            article = read_input(item)
        except UnreadableArticle as problem:
            write_record(out_dir, unreadable_record(problem, record_id, engine))
            continue
        if not force and is_current(
            try_read_record(record_path(out_dir, record_id)), article.sha256, provenance
        ):
            continue
        if len(article.text) > max_chars:  # its failure record, without a request
            write_record(out_dir, extract_article(article, record_id, engine, max_chars=max_chars))
            continue
        body = engine.request_body(article.text)
        lines.append(
            json.dumps(
                {"custom_id": record_id, "method": "POST", "url": "/v1/chat/completions", "body": body},
                ensure_ascii=False,
            )
        )
        articles[record_id] = {"path": str(item.path), "sha256": article.sha256}
        if item.line is not None:
            articles[record_id] |= {"line": item.line, "text_field": fields.text, "id_field": fields.id}
    if not lines:
        raise BatchError(
            "every article already has a current record: nothing to submit (--force redoes them)"
        )
    requests_file = out_dir / "_batch-requests.jsonl"
    write_atomic(requests_file, "\n".join(lines) + "\n")
    input_file_id, batch_id = engine.upload_batch(requests_file.read_bytes())
    state = {
        "batch_id": batch_id,
        "input_file_id": input_file_id,
        "submitted_at": dt.datetime.now(dt.UTC).isoformat(),
        "max_chars": max_chars,  # collect measures the answers' articles by the same limit
        "provenance": provenance.model_dump(),
        "articles": articles,
    }
    write_atomic(state_path(out_dir), json.dumps(state, indent=2, ensure_ascii=False) + "\n")
    return state


def status(out_dir: Path, engine: BatchEngine) -> dict[str, Any]:
    state = load_state(out_dir)
    return {
        "batch_id": state["batch_id"],
        "articles": len(state["articles"]),
        **engine.batch_state(state["batch_id"]),
    }


def _jsonl(text: str) -> Iterator[dict[str, Any]]:
    for line in text.splitlines():
        if line.strip():
            yield json.loads(line)


def collect(out_dir: Path, engine: BatchEngine) -> BatchSummary:
    """Store a finished batch's answers as records; the state file is then archived."""
    state = load_state(out_dir)
    info = engine.batch_state(state["batch_id"])
    if info["status"] not in FINISHED:
        raise BatchError(
            f"batch {state['batch_id']} is {info['status']}: collect it when it is completed "
            f"(`extractor batch-status {out_dir}`)"
        )
    summary = BatchSummary(started_at=dt.datetime.now(dt.UTC), engine=provenance_of(engine))
    answers: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    if info.get("output_file_id"):
        for line in _jsonl(engine.file_text(info["output_file_id"])):
            response = line.get("response") or {}
            if response.get("status_code") == 200:
                answers[line["custom_id"]] = response["body"]
            else:
                errors[line["custom_id"]] = json.dumps(response.get("body") or line.get("error"))[:500]
    if info.get("error_file_id"):
        for line in _jsonl(engine.file_text(info["error_file_id"])):
            errors[line["custom_id"]] = json.dumps(line.get("error") or line.get("response"))[:500]

    rows = _Rows(state["articles"].values())
    for record_id, wanted in state["articles"].items():
        path = Path(wanted["path"])
        try:
            article = rows.article(wanted)
        except UnreadableArticle as problem:
            record = unreadable_record(problem, record_id, engine)
        else:
            if article.sha256 != wanted["sha256"]:
                # The file changed since submission: its answer is for another text.
                record = _failure(
                    record_id,
                    path,
                    engine,
                    "changed",
                    "the article changed after the batch was submitted; re-run extract",
                )
            elif record_id in answers:
                prefetched = _Prefetched(engine, answers[record_id])
                limit = state.get("max_chars", DEFAULT_MAX_CHARS)
                record = extract_article(article, record_id, prefetched, max_chars=limit)
            else:
                reason = errors.get(record_id, f"the batch ended {info['status']} without an answer")
                record = _failure(
                    record_id,
                    path,
                    engine,
                    "batch_error",
                    f"{reason} (a later `extractor extract` retries it live)",
                )
        write_record(out_dir, record)
        line = wanted.get("line")
        summary.add(Outcome(record_id, path, record.status, record.usage, record.failure, line=line))
    write_summary(out_dir, {**summary.as_dict(), "batch_id": state["batch_id"]})
    archived = out_dir / f"_batch-{state['batch_id']}.collected.json"
    state_path(out_dir).replace(archived)
    return summary


def _table_key(wanted: dict[str, Any]) -> tuple[str, str, str | None]:
    """A table as it was read at submission: its file and the fields named then."""
    return wanted["path"], wanted.get("text_field", "text"), wanted.get("id_field")


class _Rows:
    """The articles a batch was asked about, read again: a file as it is, a table's rows by
    line (each table read once, keeping only the rows asked about)."""

    def __init__(self, wanted: Iterable[dict[str, Any]]) -> None:
        self._lines: dict[tuple[str, str, str | None], set[int]] = {}
        for entry in wanted:
            if entry.get("line") is not None:
                key = _table_key(entry)
                self._lines.setdefault(key, set()).add(entry["line"])
        self._read: dict[tuple[str, str, str | None], dict[int, Input]] = {}

    def article(self, wanted: dict[str, Any]) -> Article:
        path, line = Path(wanted["path"]), wanted.get("line")
        if line is None:
            return read_input(Input(path))
        key = _table_key(wanted)
        if key not in self._read:
            lines = self._lines[key]
            rows = table_rows(path, RowFields(text=key[1], id=key[2]))
            self._read[key] = {row.line: row for row in rows if row.line in lines}
        found = self._read[key].get(line)
        if found is None:
            raise UnreadableArticle(
                path, "changed", "the row is no longer in the file: re-run extract", line=line
            )
        return read_input(found)


def _failure(record_id: str, path: Path, engine: BatchEngine, kind: str, message: str) -> Record:
    return Record(
        record_id=record_id,
        source=Source(path=str(path)),
        provenance=provenance_of(engine),
        status=Status.failed,
        timing=Timing(started_at=dt.datetime.now(dt.UTC), seconds=0.0),
        attempts=0,
        failure=Failure(kind=kind, message=message),
    )
