"""Article files: which paths a command means, and reading one article safely.

Paths may be files, folders (every ``*.txt`` below them) or glob patterns. They are expanded
lazily so a batch of a hundred thousand files is never held in memory at once. A path that
matches nothing is still yielded, and so is anything below a folder that is named like an
article but is not a regular file (a folder called ``x.txt``, a symlink loop, a pipe): reading
it fails with a clear message and a failure record, and the batch goes on.
"""

from __future__ import annotations

import codecs
import errno
import glob
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from schemas.record import Record

_BOM = "\ufeff"
_GLOB_CHARS = set("*?[")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    seen: set[Path] = set()
    for raw in paths:
        text = str(raw)
        if any(char in _GLOB_CHARS for char in text) and not Path(text).exists():
            matches = sorted(Path(match) for match in glob.glob(text, recursive=True))
            candidates: Iterable[Path] = [m for m in matches if m.is_file()] or [Path(text)]
        elif Path(text).is_dir():
            # Not only files: what is named like an article and is not one gets its own message.
            candidates = sorted(Path(text).rglob("*.txt"))
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


class UnreadableArticle(Exception):
    """The file cannot be an article. ``kind`` names why; the message says what to do."""

    def __init__(
        self, path: Path, kind: str, message: str, sha256: str | None = None, size: int | None = None
    ) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.kind = kind
        self.message = message
        self.sha256 = sha256
        self.size = size


def read_article(path: Path) -> Article:
    """Read a UTF-8 article, or UTF-16 with its byte-order mark (a UTF-8 BOM and CRLF accepted;
    offsets refer to the text with LF endings)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):  # reading a pipe or a device would block or never end
            message = "is not a regular file (a pipe, socket or device): copy its text into a file"
            raise UnreadableArticle(path, "unreadable", message)
        data = path.read_bytes()
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
    text = text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableArticle(
            path, "empty", "is empty: there is no article text to extract", digest, len(data)
        )
    return Article(path=path, text=text, sha256=digest, size=len(data))


def source_text(record: Record, out_dir: Path | None = None) -> tuple[str | None, str]:
    """The article a stored record was extracted from: (text, "") or (None, why not).

    A relative path is tried from here, then beside ``out_dir``. A file whose sha256 differs
    from the record's is refused: offsets and checks refer to the text as it was.
    """
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
