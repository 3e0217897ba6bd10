"""What `extractor fetch` does against a local news site: pages and metadata saved whole, each
failure listed with its kind, robots.txt obeyed, one host asked at most once per delay, and
--resume asking nothing for pages already saved.

The site is an ``http.server`` on 127.0.0.1 that logs every request (time, path, User-Agent).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import __version__
from extractor.cli import main
from extractor.cli_fetch import _stop_on_ctrl_c
from extractor.fetch import (
    DEFAULT_USER_AGENT,
    FAILURES_NAME,
    FetchOptions,
    Outcome,
    _retry_after_s,
    fetch_all,
)
from extractor.fetch_urls import page_name, page_paths, read_url_list

PAGE_BATU = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Kota Batu Masuk Zona Hijau</title></head>
<body><article>
<h1>Ombudsman RI Nyatakan Pemkot Batu Masuk Zona Hijau Kepatuhan 2023</h1>
<p>BATU – Ombudsman Republik Indonesia menyerahkan hasil Penilaian Kepatuhan Penyelenggaraan
Pelayanan Publik tahun 2023 kepada Pemerintah Kota Batu, Selasa (12/12/2023).</p>
<p>Kota Batu meraih nilai 88,12 dan masuk zona hijau dengan kategori kualitas tertinggi.</p>
<p>Kepala Perwakilan Ombudsman RI Jawa Timur, Agus Muttaqin, berharap capaian itu dipertahankan.</p>
</article></body></html>
""".encode()
# Sent as windows-1252 (its en dash is byte 0x96): the file must hold these bytes, not UTF-8.
PAGE_SLEMAN = """<!DOCTYPE html>
<html lang="id"><head><title>Sleman Raih Predikat Kepatuhan Tinggi</title></head>
<body><h1>Kabupaten Sleman Raih Zona Hijau dari Ombudsman RI</h1>
<p>SLEMAN – Pemerintah Kabupaten Sleman memperoleh nilai 91,45 dalam Penilaian Kepatuhan
Ombudsman RI tahun 2023 dan masuk zona hijau.</p>
<p>Bupati Sleman Kustini Sri Purnomo menerima hasil penilaian itu di Jakarta.</p>
</body></html>
""".encode("windows-1252")
HTML_UTF8 = "text/html; charset=utf-8"
HTML_1252 = "text/html; charset=windows-1252"
PAGES = {"/berita/batu-zona-hijau": (HTML_UTF8, PAGE_BATU), "/berita/sleman-2023": (HTML_1252, PAGE_SLEMAN)}
ROBOTS = "User-agent: *\nDisallow: /rahasia/\n"
SLOW_S = 0.8
FAST = FetchOptions(delay_s=0.0, timeout_s=0.25, retries=1, backoff_s=0.01, max_bytes=10_000)


@dataclass(frozen=True)
class Seen:
    at: float
    path: str
    user_agent: str


