"""What ``extractor fetch`` is given and what it names: the list of URLs (one a line) and the
file names their pages are saved under."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import httpx

from extractor.inputs import META_SUFFIX

HTML_SUFFIX = ".html"
_SLUG_CHARS = 60


@dataclass(frozen=True)
class Failure:
    """A URL (or a line of the list) not saved. ``kind``: bad_line, http_status, not_html,
    too_large, too_many_redirects, robots_disallowed, robots_unavailable, retries_exhausted or
    request_error."""

    url: str
    kind: str
    message: str
    at: str = field(default_factory=lambda: now_iso())

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)  # url, kind, message, at


@dataclass(frozen=True)
class UrlList:
    urls: list[str]  # in the order of the file, each once
    bad_lines: list[Failure]
    duplicates: int


def read_url_list(lines: Iterable[str], source: str = "<stdin>") -> UrlList:
    """The URLs of a list, one a line; blank lines and ``#`` comments are skipped, a line that is
    not an http(s) URL becomes a ``bad_line`` failure naming ``source`` and its line number."""
    urls: dict[str, None] = {}
    bad: list[Failure] = []
    duplicates = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        problem = url_problem(line)
        if problem:
            bad.append(Failure(line, "bad_line", f"{source}:{number}: {problem}: {line}"))
            continue
        url = urldefrag(line).url  # the fragment is never sent: #a and #b are one page
        if url in urls:
            duplicates += 1
        urls[url] = None
    return UrlList(list(urls), bad, duplicates)


def url_problem(text: str) -> str | None:
    """Why ``text`` cannot be fetched, or None when it is an http(s) URL with a host."""
    if any(char.isspace() for char in text):
        return "not one URL (it contains spaces)"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (a port out of range raises here)
        httpx.URL(text)
    except (ValueError, httpx.InvalidURL):
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) URL"
    if not parts.hostname:
        return "an http(s) URL without a host"
    return None


def page_name(url: str) -> str:
    """``host_path-slug-<8 hex of sha1(url)>``: readable, safe on any file system, and unique per
    URL (the digest tells apart URLs whose slugs are equal, such as ones differing in case)."""
    parts = urlsplit(url)
    host = _slug(parts.hostname or "", keep=".")[:_SLUG_CHARS]
    if parts.port is not None:
        host = f"{host}-{parts.port}"
    path = _cut(_slug(parts.path + (f"-{parts.query}" if parts.query else "")), _SLUG_CHARS)
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return "_".join(part for part in (host, path) if part) + f"-{digest}"


def page_paths(out_dir: Path, url: str) -> tuple[Path, Path]:
    """The page file and its metadata file for ``url``."""
    name = page_name(url)
    return out_dir / f"{name}{HTML_SUFFIX}", out_dir / f"{name}{META_SUFFIX}"


def _slug(text: str, keep: str = "") -> str:
    ascii_text = unicodedata.normalize("NFKD", unquote(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(rf"[^a-z0-9{re.escape(keep)}]+", "-", ascii_text.lower()).strip("-.")


def _cut(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if "-" in cut[limit // 2 :]:  # end on a whole word where one ends in the second half
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
