"""Transport faults and bad answers, staged by a FAKE chat-completions server on loopback.

Two retry layers are kept apart: transport faults are repeated by tenacity (bounded, honouring
Retry-After), invalid answers are re-asked by instructor with the error text. Sleeping is
replaced by a recorder so that the waits can be asserted without waiting.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from extractor._llm import LLMEngine
from extractor.engines import EngineUnusable, ExtractionFailed
from extractor.limits import RequestLimiter
from extractor.pipeline import run_batch
from extractor.settings import InstructorMode, LLMSettings
from extractor.store import read_record
from schemas.record import Status
from tests.fake_chat_server import FakeChatServer, FakeReply

ARTICLE = "Pemkot Batu meraih nilai 82,28 pada penilaian kepatuhan Ombudsman RI Tahun 2024."
VALID = json.dumps(
    {
        "assessment": "ombudsman_compliance",
        "subject": {"name": "Pemkot Batu", "kind": "kota", "quote": "Pemkot Batu"},
        "score": "82,28",
        "score_quote": "nilai 82,28",
        "assessment_year": 2024,
        "assessment_year_quote": "Tahun 2024",
    }
)
OUT_OF_RANGE = json.dumps({"assessment": "ombudsman_compliance", "score": 182.28, "score_quote": "x"})


class Sleeps(list[float]):
    """Records each wait instead of waiting, and is the clock that those waits advance."""

    now = 0.0

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def engine_for(server: FakeChatServer, sleeps: Sleeps, **overrides: Any) -> LLMEngine:
    settings: dict[str, Any] = {
        "api_key": SecretStr("sk-fake"),
        "base_url": server.base_url,
        "model": "fake-model",
        "mode": InstructorMode.json,
        "timeout_s": 5.0,
        "transport_attempts": 4,
        "transport_backoff_s": 0.5,
        "max_reasks": 2,
    }
    settings.update(overrides)
    limiter = RequestLimiter(clock=sleeps.clock, sleep=sleeps)
    return LLMEngine(LLMSettings(**settings), sleep=sleeps, limiter=limiter)


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[Any] = []

    def start(*script: FakeReply) -> FakeChatServer:
        server = FakeChatServer(list(script))
        context = server.running()
        context.__enter__()
        servers.append(context)
        return server

    yield start
    for context in servers:
        context.__exit__(None, None, None)


def test_429_waits_what_retry_after_asks_then_succeeds(serve: Any, sleeps: Sleeps) -> None:
    """A 429 with Retry-After: 7 makes the client wait 7 s (not its own backoff) and retry."""
    server = serve(FakeReply(status=429, headers={"retry-after": "7"}), FakeReply(content=VALID))
    result = engine_for(server, sleeps).extract(ARTICLE)

    assert sleeps == [7.0]
    assert result.transport_retries == 1
    assert result.attempts == 1
    assert result.draft.score == 82.28
    assert len(server.requests) == 2


def test_a_429_storm_longer_than_the_fault_attempts_is_waited_out(serve: Any, sleeps: Sleeps) -> None:
    """Eight 429s in a row with 4 transport attempts allowed: a 429 is the server pacing us, not
    a fault, so the article waits each Retry-After and succeeds instead of failing."""
    storm = [FakeReply(status=429, headers={"retry-after": "2"})] * 8
    server = serve(*storm, FakeReply(content=VALID))
    result = engine_for(server, sleeps, transport_attempts=4).extract(ARTICLE)

    assert sleeps == [2.0] * 8
    assert result.transport_retries == 8
    assert result.draft.score == 82.28


def test_a_rate_limit_that_never_lifts_ends_as_rate_limited(serve: Any, sleeps: Sleeps) -> None:
    """Waiting is bounded too: after 100 answers of 429 (or transport_max_seconds) it fails."""
    server = serve(FakeReply(status=429, headers={"retry-after": "1"}))
    with pytest.raises(ExtractionFailed) as caught:
        engine_for(server, sleeps).extract(ARTICLE)

    assert caught.value.kind == "rate_limited"
    assert len(server.requests) == 100
    assert sleeps == [1.0] * 99


def test_5xx_are_retried_with_growing_jittered_backoff(serve: Any, sleeps: Sleeps) -> None:
    """500 and 503 are repeated; each wait is drawn from [0, base * 2**n] (full jitter)."""
    server = serve(FakeReply(status=500), FakeReply(status=503), FakeReply(content=VALID))
    result = engine_for(server, sleeps).extract(ARTICLE)

    assert result.transport_retries == 2
    assert len(sleeps) == 2
    assert 0 <= sleeps[0] <= 0.5
    assert 0 <= sleeps[1] <= 1.0


def test_persistent_5xx_stops_at_the_attempt_bound(serve: Any, sleeps: Sleeps) -> None:
    """A server that keeps failing gets exactly transport_attempts requests, then a failure."""
    server = serve(FakeReply(status=500))
    with pytest.raises(ExtractionFailed) as caught:
        engine_for(server, sleeps, transport_attempts=3).extract(ARTICLE)

    assert caught.value.kind == "http_500"
    assert len(server.requests) == 3
    assert caught.value.transport_retries == 2


def test_timeouts_are_retried_then_reported(serve: Any, sleeps: Sleeps) -> None:
    """An answer slower than the timeout counts as a transport fault, bounded like the others."""
    server = serve(FakeReply(content=VALID, delay_s=1.5))
    with pytest.raises(ExtractionFailed) as caught:
        engine_for(server, sleeps, timeout_s=0.3, transport_attempts=2).extract(ARTICLE)

    assert caught.value.kind == "timeout"
    assert len(server.requests) == 2


def test_malformed_json_body_is_a_transport_fault_not_a_reask(serve: Any, sleeps: Sleeps) -> None:
    """A 200 whose body is not JSON is repeated like other transport faults (bounded), never
    re-asked as if the model had answered, and ends as a readable bad_response failure."""
    server = serve(FakeReply(body="{this is not json"))
    with pytest.raises(ExtractionFailed) as caught:
        engine_for(server, sleeps, transport_attempts=3).extract(ARTICLE)

    assert caught.value.kind == "bad_response"
    assert "not JSON" in caught.value.message
    assert len(server.requests) == 3
    assert caught.value.attempts == 0


def test_malformed_body_once_then_a_good_answer_succeeds(serve: Any, sleeps: Sleeps) -> None:
    """One garbled body is a hiccup: the retry gets the real answer."""
    server = serve(FakeReply(body="<html>502 Bad Gateway</html>", status=200), FakeReply(content=VALID))
    result = engine_for(server, sleeps).extract(ARTICLE)

    assert result.transport_retries == 1
    assert result.attempts == 1


def test_answer_that_is_not_json_is_reasked_and_usage_is_summed(serve: Any, sleeps: Sleeps) -> None:
    """Content that is not JSON is re-asked; tokens of both answers are counted."""
    server = serve(FakeReply(content="Sure! The score is 82,28."), FakeReply(content=VALID))
    result = engine_for(server, sleeps).extract(ARTICLE)

    assert result.attempts == 2
    assert result.transport_retries == 0
    assert result.usage.total_tokens == 2 * 120
    assert sleeps == []


def test_schema_invalid_answer_is_reasked_with_the_error_text(serve: Any, sleeps: Sleeps) -> None:
    """A score of 182,28 violates 0-100: the re-ask carries pydantic's message to the model."""
    server = serve(FakeReply(content=OUT_OF_RANGE), FakeReply(content=VALID))
    result = engine_for(server, sleeps).extract(ARTICLE)

    assert result.attempts == 2
    reask = server.requests[1]["messages"][-1]["content"]
    assert "less than or equal to 100" in reask
    assert result.draft.score == 82.28


