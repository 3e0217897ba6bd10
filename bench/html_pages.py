"""Saved news pages whose article is known, for the HTML benchmarks.

* The fixture pages of the tests (tests/fixtures/pages/*.html), each with its article as a .txt
  beside it and its publication date below.
* Pages built at run time: every article of seeds/ and of the shared dev corpus
  (/work/shared/corpus/dev/articles, read where it is, never copied; skipped when absent)
  wrapped in four site templates with their boilerplate: a WordPress-style site (meta date,
  cookie banner, "Baca Juga" link, tags, share buttons, comments), a detik-style portal (JSON-LD
  date, ads, an inline "Baca juga" table, "Simak Video", related list), an old portal laid out
  in a table (date only in the text, poll and links in a side column) and a site whose paragraphs
  are <br>-separated (byline date under the headline, "today" in the header, dated related list).

An article's first line is its headline when it reads as one (short, no final full stop);
otherwise (some seeds start with the lead paragraph) the page gets a made-up headline. Lines of
a corpus text that are the site's own ("Baca juga: ...", "Simak breaking news ...") are kept in
the page but are not part of the known article: an extractor that keeps them leaks.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pages"
SEEDS = ROOT / "seeds"
DEV_ARTICLES = Path("/work/shared/corpus/dev/articles")
FIXTURE_DATES = {
    "meta_published_time": dt.date(2024, 12, 16),
    "jsonld_date": dt.date(2024, 12, 5),
    "byline_date": dt.date(2024, 12, 16),
    "windows1252": dt.date(2023, 1, 17),
    "table_results": dt.date(2024, 11, 20),
    "bom_publishdate": dt.date(2024, 11, 14),
}
_SITE_LINE = re.compile(r"(?:baca|simak|lihat)\s+(?:juga|selengkapnya|breaking|berita)", re.IGNORECASE)
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    *("Januari", "Februari", "Maret", "April", "Mei", "Juni"),
    *("Juli", "Agustus", "September", "Oktober", "November", "Desember"),
)


@dataclass(frozen=True)
class BenchPage:
    name: str
    group: str  # "fixtures", "seeds" or "dev"
    data: bytes
    headline: str
    paragraphs: tuple[str, ...]  # the article's, without the site's lines
    published: dt.date


def all_pages() -> list[BenchPage]:
    pages = fixture_pages()
    for group, folder in (("seeds", SEEDS), ("dev", DEV_ARTICLES)):
        if folder.is_dir():
            pages += built_pages(group, sorted(folder.glob("*.txt")))
    return pages


def fixture_pages() -> list[BenchPage]:
    pages = []
    for name, published in FIXTURE_DATES.items():
        lines = _lines((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
        data = (FIXTURES / f"{name}.html").read_bytes()
        pages.append(BenchPage(name, "fixtures", data, lines[0], tuple(lines[1:]), published))
    return pages


def built_pages(group: str, paths: list[Path]) -> list[BenchPage]:
    pages = []
    for number, path in enumerate(paths):
        lines = _lines(path.read_text(encoding="utf-8"))
        if len(lines) < 2:
            continue
        if len(lines[0]) > 150 or lines[0].endswith("."):
            lines.insert(0, f"Hasil Penilaian Kepatuhan Pelayanan Publik dari Ombudsman RI ({path.stem})")
        # A different, known date per article, so that a date found by chance is not right.
        published = dt.date(2024, 1, 1) + dt.timedelta(days=7 * number + 3)
        article = tuple(line for line in lines[1:] if not _SITE_LINE.match(line))
        for template_name, template in TEMPLATES.items():
            page = template(lines[0], lines[1:], published)
            name = f"{path.stem}@{template_name}"
            pages.append(BenchPage(name, group, page.encode("utf-8"), lines[0], article, published))
    return pages


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _spelled(day: dt.date) -> str:
    return f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _p(paragraphs: list[str]) -> list[str]:
    return [f"<p>{html.escape(p)}</p>" for p in paragraphs]


def wordpress(headline: str, paragraphs: list[str], published: dt.date) -> str:
    body = _p(paragraphs)
    read_also = '<p><strong>Baca Juga:</strong> <a href="/x">Banjir Rendam Pasar Kliwon</a></p>'
    body.insert(min(2, len(body)), read_also)
    title = html.escape(headline)
    modified = published + dt.timedelta(days=2)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - Warta Daerah</title>
<link rel="canonical" href="https://wartadaerah.example.id/berita/{published:%Y}/artikel">
<meta property="og:site_name" content="Warta Daerah"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published:%Y-%m-%d}T09:15:00+07:00">
<meta property="article:modified_time" content="{modified:%Y-%m-%d}T11:00:00+07:00">
<script>window.dataLayer=[];function gtag(){{dataLayer.push(arguments);}}gtag('config','G-1');</script>
</head><body>
<div class="cookie-notice"><p>Situs ini menggunakan cookie untuk pengalaman terbaik.
Dengan melanjutkan Anda menyetujui kebijakan privasi kami.</p><button>Oke</button></div>
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/daerah">Daerah</a></li>
<li><a href="/politik">Politik</a></li><li><a href="/hukum">Hukum</a></li>
<li><a href="/indeks">Indeks</a></li></ul></nav></header>
<main><article class="post"><h1 class="entry-title">{title}</h1>
<div class="entry-meta">Oleh Redaksi Warta Daerah | Editor: Admin</div>
<div class="share">Bagikan: <a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">X</a></div>
<div class="entry-content">{"".join(body)}</div>
<div class="tags">Tag: <a rel="tag" href="/tag/ombudsman">Ombudsman</a>
<a rel="tag" href="/tag/layanan">Pelayanan Publik</a></div>
</article>
<section class="related"><h3>Berita Terkait</h3><ul>
<li><a href="/a">Harga Beras Medium Naik Jelang Akhir Tahun</a></li>
<li><a href="/b">Ribuan Pelajar Ikuti Lomba Gerak Jalan</a></li></ul></section>
<section id="comments"><h3>2 Komentar</h3>
<div class="comment"><b>Warga Kota</b><p>Semoga pelayanan di kelurahan juga ikut berbenah.</p></div>
<div class="comment"><b>Andi</b><p>Selamat, tapi antrean di loket masih panjang setiap Senin pagi.</p></div>
</section></main>
<aside><h3>Terpopuler</h3><ol><li><a href="/c">Jalan Provinsi Longsor, Arus Dialihkan</a></li></ol></aside>
<footer><p>Tentang Kami | Pedoman Media Siber | Kontak</p>
<p>© {published.year} Warta Daerah. Seluruh hak cipta dilindungi.</p></footer>
</body></html>"""


