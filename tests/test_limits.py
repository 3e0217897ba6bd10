"""Rate limits shared by all workers: no 60-second window ever exceeds rpm or tpm."""

from __future__ import annotations

import threading
import time

from extractor.limits import RequestLimiter


class FakeClock:
    """Time that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 1e-6)


def max_in_window(stamps: list[float], window: float) -> int:
    return max(sum(1 for t in stamps if start <= t < start + window) for start in stamps)


def test_requests_per_minute_hold_under_a_burst() -> None:
    """150 requests asked for at once with rpm=60: never more than 60 in any 60 s."""
    clock = FakeClock()
    limiter = RequestLimiter(rpm=60, clock=clock, sleep=clock.sleep)
    stamps = []
    for _ in range(150):
        limiter.acquire()
        stamps.append(clock.now)
        limiter.release()
    assert max_in_window(stamps, 60.0) == 60
    assert stamps[-1] >= 120.0, "the third minute's worth cannot start before two minutes"


def test_tokens_per_minute_hold_and_actual_usage_corrects_the_estimate() -> None:
    clock = FakeClock()
    limiter = RequestLimiter(tpm=10_000, clock=clock, sleep=clock.sleep)
    for _ in range(4):
        limiter.acquire(3_000)  # 12,000 estimated > 10,000: the fourth waits
        limiter.release(3_000)  # the server reported no usage: the estimate stands
    assert clock.now >= 60.0

    clock2 = FakeClock()
    corrected = RequestLimiter(tpm=10_000, clock=clock2, sleep=clock2.sleep)
    for _ in range(3):
        corrected.acquire(3_000)
        corrected.release(3_000, 1_000)  # the server used far less than estimated
    corrected.acquire(3_000)
    assert clock2.now == 0.0, "after correction 6,000 tokens fit at once"


def test_a_429_pauses_every_worker() -> None:
    clock = FakeClock()
    limiter = RequestLimiter(clock=clock, sleep=clock.sleep)
    limiter.pause(7.0)
    limiter.acquire()
    limiter.release()
    assert clock.now >= 7.0
    limiter.pause(1.0)
    limiter.pause(0.5)  # a shorter pause does not cut a longer one short
    assert limiter.pauses == 2


def test_limits_hold_across_threads() -> None:
    """32 threads competing for rpm=20 in a 0.5 s window: no window holds more than 20."""
    limiter = RequestLimiter(rpm=20, window_s=0.5)
    stamps: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(2):
            limiter.acquire()
            with lock:
                stamps.append(time.monotonic())
            limiter.release()

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stamps) == 64
    assert max_in_window(sorted(stamps), 0.5 - 0.01) <= 20


def test_a_request_counts_until_a_window_after_its_answer() -> None:
    """The server counts a request when it arrives, somewhere between leaving and answering:
    with rpm=2, a third request waits for an answer, then for a window after the first answer,
    not after the first departure."""
    clock = FakeClock()
    limiter = RequestLimiter(rpm=2, clock=clock, sleep=clock.sleep)
    limiter.acquire()
    limiter.acquire()
    clock.now = 30.0  # the first answer takes 30 s: it may have reached the server at 29 s
    limiter.release()
    limiter.release()
    limiter.acquire()
    assert clock.now >= 90.0, "60 s after the answers, not 60 s after the requests left"


def test_requests_in_flight_fill_the_allowance() -> None:
    """rpm requests in flight and none answered: the next waits for an answer to come back."""
    limiter = RequestLimiter(rpm=2, window_s=0.2)
    limiter.acquire()
    limiter.acquire()
    got_in = threading.Event()
    waiter = threading.Thread(target=lambda: (limiter.acquire(), got_in.set()))
    waiter.start()
    assert not got_in.wait(0.3), "a third request went while two were in flight"
    limiter.release()
    assert got_in.wait(30.0), "an answer and its window made room"  # an upper bound, not a pace
    waiter.join()