def test_reasks_are_bounded_and_the_last_answer_is_kept(serve: Any, sleeps: Sleeps) -> None:
    """With max_reasks=1 a model that stays wrong is asked twice, then the article fails with
    its last answer kept for the reviewer."""
    server = serve(FakeReply(content=OUT_OF_RANGE))
    with pytest.raises(ExtractionFailed) as caught:
        engine_for(server, sleeps, max_reasks=1).extract(ARTICLE)

    assert caught.value.kind == "validation"
    assert caught.value.attempts == 2
    assert len(server.requests) == 2
    assert caught.value.last_completion == OUT_OF_RANGE
    assert caught.value.usage.total_tokens == 2 * 120


def test_answer_cut_at_max_tokens_is_not_reasked(serve: Any, sleeps: Sleeps) -> None:
    """finish_reason=length: asking again would be cut again, so it fails at once."""
    server = serve(FakeReply(content='{"assessment": "ombuds', finish_reason="length"))
    with pytest.raises(ExtractionFailed) as caught:
        engine_for(server, sleeps).extract(ARTICLE)

    assert caught.value.kind == "truncated"
    assert len(server.requests) == 1
    assert caught.value.last_completion == '{"assessment": "ombuds'


def test_rejected_key_stops_the_batch_with_a_message(serve: Any, sleeps: Sleeps) -> None:
    """401 cannot get better by retrying or by moving to the next article."""
    server = serve(FakeReply(status=401))
    with pytest.raises(EngineUnusable, match="OPENAI_API_KEY"):
        engine_for(server, sleeps).extract(ARTICLE)
    assert len(server.requests) == 1


