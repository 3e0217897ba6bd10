"""Request and token limits shared by every worker of a batch.

Sliding windows, not token buckets: a bucket lets a burst of a full minute's allowance through
on top of the refill, so a 60-second window could see twice the limit. Here no 60-second
window ever holds more than ``rpm`` requests or more than ``tpm`` tokens, as the server counts
them, by arrival. A request is counted from the moment it is allowed until a window has passed
since its answer: it reached the server somewhere in between, and stamping it when it left
would let requests delayed on the way (a busy interpreter, a slow connect) bunch up at the
server. Tokens are counted from an estimate while in flight, then from the server's usage.

A 429 seen by one worker pauses all of them until its Retry-After has passed: hammering a
rate-limited endpoint from the other workers would only earn more 429s. Worker processes
(``extractor.workers``) each take an equal share of the limits and one pause in shared memory,
so the pool as a whole keeps both promises.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.sharedctypes import Synchronized
from typing import Protocol

_POLL_S = 0.01


class PauseCell(Protocol):
    """Where the pool's "nobody sends before" time is kept."""

    def until(self) -> float: ...

    def extend_to(self, until: float) -> bool:
        """Push the pause out to ``until``; False when it already lasts that long."""
        ...


@dataclass
class LocalPause:
    """The pause of the threads of one process (the limiter's own lock guards it)."""

    _until: float = 0.0

    def until(self) -> float:
        return self._until

    def extend_to(self, until: float) -> bool:
        if until <= self._until:
            return False
        self._until = until
        return True


@dataclass
class SharedPause:
    """The pause of every worker process: a double in shared memory, on the monotonic clock
    (system-wide on Linux, so the processes agree on it)."""

    cell: Synchronized[float]

    def until(self) -> float:
        return float(self.cell.value)

    def extend_to(self, until: float) -> bool:
        with self.cell.get_lock():
            if until <= self.cell.value:
                return False
            self.cell.value = until
            return True


@dataclass
class RequestLimiter:
    rpm: float | None = None
    tpm: float | None = None
    window_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _requests: deque[float] = field(default_factory=deque, repr=False)
    _tokens: deque[tuple[float, int]] = field(default_factory=deque, repr=False)
    _token_sum: int = 0
    _in_flight: int = 0
    _in_flight_tokens: int = 0
    paused: PauseCell = field(default_factory=LocalPause)
    pauses: int = 0

    def share(self, workers: int, paused: PauseCell) -> RequestLimiter:
        """This process's part of a pool of ``workers`` processes: an equal share of each
        limit (together they never exceed it) and the pool's pause. A request count is not
        divisible, so each process gets the whole requests its share holds."""
        rpm = math.floor(self.rpm / workers) if self.rpm else None
        if rpm == 0:
            raise ValueError(f"{self.rpm:g} requests per minute cannot be shared by {workers} processes")
        return replace(
            self,
            rpm=rpm,
            tpm=self.tpm / workers if self.tpm else None,
            _lock=threading.Lock(),
            _requests=deque(),
            _tokens=deque(),
            _token_sum=0,
            _in_flight=0,
            _in_flight_tokens=0,
            paused=paused,
            pauses=0,
        )

    def acquire(self, tokens: int = 0) -> None:
        """Block until one more request of about ``tokens`` tokens fits every limit; it is in
        flight until ``release``."""
        while True:
            with self._lock:
                wait = self._wait_needed(tokens)
                if wait <= 0:
                    self._in_flight += 1
                    self._in_flight_tokens += tokens
                    return
            self.sleep(min(wait, self.window_s))

    def release(self, estimated: int = 0, actual: int | None = None) -> None:
        """The request's answer (or failure) is in: it stays counted for a window from now,
        with the tokens the server reported (the estimate when it reported none)."""
        with self._lock:
            now = self.clock()
            self._in_flight -= 1
            self._in_flight_tokens -= estimated
            self._requests.append(now)
            used = estimated if actual is None else actual
            if used:
                self._tokens.append((now, used))
                self._token_sum += used

    def pause(self, seconds: float) -> None:
        """Nobody sends before ``seconds`` from now (a 429's Retry-After)."""
        with self._lock:
            if self.paused.extend_to(self.clock() + seconds):
                self.pauses += 1

    def _wait_needed(self, tokens: int) -> float:
        now = self.clock()
        horizon = now - self.window_s
        while self._requests and self._requests[0] <= horizon:
            self._requests.popleft()
        while self._tokens and self._tokens[0][0] <= horizon:
            self._token_sum -= self._tokens.popleft()[1]
        waits = [self.paused.until() - now]
        allowed = math.floor(self.rpm) if self.rpm else 0  # whole requests: 30.5 allows 30
        if self.rpm and len(self._requests) + self._in_flight >= allowed:
            # Room comes when enough answered requests leave the window; if too few have been
            # answered, only an answer can make room: look again shortly.
            excess = len(self._requests) + self._in_flight - allowed
            waits.append(self._requests[excess] - horizon if excess < len(self._requests) else _POLL_S)
        busy = self._token_sum + self._in_flight_tokens
        if self.tpm and busy and busy + tokens > self.tpm:
            # Wait for enough old tokens to leave the window (a request larger than the whole
            # allowance still goes, alone, once nothing else is counted).
            surplus = busy + tokens - self.tpm
            freed = 0
            for stamp, count in self._tokens:
                freed += count
                if freed >= surplus:
                    waits.append(stamp - horizon)
                    break
            else:
                waits.append(_POLL_S)
        return max(waits)
