"""A saved news page (.html) read into the article the engines read, plus its metadata.

The text has the shape of the project's .txt articles: the headline on the first line, a blank
line, then the body's paragraphs separated by blank lines (the rows of a table stay together).

trafilatura takes out the main text, favouring precision: a menu, a related-articles list or a
comment left in the text is read by the engines as if the article said it, while a sentence lost
is at worst a value not found. Comments are left out. Tables are prepared first
(``extractor.page_tables``): a data table, such as the scores per unit layanan, is kept as lines
of the article; a table that lays out a whole old-style page is reduced to its article's cell.
Lines that trafilatura keeps but that are the site's and not the article's ("Baca juga: ...",
"Simak video", "ADVERTISEMENT") are dropped.

Reading never touches the network, and neither the clock nor the environment changes its result
(the same bytes give the same Page): trafilatura and htmldate only fetch when given a URL
*instead of* a page, and here they are always given the parsed page (the ``url`` argument is only
a name); trafilatura's duplicate cache, which spans calls, is off; the date search has a fixed
latest date instead of "today" (``page_dates``). trafilatura reads ``http_proxy`` when imported,
for its downloader, which is never used here.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring
from trafilatura.metadata import extract_sitename, extract_title
from trafilatura.settings import Document

from extractor.page_dates import published_date
from extractor.page_tables import PRUNE_XPATH, elements, prepare_tables

__all__ = ["NotAnArticlePage", "Page", "read_page"]

EXTRACTOR = f"trafilatura {trafilatura.__version__}"


class NotAnArticlePage(ValueError):
    """The page holds no article text: an index, a list of headlines, an empty or error page."""


@dataclass(frozen=True)
class Page:
    text: str  # headline, blank line, paragraphs separated by blank lines
    title: str | None
    published: dt.date | None
    published_from: str | None  # where the date was read, e.g. meta[property="..."]="..."
    url: str | None
    site_name: str | None
    extractor: str


_NOT_AN_ARTICLE = (
    "no article text found in this page ({why}): save the article's own page (the one with its "
    "full text), or copy the article's text into a .txt file"
)
# Shorter than this, the body is a teaser, an error message or a paywall stub, not an article.
_MIN_BODY_CHARS = 200
# A page listing this many teasers, each under its own linked headline, is an index.
_MIN_TEASERS = 3
_TEASER_TEXT_CHARS = 25

_PRESCAN_BYTES = 4096  # browsers look for <meta charset> in the first 1024; pages put it later
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]{2,40})|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Python knows codecs that are no text encoding of the web (rot13, unicode_escape, idna...).
_WEB_CODECS = ("utf", "cp", "iso8859", "iso2022", "euc", "shift_jis", "gb", "big5", "koi8", "mac", "tis")
# On the web "iso-8859-1", "latin1" and "ascii" all mean windows-1252 (WHATWG Encoding): pages so
# labelled use 0x93/0x94 for curly quotes and 0x85 for "…", which latin-1 reads as control codes.
_AS_WINDOWS_1252 = frozenset({"iso8859-1", "latin-1", "ascii"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # lxml refuses them

_BREAKS = re.compile(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\xad]")
_SPACES = re.compile(r"[^\S\n]+")
_SITE_LINES = re.compile(
    r"(?:baca|simak|lihat|cek)\s+(?:juga|pula|selengkapnya)\b"
    r"|simak\s+(?:video|berita|breaking)\b"
    r"|\[gambas:"
    r"|advertisement$|iklan$|scroll to continue"
    r"|artikel ini telah (?:tayang|terbit)"
    r"|(?:berita|artikel) ini (?:telah |sudah )?dibaca\b|(?:dibaca|dilihat)\s*:?\s*[\d.]+\s*kali"
    r"|(?:dapatkan|ikuti)\b.{0,80}\b(?:google news|whatsapp|telegram)",
    re.IGNORECASE,
)
_SITE_LINE_CHARS = 250
# "PURWOKERTO" then "- Kabupaten ..." on the next line: trafilatura splits a dateline set in bold
# from its paragraph when the paragraphs are made of <br>s.
_DATELINE = re.compile(r"[A-Z][A-Z .,'/()-]{1,40}")
_LONG_TEXTS = etree.XPath(
    f"//body//text()[string-length(normalize-space(.)) >= {_TEASER_TEXT_CHARS}]"
    "[not(ancestor::script) and not(ancestor::style)]"
)
_HEADLINE_LINKS = etree.XPath("//h2[.//a]|//h3[.//a]|//h4[.//a]|//a[.//h2 or .//h3 or .//h4]")


def read_page(data: bytes, *, url: str | None = None) -> Page:
    """The article in a saved page. ``url`` is where the page came from, used when the page does
    not say (no canonical link, no og:url). Raises ``NotAnArticlePage``."""
    tree = _parse(_decode(data))
    prepare_tables(tree)
    document = trafilatura.bare_extraction(
        tree,  # copied by trafilatura; never a URL, which it and htmldate would download
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,  # data tables are paragraphs by now, layout tables blocks
        prune_xpath=PRUNE_XPATH,  # a layout table's cells other than the article's
        # Its metadata pass (authors, categories, licence, a date) costs as much as the text on
        # a large page; the few fields wanted here are read below, the date only when needed.
        with_metadata=False,
        deduplicate=False,  # its cache spans calls: the same page read twice would lose its text
    )
    if not isinstance(document, Document) or not document.text:
        raise NotAnArticlePage(_NOT_AN_ARTICLE.format(why="no main text"))
    title = _title(tree)
    body = _paragraphs(document.text, title)
    if sum(len(block) for block in body) < _MIN_BODY_CHARS:
        raise NotAnArticlePage(_NOT_AN_ARTICLE.format(why="too little text for an article"))
    article = "\n".join(body)
    if _is_teaser_list(tree, article):
        raise NotAnArticlePage(_NOT_AN_ARTICLE.format(why="it lists headlines with teasers: an index page"))
    page_url = _page_url(tree, url)
    published, published_from = published_date(tree, page_url, article, title)
    return Page(
        text="\n\n".join([title, *body] if title else body),
        title=title,
        published=published,
        published_from=published_from,
        url=page_url,
        site_name=_site_name(tree, page_url),
        extractor=EXTRACTOR,
    )


def _decode(data: bytes) -> str:
    """The page's characters: a byte-order mark, else the charset the page declares, else UTF-8,
    else windows-1252. A bad byte becomes U+FFFD; decoding never fails."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    declared = _declared_encoding(data[:_PRESCAN_BYTES])
    if declared is not None:
        return data.decode(declared, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        guess = data.decode("utf-8", "replace")
    # Some valid multi-byte UTF-8 means a UTF-8 page with a few bad bytes; none means a legacy page.
    return guess if re.search(r"[^\x00-\x7f\ufffd]", guess) else data.decode("cp1252", "replace")


def _declared_encoding(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if match is None:
        return None
    label = (match[1] or match[2]).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _AS_WINDOWS_1252:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):  # bytes that spell out a <meta> are not UTF-16
        return "utf-8"
    return name if name.startswith(_WEB_CODECS) else None


def _parse(text: str) -> HtmlElement:
    text = _NOT_IN_XML.sub(" ", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise NotAnArticlePage(_NOT_AN_ARTICLE.format(why="the page is empty"))
    parser = HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        return document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise NotAnArticlePage(_NOT_AN_ARTICLE.format(why=f"not HTML: {exc}")) from None


def _paragraphs(raw: str, title: str | None) -> list[str]:
    """trafilatura's lines as blocks: one per paragraph, a table's rows together, the site's own
    lines and a repeat of the headline left out."""
    lines = [_clean_line(line) for line in _BREAKS.sub("\n", raw).split("\n")]
    lines = [line for line in lines if line and not _is_site_line(line)]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    blocks: list[str] = []
    for line in lines:
        if blocks and line.startswith("|") and blocks[-1].rsplit("\n", 1)[-1].startswith("|"):
            blocks[-1] += "\n" + line
        elif blocks and line[0] in "-–—" and _DATELINE.fullmatch(blocks[-1]):
            blocks[-1] += " " + line
        else:
            blocks.append(line)
    return blocks


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def _one_line(text: str) -> str:
    """A title or a name on one line: a headline set over two lines must not split the text's
    first line."""
    return " ".join(_INVISIBLE.sub("", text).split())


def _is_site_line(line: str) -> bool:
    # A long line is a paragraph that may mention "baca juga" in passing; the site's are short.
    return len(line) <= _SITE_LINE_CHARS and bool(_SITE_LINES.match(line.lstrip("|*#>•» ")))


def _is_teaser_list(tree: HtmlElement, body: str) -> bool:
    """Whether the text is made of teasers: pieces that each sit in their own block under a
    linked headline (h2-h4), as on an index or tag page. An article's paragraphs share one block."""
    holds: Counter[HtmlElement] = Counter()
    for headline in elements(_HEADLINE_LINKS, tree):
        holds.update(headline.iterancestors())
        holds[headline] += 1
    if not holds:
        return False
    cards: set[HtmlElement] = set()
    for piece, owner in _long_texts(tree):
        if piece not in body:
            continue
        card = next((e for e in (owner, *owner.iterancestors()) if holds[e]), None)
        if card is not None and holds[card] == 1:
            cards.add(card)
    return len(cards) >= _MIN_TEASERS


def _long_texts(tree: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """Each text of the page long enough to be a teaser, whitespace collapsed, with the element
    it shows in (found by XPath: walking a large page's elements in Python costs more)."""
    found = _LONG_TEXTS(tree)
    for piece in found if isinstance(found, list) else ():
        if isinstance(piece, etree._ElementUnicodeResult):
            element = piece.getparent()
            owner = element.getparent() if piece.is_tail and element is not None else element
            if isinstance(owner, HtmlElement):
                yield " ".join(piece.split()), owner


def _title(tree: HtmlElement) -> str | None:
    """The headline: the page's only <h1>, else og:title, else trafilatura's pick (a headline
    class, the <title> without the site's name)."""
    h1s = [line for h1 in tree.iter("h1") if (line := _one_line(h1.text_content()))]
    if len(h1s) == 1:
        return h1s[0]
    return (
        _meta(tree, "og:title")
        or _meta(tree, "twitter:title")
        or _one_line(extract_title(tree) or "")
        or None
    )


def _site_name(tree: HtmlElement, url: str | None) -> str | None:
    """og:site_name, else the part of the <title> that names a site ("SuaraBanyumas.com"),
    else the address's host."""
    found = _meta(tree, "og:site_name") or _one_line(extract_sitename(tree) or "")
    host = urlsplit(url or "").hostname or ""
    return found or host.removeprefix("www.") or None


def _page_url(tree: HtmlElement, hint: str | None) -> str | None:
    """The canonical link, else og:url, else the caller's; a relative one is resolved."""
    canonical = next((link.get("href") for link in tree.iter("link") if _rel_canonical(link)), None)
    for candidate in (canonical, _meta(tree, "og:url")):
        if candidate and candidate.strip():
            found: str = urljoin(hint or "", str(candidate).strip())
            if urlsplit(found).scheme in ("http", "https"):
                return found
    return hint


def _rel_canonical(link: HtmlElement) -> bool:
    return "canonical" in (link.get("rel") or "").lower().split()


def _meta(tree: HtmlElement, key: str) -> str | None:
    for meta in tree.iter("meta"):
        if key in ((meta.get("property") or "").strip().lower(), (meta.get("name") or "").strip().lower()):
            content = _one_line(str(meta.get("content") or ""))
            if content:
                return content
    return None