def test_every_request_sets_max_tokens_temperature_and_the_schema(serve: Any, sleeps: Sleeps) -> None:
    """Small models need the limits and, in json mode, the schema in response_format."""
    server = serve(FakeReply(content=VALID))
    engine_for(server, sleeps, max_tokens=333, temperature=0.0).extract(ARTICLE)

    body = server.requests[0]
    assert body["max_tokens"] == 333
    assert body["temperature"] == 0.0
    assert body["response_format"]["type"] == "json_object"
    assert "assessment" in body["response_format"]["schema"]["properties"]


def test_failed_article_gets_a_failure_record_and_the_batch_goes_on(
    serve: Any, sleeps: Sleeps, tmp_path: Path
) -> None:
    """One article's fault does not stop the others; its record says what went wrong."""
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "b.txt").write_text(ARTICLE + " Lagi.", encoding="utf-8")
    server = serve(FakeReply(content=OUT_OF_RANGE), FakeReply(content=OUT_OF_RANGE), FakeReply(content=VALID))
    out = tmp_path / "out"
    summary = run_batch(sorted(articles.glob("*.txt")), engine_for(server, sleeps, max_reasks=1), out)

    assert summary.counts["failed"] == 1
    assert summary.counts["ok"] + summary.counts["flagged"] == 1
    failed = read_record(out / "a.json")
    assert failed.status == Status.failed
    assert failed.failure is not None
    assert failed.failure.last_completion == OUT_OF_RANGE
    assert read_record(out / "b.json").extraction is not None


def test_tools_mode_sends_the_schema_as_a_function_and_reads_the_call(serve: Any, sleeps: Sleeps) -> None:
    """OpenAI's default path: the schema travels as a forced function call."""
    server = serve(FakeReply(tool_arguments=VALID))
    result = engine_for(server, sleeps, mode=InstructorMode.tools).extract(ARTICLE)

    body = server.requests[0]
    assert body["tools"][0]["function"]["parameters"]["properties"]["assessment"]
    assert body["tool_choice"]["function"]["name"] == body["tools"][0]["function"]["name"]
    assert result.draft.score == 82.28


def test_json_schema_mode_uses_structured_outputs(serve: Any, sleeps: Sleeps) -> None:
    """LM Studio and OpenAI structured outputs: response_format of type json_schema."""
    server = serve(FakeReply(content=VALID))
    engine_for(server, sleeps, mode=InstructorMode.json_schema).extract(ARTICLE)

    response_format = server.requests[0]["response_format"]
    assert response_format["type"] == "json_schema"
    assert "assessment" in response_format["json_schema"]["schema"]["properties"]


def test_one_workers_429_pauses_the_whole_pool(serve: Any) -> None:
    """Worker A gets a 429 with Retry-After: 1; worker B, starting just after, waits for the
    pause too instead of hammering the rate-limited endpoint."""
    server = serve(FakeReply(status=429, headers={"retry-after": "1"}), FakeReply(content=VALID))
    engine = LLMEngine(
        LLMSettings(api_key=SecretStr("k"), base_url=server.base_url, model="m", mode=InstructorMode.json)
    )
    first = threading.Thread(target=engine.extract, args=(ARTICLE,))
    first.start()
    deadline = time.monotonic() + 30
    while engine.limiter.pauses == 0 and time.monotonic() < deadline:
        time.sleep(0.005)  # until A has had its 429 and paused the pool, however busy the machine
    assert engine.limiter.pauses == 1, "worker A never saw its 429"
    second = threading.Thread(target=engine.extract, args=(ARTICLE + " B",))
    second.start()
    first.join()
    second.join()

    assert len(server.arrivals) == 3
    assert min(server.arrivals[1:]) - server.arrivals[0] >= 0.95
    assert engine.limiter.pauses == 1
