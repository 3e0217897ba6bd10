"""A few hundred articles through a FAKE server that fails at several percent per fault kind.

Whatever the faults, every article ends stored exactly once (ok/flagged, or failed with its
reason), the summary adds up, and no request is repeated more than the limits allow.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from extractor._llm import LLMEngine
from extractor.pipeline import run_batch
from extractor.settings import InstructorMode, LLMSettings
from extractor.store import iter_record_paths, read_record
from schemas.record import Status
from tests.fake_chat_server import FakeChatServer, FakeReply
from tests.test_llm_faults import OUT_OF_RANGE, VALID

ARTICLES = 300
TRANSPORT_ATTEMPTS = 3
MAX_REASKS = 1
CLIENT_TIMEOUT_S = 0.4
FAULT_RATES = {  # each about 4 %: together a third of all requests go wrong
    "429": 0.04,
    "500": 0.04,
    "503": 0.04,
    "timeout": 0.04,
    "malformed": 0.04,
    "cut": 0.04,
    "invalid": 0.04,
}
FAILURE_KINDS = {"rate_limited", "http_500", "http_503", "timeout", "bad_response", "truncated", "validation"}


class FaultMix:
    """Picks a fault (or a good answer) for each request, reproducibly."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.chosen: Counter[str] = Counter()
        self.replies: list[tuple[str, str]] = []  # (request body's key, fault kind)

    def __call__(self, payload: dict[str, Any]) -> FakeReply:
        with self.lock:
            roll = self.rng.random()
        edges = zip(FAULT_RATES, itertools.accumulate(FAULT_RATES.values()), strict=True)
        kind = next((name for name, edge in edges if roll < edge), "good")
        with self.lock:
            self.chosen[kind] += 1
            self.replies.append((request_key(payload), kind))
        return {
            "429": FakeReply(status=429, headers={"retry-after-ms": "20"}),
            "500": FakeReply(status=500),
            "503": FakeReply(status=503),
            "timeout": FakeReply(content=VALID, delay_s=CLIENT_TIMEOUT_S * 2),
            "malformed": FakeReply(body="<html>gateway error"),
            "cut": FakeReply(content='{"assessment": "omb', finish_reason="length"),
            "invalid": FakeReply(content=OUT_OF_RANGE),
            "good": FakeReply(content=VALID),
        }[kind]


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i:04d}.txt").write_text(f"Pemkot Batu meraih nilai 82,28. Nomor {i}.", encoding="utf-8")
    return folder


def settings_for(fake: FakeChatServer, **overrides: Any) -> LLMSettings:
    return LLMSettings(
        api_key=SecretStr("sk-fake"),
        base_url=fake.base_url,
        model="fake-model",
        mode=InstructorMode.json,
        **overrides,
    )


def request_key(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def article_of(payload: dict[str, Any]) -> str:
    user = next(m["content"] for m in payload["messages"] if m["role"] == "user")
    return user.split("Nomor ")[1].split(".")[0]


@pytest.mark.parametrize("processes", [1, 2])
def test_faults_at_several_percent_lose_and_duplicate_nothing(tmp_path: Path, processes: int) -> None:
    """In threads of one process, and split over worker processes."""
    articles = write_articles(tmp_path / "in", ARTICLES)
    mix = FaultMix(seed=20261123)
    fake = FakeChatServer(policy=mix)
    settings = settings_for(
        fake,
        timeout_s=CLIENT_TIMEOUT_S,
        transport_attempts=TRANSPORT_ATTEMPTS,
        transport_backoff_s=0.01,
        max_reasks=MAX_REASKS,
    )
    out = tmp_path / "out"
    with fake.running():
        summary = run_batch(
            sorted(articles.glob("*.txt")), LLMEngine(settings), out, jobs=16, processes=processes
        )

    records = [read_record(p) for p in iter_record_paths(out)]
    assert sorted(r.record_id for r in records) == [f"a{i:04d}" for i in range(ARTICLES)]
    by_status = Counter(r.status.value for r in records)
    assert summary.total == ARTICLES
    assert dict(summary.counts) == dict(by_status)
    assert sum(r.usage.total_tokens for r in records) == summary.usage.total_tokens
    for record in records:
        if record.status == Status.failed:
            assert record.failure is not None
            assert record.failure.kind in FAILURE_KINDS, record.failure
        else:
            assert record.extraction is not None
            assert record.extraction.score == 82.28
    assert by_status["failed"] < ARTICLES // 3, by_status
    assert all(mix.chosen[kind] > 0 for kind in FAULT_RATES), mix.chosen

    # Limits: one request body meets at most TRANSPORT_ATTEMPTS faults (transport retries repeat
    # it unchanged; a 429 is waited out and not counted); an article gets at most MAX_REASKS + 1
    # different bodies (re-asks).
    faults_met = Counter(key for key, kind in mix.replies if kind != "429")
    assert max(faults_met.values()) <= TRANSPORT_ATTEMPTS
    bodies_per_article = Counter(article_of(p) for p in {request_key(p): p for p in fake.requests}.values())
    assert max(bodies_per_article.values()) <= MAX_REASKS + 1


@pytest.mark.parametrize("processes", [1, 2])
def test_a_429_storm_slows_the_pool_instead_of_failing_articles(tmp_path: Path, processes: int) -> None:
    """For its first second the server answers every request 429 (retry after 100 ms). No
    article fails, the batch lasts past the storm, and the paused pool sends about one wave
    of requests per Retry-After, not a flood."""
    storm_s, retry_after_ms, jobs = 1.0, 100, 8
    started: list[float] = []

    def storm(payload: dict[str, Any]) -> FakeReply:
        del payload
        now = time.monotonic()
        started.append(now)
        if now - started[0] < storm_s:
            return FakeReply(status=429, headers={"retry-after-ms": str(retry_after_ms)})
        return FakeReply(content=VALID)

    articles = write_articles(tmp_path / "in", 40)
    fake = FakeChatServer(policy=storm)
    settings = settings_for(fake, timeout_s=5.0, transport_attempts=2)
    with fake.running():
        begun = time.monotonic()
        summary = run_batch(
            sorted(articles.glob("*.txt")),
            LLMEngine(settings),
            tmp_path / "out",
            jobs=jobs,
            processes=processes,
        )
        took = time.monotonic() - begun

    assert summary.counts["failed"] == 0, summary.failures[:3]
    assert summary.total == 40
    assert took >= storm_s
    during_storm = sum(1 for t in started if t - started[0] < storm_s)
    waves = storm_s * 1000 / retry_after_ms + 1
    assert during_storm <= 2 * jobs * waves, during_storm
