"""Saved news pages read into the article text the engines read (``extractor.pages``).

The pages under tests/fixtures/pages/ are written for these tests in the styles of Indonesian
news and government sites; each article's sentences are known, so what is kept and what is left
out can be checked line by line. pytest runs with --block-network: a fetch would fail the test.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractor.pages import NotAnArticlePage, Page, read_page

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ARTICLES = [
    "meta_published_time.html",
    "jsonld_date.html",
    "byline_date.html",
    "windows1252.html",
    "table_results.html",
    "bom_publishdate.html",
]


def read(name: str, url: str | None = None) -> Page:
    return read_page((PAGES / name).read_bytes(), url=url)


@pytest.mark.parametrize("name", ARTICLES)
def test_text_is_headline_blank_line_then_paragraphs(name: str) -> None:
    """The text has the .txt articles' shape: headline, blank line, paragraphs split by one
    blank line each, no line padded with spaces, and the headline is not repeated below."""
    page = read(name)
    assert page.title is not None
    headline, rest = page.text.split("\n\n", 1)
    assert headline == page.title
    assert headline not in rest
    assert "\n\n\n" not in page.text
    assert all(line == line.strip() for line in page.text.split("\n"))
    assert len(rest.split("\n\n")) >= 4


@pytest.mark.parametrize("name", ARTICLES)
def test_the_text_is_the_article_and_nothing_else(name: str) -> None:
    """The whole text equals the article as written in the page (the .txt beside it, checked
    by eye against the page): every paragraph, in order, and no line of the site's."""
    expected = (PAGES / name).with_suffix(".txt").read_text(encoding="utf-8")
    assert read(name).text + "\n" == expected


