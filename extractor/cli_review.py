"""``extractor review OUT_DIR``: review flagged records in the browser, on a local web server."""

from __future__ import annotations

import getpass
import os
import sys
import threading
import webbrowser
from pathlib import Path

import click

from extractor.review import ReviewServer
from extractor.store import iter_record_paths


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return "reviewer"


def _has_browser() -> bool:
    # Without a display, webbrowser would start a text browser inside this terminal.
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


@click.command("review")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="OUT_DIR")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 [default: a free one]."
)
@click.option(
    "--reviewer",
    default=default_reviewer,
    show_default="your login name",
    help="Name written with every decision.",
)
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@click.option("--log", is_flag=True, help="Print every request.")
def review(out_dir: Path, port: int, reviewer: str, no_browser: bool, log: bool) -> None:
    """Review the flagged records of OUT_DIR in the browser: accept, correct or reject each.

    The page shows the article with each value's quote highlighted (and the words each flag
    points at underlined in its colour), the flags beside the values they concern, and a form to
    correct a value (checked by the same schema as an extraction) and to point it at other words
    of the article. Flags a correction raises are shown, and it is saved once you confirm them.
    A decision is added to the record's `review` list; the machine's extraction is never changed;
    undo and reopen are decisions too. Two sessions on one folder cannot overwrite each other: a
    decision on a record that changed since the page loaded it is refused, and the page reloads
    the record keeping what you typed. It works on a phone too (one panel at a time), in English
    or Indonesian.

    \b
    Keys: j/k next/previous, a accept, r reject, e correct, u undo, o reopen, Esc cancel, / filter.
    The server listens on 127.0.0.1 only, and answers only pages it served itself.

    \b
    Examples:
      extractor review out/
      extractor review out/ --port 8765 --reviewer ana --no-browser
    """
    try:
        server = ReviewServer(out_dir, reviewer, port, log=log)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from exc
    count = sum(1 for _ in iter_record_paths(out_dir))
    click.echo(f"Reviewing {count} record(s) in {out_dir}/ as {reviewer!r} at {server.url}  (Ctrl-C to stop)")
    sys.stdout.flush()
    if not no_browser and _has_browser():
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped; every decision is already saved in the records.")
    finally:
        server.server_close()
