"""What became of one input, and running work on many inputs with a bounded number in flight.

Shared by the batch (``pipeline``) and its worker processes (``workers``), which both run the
same work in threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from extractor.inputs import Input
from schemas.record import Failure, Status, Usage


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a file, or a row of a table file (its ``line``)."""

    record_id: str
    path: Path
    status: Status | None  # None: skipped, its stored record is current
    usage: Usage = field(default_factory=Usage)
    failure: Failure | None = None
    line: int | None = None

    @property
    def label(self) -> str:
        return self.status.value if self.status else "skipped"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


Work = Callable[[Input, str], Outcome]


def run_in_threads(
    items: Iterable[tuple[Input, str]],
    work: Work,
    *,
    jobs: int,
    settle: Callable[[Outcome], None],
    stop: Callable[[], bool] = lambda: False,
    backlog: int | None = None,
) -> None:
    """``work`` every item with at most ``jobs`` in flight and ``backlog`` (default: as many)
    queued. On Ctrl-C, or once ``stop()`` says so, no queued item starts; in-flight ones finish
    and are settled."""
    most = jobs + (jobs if backlog is None else backlog)
    pending: set[Future[Outcome]] = set()

    def settle_all(done: Iterable[Future[Outcome]]) -> None:
        for future in done:
            if not future.cancelled():
                settle(future.result())

    def finish_in_flight() -> None:
        for future in pending:
            future.cancel()  # only those not started yet
        settle_all(wait(pending)[0])

    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="extract") as pool:
        try:
            for item, record_id in items:
                pending.add(pool.submit(work, item, record_id))
                if len(pending) >= most:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    settle_all(done)
                if stop():
                    break
            if stop():
                finish_in_flight()
            else:
                settle_all(wait(pending)[0])
        except KeyboardInterrupt:
            finish_in_flight()
            raise