def grown(data: bytes, kib: int = 150) -> bytes:
    """The page with what makes saved portal pages weigh 100-500 KiB added before </body>:
    inline scripts, a mega menu and teasers of other articles under linked headlines."""
    chunks = [
        f"<script>window.__S{n}__={{'ads':[{'1,' * 300}1]}};</script>"
        f"<nav><ul>{''.join(f'<li><a href=/k/{n}/{i}>Kanal {i}</a></li>' for i in range(30))}</ul></nav>"
        f"<div class=teaser><a href=/r/{n}><h3>Berita lain nomor {n} hari ini</h3></a>"
        f"<p>Ringkasan berita lain nomor {n}, tak berhubungan dengan artikel ini.</p></div>"
        for n in range(kib * 1024 // 1800)
    ]
    return data.replace(b"</body>", "".join(chunks).encode() + b"</body>", 1)


@pytest.mark.parametrize("name", ["meta_published_time.html", "windows1252.html", "table_results.html"])
def test_a_heavy_page_gives_the_same_article(name: str) -> None:
    """Grown to portal weight with menus, scripts and teasers, a page gives the same article:
    on a page laid out in a table the extra blocks must not take the article's place."""
    data = (PAGES / name).read_bytes()
    assert len(grown(data)) > 140 * 1024
    assert read_page(grown(data)).text == read(name).text


@pytest.mark.parametrize(
    ("name", "site_text"),
    [
        ("meta_published_time.html", "Baca Juga"),
        ("meta_published_time.html", "Banjir Rendam Puluhan Rumah"),  # a "Baca Juga" link inside the body
        ("meta_published_time.html", "Harga Cabai"),
        ("meta_published_time.html", "cookie"),
        ("meta_published_time.html", "Indeks Berita"),  # menu
        ("meta_published_time.html", "Kota Magelang Pertahankan"),  # related articles
        ("meta_published_time.html", "Mantap, semoga pelayanan"),  # a reader's comment
        ("meta_published_time.html", "Hak cipta"),  # footer
        ("meta_published_time.html", "Bagikan"),  # share buttons
        ("meta_published_time.html", "Persitema"),  # sidebar
        ("meta_published_time.html", "gtag"),  # script
        ("jsonld_date.html", "Baca juga"),
        ("jsonld_date.html", "Lima Kuliner Legendaris"),
        ("jsonld_date.html", "Selamat untuk Kota Salatiga"),  # comment
        ("jsonld_date.html", "Tampilkan Semua"),  # pagination
        ("jsonld_date.html", "#Ombudsman RI"),  # tags
        ("jsonld_date.html", "Pemkot Semarang Target"),  # related
        ("jsonld_date.html", "All Rights Reserved"),
        ("byline_date.html", "BACA JUGA"),
        ("byline_date.html", "Car Free Day"),
        ("byline_date.html", "Rabu, 18 Desember 2024"),  # the header's "today"
        ("byline_date.html", "Cilacap Raih Zona Hijau"),
        ("byline_date.html", "Longsor di Ajibarang"),
        ("windows1252.html", "Beranda"),
        ("windows1252.html", "Jajak Pendapat"),  # the right column of a page laid out in a table
        ("windows1252.html", "Kotim Masih di Zona Kuning"),
        ("windows1252.html", "Dilarang mengutip"),
        ("table_results.html", "SP4N LAPOR"),  # sidebar widget
        ("table_results.html", "Festival Kopi"),
        ("bom_publishdate.html", "ADVERTISEMENT"),
        ("bom_publishdate.html", "SCROLL TO CONTINUE"),
        ("bom_publishdate.html", "Baca juga"),
        ("bom_publishdate.html", "500 Aduan Soal PPDB"),
        ("bom_publishdate.html", "Simak Video"),
        ("bom_publishdate.html", "Gambas"),
        ("bom_publishdate.html", "Belum ada komentar"),
        ("bom_publishdate.html", "Tulungagung"),
    ],
)
def test_site_boilerplate_is_left_out(name: str, site_text: str) -> None:
    """Menus, 'Baca juga' links, related lists, comments, tags, share buttons, cookie banners,
    sidebars and footers are the site's, not the article's: none reaches the engines."""
    assert site_text.casefold() not in read(name).text.casefold()


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        (
            "meta_published_time.html",
            "TEMANGGUNG, Radar Kedu – Pemerintah Kabupaten Temanggung meraih zona hijau dengan nilai 88,12 "
            "dalam Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik 2024 yang digelar Ombudsman "
            "Republik Indonesia.",
        ),
        (
            "meta_published_time.html",
            "Menurut dia, nilai tertinggi diraih DPMPTSP dengan 92,05, sedangkan Dinas Sosial memperoleh "
            "nilai terendah, yakni 81,33, namun tetap berada di zona hijau.",
        ),
        (
            "jsonld_date.html",
            "Selain Salatiga, Kabupaten Semarang memperoleh nilai 86,02 dan Kabupaten Boyolali 83,75.",
        ),
        (
            "byline_date.html",
            "PURWOKERTO - Kabupaten Banyumas hanya memperoleh nilai 73,56 dalam Penilaian Kepatuhan",
        ),
        ("byline_date.html", "ketika Banyumas meraih 81,20 dan berada di zona hijau."),
        (
            "windows1252.html",
            "yang dilakukan Ombudsman RI, dengan nilai 80,33.",
        ),
        ("bom_publishdate.html", '"Tahun lalu nilai kami 90,12. Kenaikan ini berkat perbaikan'),
        ("table_results.html", "Pemerintah Kabupaten Pati memperoleh nilai 87,64 dalam Penilaian"),
    ],
)
def test_sentences_with_the_scores_are_kept_verbatim(name: str, sentence: str) -> None:
    """The sentences that carry the scores reach the engines exactly as the page wrote them
    (a bold dateline stays in its paragraph)."""
    assert sentence in read(name).text


def test_a_results_table_stays_as_one_block_of_rows() -> None:
    """A table of scores per unit is the article's results: kept, a line per row, in order."""
    blocks = read("table_results.html").text.split("\n\n")
    table = next(block for block in blocks if block.startswith("|"))
    assert table.split("\n") == [
        "| Unit Layanan | Nilai | Zona |",
        "| Dinas Kependudukan dan Pencatatan Sipil | 91,20 | Hijau |",
        "| DPMPTSP | 89,75 | Hijau |",
        "| Dinas Kesehatan | 85,10 | Hijau |",
        "| Dinas Sosial P3AKB | 84,02 | Hijau |",
        "| RSUD RAA Soewondo | 78,13 | Hijau |",
    ]