@dataclass
class Site:
    """A small news site. ``robots``: the robots.txt text, or the status code it answers with."""

    robots: str | int = ROBOTS
    requests: list[Seen] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    def __enter__(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.answer(self)

            def log_message(self, *args: Any) -> None:
                del args

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                del request, client_address  # the client hung up on the slow page: expected

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def paths(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.requests]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.requests.append(Seen(time.monotonic(), path, handler.headers.get("User-Agent", "")))
            hits = sum(1 for seen in self.requests if seen.path == path)

        def send(status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            if path != "/besar":  # that one is read until the connection closes, as some servers do
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        if path == "/robots.txt":
            if isinstance(self.robots, int):
                send(self.robots, "text/plain", b"error")
            else:
                send(200, "text/plain", self.robots.encode())
        elif path in PAGES:
            send(200, *PAGES[path])
        elif path == "/lama":
            send(301, "text/html", b"moved", {"Location": "/berita/sleman-2023"})
        elif path == "/lambat":
            time.sleep(SLOW_S)
            send(200, HTML_UTF8, PAGE_BATU)
        elif path == "/laporan.pdf":
            send(200, "application/pdf", b"%PDF-1.4\n% Laporan Hasil Penilaian Kepatuhan 2023\n")
        elif path == "/sibuk":
            send(503, "text/html", b"sibuk") if hits == 1 else send(200, HTML_UTF8, PAGE_BATU)
        elif path == "/antri":
            too_many = hits == 1
            send(429, "text/plain", b"", {"Retry-After": "100"}) if too_many else send(
                200, HTML_UTF8, PAGE_BATU
            )
        elif path == "/besar":
            send(200, HTML_UTF8, b"<html><body>" + b"<p>Zona hijau.</p>" * 3000 + b"</body></html>")
        else:
            send(404, "text/html", b"Halaman tidak ditemukan")


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


def _failures(out: Path) -> dict[str, str]:
    lines = (out / FAILURES_NAME).read_text(encoding="utf-8").splitlines()
    return {entry["url"]: entry["kind"] for entry in map(json.loads, lines)}


def _meta(out: Path, url: str) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads(page_paths(out, url)[1].read_text(encoding="utf-8"))
    return meta


def test_pages_and_meta_are_saved_and_every_failure_is_listed_with_its_kind(
    site: Site, tmp_path: Path
) -> None:
    """The whole range of answers in one run: saved pages, redirects, retries and each failure kind."""
    paths = ["/berita/batu-zona-hijau", "/berita/sleman-2023", "/hilang", "/lama", "/lambat"]
    paths += ["/laporan.pdf", "/sibuk", "/rahasia/dokumen", "/besar"]
    urls = [site.url(p) for p in paths]
    summary = fetch_all(urls, tmp_path, FAST)

    assert sorted(summary.saved) == sorted(
        site.url(p) for p in ["/berita/batu-zona-hijau", "/berita/sleman-2023", "/lama", "/sibuk"]
    )
    expected_failures = {
        site.url("/hilang"): "http_status",
        site.url("/lambat"): "retries_exhausted",
        site.url("/laporan.pdf"): "not_html",
        site.url("/rahasia/dokumen"): "robots_disallowed",
        site.url("/besar"): "too_large",
    }
    assert _failures(tmp_path) == expected_failures
    assert {f.url: f.kind for f in summary.failures} == expected_failures
    pdf = next(f for f in summary.failures if f.kind == "not_html")
    assert "application/pdf" in pdf.message

    seen = site.paths()
    assert "/rahasia/dokumen" not in seen
    assert seen.count("/robots.txt") == 1  # read once per host per run
    assert seen.count("/hilang") == 1  # a 404 is not asked again
    assert seen.count("/lambat") == 2  # 1 + --retries
    assert seen.count("/sibuk") == 2  # the 503 was repeated and then answered
    assert not list(tmp_path.glob(f"{page_name(site.url('/laporan.pdf'))}*"))


def test_meta_json_describes_the_bytes_exactly_as_received(site: Site, tmp_path: Path) -> None:
    """The .html holds the bytes as sent (windows-1252 here, not re-encoded); the meta holds the
    requested and final URL after a redirect, the charset from the header, and a matching sha256."""
    url = site.url("/lama")
    fetch_all([url], tmp_path, FAST)
    html_path, _ = page_paths(tmp_path, url)
    assert html_path.read_bytes() == PAGE_SLEMAN
    meta = _meta(tmp_path, url)
    assert set(meta) == {"url", "final_url", "status", "content_type", "charset", "fetched_at"} | {
        "sha256",
        "bytes",
        "tool",
    }
    assert meta["url"] == url
    assert meta["final_url"] == site.url("/berita/sleman-2023")
    assert (meta["status"], meta["content_type"], meta["charset"]) == (200, HTML_1252, "windows-1252")
    assert meta["sha256"] == hashlib.sha256(PAGE_SLEMAN).hexdigest()
    assert meta["bytes"] == len(PAGE_SLEMAN)
    assert meta["tool"] == f"ombudsman-extractor/{__version__}"
    fetched_at = datetime.fromisoformat(meta["fetched_at"])
    assert fetched_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - fetched_at) < timedelta(minutes=1)


def test_requests_to_one_host_are_spaced_by_the_delay_and_carry_the_user_agent(
    site: Site, tmp_path: Path
) -> None:
    """robots.txt, each page and each redirect hop all count as requests to the host."""
    delay = 0.2
    options = FetchOptions(user_agent="uji-fetcher/9 (+mailto:peneliti@example.ac.id)", delay_s=delay)
    urls = [site.url(p) for p in ["/berita/batu-zona-hijau", "/lama", "/hilang"]]
    fetch_all(urls, tmp_path, options)
    times = [seen.at for seen in site.requests]
    assert len(times) == 5  # robots.txt, batu, lama, its redirect target, hilang
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= delay - 0.01, gaps
    assert {seen.user_agent for seen in site.requests} == {options.user_agent}


def test_a_longer_crawl_delay_in_robots_txt_wins_over_the_delay(tmp_path: Path) -> None:
    """Crawl-delay: 1 with --delay 0: the page is asked a second after robots.txt, not at once."""
    with Site(robots="User-agent: *\nCrawl-delay: 1\n") as slow_site:
        fetch_all([slow_site.url("/berita/batu-zona-hijau")], tmp_path, FAST)
        robots_at, page_at = (seen.at for seen in slow_site.requests)
    assert page_at - robots_at >= 0.99


def test_a_failing_robots_txt_keeps_the_whole_host_out_of_the_run(tmp_path: Path) -> None:
    """A 5xx robots.txt means the host's rules are unknown: no page of it is asked for."""
    with Site(robots=503) as broken:
        urls = [broken.url("/berita/batu-zona-hijau"), broken.url("/berita/sleman-2023")]
        summary = fetch_all(urls, tmp_path, FAST)
        seen = broken.paths()
    assert seen == ["/robots.txt", "/robots.txt"]  # asked again once (--retries 1), then given up
    assert {f.kind for f in summary.failures} == {"robots_unavailable"}
    assert len(summary.failures) == 2
    assert "503" in summary.failures[0].message


def test_a_missing_robots_txt_allows_everything(tmp_path: Path) -> None:
    with Site(robots=404) as open_site:
        summary = fetch_all(
            [open_site.url("/rahasia/dokumen"), open_site.url("/berita/batu-zona-hijau")], tmp_path, FAST
        )
    assert len(summary.saved) == 1  # the other one is simply not there (404), not disallowed
    assert [f.kind for f in summary.failures] == ["http_status"]


def test_retry_after_is_honoured_up_to_the_cap(site: Site, tmp_path: Path) -> None:
    """A 429 asking for 100 s is waited on for the cap (0.5 s here), then asked again."""
    options = FetchOptions(delay_s=0.0, backoff_s=0.01, retry_after_cap_s=0.5)
    summary = fetch_all([site.url("/antri")], tmp_path, options)
    first, second = (seen.at for seen in site.requests if seen.path == "/antri")
    assert 0.49 <= second - first < 5
    assert summary.saved == [site.url("/antri")]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert _retry_after_s("120") == 120.0
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)
    asked = _retry_after_s(in_a_minute)
    assert asked is not None and 55 <= asked <= 61
    assert _retry_after_s("nanti saja") is None
    assert _retry_after_s(None) is None


