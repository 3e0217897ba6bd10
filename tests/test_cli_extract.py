"""`extractor extract` as a user runs it, against the FAKE chat server on loopback."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.store import iter_record_paths, read_record
from schemas.record import Status
from tests.conftest import default_sigint
from tests.fake_chat_server import FakeChatServer, FakeReply
from tests.test_llm_faults import ARTICLE, VALID

SECRET = "sk-live-never-store-this-0000"


@pytest.fixture
def server() -> Iterator[FakeChatServer]:
    fake = FakeChatServer([FakeReply(content=VALID)])
    with fake.running():
        yield fake


def llm_env(server: FakeChatServer) -> dict[str, str]:
    return {"EXTRACTOR_BASE_URL": server.base_url, "OPENAI_API_KEY": SECRET, "EXTRACTOR_MODEL": "fake-model"}


def extract_command(articles: Path, out: Path, jobs: int, processes: int = 1) -> list[str]:
    """`extractor extract` as a user types it, for the tests that run it as a process."""
    return [
        sys.executable,
        "-m",
        "extractor",
        "extract",
        str(articles),
        "--out",
        str(out),
        "-j",
        str(jobs),
        "--processes",
        str(processes),
        "-q",
    ]


def worker_pids(pid: int) -> list[int]:
    """The processes ``pid`` has forked (Linux)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "zombie" not in status.read_text()
    except OSError:
        return False


def asked_for(server: FakeChatServer) -> Counter[int]:
    """How many times the model was asked for each article, by the number ``make_articles``
    puts in its text."""
    numbers = (re.search(r"Nomor (\d+)\.", json.dumps(body, ensure_ascii=False)) for body in server.requests)
    return Counter(int(found.group(1)) for found in numbers if found)


def stored_numbers(out: Path) -> set[int]:
    return {int(path.stem.rsplit("_", 1)[1]) for path in iter_record_paths(out)}


def make_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"article_{i:03d}.txt").write_text(f"{ARTICLE} Nomor {i}.", encoding="utf-8")
    return folder


def test_good_and_bad_files_each_get_a_record_and_exit_1(server: FakeChatServer, tmp_path: Path) -> None:
    """Bad files are named with their problem, the others are extracted, exit status is 1."""
    articles = make_articles(tmp_path / "in", 2)
    (articles / "empty.txt").write_bytes(b"")
    (articles / "latin1.txt").write_bytes("Kota Bat\u00fa".encode("latin-1"))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["extract", str(articles), str(tmp_path / "missing.txt"), "--out", str(out)],
        env=llm_env(server),
    )

    assert result.exit_code == 1, result.output
    records = {p.stem: read_record(p) for p in iter_record_paths(out)}
    assert set(records) == {"article_000", "article_001", "empty", "latin1", "missing"}
    assert records["empty"].failure is not None and records["empty"].failure.kind == "empty"
    assert records["latin1"].failure is not None and records["latin1"].failure.kind == "not_utf8"
    assert records["missing"].failure is not None and records["missing"].failure.kind == "unreadable"
    assert records["article_000"].status in {Status.ok, Status.flagged}
    assert "not UTF-8" in result.output and "latin1" in result.output
    summary = json.loads((out / "_summary.json").read_text())
    assert summary["counts"]["failed"] == 3
    assert summary["articles"] == 5


def test_the_api_key_is_in_no_record_summary_or_output(server: FakeChatServer, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["extract", str(make_articles(tmp_path / "in", 1)), "--out", str(out)], env=llm_env(server)
    )
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    for path in out.iterdir():
        assert SECRET not in path.read_text(encoding="utf-8")


def test_rerun_skips_unchanged_articles_and_force_redoes_them(server: FakeChatServer, tmp_path: Path) -> None:
    articles, out = make_articles(tmp_path / "in", 3), tmp_path / "out"
    runner, args = CliRunner(), ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")]
    assert runner.invoke(main, args, env=llm_env(server)).exit_code == 0
    assert len(server.requests) == 3

    assert runner.invoke(main, args, env=llm_env(server)).exit_code == 0
    assert len(server.requests) == 3, "nothing changed: nothing asked"
    assert json.loads((out / "_summary.json").read_text())["counts"]["skipped"] == 3

    (articles / "article_001.txt").write_text("Teks baru: nilai 90,01.", encoding="utf-8")
    assert runner.invoke(main, args, env=llm_env(server)).exit_code == 0
    assert len(server.requests) == 4, "only the changed article is redone"

    assert runner.invoke(main, [*args, "--model", "other-model"], env=llm_env(server)).exit_code == 0
    assert len(server.requests) == 7, "another model redoes everything"

    assert (
        runner.invoke(main, [*args, "--model", "other-model", "--force"], env=llm_env(server)).exit_code == 0
    )
    assert len(server.requests) == 10