def detik(headline: str, paragraphs: list[str], published: dt.date) -> str:
    body = _p(paragraphs)
    ads = '<div class="para_caption">ADVERTISEMENT</div><div>SCROLL TO CONTINUE WITH CONTENT</div>'
    body.insert(min(1, len(body)), ads)
    body.insert(
        min(3, len(body)),
        '<table class="linksisip"><tr><td><div><strong>Baca juga:</strong><br>'
        '<a href="/d-1">Kecelakaan Beruntun di Tol, Tiga Mobil Ringsek</a></div></td></tr></table>',
    )
    title = html.escape(headline)
    modified = published + dt.timedelta(days=1)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="portalNews">
<meta property="og:url" content="https://news.example.com/berita/d-123/artikel">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":{json.dumps(headline)},"datePublished":"{published:%Y-%m-%d}T14:00:00+07:00",
"dateModified":"{modified:%Y-%m-%d}T08:00:00+07:00"}}</script>
</head><body>
<div class="topnav"><a href="/">portalNews</a> <a href="/news">News</a> <a href="/finance">Finance</a>
<a href="/sport">Sport</a> <a href="/oto">Oto</a></div>
<article class="detail"><div class="detail__header"><h1 class="detail__title">{title}</h1>
<div class="detail__author">Tim Redaksi - portalNews</div></div>
<div class="detail__body-text">{"".join(body)}
<p><strong>Simak Video "Antrean Panjang di Kantor Samsat"</strong></p><p>[Gambas:Video 20detik]</p></div>
<div class="detail__body-tag"><a href="/tag/ombudsman">ombudsman</a>
<a href="/tag/pelayanan">pelayanan publik</a></div></article>
<div class="list-content"><h2>Berita Terkait</h2>
<article><a href="/d-2"><h3>Pemkot Gelar Operasi Pasar Murah di Lima Kecamatan</h3></a>
<span>{_spelled(published - dt.timedelta(days=3))}</span></article>
<article><a href="/d-3"><h3>Festival Budaya Digelar Akhir Pekan Ini</h3></a>
<span>{_spelled(published - dt.timedelta(days=9))}</span></article></div>
<footer><a href="/redaksi">Redaksi</a> <a href="/pedoman">Pedoman Media Siber</a>
<p>Copyright @ {published.year} portalNews. All right reserved</p></footer>
</body></html>"""


def old_table_layout(headline: str, paragraphs: list[str], published: dt.date) -> str:
    title = html.escape(headline)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title} - Kabar Nusantara Online</title></head><body>
<table width="980" border="0">
<tr><td colspan="2"><img src="/banner.gif" alt="Kabar Nusantara"></td></tr>
<tr><td colspan="2"><a href="/">Beranda</a> :: <a href="/daerah">Daerah</a> ::
<a href="/nasional">Nasional</a> :: <a href="/arsip">Arsip</a></td></tr>
<tr><td width="660" valign="top"><h2 class="judul">{title}</h2>
<span class="tgl">{_spelled(published)}</span> |
<a href="/cetak">Cetak</a> | <a href="/kirim">Kirim ke Teman</a>
<div class="isiberita">{"".join(_p(paragraphs))}</div>
<p>Berita ini telah dibaca 2.311 kali</p>
<p><b>Berita Terkait:</b><br>&raquo; <a href="/1">Petani Keluhkan Harga Pupuk Bersubsidi</a><br>
&raquo; <a href="/2">Sekolah Rusak Mulai Diperbaiki Bulan Depan</a></p></td>
<td width="320" valign="top"><p><b>Jajak Pendapat</b></p>
<form><input type="radio"> Puas<br><input type="radio"> Tidak puas</form>
<p><b>Agenda</b><br>Rapat paripurna DPRD membahas APBD perubahan</p></td></tr>
<tr><td colspan="2">Copyright © 2003-{published.year} Kabar Nusantara Online.
Dilarang mengutip tanpa izin.</td></tr></table>
</body></html>"""


