"""Worker processes, for batches faster than one Python process can take.

One process handles about 70 answers a second: reading, validating, checking and writing an
answer costs over 10 ms of CPU, and the interpreter lock lets one thread at a time spend it.
Against a fast endpoint with many jobs, the batch is split over processes forked from this one.
Each runs its share of the jobs in threads (``pipeline.run_in_threads``) with its share of the
rate limits, and a 429 still pauses all of them (``limits.SharedPause``).

The parent only hands out articles and collects outcomes, so the summary, the progress display
and Ctrl-C stay with it. Workers ignore SIGINT: the parent stops them, and the articles they
have in flight finish and are stored. They die with the parent, so a SIGKILL of the batch leaves
nobody writing. A worker starts an article only with one of the batch's ``jobs`` permits,
which the parent hands back when it has that article's outcome: a worker outlives a killed
parent by a moment (Linux signals it on the parent's exit, after its memory is torn down), and
without permits it could start new requests in that moment. So a kill, however loaded the
machine, costs at most ``jobs`` requests. Fork, not spawn: spawning would import the tool
again in every process (about 2 s of CPU each). The fork happens before any worker thread
starts; the only other thread then may be the progress display's, whose locks a worker never
touches (CPython renews the import and logging locks in the child).
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import pickle
import queue
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing import connection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event, Semaphore

from extractor.batching import Outcome, Work, run_in_threads
from extractor.inputs import Input
from extractor.limits import SharedPause

# Threads of one process queue for its interpreter lock after every read and write, which
# adds latency long before the process uses a whole core: with 8 jobs at 200 ms, one process
# reaches 76% of the ideal and two 84% (bench/bench_batch.py). More processes than cores still
# help while the work is mostly waiting.
JOBS_PER_PROCESS = 4
PROCESSES_PER_CORE = 2
_POLL_S = 0.05
_PR_SET_PDEATHSIG = 1


class WorkerDied(Exception):
    """A worker process ended without finishing its articles (killed, out of memory)."""


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))  # what taskset or a container allows, not the host
    return os.cpu_count() or 1


def auto_processes(jobs: int, rpm: float | None = None) -> int:
    """One process per JOBS_PER_PROCESS jobs, at most PROCESSES_PER_CORE per usable core, and
    never so many that a process's share of ``rpm`` would be less than one request."""
    if not fork_available():
        return 1
    wanted = min(PROCESSES_PER_CORE * usable_cores(), math.ceil(jobs / JOBS_PER_PROCESS))
    if rpm:
        wanted = min(wanted, int(rpm))
    return max(1, wanted)


