"""Downloading news pages politely, into a folder that ``extractor extract`` reads.

Each page is saved as ``OUT/<name>.html`` (the bytes as received) beside ``OUT/<name>.meta.json``
(where it came from, when, its content type, charset and sha256). Being polite means: robots.txt
of every host is read first and obeyed (its Crawl-delay too), one host gets at most one request
per ``delay_s`` (robots.txt, retries and redirects included), and a struggling server (timeouts,
429, 5xx) is left alone for a growing while before it is asked again. What could not be saved is
listed, one JSON object a line, in ``OUT/_fetch_failures.jsonl``; the rest of the list goes on.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TextIO
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from extractor import __version__
from extractor.fetch_urls import HTML_SUFFIX, Failure, now_iso, page_paths, url_problem
from extractor.store import clean_temporary_files, write_atomic

TOOL = f"ombudsman-extractor/{__version__}"
DEFAULT_USER_AGENT = f"{TOOL} (+research; polite fetcher)"
FAILURES_NAME = "_fetch_failures.jsonl"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_REDIRECTS = 10
# Google reads the first 500 KiB of a robots.txt; a longer one is cut there, not refused.
_ROBOTS_MAX_BYTES = 512 * 1024
_HEADERS = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", "Accept-Language": "id,en;q=0.8"}


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = DEFAULT_USER_AGENT
    delay_s: float = 1.0  # between two requests to one host (longer where robots.txt asks)
    timeout_s: float = 20.0  # for a connection, and for each next piece of an answer
    retries: int = 3  # repeats of a request after a timeout, a broken connection, 429 or 5xx
    max_bytes: int = 5 * 1024 * 1024
    resume: bool = False  # skip URLs whose page and meta are both in the folder, without a request
    backoff_s: float = 1.0  # the first wait before a repeat; it doubles each time, up to the cap
    backoff_cap_s: float = 60.0
    retry_after_cap_s: float = 120.0  # a server's Retry-After is honoured up to this


@dataclass(frozen=True)
class Outcome:
    url: str
    status: Literal["saved", "skipped", "failed"]
    name: str  # the file stem in the output folder
    failure: Failure | None = None


@dataclass
class FetchSummary:
    saved: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    not_started: int = 0  # URLs left when a stop was asked for
    interrupted: bool = False


def fetch_all(
    urls: Sequence[str],
    out_dir: Path,
    options: FetchOptions | None = None,
    *,
    bad_lines: Sequence[Failure] = (),
    on_outcome: Callable[[Outcome], None] | None = None,
    stop: threading.Event | None = None,
) -> FetchSummary:
    """Fetch each URL into ``out_dir`` and return what became of them.

    ``bad_lines`` (from ``read_url_list``) are listed in the failures file with the rest. Setting
    ``stop`` ends the run once the URL under way is done (every file written is whole,
    being renamed into place). An ``OSError`` writing the folder is raised.
    """
    options = options or FetchOptions()
    out_dir.mkdir(parents=True, exist_ok=True)
    clean_temporary_files(out_dir)
    failures_path = out_dir / FAILURES_NAME
    failures_path.unlink(missing_ok=True)  # the file describes this run, and is rewritten as it goes
    summary = FetchSummary()

    # One line appended per failure as it happens (a crash loses at most the line being written),
    # not the whole list rewritten each time; no failure, no file.
    opened: list[TextIO] = []

    def record(failure: Failure) -> None:
        summary.failures.append(failure)
        if not opened:
            opened.append(failures_path.open("a", encoding="utf-8"))
        opened[0].write(failure.to_json() + "\n")
        opened[0].flush()

    try:
        for failure in bad_lines:
            record(failure)
        headers = {"User-Agent": options.user_agent, **_HEADERS}
        # Redirects are followed one hop at a time, each paced and checked against robots.txt.
        with httpx.Client(headers=headers, timeout=options.timeout_s, follow_redirects=False) as client:
            fetcher = _Fetcher(client, options)
            queues = _by_host(urls, record)
            while queues:
                if stop is not None and stop.is_set():
                    summary.interrupted = True
                    summary.not_started = sum(len(queue) for queue in queues.values())
                    break
                host = min(queues, key=fetcher.ready_at)  # ties: the host met first in the list
                url = queues[host].popleft()
                if not queues[host]:
                    del queues[host]
                outcome = fetcher.one(url, out_dir)
                if outcome.status == "saved":
                    summary.saved.append(url)
                elif outcome.status == "skipped":
                    summary.skipped.append(url)
                if outcome.failure is not None:
                    record(outcome.failure)
                if on_outcome is not None:
                    on_outcome(outcome)
    finally:
        for handle in opened:
            handle.close()
    return summary


def _by_host(urls: Sequence[str], record: Callable[[Failure], None]) -> dict[str, deque[str]]:
    """Each host's URLs in list order, hosts in order of first appearance; invalid URLs fail."""
    queues: dict[str, deque[str]] = {}
    for url in dict.fromkeys(urls):
        problem = url_problem(url)
        if problem:
            record(Failure(url, "bad_line", f"{problem}: {url}"))
            continue
        queues.setdefault(_host(url), deque()).append(url)
    return queues


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class _Failed(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class _Transient(Exception):
    """A fault worth asking again for: a timeout, a broken connection, 429 or 5xx."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class _Answer:
    url: str
    status: int
    reason: str
    redirect_to: str | None = None
    content_type: str | None = None
    charset: str | None = None
    body: bytes = b""


class _Fetcher:
    """One run's client, its robots.txt per origin and the time each host was last asked."""

    def __init__(self, client: httpx.Client, options: FetchOptions) -> None:
        self._client = client
        self._options = options
        self._robots: dict[str, RobotFileParser | str] = {}  # a str: why it could not be read
        self._last_at: dict[str, float] = {}
        self._delay: dict[str, float] = {}

    def ready_at(self, host: str) -> float:
        return self._last_at.get(host, float("-inf")) + self._delay.get(host, self._options.delay_s)

    def one(self, url: str, out_dir: Path) -> Outcome:
        html_path, meta_path = page_paths(out_dir, url)
        name = html_path.name.removesuffix(HTML_SUFFIX)
        if self._options.resume and html_path.is_file() and meta_path.is_file():
            return Outcome(url, "skipped", name)
        try:
            answer = self._follow(url, page=True)
        except _Failed as failed:
            return Outcome(url, "failed", name, Failure(url, failed.kind, failed.message))
        meta = {
            "url": url,
            "final_url": answer.url,
            "status": answer.status,
            "content_type": answer.content_type,
            "charset": answer.charset,
            "fetched_at": now_iso(),
            "sha256": hashlib.sha256(answer.body).hexdigest(),
            "bytes": len(answer.body),
            "tool": TOOL,
        }
        # The page first: a meta file is only ever beside the page it describes, which --resume trusts.
        write_atomic(html_path, answer.body)
        write_atomic(meta_path, json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        return Outcome(url, "saved", name)

    def _follow(self, url: str, *, page: bool) -> _Answer:
        """The answer at the end of ``url``'s redirects; for a page each hop must be allowed."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if page:
                self._check_robots(current)
            answer = self._request(current, page=page)
            if answer.redirect_to is None:
                if page and not 200 <= answer.status < 300:
                    raise _Failed("http_status", f"HTTP {answer.status} {answer.reason}".strip())
                return answer
            current = answer.redirect_to
        raise _Failed("too_many_redirects", f"more than {MAX_REDIRECTS} redirects (last: {current})")

    def _check_robots(self, url: str) -> None:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        if isinstance(robots, str):
            raise _Failed("robots_unavailable", f"{robots}; {origin} is not fetched this run")
        if not robots.can_fetch(self._options.user_agent, url):
            raise _Failed("robots_disallowed", f"{origin}/robots.txt disallows it for this user agent")

    def _read_robots(self, origin: str) -> RobotFileParser | str:
        robots = RobotFileParser(f"{origin}/robots.txt")
        try:
            answer = self._follow(f"{origin}/robots.txt", page=False)
        except _Failed as failed:
            return f"its robots.txt could not be read ({failed.message})"
        # No robots.txt (404, and any other 4xx) means no rules; 5xx and timeouts failed above.
        ok = 200 <= answer.status < 300
        robots.parse(answer.body.decode("utf-8", errors="replace").splitlines() if ok else [])
        asked = float(robots.crawl_delay(self._options.user_agent) or 0)
        rate = robots.request_rate(self._options.user_agent)
        if rate is not None and rate.requests > 0:
            asked = max(asked, rate.seconds / rate.requests)
        host = _host(origin)
        self._delay[host] = max(asked, self._delay.get(host, self._options.delay_s))
        return robots

    def _request(self, url: str, *, page: bool) -> _Answer:
        """One GET, repeated with a growing wait after a transient fault."""
        options = self._options
        retrying = Retrying(
            retry=retry_if_exception_type(_Transient),
            stop=stop_after_attempt(options.retries + 1),
            wait=self._backoff,
            sleep=time.sleep,
            reraise=True,
        )
        try:
            return retrying(self._attempt, url, page)
        except _Transient as exc:
            raise _Failed("retries_exhausted", f"{exc} ({options.retries + 1} attempt(s))") from None

    def _backoff(self, state: RetryCallState) -> float:
        options = self._options
        fault = state.outcome.exception() if state.outcome else None
        if isinstance(fault, _Transient) and fault.retry_after_s is not None:
            return min(fault.retry_after_s, options.retry_after_cap_s)
        return float(min(options.backoff_cap_s, options.backoff_s * 2 ** (state.attempt_number - 1)))

    def _pace(self, url: str) -> None:
        host = _host(url)
        time.sleep(max(0.0, self.ready_at(host) - time.monotonic()))
        self._last_at[host] = time.monotonic()

    def _attempt(self, url: str, page: bool) -> _Answer:
        self._pace(url)
        try:
            with self._client.stream("GET", url) as response:
                return self._answer(response, page)
        except httpx.TimeoutException as exc:
            raise _Transient(f"timed out ({type(exc).__name__})") from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Transient(f"connection failed ({type(exc).__name__}: {exc})") from None
        except httpx.HTTPError as exc:
            raise _Failed("request_error", f"{type(exc).__name__}: {exc}") from None

    def _answer(self, response: httpx.Response, page: bool) -> _Answer:
        status, reason = response.status_code, response.reason_phrase
        url = str(response.url)
        if response.is_redirect and response.next_request is not None:
            return _Answer(url, status, reason, redirect_to=str(response.next_request.url))
        if status == 429 or status >= 500:
            retry_after = _retry_after_s(response.headers.get("retry-after"))
            raise _Transient(f"HTTP {status} {reason}".strip(), retry_after)
        if not 200 <= status < 300:
            return _Answer(url, status, reason)
        content_type = response.headers.get("content-type")
        media_type = (content_type or "").split(";")[0].strip().lower()
        if page and media_type not in HTML_TYPES:
            raise _Failed("not_html", f"the answer is {media_type or 'of no stated type'}, not an HTML page")
        limit = self._options.max_bytes if page else _ROBOTS_MAX_BYTES
        body, whole = _read_capped(response, limit)
        if page and not whole:
            raise _Failed("too_large", f"the page is larger than {limit} bytes (--max-bytes)")
        return _Answer(url, status, reason, None, content_type, response.charset_encoding, body)


def _read_capped(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes of the body, and whether that is all of it; a longer body is never
    held whole (reading stops at the limit, or before it starts when Content-Length says so)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return b"", False
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # gzip undone, the charset left as it is
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], False
    return b"".join(chunks), True


def _retry_after_s(value: str | None) -> float | None:
    """Seconds asked by a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
