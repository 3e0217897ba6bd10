"""Article files: which paths a command means, and reading one article safely.

Paths may be files, folders (every article file below them: ``.txt``, saved pages ``.html`` /
``.htm``, tables ``.jsonl`` / ``.csv`` with one article per row; names starting with ``_`` are
the tool's own and left out) or glob patterns. They are expanded lazily so a batch of a hundred
thousand files is never held in memory at once. A path that matches nothing is still yielded,
and so is anything below a folder that is named like an article but is not a regular file (a
folder called ``x.txt``, a symlink loop, a pipe): reading it fails with a clear message and a
failure record, and the batch goes on.

A text file is read as it is. A saved page is read by ``extractor.pages`` and a table's rows by
``extractor.tables``: their records keep the text the engine read (``Source.text``).
"""

from __future__ import annotations

import codecs
import errno
import glob
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from schemas.record import Record, Source

_BOM = "\ufeff"
_GLOB_CHARS = set("*?[")
PAGE_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv")
ARTICLE_SUFFIXES = (".txt", *PAGE_SUFFIXES, *TABLE_SUFFIXES)
META_SUFFIX = ".meta.json"  # what ``extractor fetch`` saves beside a page


def is_article_name(path: Path) -> bool:
    """Named like an article: an article suffix, and not the tool's own file (``_summary.json``,
    ``_fetch_failures.jsonl``)."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith("_")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    seen: set[Path] = set()
    for raw in paths:
        text = str(raw)
        if any(char in _GLOB_CHARS for char in text) and not Path(text).exists():
            matches = sorted(Path(match) for match in glob.glob(text, recursive=True))
            candidates: Iterable[Path] = [m for m in matches if m.is_file() and is_article_name(m)]
            candidates = candidates or [Path(text)]
        elif Path(text).is_dir():
            # Not only files: what is named like an article and is not one gets its own message.
            candidates = sorted(found for found in Path(text).rglob("*") if is_article_name(found))
        else:
            candidates = [Path(text)]
        for path in candidates:
            key = identity(path)
            if key not in seen:
                seen.add(key)
                yield path


def identity(path: Path) -> Path:
    """The file a path names, to read each once; a symlink loop has none but its own path."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # "Symlink loop from ...": read_article reports it
        return Path(os.path.abspath(path))


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    sha256: str
    size: int
    # What a page or a row says about the article (None for a text file): the record's source.
    origin: Source | None = None


class UnreadableArticle(Exception):
    """The file (or row) cannot be an article. ``kind`` names why; the message says what to do."""

    def __init__(
        self,
        path: Path,
        kind: str,
        message: str,
        sha256: str | None = None,
        size: int | None = None,
        line: int | None = None,
    ) -> None:
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = path
        self.kind = kind
        self.message = message
        self.sha256 = sha256
        self.size = size
        self.line = line


@dataclass(frozen=True)
class Input:
    """One article to extract: a file, read where it is extracted, or a table's row, read by
    the process that lists the inputs (``extractor.tables``) and carried here whole.

    A row that is no article carries its problem as ``(kind, message)``, not as an exception:
    inputs travel to worker processes, and plain data pickles."""

    path: Path
    line: int | None = None
    row_id: str | None = None
    article: Article | None = None
    problem: tuple[str, str] | None = None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


def as_input(item: Input | Path) -> Input:
    """A path given where inputs are expected (the library's callers) is a file input."""
    return item if isinstance(item, Input) else Input(Path(item))


def read_input(item: Input) -> Article:
    """The article of an input (raises ``UnreadableArticle``)."""
    if item.article is not None:
        return item.article
    if item.problem is not None:
        raise UnreadableArticle(item.path, *item.problem, line=item.line)
    if item.path.suffix.lower() in PAGE_SUFFIXES:
        return read_saved_page(item.path)
    return read_article(item.path)