def test_resume_asks_nothing_for_saved_pages_and_without_it_pages_are_replaced(
    site: Site, tmp_path: Path
) -> None:
    urls = [site.url("/berita/batu-zona-hijau"), site.url("/berita/sleman-2023")]
    fetch_all(urls, tmp_path, FAST)
    site.requests.clear()

    resumed = fetch_all(urls, tmp_path, FetchOptions(resume=True))
    assert site.paths() == []  # not even robots.txt
    assert sorted(resumed.skipped) == sorted(urls)

    html_path, _ = page_paths(tmp_path, urls[0])
    html_path.write_bytes(b"<html>stale</html>")
    again = fetch_all(urls, tmp_path, FAST)
    assert sorted(again.saved) == sorted(urls)
    assert html_path.read_bytes() == PAGE_BATU
    assert "/berita/batu-zona-hijau" in site.paths()


def test_a_stop_request_ends_the_run_before_the_next_url(site: Site, tmp_path: Path) -> None:
    """What Ctrl-C does: the URL under way finishes, the rest are left for --resume."""
    stop = threading.Event()
    outcomes: list[Outcome] = []

    def stop_after_first(outcome: Outcome) -> None:
        outcomes.append(outcome)
        stop.set()

    urls = [site.url(p) for p in ["/berita/batu-zona-hijau", "/berita/sleman-2023", "/lama"]]
    summary = fetch_all(urls, tmp_path, FAST, on_outcome=stop_after_first, stop=stop)
    assert summary.interrupted and summary.not_started == 2
    assert summary.saved == [urls[0]] and len(outcomes) == 1
    assert page_paths(tmp_path, urls[0])[0].read_bytes() == PAGE_BATU
    assert "/berita/sleman-2023" not in site.paths()
    assert not list(tmp_path.glob("_tmp-*"))


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.2)  # the handler runs here