def run_in_processes(
    items: Iterable[tuple[Input, str]],
    work: Work,
    *,
    jobs: int,
    processes: int,
    settle: Callable[[Outcome], None],
    engines: Sequence[object],
) -> None:
    """``work`` every item in ``processes`` forked workers sharing ``jobs``; ``settle`` each
    outcome here. Engines with an ``in_worker_process(workers, paused)`` method are told, in
    each worker, that they now live there.

    Outcomes come back through one pipe per worker, not a shared queue: a worker that dies
    while writing (killed, out of memory) would keep a shared queue's lock for ever and hang
    the others; its own pipe only ends.
    """
    context = multiprocessing.get_context("fork")
    tasks: Queue[tuple[Input, str] | None] = context.Queue(maxsize=2 * jobs)
    stop = context.Event()
    # One permit per article started and not yet settled here (see the module's docstring).
    permits = context.Semaphore(jobs)
    paused = SharedPause(context.Value("d", 0.0))
    shares = [jobs // processes + (index < jobs % processes) for index in range(processes)]
    workers: list[BaseProcess] = []
    pipes: list[Connection] = []  # the read ends still open, one per worker
    # A forked child inherits unwritten output and flushes it when it ends: write it out first,
    # or a line printed before the fork appears twice.
    sys.stdout.flush()
    sys.stderr.flush()
    for index, share in enumerate(shares):
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker,
            args=(share, processes, work, engines, tasks, send, stop, paused, permits, os.getpid()),
            name=f"extractor-worker-{index}",
            daemon=True,
        )
        process.start()
        send.close()  # the worker holds the only write end: its exit ends the pipe
        workers.append(process)
        pipes.append(receive)
    sent = received = 0

    def collect(wait: bool, raise_errors: bool = True) -> None:
        nonlocal received
        timeout = _POLL_S if wait else 0.0
        while pipes:
            ready = connection.wait(pipes, timeout)
            if not ready:
                return
            timeout = 0.0  # some arrived: take whatever else is there, without waiting
            for pipe in ready:
                assert isinstance(pipe, Connection)
                try:
                    kind, value = pipe.recv()
                except (EOFError, OSError, pickle.UnpicklingError):  # the worker has ended
                    pipes.remove(pipe)
                    pipe.close()
                    continue
                if kind == "error":
                    if raise_errors:
                        raise value
                    continue
                received += 1
                permits.release()  # before settling: the worker may start its next article
                settle(value)

    def check_alive() -> None:
        dead = [w for w in workers if w.exitcode not in (None, 0)]
        if dead:
            raise WorkerDied(
                f"worker process {dead[0].name} stopped (exit code {dead[0].exitcode}); the "
                "records written so far are kept: re-run the same command to go on"
            )

    def hand_out(item: tuple[Input, str] | None) -> None:
        while True:
            try:
                tasks.put_nowait(item)
                return
            except queue.Full:
                # Wait for outcomes, not on the queue: a permit comes back as soon as one arrives.
                collect(wait=True)
                check_alive()  # a dead worker must not leave the queue full for ever

    try:
        for item in items:
            hand_out(item)
            sent += 1
            collect(wait=False)
        for _ in workers:
            hand_out(None)  # one end-of-work mark per worker
        while received < sent:
            collect(wait=True)
            check_alive()
            if received < sent and not pipes:
                raise WorkerDied(
                    f"the worker processes ended with {sent - received} article(s) unaccounted "
                    "for; the records written are kept: re-run the same command to go on"
                )
    except BaseException:
        stop.set()  # Ctrl-C or a worker's error: no new article starts anywhere
        while pipes:
            collect(wait=True, raise_errors=False)  # in-flight articles finish and are stored
        raise
    finally:
        tasks.cancel_join_thread()  # articles never handed out are only paths: drop them
        for pipe in pipes:
            pipe.close()
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()


def _worker(
    jobs: int,
    processes: int,
    work: Work,
    engines: Sequence[object],
    tasks: Queue[tuple[Input, str] | None],
    results: Connection,
    stop: Event,
    paused: SharedPause,
    permits: Semaphore,
    parent_pid: int,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _die_with_parent(parent_pid)
    for engine in engines:
        prepare = getattr(engine, "in_worker_process", None)
        if prepare is not None:
            prepare(processes, paused)

    def going_on() -> bool:
        return not stop.is_set() and os.getppid() == parent_pid

    def items() -> Iterator[tuple[Input, str]]:
        while going_on():
            try:
                item = tasks.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if item is None:
                return
            while not permits.acquire(timeout=_POLL_S):
                if not going_on():
                    return  # the article never started; a re-run does it
            yield item

    try:
        # Outcomes are settled by the one thread that hands out work (run_in_threads), so
        # the pipe has a single writer.
        # No backlog of its own: an item held here would hold a permit another worker's idle
        # thread could use, and the parent's queue already keeps work ready.
        run_in_threads(
            items(),
            work,
            jobs=jobs,
            settle=lambda outcome: results.send(("outcome", outcome)),
            stop=stop.is_set,
            backlog=0,
        )
    except Exception as exc:
        results.send(("error", _picklable(exc)))
    finally:
        results.close()


def _picklable(exc: Exception) -> Exception:
    try:
        pickle.dumps(exc)
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this process when the parent dies (elsewhere, ``items`` above
    notices a new parent pid)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
