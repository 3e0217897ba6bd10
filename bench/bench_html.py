"""Pages per second of the saved-page reader on one core: the benchmark pages, repeated.

    .venv/bin/python bench/bench_html.py [--seconds 5] [--pad KIB]

Measures ``extractor.pages.read_page`` (decode, parse, trafilatura's main text and metadata,
htmldate, the date's evidence) in one thread, after a warm-up that loads dateparser's tables, on
the pages of bench/html_pages.py: the test fixtures and every seed and dev-corpus article in four
site templates. Those pages weigh a few KiB; ``--pad 150`` grows each to about 150 KiB with
inline scripts, a mega menu and teasers, as saved portal pages are. Prints the cost per page,
to sit beside the rules engine's figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from html_pages import all_pages, padded  # noqa: E402

from extractor.pages import EXTRACTOR, read_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    parser.add_argument("--pad", type=int, default=0, metavar="KIB", help="grow each page to about KIB KiB")
    args = parser.parse_args()
    pages = [padded(page.data, args.pad) if args.pad else page.data for page in all_pages()]
    for data in pages:  # warm-up: imports, dateparser's tables, regex caches
        read_page(data)
    done = 0
    started = time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        for data in pages:
            read_page(data)
        done += len(pages)
    elapsed = time.perf_counter() - started
    size = sum(len(data) for data in pages) / len(pages) / 1024
    print(
        f"{1000 * elapsed / done:.1f} ms per page, {done / elapsed:,.0f} pages/s "
        f"(read_page with {EXTRACTOR}; {done} pages of {size:.1f} KiB avg in {elapsed:.1f} s, one thread)"
    )


if __name__ == "__main__":
    main()
