"""A saved page's publication date, and where on the page it was read.

In this order:

1. the page's own publication metadata (``article:published_time`` and its kin, JSON-LD
   ``datePublished``, ``itemprop="datePublished"``): it names the publication date and no other;
2. a date between the headline and the body, where Indonesian sites print their byline
   ("Senin, 16 Desember 2024 10:05 WIB");
3. htmldate's answer, if it can be shown where on the page it stands (the URL, a byline, a
   paragraph, an attribute) above the article's last paragraph. Below it are related articles
   and comments, whose older dates htmldate, asked for the original date, would prefer; and a
   date shown nowhere is mostly htmldate's last resort, the footer's year as 1 January.

Modification dates (``article:modified_time``, ``dateModified``) are never read: the record wants
when the news appeared, and a page corrected a week later still reports the same assessment.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import deque
from collections.abc import Iterator
from typing import Any

import htmldate
from lxml import etree
from lxml.html import HtmlElement

from schemas.values import written_dates

__all__ = ["HTMLDATE_PARAMS", "published_date"]

# htmldate's default latest date is today, so a page would read differently depending on the day
# it is read; a fixed bound keeps the same bytes giving the same date. ``original_date`` asks for
# the publication date, not the last modification. The URL is weighed after the page's own full
# date expressions (``deferred_url_extractor``): a URL's /2024/12/ may be a section, not the day.
HTMLDATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "extensive_search": True,
    "max_date": "2099-12-31",
    "deferred_url_extractor": True,
}

# Lower rank wins. Keys are compared in lower case; attribute spellings vary by CMS (Kompas writes
# content_PublishedDate, detik dtk:publishdate, WordPress article:published_time).
_META_RANKS = {
    "article:published_time": 0,
    "og:published_time": 0,
    "datepublished": 2,
    "publishdate": 3,
    "dtk:publishdate": 3,
    "content_publisheddate": 3,
    "pubdate": 3,
    "publish-date": 3,
    "publish_date": 3,
    "dc.date.issued": 4,
    "dcterms.issued": 4,
    "date": 5,
}
_JSON_LD_RANK = 1
_EVIDENCE_CHARS = 80
_SHORT_TEXT = 120  # a byline or dateline; a longer text piece is a paragraph, whose dates are events

_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_JSON_LD_FALLBACK = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_BYLINE_PIECES = 30


def published_date(
    tree: HtmlElement, url: str | None, article: str, headline: str | None
) -> tuple[dt.date | None, str | None]:
    """The publication date and its evidence: the page's own metadata, else a date in the byline
    under the headline, else htmldate's answer if it can be found on the page above the
    article's end, else nothing. ``article`` is the article's text as extracted, ``headline``
    its title."""
    declared = _declared(tree) or _byline(tree, headline)
    if declared is not None:
        return declared
    # Given the parsed page, never a URL string: htmldate downloads what looks like a URL.
    found = _parse_date(htmldate.find_date(tree, url=url, **HTMLDATE_PARAMS) or "")
    evidence = _htmldate_evidence(tree, url, found, article) if found is not None else None
    # A date htmldate read nowhere that can be shown is mostly its last resort, a bare year
    # (the footer's "© 2024") turned into 1 January: no date is better than one nobody can check.
    return (found, evidence) if evidence is not None else (None, None)


def _declared(tree: HtmlElement) -> tuple[dt.date, str] | None:
    best: tuple[int, dt.date, str] | None = None
    for rank, found, evidence in _candidates(tree):
        if best is None or rank < best[0]:
            best = (rank, found, evidence)
    return None if best is None else (best[1], best[2])


def _candidates(tree: HtmlElement) -> Iterator[tuple[int, dt.date, str]]:
    for element in tree.iter("meta", "time"):
        value = element.get("content") if element.tag == "meta" else element.get("datetime")
        found = _parse_date(value or "")
        if found is None:
            continue
        if element.tag == "time" and element.get("pubdate") is not None:
            yield _META_RANKS["datepublished"], found, f"time[pubdate]={_quoted(value or '')}"
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip()
            rank = _META_RANKS.get(key.lower())
            if rank is not None and (element.tag == "meta" or key == "datePublished"):
                yield rank, found, f'{_tag(element)}[{attribute}="{key}"]={_quoted(value or "")}'
                break
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            yield from _json_ld(script.text)


def _json_ld(source: str) -> Iterator[tuple[int, dt.date, str]]:
    try:
        data = json.loads(source, strict=False)
    except (ValueError, RecursionError):  # RecursionError: a hostile nesting depth
        # Hand-written JSON-LD often breaks JSON (a bare quote in a description); the date field
        # itself is usually intact.
        match = _JSON_LD_FALLBACK.search(source)
        found = _parse_date(match[1]) if match else None
        if match and found is not None:
            yield _JSON_LD_RANK, found, f"JSON-LD datePublished={_quoted(match[1])}"
        return
    for node in _json_nodes(data):
        value = node.get("datePublished")
        found = _parse_date(value) if isinstance(value, str) else None
        if found is not None and isinstance(value, str):
            kind = node.get("@type")
            kind = kind[0] if isinstance(kind, list) and kind else kind
            name = f"{kind}." if isinstance(kind, str) else ""
            yield _JSON_LD_RANK, found, f"JSON-LD {name}datePublished={_quoted(value)}"


def _json_nodes(data: Any) -> Iterator[dict[str, Any]]:
    queue = deque([data])
    while queue:  # a loop, not recursion: a hostile nesting depth cannot exhaust the stack
        item = queue.popleft()
        if isinstance(item, dict):
            yield item
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)


def _parse_date(value: str) -> dt.date | None:
    """The calendar date a machine-readable value names, as the publisher wrote it: the date of
    ``2024-12-16T23:30:00+07:00`` is the 16th, not the UTC 16th at 16:30 that a conversion gives."""
    value = value.strip()[:40]
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        match = pattern.match(value)
        if match:
            year, month, day = (int(match[i + 1]) for i in order)
            try:
                found = dt.date(year, month, day)
            except ValueError:
                return None
            return found if 1990 <= found.year <= 2099 else None
    return None


def _byline(tree: HtmlElement, title: str | None) -> tuple[dt.date, str] | None:
    """The first date in a short text, or a ``<time datetime>``, between the headline and the
    body: Indonesian sites print "Senin, 16 Desember 2024 10:05 WIB" there."""
    headline = _headline_element(tree, title)
    if headline is None:
        return None
    seen = 0
    for text, element, event in _pieces(tree):
        if element is headline and event == "end":
            seen = 1
            continue
        if not seen:
            continue
        stamp = (
            _parse_date(element.get("datetime") or "") if element.tag == "time" and event == "start" else None
        )
        if stamp is not None:
            return stamp, f"byline time[datetime={_quoted(element.get('datetime') or '')}]"
        if not text:
            continue
        if len(text) > _SHORT_TEXT or seen > _BYLINE_PIECES:
            return None  # the body has started: a date below it is an event's or another article's
        seen += 1
        found = next(_written_dates(text), None)
        if found is not None:
            return found[0], f"byline {_quoted(text)}"
    return None


def _headline_element(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """The element showing the headline: the one whose own text is the title (an old site's
    <h2 class="judul">, or the <h1> when a logo is another <h1>), else the first wordy <h1>."""
    wanted = " ".join((title or "").split())
    body = tree.find("body")  # not the <title>, which often is the headline too
    for element in body.iter() if body is not None and wanted else ():
        if element.text and " ".join(element.text.split()) == wanted:
            return element
    return next((h1 for h1 in tree.iter("h1") if len(h1.text_content().split()) >= 3), None)


def _htmldate_evidence(tree: HtmlElement, url: str | None, found: dt.date, article: str) -> str | None:
    """Where htmldate most likely read the date: the URL, else the first short text naming it
    (a byline), else the first paragraph naming it (quoted around the date), else an attribute
    (``<time datetime>``, an image's path). Only what comes before the article's last paragraph
    counts: below it are related articles and comments, whose (older) dates htmldate, asked for
    the original date, would prefer. None if nowhere."""
    y, m, d = found.year, found.month, found.day
    compact = re.compile(rf"{y}[/-]?0?{m}[/-]?0?{d}(?!\d)")
    in_url = compact.search(url or "")
    if url and in_url:
        return f"htmldate: url {_quoted(in_url[0])}"
    pieces = list(_pieces(tree))
    end = max((i for i, (text, _, _) in enumerate(pieces) if len(text) >= 25 and text in article), default=-1)
    short = paragraph = attribute = None
    for text, element, event in pieces[: end + 1]:
        if event == "start" and attribute is None:
            attribute = next(
                (
                    f"{_tag(element)}[{name}={_quoted(value)}]"
                    for name, value in element.attrib.items()
                    if compact.search(value)
                ),
                None,
            )
        for date, start, stop in _written_dates(text):
            if date == found and len(text) <= _SHORT_TEXT:
                short = short or _quoted(text)
            elif date == found:
                paragraph = paragraph or _quoted("…" + text[max(0, start - 30) : stop + 10] + "…")
    where = short or paragraph or attribute
    return f"htmldate: {where}" if where else None


def _pieces(tree: HtmlElement) -> Iterator[tuple[str, HtmlElement, str]]:
    """The page's texts in reading order, whitespace collapsed, with their element and whether
    they open it (its text, event "start") or follow it (its tail, event "end")."""
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start" and element.tag not in ("script", "style", "head", "title"):
            yield " ".join((element.text or "").split()), element, event
        elif event == "end":
            yield " ".join((element.tail or "").split()), element, event


def _written_dates(text: str) -> Iterator[tuple[dt.date, int, int]]:
    """The dates a page's text writes (``schemas.values.written_dates``), of plausible years only: a
    page's "1900" or "2150" is a placeholder, not a publication date."""
    for found, start, end in written_dates(text):
        if 1990 <= found.year <= 2099:
            yield found, start, end


def _tag(element: HtmlElement) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def _quoted(value: str) -> str:
    value = " ".join(value.split())
    if len(value) > _EVIDENCE_CHARS:
        value = value[: _EVIDENCE_CHARS - 1] + "…"
    return json.dumps(value, ensure_ascii=False)