def test_no_llm_configured_says_what_to_set_and_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "--engine", "llm", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "OPENAI_API_KEY" in result.output and "EXTRACTOR_BASE_URL" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["extract", str(tmp_path), "--jobs", "0"]).exit_code == 2
    assert CliRunner().invoke(main, ["extract"]).exit_code == 2


def test_every_command_has_help() -> None:
    for args in (["--help"], ["extract", "--help"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_sigkill_mid_batch_leaves_no_partial_file_and_rerun_finishes_the_rest(tmp_path: Path) -> None:
    """Killed at a random moment, the batch leaves only whole records; the next run completes
    the rest without asking the model again for the finished ones."""
    count = 16
    articles, out = make_articles(tmp_path / "in", count), tmp_path / "out"
    fake = FakeChatServer([FakeReply(content=VALID, delay_s=0.15)])
    with fake.running():
        env = {**os.environ, **llm_env(fake)}
        command = extract_command(articles, out, jobs=2)
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(list(iter_record_paths(out))) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        fake.wait_until_idle()  # a request the killed run sent may still be reaching the fake's list

        finished = {p.stem for p in iter_record_paths(out)}
        for path in iter_record_paths(out):
            read_record(path)  # every file present is a whole, valid record
        assert 4 <= len(finished) < count
        asked_before = len(fake.requests)

        rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert rerun.returncode == 0, rerun.stderr

    assert {p.stem for p in iter_record_paths(out)} == {f"article_{i:03d}" for i in range(count)}
    assert len(fake.requests) - asked_before == count - len(finished)
    assert json.loads((out / "_summary.json").read_text())["counts"]["skipped"] == len(finished)
    assert not list(out.glob("_tmp-*"))


def test_without_a_model_name_the_servers_only_model_is_used(tmp_path: Path) -> None:
    """A local server with one model needs no --model; its name goes into the record."""
    fake = FakeChatServer([FakeReply(content=VALID)], models=("qwen2.5:7b",))
    with fake.running():
        out = tmp_path / "out"
        result = CliRunner().invoke(
            main,
            ["extract", str(make_articles(tmp_path / "in", 1)), "--out", str(out)],
            env={"EXTRACTOR_BASE_URL": fake.base_url},
        )
    assert result.exit_code == 0, result.output
    assert fake.requests[0]["model"] == "qwen2.5:7b"
    assert read_record(out / "article_000.json").provenance.model == "qwen2.5:7b"


def test_several_models_and_no_name_asks_the_user_to_choose(tmp_path: Path) -> None:
    fake = FakeChatServer([FakeReply(content=VALID)], models=("llama3", "qwen2.5:7b"))
    with fake.running():
        result = CliRunner().invoke(
            main,
            ["extract", str(make_articles(tmp_path / "in", 1)), "--out", str(tmp_path / "out")],
            env={"EXTRACTOR_BASE_URL": fake.base_url},
        )
    assert result.exit_code == 1
    assert "llama3, qwen2.5:7b" in result.output
    assert "--model" in result.output
    assert fake.requests == []


@pytest.mark.parametrize("processes", [1, 2])
def test_ctrl_c_stops_taking_articles_writes_the_summary_and_exits_130(
    tmp_path: Path, processes: int
) -> None:
    """SIGINT: in-flight articles finish and are stored whole, no new one starts, the summary
    says the run was interrupted, and the exit status is 130; with worker processes too."""
    count = 30
    articles, out = make_articles(tmp_path / "in", count), tmp_path / "out"
    fake = FakeChatServer([FakeReply(content=VALID, delay_s=0.2)])
    with fake.running():
        env = {**os.environ, **llm_env(fake)}
        command = extract_command(articles, out, jobs=2, processes=processes)
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=default_sigint,
        )
        deadline = time.monotonic() + 30
        while len(list(iter_record_paths(out))) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
        asked = len(fake.requests)

    assert process.returncode == 130, stderr
    assert "re-run" in stderr
    stored = list(iter_record_paths(out))
    assert 3 <= len(stored) < count
    assert len(stored) == asked, "every request sent was finished and stored"
    summary = json.loads((out / "_summary.json").read_text())
    assert summary["interrupted"] is True
    assert summary["articles"] == len(stored)
    assert not list(out.glob("_tmp-*"))


def test_extract_runs_the_cross_article_check_over_the_folder(tmp_path: Path) -> None:
    """Two articles giving one subject and year different scores: both records say so, each
    pointing at the other."""
    folder = tmp_path / "in"
    folder.mkdir()
    template = (
        "Pemerintah Kota Batu meraih nilai {score} dan predikat zona hijau dalam Penilaian Kepatuhan "
        "Penyelenggaraan Pelayanan Publik Ombudsman RI Tahun 2024."
    )
    (folder / "one.txt").write_text(template.format(score="82,28"), encoding="utf-8")
    (folder / "two.txt").write_text(template.format(score="85,10"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(folder), "--out", str(out), "--engine", "rules"])

    assert result.exit_code == 0, result.output
    one, two = read_record(out / "one.json"), read_record(out / "two.json")
    assert one.extraction is not None and one.extraction.score == 82.28
    assert [f.related_record for f in one.flags if f.code == "cross_article_conflict"] == ["two"]
    assert [f.related_record for f in two.flags if f.code == "cross_article_conflict"] == ["one"]


@pytest.mark.parametrize("processes", [1, 2])
def test_killed_many_times_at_random_points_every_article_is_stored_exactly_once(
    tmp_path: Path, processes: int
) -> None:
    """Five SIGKILLs at random points (a fixed seed), then a run to the end: every article has
    one whole record, and the model was asked again only for articles in flight at a kill (at
    most ``jobs`` per kill, however loaded the machine: workers start articles only with the
    parent's permits). Worker processes die with the batch: none is left writing after a kill."""
    count, jobs, kills = 40, 4, 5
    articles, out = make_articles(tmp_path / "in", count), tmp_path / "out"
    rng = random.Random(7)
    after_kill: list[int] = []
    lost_at_kill: list[set[int]] = []  # articles a run asked for and had not stored when killed
    seen_workers = 0
    fake = FakeChatServer([FakeReply(content=VALID, delay_s=0.05)])
    command = extract_command(articles, out, jobs=jobs, processes=processes)
    with fake.running():
        env = {**os.environ, **llm_env(fake)}
        for _ in range(kills):
            asked_before = asked_for(fake)
            stored_before = stored_numbers(out)
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Kill after a random number of new records, at a random moment between writes.
            target = min(count - 1, len(list(iter_record_paths(out))) + rng.randint(1, 6))
            deadline = time.monotonic() + 30
            while len(list(iter_record_paths(out))) < target and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.05))
            workers = worker_pids(process.pid)
            seen_workers += len(workers)
            process.send_signal(signal.SIGKILL)
            process.wait()
            deadline = time.monotonic() + 10
            while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert not any(alive(pid) for pid in workers), "a worker outlived the batch"
            fake.wait_until_idle()  # every request the killed run sent is counted in this run
            for path in iter_record_paths(out):
                read_record(path)  # only whole, valid records at every kill
            asked_in_run = asked_for(fake) - asked_before
            assert max(asked_in_run.values(), default=1) == 1, f"asked twice in one run: {asked_in_run}"
            assert not set(asked_in_run) & stored_before, "asked again for a stored article"
            stored_now = stored_numbers(out)
            after_kill.append(len(stored_now))
            lost_at_kill.append(set(asked_in_run) - stored_now)
        assert any(0 < n < count for n in after_kill), f"no kill fell mid-batch: {after_kill}"
        assert processes == 1 or seen_workers, "the batch never ran in worker processes"
        final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert final.returncode == 0, final.stderr

    stored = sorted(p.stem for p in iter_record_paths(out))
    assert stored == [f"article_{i:03d}" for i in range(count)]
    assert all(len(lost) <= jobs for lost in lost_at_kill), lost_at_kill
    # Each article was asked once, plus once more for every kill that caught it in flight: never
    # again once stored, never twice in one run.
    expected = {i: 1 + sum(i in lost for lost in lost_at_kill) for i in range(count)}
    assert asked_for(fake) == expected, lost_at_kill
    assert count <= len(fake.requests) <= count + kills * jobs
    assert not list(out.glob("_tmp-*"))