def test_first_ctrl_c_asks_to_stop_and_the_second_stops_at_once() -> None:
    """And the handler that was there before is back afterwards."""
    stop = threading.Event()
    before = signal.getsignal(signal.SIGINT)
    with _stop_on_ctrl_c(stop):
        _ctrl_c()
        assert stop.is_set()
        with pytest.raises(KeyboardInterrupt):
            _ctrl_c()
    assert signal.getsignal(signal.SIGINT) is before


def test_url_list_skips_comments_and_reports_bad_lines_with_their_number() -> None:
    lines = ["\ufeff# daftar berita\n", "\n", "https://a.example/x#komentar\n", "bukan sebuah url\n"]
    lines += ["ftp://a.example/berkas\n", "https://a.example/x\n", "http://b.example/y\n"]
    listed = read_url_list(lines, "urls.txt")
    assert listed.urls == ["https://a.example/x", "http://b.example/y"]
    assert listed.duplicates == 1
    assert [f.message.split(": ")[0] for f in listed.bad_lines] == ["urls.txt:4", "urls.txt:5"]
    assert {f.kind for f in listed.bad_lines} == {"bad_line"}
    assert "http(s)" in listed.bad_lines[1].message


def test_page_names_are_readable_safe_and_distinct() -> None:
    long_url = "https://www.detik.com/jatim/berita/d-7083452/ombudsman-ri-nilai-kepatuhan-pelayanan-publik-kota-batu-88%2C12-zona-hijau-tahun-2023?utm_source=wa"
    name = page_name(long_url)
    assert re.fullmatch(r"www\.detik\.com_jatim-berita-d-7083452-ombudsman[a-z0-9-]*-[0-9a-f]{8}", name), name
    assert len(name) <= 90
    assert name == page_name(long_url)  # the same URL always gets the same name
    upper = page_name("https://berita.example/Ombudsman")
    assert upper != page_name("https://berita.example/ombudsman")
    accented = page_name("http://127.0.0.1:8080/berita/pelayanan-publik-%C3%A9lite")
    assert accented.startswith("127.0.0.1-8080_berita-pelayanan-publik-elite-")


def test_cli_reports_bad_lines_fetches_the_rest_once_and_exits_1(site: Site, tmp_path: Path) -> None:
    url_file = tmp_path / "urls.txt"
    batu = site.url("/berita/batu-zona-hijau")
    url_file.write_text(f"# Ombudsman RI 2023\n\n{batu}\nbukan url\n{batu}\n{site.url('/hilang')}\n")
    out = tmp_path / "pages"
    args = ["fetch", str(url_file), "--out", str(out), "--delay", "0", "--timeout", "1", "--retries", "0"]
    result = CliRunner().invoke(main, args)

    assert result.exit_code == 1, result.output
    assert f"{url_file}:4" in result.stderr
    assert "saved 1 / skipped 0 / failed 2" in result.stdout
    assert f"Next: extractor extract {out}/" in result.stdout
    assert sorted(_failures(out).values()) == ["bad_line", "http_status"]
    assert site.paths().count("/berita/batu-zona-hijau") == 1
    assert _meta(out, batu)["url"] == batu
    assert {seen.user_agent for seen in site.requests} == {DEFAULT_USER_AGENT}
    assert f"ombudsman-extractor/{__version__}" in DEFAULT_USER_AGENT


def test_cli_reads_stdin_takes_the_user_agent_from_the_environment_and_exits_0(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXTRACTOR_USER_AGENT", "peneliti-ombudsman/1.0")
    urls = f"{site.url('/berita/batu-zona-hijau')}\n{site.url('/sibuk')}\n"
    out = tmp_path / "pages"
    args = ["fetch", "-", "--out", str(out), "--delay", "0", "--backoff", "0.01"]
    result = CliRunner().invoke(main, args, input=urls)
    assert result.exit_code == 0, result.output
    assert "saved 2 / skipped 0 / failed 0" in result.stdout
    assert not (out / FAILURES_NAME).exists()
    assert {seen.user_agent for seen in site.requests} == {"peneliti-ombudsman/1.0"}

    again = CliRunner().invoke(main, [*args, "--resume"], input=urls)
    assert again.exit_code == 0 and "saved 0 / skipped 2 / failed 0" in again.stdout


def test_help_teaches_with_examples_and_exit_codes() -> None:
    result = CliRunner().invoke(main, ["fetch", "--help"])
    assert result.exit_code == 0
    for expected in ("Examples:", "extractor fetch urls.txt --out pages/", "--resume", "Exit status: 0"):
        assert expected in result.output
