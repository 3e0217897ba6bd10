"""Saved pages' metadata (``extractor.pages``): address, site name, publication date with its
evidence, and the decoding of their bytes. The pages are those of tests/fixtures/pages/ (see
test_pages.py); pytest runs with --block-network.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.pages import Page, read_page

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def read(name: str, url: str | None = None) -> Page:
    return read_page((PAGES / name).read_bytes(), url=url)


@pytest.mark.parametrize(
    ("name", "url", "expected_url", "site_name"),
    [
        (
            "meta_published_time.html",
            None,
            "https://radarkedu.example.id/daerah/2024/pemkab-temanggung-raih-zona-hijau-ombudsman",
            "Radar Kedu",
        ),
        (  # no canonical link: og:url; the caller's hint loses to what the page says
            "jsonld_date.html",
            "https://mirror.example/x",
            "https://jatengterkini.example.com/read/salatiga-opini-kualitas-tertinggi-ombudsman",
            "Jateng Terkini",
        ),
        (  # neither: the caller's hint; the site's name from the <title>
            "byline_date.html",
            "https://suarabanyumas.example.com/berita/4",
            "https://suarabanyumas.example.com/berita/4",
            "SuaraBanyumas.com",
        ),
        (  # og:site_name verbatim, not recapitalised
            "bom_publishdate.html",
            None,
            "https://www.detik.example.com/jatim/berita/d-7640012/ombudsman-kota-blitar-masuk-10-besar",
            "detikJatim",
        ),
    ],
)
def test_url_and_site_name(name: str, url: str | None, expected_url: str, site_name: str) -> None:
    """The page's address is its canonical link (not og:url with its tracking query), else og:url,
    else the address the caller knows; the site's name is og:site_name, else trafilatura's."""
    page = read(name, url)
    assert page.url == expected_url
    assert page.site_name == site_name


def test_a_relative_canonical_link_is_resolved_against_the_known_address() -> None:
    """A canonical link written as a path is made absolute from where the page came from."""
    data = (PAGES / "meta_published_time.html").read_bytes()
    data = data.replace(b'href="https://radarkedu.example.id/daerah/', b'href="/daerah/')
    page = read_page(data, url="https://radarkedu.example.id/amp/x")
    assert page.url == "https://radarkedu.example.id/daerah/2024/pemkab-temanggung-raih-zona-hijau-ombudsman"


@pytest.mark.parametrize(
    ("name", "published", "evidence"),
    [
        (  # article:modified_time says the 18th: the publication date is wanted
            "meta_published_time.html",
            dt.date(2024, 12, 16),
            'meta[property="article:published_time"]="2024-12-16T10:05:00+07:00"',
        ),
        (  # dateModified says the 20th
            "jsonld_date.html",
            dt.date(2024, 12, 5),
            'JSON-LD NewsArticle.datePublished="2024-12-05T14:22:10+07:00"',
        ),
        (  # the header shows the day it was saved (18th), the related list the 15th and 14th
            "byline_date.html",
            dt.date(2024, 12, 16),
            'byline "Senin, 16 Desember 2024 10:05 WIB"',
        ),
        ("table_results.html", dt.date(2024, 11, 20), 'htmldate: url "2024/11/20"'),
        ("bom_publishdate.html", dt.date(2024, 11, 14), 'meta[name="publishdate"]="2024/11/14 15:30:12"'),
        ("windows1252.html", dt.date(2023, 1, 17), 'meta[itemprop="datePublished"]="2023-01-17"'),
    ],
)
def test_publication_date_and_where_it_was_read(name: str, published: dt.date, evidence: str) -> None:
    """Each kind of date source gives the publication (not modification) date and names itself."""
    page = read(name)
    assert page.published == published
    assert page.published_from == evidence


def test_the_date_is_the_publishers_calendar_day_not_utc() -> None:
    """23:30 in New York on the 16th is the 17th in UTC; the page's own day is kept."""
    data = (PAGES / "meta_published_time.html").read_bytes()
    data = data.replace(b"2024-12-16T10:05:00+07:00", b"2024-12-16T23:30:00-05:00")
    assert read_page(data).published == dt.date(2024, 12, 16)


def test_a_date_only_in_a_paragraph_is_htmldates_and_quoted_where_it_stands() -> None:
    """With no metadata and no dated byline, htmldate's answer is taken, and the evidence quotes
    the paragraph around the date, so that a reviewer sees it is an event's date."""
    data = (PAGES / "byline_date.html").read_bytes()
    data = data.replace(b"Senin, 16 Desember 2024 10:05 WIB", b"").replace(b"Desember 2024", b"")
    page = read_page(data)
    assert page.published == dt.date(2024, 12, 13)
    assert page.published_from == 'htmldate: "…h Banyumas di Jakarta, Jumat (13/12/2024).…"'