def read_saved_page(path: Path) -> Article:
    """A saved web page: its article's text and metadata (``extractor.pages``). The page's
    address comes from the page itself, else from the ``.meta.json`` that ``extractor fetch``
    saves beside it."""
    from extractor import pages  # lxml and trafilatura load only where there are pages

    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    fetched = _fetch_metadata(path)
    try:
        page = pages.read_page(data, url=fetched.get("final_url") or fetched.get("url"))
    except pages.NotAnArticlePage as exc:
        raise UnreadableArticle(path, "not_an_article", str(exc), digest, len(data)) from None
    origin = Source(
        path=str(path),
        sha256=digest,
        size=len(data),
        kind="html",
        url=page.url,
        title=page.title,
        outlet=page.site_name,
        published=page.published,
        published_from=page.published_from,
        text_from=page.extractor,
        text=page.text,
    )
    return Article(path=path, text=page.text, sha256=digest, size=len(data), origin=origin)


def _fetch_metadata(page: Path) -> dict[str, str]:
    try:
        found = json.loads(page.with_suffix(META_SUFFIX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if isinstance(value, str)}


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, or ``UnreadableArticle`` saying why there are none."""
    with open_regular(path) as handle:
        return handle.read()


def open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading, or ``UnreadableArticle`` saying why it cannot be."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):  # reading a pipe or a device would block or never end
            message = "is not a regular file (a pipe, socket or device): copy its text into a file"
            raise UnreadableArticle(path, "unreadable", message)
        return path.open("rb")
    except FileNotFoundError:
        if path.is_symlink():
            message = "is a symlink to nothing (its target is gone)"
            raise UnreadableArticle(path, "unreadable", message) from None
        raise UnreadableArticle(path, "unreadable", "no such file (check the path or pattern)") from None
    except IsADirectoryError:
        message = "is a folder, not an article file (name the folder itself to read what is in it)"
        raise UnreadableArticle(path, "unreadable", message) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            message = "is a symlink loop (it points back at itself)"
            raise UnreadableArticle(path, "unreadable", message) from None
        raise UnreadableArticle(path, "unreadable", f"cannot be read: {exc.strerror}") from None


def read_article(path: Path) -> Article:
    """Read a UTF-8 article, or UTF-16 with its byte-order mark (a UTF-8 BOM and CRLF accepted;
    offsets refer to the text with LF endings)."""
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
    if encoding == "utf-8" and b"\x00" in data:
        raise UnreadableArticle(path, "binary", "is a binary file, not a text article", digest, len(data))
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(
            path,
            "not_utf8",
            f"is not UTF-8 (byte {exc.start}): convert it, e.g. `iconv -f latin1 -t utf-8`",
            digest,
            len(data),
        ) from None
    text = plain_text(text)
    if not text.strip():
        raise UnreadableArticle(
            path, "empty", "is empty: there is no article text to extract", digest, len(data)
        )
    return Article(path=path, text=text, sha256=digest, size=len(data))


def plain_text(text: str) -> str:
    """Text as offsets count it: no byte-order mark, LF line ends."""
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def source_text(record: Record, out_dir: Path | None = None) -> tuple[str | None, str]:
    """The article a stored record was extracted from: (text, "") or (None, why not).

    A relative path is tried from here, then beside ``out_dir``. A file whose sha256 differs
    from the record's is refused: offsets and checks refer to the text as it was.
    """
    if record.source.text is not None:  # a page's or a row's text, kept in the record
        return record.source.text, ""
    path = Path(record.source.path)
    candidates = [path]
    if out_dir is not None and not path.is_absolute():
        candidates.append(out_dir.parent / path)
    found = next((p for p in candidates if p.is_file()), path)
    try:
        article = read_article(found)
    except UnreadableArticle as problem:
        return None, f"the article {path} cannot be read ({problem.message})"
    if record.source.sha256 is not None and article.sha256 != record.source.sha256:
        return None, f"the article {path} has changed since extraction (sha256 differs)"
    return article.text, ""
