"""A saved page's tables, made ready for trafilatura before it takes out the article.

trafilatura is run with tables left out, because tables on news sites are of three kinds and only
one is the article's:

* data tables (rows and columns of short text): Ombudsman articles give the scores per unit
  layanan this way. Each becomes a paragraph with a line per row, cells between bars, so that it
  is read with the text around it;
* layout tables, in which an old site sets the whole page (banner, menu, article, sidebar,
  footer). Read as a table, the article comes with everything else; left out, the article is
  gone. So the cell holding the most text outside links is kept as a plain block and the table's
  other cells are marked to be pruned (``PRUNE_XPATH``), and so are the link lists in that cell
  ("Berita Terkait: » ... » ..."), which trafilatura, finding no article container it knows in
  such a page, would keep;
* small boxes ("Baca juga" set in a one-cell table): left as tables, so left out.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import Element, HtmlElement

__all__ = ["PRUNE_XPATH", "elements", "prepare_tables"]

_DROP = "data-extractor-drop"
PRUNE_XPATH = f"//*[@{_DROP}]"
# A table with blocks in its cells and this much text outside links holds an article, so lays
# out the page; a box ("Baca juga" and its links) holds less.
_LAYOUT_TEXT = 400
_BLOCKS = (
    *("p", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"),
    *("form", "article", "section", "header", "footer", "nav", "aside"),
)
_CELLS_WITH_BLOCKS = etree.XPath(
    "(./tr|./*/tr)/*[self::td or self::th][.//*[" + " or ".join(f"self::{t}" for t in _BLOCKS) + "]]"
)
_ROWS = etree.XPath("./tr|./*/tr")
_LINK_LIST_SHARE = 0.6  # of a block's text in its links


def prepare_tables(tree: HtmlElement) -> None:
    """Rewrite the page's data tables as paragraphs and unwrap its layout tables (in place)."""
    for table in list(tree.iter("table")):
        if table.getparent() is None or any(a.get(_DROP) for a in table.iterancestors()):
            continue  # replaced already, or in a part that is pruned anyway
        if elements(_CELLS_WITH_BLOCKS, table):
            if _own_text_length(table) >= _LAYOUT_TEXT:
                _unwrap_layout(table)
        elif table.find(".//table") is None:
            _flatten_data(table)


def elements(xpath: etree.XPath, node: HtmlElement) -> list[HtmlElement]:
    """The elements an XPath finds (its other results, strings or numbers, left out)."""
    found = xpath(node)
    return [item for item in found if isinstance(item, HtmlElement)] if isinstance(found, list) else []


def _unwrap_layout(table: HtmlElement) -> None:
    rows = elements(_ROWS, table)
    cells = [cell for row in rows for cell in row if cell.tag in ("td", "th")]
    if not cells:
        return
    content = max(cells, key=_own_text_length)
    for cell in cells:
        if cell is not content:
            cell.set(_DROP, "1")
    for block in content.iter("p", "div", "ul", "ol"):
        links = list(block.iter("a"))
        text = len(_text(block))
        if len(links) >= 2 and sum(len(_text(link)) for link in links) >= _LINK_LIST_SHARE * text:
            block.set(_DROP, "1")
    for part in (
        table,
        *table.findall("thead"),
        *table.findall("tbody"),
        *table.findall("tfoot"),
        *rows,
        *cells,
    ):
        part.tag = "div"


def _own_text_length(cell: HtmlElement) -> int:
    """Text outside links: an article has paragraphs, a menu or a sidebar has links."""
    return len(_text(cell)) - sum(len(_text(link)) for link in cell.iter("a"))


def _flatten_data(table: HtmlElement) -> None:
    rows = [
        [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
        for row in elements(_ROWS, table)
    ]
    rows = [row for row in rows if any(row)]
    parent = table.getparent()
    if len(rows) < 2 or max(map(len, rows)) < 2 or parent is None:
        return
    paragraph = Element("p")
    paragraph.text = _line(rows[0])
    for row in rows[1:]:
        line_break = Element("br")
        line_break.tail = _line(row)
        paragraph.append(line_break)
    paragraph.tail = table.tail
    parent.replace(table, paragraph)


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())