def br_paragraphs(headline: str, paragraphs: list[str], published: dt.date) -> str:
    title = html.escape(headline)
    body = "<br><br>\n".join(html.escape(p) for p in paragraphs)
    saved = published + dt.timedelta(days=2)
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{title} | SuaraKita.com</title></head><body>
<div class="header"><div class="today">{_spelled(saved)}</div>
<div class="menu"><a href="/">HOME</a> | <a href="/pemerintahan">PEMERINTAHAN</a> |
<a href="/hukum">HUKUM</a> | <a href="/opini">OPINI</a></div></div>
<div class="detail"><h1>{title}</h1><div class="date">{_spelled(published)} 10:05 WIB</div>
<div class="reporter">Reporter: Tim Liputan</div>
<div class="isi">{body}<br><br>
<div class="bacajuga">BACA JUGA : <a href="/x">Pasar Malam Ramaikan Alun-alun Kota</a></div></div>
<div class="share">Share : <a href="#">FB</a> <a href="#">TW</a> <a href="#">WA</a></div></div>
<div class="terkait"><div class="judul">BERITA TERKAIT</div><ul>
<li><a href="/1">Bupati Resmikan Jembatan Penghubung Dua Desa</a>
<small>{_spelled(published - dt.timedelta(days=1))}</small></li>
<li><a href="/2">Ratusan Warga Ikuti Donor Darah Massal</a>
<small>{_spelled(published - dt.timedelta(days=4))}</small></li></ul></div>
<div class="fb-comments" data-href="https://suarakita.example.com/berita/1"></div>
<div class="footer"><a href="/redaksi">Susunan Redaksi</a> - <a href="/iklan">Info Iklan</a><br>
Copyright © {published.year} SuaraKita.com - All Rights Reserved</div>
</body></html>"""


TEMPLATES: dict[str, Callable[[str, list[str], dt.date], str]] = {
    "wordpress": wordpress,
    "detik": detik,
    "table-layout": old_table_layout,
    "br-paragraphs": br_paragraphs,
}


def padded(data: bytes, kib: int) -> bytes:
    """The page grown to about ``kib`` KiB the way real portal pages are: inline scripts and
    JSON, a mega menu and a long list of teasers, all before </body>. Saved pages of Indonesian
    portals weigh 100-500 KiB, the benchmark pages a few."""
    chunks: list[str] = []
    size = len(data)
    number = 0
    while size < kib * 1024:
        number += 1
        state = json.dumps({"ads": ["slot"] * 40, "id": number})
        menu = "".join(f"<li><a href=/k/{number}/{i}>Kanal {i}</a></li>" for i in range(30))
        chunk = (
            f"<script>window.__STATE_{number}__={state};</script>"
            f'<nav class="mega"><ul>{menu}</ul></nav>'
            f'<div class="teaser"><a href="/r/{number}"><h3>Berita lain nomor {number} hari ini</h3></a>'
            f"<p>Ringkasan singkat berita lain nomor {number}, tak berhubungan dengan artikel ini.</p></div>"
        )
        chunks.append(chunk)
        size += len(chunk)
    return data.replace(b"</body>", "".join(chunks).encode() + b"</body>", 1)