def test_a_results_table_inside_a_layout_table_is_kept_and_the_layout_is_not() -> None:
    """On a page laid out in a table, a data table inside the article is kept while the layout's
    other cells (menu, poll, footer) stay out."""
    data = (PAGES / "windows1252.html").read_bytes()
    table = (
        b"<table><tr><th>Unit layanan</th><th>Nilai</th></tr>"
        b"<tr><td>Dinas Kesehatan</td><td>82,40</td></tr><tr><td>DPMPTSP</td><td>88,10</td></tr></table>"
    )
    text = read_page(data.replace(b"<p>Menurut dia", table + b"<p>Menurut dia")).text
    assert "| Unit layanan | Nilai |\n| Dinas Kesehatan | 82,40 |\n| DPMPTSP | 88,10 |" in text
    assert "Jajak Pendapat" not in text
    assert "Beranda" not in text


def test_a_headline_set_over_two_lines_is_one_line() -> None:
    """A line break inside the <h1> (and a zero-width space) does not split the first line."""
    data = (PAGES / "byline_date.html").read_bytes()
    data = data.replace(
        b"<h1>Nilai Kepatuhan Banyumas Turun,", "<h1>Nilai Kepatuhan\u200b Banyumas\n  Turun,".encode()
    )
    page = read_page(data)
    assert page.title == "Nilai Kepatuhan Banyumas Turun, Ombudsman Beri Zona Kuning"
    assert page.text.split("\n")[:2] == [page.title, ""]


def test_the_same_bytes_give_the_same_page() -> None:
    """Reading is deterministic: nothing carried from an earlier call changes the result."""
    for name in ARTICLES:
        first = read(name)
        read("jsonld_date.html")  # another page read in between
        assert read(name) == first


def test_the_extractor_is_named_with_its_version() -> None:
    """A record says what took its text out of the page, version included."""
    assert read("jsonld_date.html").extractor.startswith("trafilatura 2.")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ((PAGES / "index_page.html").read_bytes(), "index page"),
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"<html><head><title>Radar Kedu</title></head><body></body></html>", "no main text"),
        (
            b"<html><body><nav><a href='/'>Beranda</a> <a href='/daerah'>Daerah</a></nav>"
            b"<h1>404</h1><p>Maaf, halaman yang Anda cari tidak ditemukan.</p></body></html>",
            "too little text",
        ),
        # A URL given as the page: never downloaded, just not a page.
        (b"https://radarkedu.example.id/daerah/2024/pemkab-temanggung", "article"),
    ],
)
def test_a_page_without_an_article_is_refused_saying_what_to_do(data: bytes, reason: str) -> None:
    """An index page, an empty page or an error page has no article: the error says so and
    tells the user to save the article's own page or its text instead."""
    with pytest.raises(NotAnArticlePage, match=reason) as raised:
        read_page(data)
    assert "save the article's own page" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_damaged_bytes_never_crash() -> None:
    """Any bytes give a Page or NotAnArticlePage, never another exception (a fixed seed makes
    the damage the same on every run)."""
    source = (PAGES / "meta_published_time.html").read_bytes()
    rng = random.Random(20241216)
    samples = [bytes(rng.randrange(256) for _ in range(rng.randrange(2000))) for _ in range(20)]
    for _ in range(40):
        damaged = bytearray(source)
        for _ in range(rng.randrange(1, 60)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        samples.append(bytes(damaged))
    samples += [b"\x00" * 100, b"[" * 50_000, b"<div>" * 20_000, source.replace(b"Temanggung", b"Te\x00ng")]
    read_any = 0
    for data in samples:
        try:
            read_page(data)
            read_any += 1
        except NotAnArticlePage:
            pass
    assert read_any >= 30  # most damaged copies of an article are still read
