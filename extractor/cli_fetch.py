"""``extractor fetch URLS.txt --out pages/``: download news pages politely for ``extractor extract``."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click
from rich.console import Console
from rich.markup import escape

from extractor import settings
from extractor.fetch import (
    DEFAULT_USER_AGENT,
    FAILURES_NAME,
    FetchOptions,
    FetchSummary,
    Outcome,
    fetch_all,
)
from extractor.fetch_urls import UrlList, read_url_list
from extractor.progress import EXIT_INTERRUPTED, EXIT_SOME_FAILED, progress_bar

_SHOWN_FAILURES = 20


@click.command("fetch")
@click.argument("url_file", type=click.File("r", encoding="utf-8-sig"), metavar="URLS.txt")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("pages"),
    show_default=True,
    help="Folder for the pages: <name>.html and <name>.meta.json each, plus _fetch_failures.jsonl.",
)
@click.option(
    "--delay",
    "delay_s",
    type=click.FloatRange(0),
    default=FetchOptions.delay_s,
    show_default=True,
    help="Seconds between two requests to one host (a longer robots.txt Crawl-delay wins).",
)
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(min=0, min_open=True),
    default=FetchOptions.timeout_s,
    show_default=True,
    help="Seconds to wait for a connection, or for the next bytes of an answer.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 20),
    default=FetchOptions.retries,
    show_default=True,
    help="Repeats after a timeout, a broken connection, 429 or 5xx, waiting longer each time (as "
    f"long as a Retry-After header asks, up to {FetchOptions.retry_after_cap_s:g} s). A 404 or "
    "other 4xx is not repeated.",
)
@click.option(
    "--backoff",
    "backoff_s",
    type=click.FloatRange(0),
    default=FetchOptions.backoff_s,
    show_default=True,
    help=f"Seconds before the first repeat, doubling each time (at most {FetchOptions.backoff_cap_s:g}).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1024),
    default=FetchOptions.max_bytes,
    show_default=True,
    help="Largest page saved; a larger one is refused without being downloaded whole.",
)
@click.option(
    "--user-agent",
    envvar=settings.ENV_USER_AGENT,
    show_envvar=True,
    default=DEFAULT_USER_AGENT,
    show_default=True,
    help="Sent with every request, and matched against robots.txt. Adding a contact address is polite.",
)
@click.option("--resume", is_flag=True, help="Skip URLs already saved in OUT, without any request.")
@click.option("--quiet", "-q", is_flag=True, help="No progress; only the summary.")
def fetch(
    url_file: IO[str],
    out_dir: Path,
    delay_s: float,
    timeout_s: float,
    retries: int,
    backoff_s: float,
    max_bytes: int,
    user_agent: str,
    resume: bool,
    quiet: bool,
) -> None:
    """Download the news pages listed in URLS.txt (one URL a line; `-` reads stdin) into OUT.

    Each page is saved as OUT/<name>.html, the bytes as the site sent them, beside
    OUT/<name>.meta.json (its URL, final URL after redirects, content type, charset, time and
    sha256), ready for `extractor extract OUT/`. Blank lines and lines starting with # are
    skipped; a line that is not an http(s) URL is reported with its line number.

    The fetcher is polite: it obeys each site's robots.txt, asks one host at most once per
    --delay seconds, and waits longer after each fault. What could not be saved (404, not
    HTML, too large, disallowed by robots.txt, still failing after the retries) is listed at
    the end and in OUT/_fetch_failures.jsonl, one JSON object a line. Ctrl-C stops after the
    current URL; every page saved is whole, and --resume goes on from there.

    \b
    Exit status: 0 every URL saved or skipped, 1 some URL failed, 2 usage error, 130 interrupted.

    \b
    Examples:
      extractor fetch urls.txt --out pages/
      extractor extract pages/ --out out/
      extractor fetch urls.txt --out pages/ --resume       # go on after a stop; retry failures
      grep kompas links.txt | extractor fetch - --out pages/ --delay 5
      EXTRACTOR_USER_AGENT="ombudsman-extractor/0.1.0 (+mailto:you@example.ac.id)" \\
          extractor fetch urls.txt --out pages/
    """
    name = getattr(url_file, "name", None)  # stdin may be a stream without one
    source = name if isinstance(name, str) else "<stdin>"
    try:
        url_list = read_url_list(url_file, source)
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{source} is not UTF-8 text (byte {exc.start})") from exc
    console = Console(stderr=True)
    _announce(console, url_list, out_dir)
    options = FetchOptions(
        user_agent=user_agent,
        delay_s=delay_s,
        timeout_s=timeout_s,
        retries=retries,
        backoff_s=backoff_s,
        max_bytes=max_bytes,
        resume=resume,
    )
    stop = threading.Event()
    try:
        with _stop_on_ctrl_c(stop), _progress(console, len(url_list.urls), quiet) as on_outcome:
            summary = fetch_all(
                url_list.urls,
                out_dir,
                options,
                bad_lines=url_list.bad_lines,
                on_outcome=on_outcome,
                stop=stop,
            )
    except KeyboardInterrupt:
        console.print("Interrupted: every page saved is whole; add --resume to go on.", highlight=False)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:
        raise click.ClickException(f"cannot write to {out_dir}/: {exc.strerror or exc}") from exc
    _report(summary, out_dir)
    if summary.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if summary.failures:
        sys.exit(EXIT_SOME_FAILED)


def _announce(console: Console, url_list: UrlList, out_dir: Path) -> None:
    for failure in url_list.bad_lines:
        console.print(escape(f"skipped line {failure.message}"), highlight=False, soft_wrap=True)
    duplicates = f" ({url_list.duplicates} duplicate(s) fetched once)" if url_list.duplicates else ""
    console.print(escape(f"Fetching {len(url_list.urls)} URL(s){duplicates} -> {out_dir}/"), highlight=False)


@contextmanager
def _stop_on_ctrl_c(stop: threading.Event) -> Iterator[None]:
    """The first Ctrl-C asks the run to stop after the current URL; a second one stops it now."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def ask_to_stop(signum: int, frame: object) -> None:
        del signum, frame
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        # os.write, not print: the handler may have interrupted a write to sys.stderr.
        os.write(2, b"\nStopping after the current URL (Ctrl-C again to stop at once).\n")

    previous = signal.signal(signal.SIGINT, ask_to_stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _progress(console: Console, total: int, quiet: bool) -> Iterator[Callable[[Outcome], None] | None]:
    """A progress bar on a terminal, a line per URL otherwise (logs, CI), nothing if quiet."""
    if quiet:
        yield None
        return
    if not console.is_terminal:
        done = 0

        def log_line(outcome: Outcome) -> None:
            nonlocal done
            done += 1
            if outcome.failure is not None:
                detail = f" ({outcome.failure.kind}: {outcome.failure.message})"
            else:
                already = " (already saved)" if outcome.status == "skipped" else ""
                detail = f" -> {outcome.name}.html{already}"
            line = f"[{done}/{total}] {outcome.status} {outcome.url}{detail}"
            console.print(escape(line), highlight=False, soft_wrap=True)  # one line per URL, for grep

        yield log_line
        return
    with progress_bar(console) as progress:
        task = progress.add_task("fetching", total=total, last="")

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, last=escape(f"{outcome.status}: {outcome.url}"))

        yield advance


def _report(summary: FetchSummary, out_dir: Path) -> None:
    """The counts, each failure (the first few), and what to run next."""
    for failure in summary.failures[:_SHOWN_FAILURES]:
        click.echo(f"failed: {failure.url}: {failure.kind}: {failure.message}")
    if len(summary.failures) > _SHOWN_FAILURES:
        click.echo(f"… {len(summary.failures) - _SHOWN_FAILURES} more failure(s)")
    left = f" / {summary.not_started} not started (Ctrl-C)" if summary.interrupted else ""
    click.echo(
        f"saved {len(summary.saved)} / skipped {len(summary.skipped)} / failed {len(summary.failures)}"
        f"{left} -> {out_dir}/"
    )
    if summary.failures:
        click.echo(f"Failures are listed in {out_dir / FAILURES_NAME}.")
    if summary.interrupted:
        click.echo("Go on with the same command plus --resume.")
    if summary.saved or summary.skipped:
        click.echo(f"Next: extractor extract {shlex.quote(str(out_dir) + '/')}")
