"""Worker processes: how many, how they share the limits, and what reaches the parent."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from extractor.engines import EngineResult, EngineUnusable
from extractor.limits import LocalPause, RequestLimiter, SharedPause
from extractor.pipeline import run_batch
from extractor.store import iter_record_paths, read_record
from extractor.workers import JOBS_PER_PROCESS, WorkerDied, auto_processes, usable_cores
from schemas.draft import ArticleExtraction
from schemas.record import Usage
from schemas.values import AssessmentKind

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked")


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class EchoEngine:
    """A FAKE engine. Its usage reports where it ran: prompt_tokens is the pid of the process,
    completion_tokens the worker count it was told. The article named ``refuse_at`` makes it
    report that it cannot work at all, as a rejected API key would; ``die_at`` ends the process."""

    name = "echo"
    model = None
    endpoint_host = None
    prompt_hash = None

    def __init__(self, refuse_at: str | None = None, die_at: str | None = None) -> None:
        self.refuse_at = refuse_at
        self.die_at = die_at
        self.told: tuple[int, object] | None = None

    def in_worker_process(self, workers: int, paused: object) -> None:
        self.told = (workers, paused)

    def extract(self, text: str) -> EngineResult:
        if self.refuse_at and self.refuse_at in text:
            raise EngineUnusable("the key was refused")
        if self.die_at and self.die_at in text:
            os._exit(3)  # as the kernel's OOM killer would end it
        workers = self.told[0] if self.told else 0
        return EngineResult(
            draft=ArticleExtraction(assessment=AssessmentKind.none),
            usage=Usage(prompt_tokens=os.getpid(), completion_tokens=workers),
        )


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"a{i:03d}.txt"
        path.write_text(f"Artikel nomor {i:03d}.", encoding="utf-8")
        paths.append(path)
    return paths


def test_auto_processes_follow_the_jobs_the_cores_and_the_rpm() -> None:
    """One process for a few jobs; more for many jobs, within the cores; never more than
    the requests per minute can be shared by."""
    assert auto_processes(1) == 1
    assert auto_processes(JOBS_PER_PROCESS) == 1
    assert auto_processes(JOBS_PER_PROCESS + 1) == min(2, 2 * usable_cores())
    assert auto_processes(256) <= 2 * usable_cores()
    assert auto_processes(256, rpm=1) == 1


def test_a_share_takes_its_part_of_each_limit_and_never_rounds_requests_up() -> None:
    limiter = RequestLimiter(rpm=61, tpm=100_000)
    share = limiter.share(2, LocalPause())

    assert (share.rpm, share.tpm) == (30, 50_000)
    with pytest.raises(ValueError, match="cannot be shared"):
        RequestLimiter(rpm=1).share(2, LocalPause())


def test_a_429_in_one_process_pauses_the_others() -> None:
    """The pause lives in shared memory: a share that saw the 429 and one that did not wait
    for the same Retry-After."""
    clock = FakeClock()
    paused = SharedPause(multiprocessing.get_context("fork").Value("d", 0.0))
    base = RequestLimiter(clock=clock, sleep=clock.sleep)
    first, second = base.share(2, paused), base.share(2, paused)

    first.pause(7.0)
    second.acquire()

    assert clock.slept == [7.0]
    assert (first.pauses, second.pauses) == (1, 0)


def test_a_batch_in_processes_stores_every_article_once(tmp_path: Path) -> None:
    """Every article becomes one record, made in a worker process that was told it is one;
    the summary counts them all."""
    paths = write_articles(tmp_path / "in", 40)
    summary = run_batch(paths, EchoEngine(), tmp_path / "out", jobs=4, processes=2)

    records = [read_record(path) for path in iter_record_paths(tmp_path / "out")]
    assert sorted(r.record_id for r in records) == [f"a{i:03d}" for i in range(40)]
    assert summary.total == 40
    assert {r.usage.completion_tokens for r in records} == {2}
    assert os.getpid() not in {r.usage.prompt_tokens for r in records}


def test_an_unusable_engine_in_a_worker_stops_the_batch_in_the_parent(tmp_path: Path) -> None:
    """The error reaches the caller as itself (the CLI turns it into a message); what was
    finished is stored and the summary is written."""
    paths = write_articles(tmp_path / "in", 40)
    with pytest.raises(EngineUnusable, match="refused"):
        run_batch(paths, EchoEngine(refuse_at="nomor 010"), tmp_path / "out", jobs=2, processes=2)

    assert (tmp_path / "out" / "_summary.json").exists()
    assert len(list(iter_record_paths(tmp_path / "out"))) < 40


def test_requests_per_window_hold_across_worker_processes(tmp_path: Path) -> None:
    """Two processes share rpm=10 per 0.5 s window (5 each): whatever the bursts, no 0.5 s
    window of the FAKE server's arrivals holds more than 10 requests."""
    from pydantic import SecretStr

    from extractor._llm import LLMEngine
    from extractor.settings import InstructorMode, LLMSettings
    from tests.fake_chat_server import FakeChatServer, FakeReply
    from tests.test_llm_faults import VALID

    fake = FakeChatServer([FakeReply(content=VALID)])
    settings = LLMSettings(
        api_key=SecretStr("sk-fake"), base_url=fake.base_url, model="fake-model", mode=InstructorMode.json
    )
    paths = write_articles(tmp_path / "in", 40)
    with fake.running():
        engine = LLMEngine(settings, limiter=RequestLimiter(rpm=10, window_s=0.5))
        summary = run_batch(paths, engine, tmp_path / "out", jobs=8, processes=2)

    assert summary.counts["failed"] == 0
    arrivals = sorted(fake.arrivals)
    assert len(arrivals) == 40
    busiest = max(sum(1 for t in arrivals if start <= t < start + 0.5) for start in arrivals)
    assert busiest <= 10, busiest
    assert arrivals[-1] - arrivals[0] >= 3 * 0.5  # 40 requests at 10 per window take 4 windows


def test_a_worker_that_dies_stops_the_batch_with_a_message(tmp_path: Path) -> None:
    """No waiting for ever on a dead worker: the batch stops, saying to re-run, and keeps what
    the others stored."""
    paths = write_articles(tmp_path / "in", 40)
    with pytest.raises(WorkerDied, match="re-run"):
        run_batch(paths, EchoEngine(die_at="nomor 005"), tmp_path / "out", jobs=2, processes=2)

    assert (tmp_path / "out" / "_summary.json").exists()