def test_the_byline_is_looked_for_under_the_headline_not_under_the_title_tag() -> None:
    """When the <title> is the headline word for word, the byline is still the one under the
    visible headline, not the header's "today" (18 December) that follows the <title>."""
    data = (PAGES / "byline_date.html").read_bytes()
    data = data.replace(b" | SuaraBanyumas.com</title>", b"</title>")
    assert read_page(data).published == dt.date(2024, 12, 16)


def test_an_old_sites_h2_headline_is_followed_by_its_byline() -> None:
    """An old site shows its headline in an <h2> (no <h1>): the date under it is still read as
    the byline's, found by the headline's text, not left to htmldate's guess."""
    data = (PAGES / "windows1252.html").read_bytes()
    data = data.replace(b'<meta itemprop="datePublished" content="2023-01-17">', b"")
    page = read_page(data)
    assert page.published == dt.date(2023, 1, 17)
    assert page.published_from == 'byline "Selasa, 17 Januari 2023"'


def test_a_time_element_under_the_headline_is_the_bylines_date() -> None:
    """A <time datetime> between the headline and the body dates the article, not those in the
    related list below it."""
    data = (PAGES / "byline_date.html").read_bytes()
    data = data.replace(
        b"Senin, 16 Desember 2024 10:05 WIB", b'<time datetime="2024-12-16T10:05:00+07:00">Senin pagi</time>'
    )
    page = read_page(data)
    assert page.published == dt.date(2024, 12, 16)
    assert page.published_from == 'byline time[datetime="2024-12-16T10:05:00+07:00"]'


def test_a_date_htmldate_read_below_the_article_is_refused() -> None:
    """Without a dated byline, htmldate (asked for the original date) picks the oldest date on
    the page: here the related list's "Minggu, 15 Desember 2024", below the article. A date
    found only below the article's last paragraph is another article's: no date is given."""
    data = (PAGES / "byline_date.html").read_bytes().replace(b"Senin, 16 Desember 2024 10:05 WIB", b"")
    page = read_page(data)
    assert page.published is None
    assert page.published_from is None


def test_a_page_without_any_date_has_none() -> None:
    """No metadata, no byline, no date in the URL or the text: no date and no evidence, not the
    1 January that htmldate makes of the footer's "© 2024"."""
    data = (PAGES / "byline_date.html").read_bytes()
    data = data.replace(b"Senin, 16 Desember 2024 10:05 WIB", b"").replace(b"Desember 2024", b"")
    data = data.replace(b"Jumat (13/12/2024)", b"Jumat")
    page = read_page(data)
    assert page.published is None
    assert page.published_from is None


def test_a_declared_windows_1252_page_is_decoded_as_such() -> None:
    """A page labelled iso-8859-1 uses windows-1252 bytes for curly quotes and the ellipsis;
    they come out as those characters, not as control codes or replacement marks."""
    text = read("windows1252.html").text
    assert "“Kita tetap di zona hijau," in text
    assert "belum rutin dilakukan…" in text
    assert "Maria Sébastiana Lubis" in text
    assert "\ufffd" not in text
    assert "\x85" not in text


def test_a_byte_order_mark_decides_the_encoding() -> None:
    """A UTF-8 BOM is read as the encoding and does not reach the text; so is a UTF-16 one."""
    utf8 = read("bom_publishdate.html")
    assert utf8.title is not None and utf8.title.startswith("Ombudsman: Kota Blitar")
    text = (PAGES / "meta_published_time.html").read_text(encoding="utf-8")
    utf16 = read_page(text.encode("utf-16"))  # with its BOM, although the page says utf-8
    assert utf16.text == read("meta_published_time.html").text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<p>“Kami” – Pemkab</p>".encode("cp1252"), "“Kami” – Pemkab"),  # undeclared legacy bytes
        ("<p>“Kami” – Pemkab</p>".encode() + b"\xff", "“Kami” – Pemkab"),  # UTF-8, one bad byte
        (b'<meta charset="rot13"><p>Nilai 88,12</p>', "Nilai 88,12"),  # not a web encoding
        (b'<meta charset="no-such-charset"><p>Nilai 88,12</p>', "Nilai 88,12"),
    ],
)
def test_decoding_falls_back_without_failing(data: bytes, expected: str) -> None:
    """Without a usable declaration the page is UTF-8, or windows-1252 when no byte of it is
    UTF-8; a bad byte is replaced, and a label naming no web encoding is ignored."""
    from extractor.pages import _decode

    assert expected in _decode(data)


def test_a_date_later_than_today_is_still_read() -> None:
    """htmldate's default bound is 'today', which would make the result depend on the day the
    page is read; the bound is fixed, so a (mistyped) date in 2098 reads as written."""
    data = (PAGES / "byline_date.html").read_bytes()
    data = data.replace(b"Senin, 16 Desember 2024 10:05 WIB", b"Senin, 15 Desember 2098 10:05 WIB")
    assert read_page(data).published == dt.date(2098, 12, 15)
