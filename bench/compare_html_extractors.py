"""Which HTML extractor reads a saved news page best: trafilatura, readability-lxml, jusText.

    .venv/bin/python bench/compare_html_extractors.py [--runs 3] [--pad KIB]

On pages whose article is known (bench/html_pages.py: the test fixtures, and every seed and
dev-corpus article wrapped in four site templates), per extractor:

* sentence recall: the share of the article's sentences (headline and table rows left out: each
  extractor writes rows its own way) found verbatim in the output (whitespace collapsed), over
  all sentences of the group;
* boilerplate leak: the share of the output's lines that are not in the article;
* headline kept: the share of pages whose output holds the headline (with the extractor's own
  title where it gives one: trafilatura's metadata, readability's short_title);
* date found: the share of pages given their publication date; only trafilatura does dates
  (with htmldate), readability and jusText have none ("-");
* ms/page: the median of ``--runs`` timed runs of each page, averaged over the pages.

``--pad 150`` grows every page to about 150 KiB of inline scripts, menus and teasers (the weight
of a saved portal page; bench/html_pages.py ``padded``). Each extractor gets the page's bytes
and decodes them itself. ``read_page`` is the project's
reader (trafilatura with precision, data tables kept, the site's lines dropped, dates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import justext  # type: ignore[import-untyped]  # no types; comparison only
import readability  # type: ignore[import-untyped]
import trafilatura
from lxml.html import HtmlElement, fragment_fromstring
from readability import Document as ReadabilityDocument
from trafilatura.settings import Document as TrafilaturaDocument

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from html_pages import BenchPage, all_pages, padded  # noqa: E402

from extractor.page_dates import HTMLDATE_PARAMS  # noqa: E402
from extractor.pages import NotAnArticlePage, read_page  # noqa: E402

# (text, date or None where the extractor gives none)
Output = tuple[str, dt.date | None]
_NO_DATES = {"readability-lxml", "jusText"}
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "blockquote", "pre")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'(\[A-Z0-9])")


def run_read_page(data: bytes) -> Output:
    try:
        page = read_page(data)
    except NotAnArticlePage:
        return "", None
    return page.text, page.published


def _trafilatura(data: bytes, *, precision: bool, comments: bool) -> Output:
    document = trafilatura.bare_extraction(
        data,
        favor_precision=precision,
        include_comments=comments,
        with_metadata=True,
        date_extraction_params=HTMLDATE_PARAMS,
    )
    if not isinstance(document, TrafilaturaDocument):
        return "", None
    text = "\n".join(part for part in (document.title, document.text) if part)
    return text, dt.date.fromisoformat(document.date) if document.date else None


def run_trafilatura_defaults(data: bytes) -> Output:
    return _trafilatura(data, precision=False, comments=True)  # balanced, tables read, as shipped


def run_trafilatura_precision(data: bytes) -> Output:
    return _trafilatura(data, precision=True, comments=False)


def run_readability(data: bytes) -> Output:
    document = ReadabilityDocument(data)
    return document.short_title() + "\n" + _html_lines(document.summary(html_partial=True)), None


def run_justext(data: bytes) -> Output:
    paragraphs = justext.justext(data, justext.get_stoplist("Indonesian"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), None


EXTRACTORS: dict[str, Callable[[bytes], Output]] = {
    "read_page (chosen)": run_read_page,
    "trafilatura defaults": run_trafilatura_defaults,
    "trafilatura precision": run_trafilatura_precision,
    "readability-lxml": run_readability,
    "jusText": run_justext,
}


def _html_lines(fragment: str) -> str:
    root: HtmlElement = fragment_fromstring(fragment or "<div></div>", create_parent="div")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    return str(root.text_content())


def _norm(text: str) -> str:
    return " ".join(text.split())


def sentences(page: BenchPage) -> list[str]:
    found = []
    for paragraph in page.paragraphs:
        if paragraph.startswith("|"):
            continue
        found += [s for s in _SENTENCE_END.split(paragraph) if len(s.split()) >= 3]
    return found


@dataclass
class Tally:
    sentences: int = 0
    sentences_found: int = 0
    lines: int = 0
    lines_leaked: int = 0
    pages: int = 0
    headlines: int = 0
    dates: int = 0
    ms: list[float] = field(default_factory=list)

    def add(self, page: BenchPage, output: Output, ms: float) -> None:
        text, published = output
        flat = _norm(text)
        article = _norm(" ".join((page.headline, *page.paragraphs)))
        wanted = sentences(page)
        self.sentences += len(wanted)
        self.sentences_found += sum(_norm(s) in flat for s in wanted)
        lines = [_norm(line) for line in text.splitlines() if len(line.strip()) > 2]
        self.lines += len(lines)
        self.lines_leaked += sum(line not in article for line in lines)
        self.pages += 1
        self.headlines += _norm(page.headline) in flat
        self.dates += published == page.published
        self.ms.append(ms)


def measure(pages: list[BenchPage], runs: int) -> dict[tuple[str, str], Tally]:
    tallies: dict[tuple[str, str], Tally] = {}
    for name, extract in EXTRACTORS.items():
        extract(pages[0].data)  # warm-up: imports, caches, dateparser's tables
        for page in pages:
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                output = extract(page.data)
                times.append((time.perf_counter() - started) * 1000)
            for group in (page.group, "all"):
                tallies.setdefault((group, name), Tally()).add(page, output, statistics.median(times))
    return tallies


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    - "


def print_table(tallies: dict[tuple[str, str], Tally], groups: list[str]) -> None:
    columns = ("recall", "leak", "headline", "date", "ms/page")
    header = f"{'pages':<22} {'extractor':<22} " + " ".join(f"{column:>8}" for column in columns)
    print(header)
    print("-" * len(header))
    for group in groups:
        for name in EXTRACTORS:
            tally = tallies[(group, name)]
            date = "    - " if name in _NO_DATES else _share(tally.dates, tally.pages)
            recall = _share(tally.sentences_found, tally.sentences)
            leak = _share(tally.lines_leaked, tally.lines)
            headline = _share(tally.headlines, tally.pages)
            print(
                f"{group + f' ({tally.pages})':<22} {name:<22} {recall:>8} {leak:>8} {headline:>8} "
                f"{date:>8} {statistics.mean(tally.ms):8.1f}"
            )
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per page (the median is kept)")
    parser.add_argument("--pad", type=int, default=0, metavar="KIB", help="grow each page to about KIB KiB")
    args = parser.parse_args()
    pages = all_pages()
    if args.pad:
        pages = [replace(page, data=padded(page.data, args.pad)) for page in pages]
    groups = [g for g in ("fixtures", "seeds", "dev") if any(p.group == g for p in pages)] + ["all"]
    print(
        f"trafilatura {trafilatura.__version__}, readability-lxml {readability.__version__}, "
        f"jusText {justext.__version__} (Indonesian stoplist); {len(pages)} pages"
        f"{f' grown to about {args.pad} KiB' if args.pad else ''}\n"
    )
    print_table(measure(pages, args.runs), groups)


if __name__ == "__main__":
    main()
