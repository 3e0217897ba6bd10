"""The OpenAI Batch API workflow against a FAKE of the Files and Batches endpoints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import SecretStr

from extractor import batch_api
from extractor._llm import LLMEngine
from extractor.cli import main
from extractor.settings import InstructorMode, LLMSettings
from extractor.store import iter_record_paths, read_record
from schemas.record import Status
from tests.fake_chat_server import FakeChatServer, FakeReply
from tests.test_llm_faults import OUT_OF_RANGE, VALID


def by_article(payload: dict[str, Any]) -> FakeReply:
    """a: a good answer; b: an invalid one, then good when re-asked; c: a server error."""
    user = next(m["content"] for m in payload["messages"] if m["role"] == "user")
    reasked = (
        payload["messages"][-1]["role"] == "user"
        and "Correct your JSON" in payload["messages"][-1]["content"]
    )
    if "Artikel c" in user:
        return FakeReply(status=500)
    if "Artikel b" in user and not reasked:
        return FakeReply(content=OUT_OF_RANGE)
    return FakeReply(content=VALID)


@pytest.fixture
def fake() -> Any:
    server = FakeChatServer(policy=by_article)
    with server.running():
        yield server


def engine_for(server: FakeChatServer) -> LLMEngine:
    return LLMEngine(
        LLMSettings(
            api_key=SecretStr("sk-fake"),
            base_url=server.base_url,
            model="fake-model",
            mode=InstructorMode.json,
            transport_backoff_s=0.01,
        )
    )


def articles(folder: Path) -> list[Path]:
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.txt").write_text(
            f"Pemkot Batu meraih nilai 82,28. Artikel {name}.", encoding="utf-8"
        )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def test_batch_request_is_exactly_the_live_request(fake: FakeChatServer) -> None:
    """The JSONL body of an article equals what a live extraction sends for it."""
    engine = engine_for(fake)
    text = "Pemkot Batu meraih nilai 82,28. Artikel a."
    body = engine.request_body(text)
    engine.extract(text)
    assert body == fake.requests[-1]


def test_submit_poll_collect_stores_every_article_once(fake: FakeChatServer, tmp_path: Path) -> None:
    out = tmp_path / "out"
    engine = engine_for(fake)
    state = batch_api.submit(articles(tmp_path / "in"), engine, out)

    assert set(state["articles"]) == {"a", "b", "c"}
    assert read_record(out / "empty.json").failure is not None, "bad files fail at submit time"
    lines = (out / "_batch-requests.jsonl").read_text().splitlines()
    assert [json.loads(line)["custom_id"] for line in lines] == ["a", "b", "c"]
    assert fake.requests.__len__() == 3, "the fake ran the batch; nothing was sent live"

    with pytest.raises(batch_api.BatchError, match="in_progress"):
        batch_api.collect(out, engine)
    summary = batch_api.collect(out, engine)

    records = {p.stem: read_record(p) for p in iter_record_paths(out)}
    assert set(records) == {"a", "b", "c", "empty"}
    assert records["a"].status in {Status.ok, Status.flagged}
    assert records["a"].attempts == 1
    assert records["b"].attempts == 2, "the invalid batch answer was re-asked live"
    assert records["b"].extraction is not None
    assert records["c"].failure is not None
    assert records["c"].failure.kind == "batch_error"
    assert summary.counts["failed"] == 1
    assert len(fake.requests) == 4, "only b's re-ask went live"
    assert not (out / "_batch.json").exists()
    with pytest.raises(batch_api.BatchError, match="no batch"):
        batch_api.collect(out, engine)


def test_cli_batch_api_with_wait_collects_in_one_command(fake: FakeChatServer, tmp_path: Path) -> None:
    articles(tmp_path / "in")
    out = tmp_path / "out"
    env = {"EXTRACTOR_BASE_URL": fake.base_url, "EXTRACTOR_MODEL": "fake-model"}
    submitted = CliRunner().invoke(
        main, ["extract", str(tmp_path / "in"), "--out", str(out), "--batch-api"], env=env
    )
    assert submitted.exit_code == 0, submitted.output
    assert "batch-1" in submitted.output and "extractor collect" in submitted.output

    status = CliRunner().invoke(main, ["batch-status", str(out)], env=env)
    assert status.exit_code == 0, status.output
    assert "in_progress" in status.output

    collected = CliRunner().invoke(main, ["collect", str(out), "--wait", "--poll-interval", "0.01"], env=env)
    assert collected.exit_code == 1, collected.output  # c failed in the batch
    assert len(list(iter_record_paths(out))) == 4


def test_collect_measures_articles_by_the_limit_they_were_submitted_with(
    fake: FakeChatServer, tmp_path: Path
) -> None:
    """An article longer than the default limit, submitted under a higher --max-chars, is paid
    for: collect stores its answer instead of refusing it as too long."""
    folder = tmp_path / "in"
    folder.mkdir()
    long_text = "Pemkot Batu meraih nilai 82,28. Artikel a. " + "Kalimat pengisi. " * 4000
    (folder / "a.txt").write_text(long_text, encoding="utf-8")
    out, engine = tmp_path / "out", engine_for(fake)
    batch_api.submit([folder / "a.txt"], engine, out, max_chars=100_000)
    with pytest.raises(batch_api.BatchError, match="in_progress"):
        batch_api.collect(out, engine)
    batch_api.collect(out, engine)
    record = read_record(out / "a.json")
    assert len(long_text) > 60_000 and record.failure is None and record.extraction is not None
