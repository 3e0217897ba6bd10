"""Saved web pages as inputs, through the CLI: the engine reads the article's text (not the menus),
the record keeps that text with the page's address, title, site and date, offsets index it, and a
page with no article gets a failure record. ``extractor fetch`` then ``extractor extract`` on the
saved folder works end to end, against a local site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.inputs import source_text
from extractor.store import iter_record_paths, read_record
from schemas.record import Record, Status
from tests.test_fetch import Site

PAGES = Path(__file__).parent / "fixtures" / "pages"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def stored(out: Path) -> dict[str, Record]:
    return {read_record(p).record_id: read_record(p) for p in iter_record_paths(out)}


def test_a_saved_page_is_read_as_its_article_with_the_pages_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAGES / "meta_published_time.html", folder / "temanggung.html")
    shutil.copy(PAGES / "index_page.html", folder / "index.htm")
    out = tmp_path / "out"

    code, output = run("extract", str(folder), "--engine", "rules", "--out", str(out))

    assert code == 1, output  # the index page has no article
    records = stored(out)
    page = records["temanggung"]
    assert page.status != Status.failed and page.extraction is not None
    assert page.extraction.score == 88.12 and page.extraction.assessment_year == 2024
    source = page.source
    assert source.kind == "html" and source.text is not None and source.text_from
    assert source.text.startswith("Pemkab Temanggung Raih Zona Hijau")  # the headline first
    assert "Baca Juga" not in source.text
    assert source.url and source.url.startswith("https://")
    assert source.title and source.outlet and source.published_from
    assert isinstance(source.published, dt.date)
    assert page.extraction.published is not None
    evidence = page.extraction.evidence["score"]
    assert evidence.start is not None and evidence.end is not None
    assert source.text[evidence.start : evidence.end] == evidence.quote  # offsets index the kept text
    assert source_text(page)[0] == source.text
    index = records["index"]
    assert index.failure is not None and index.failure.kind == "not_an_article"
    assert str(folder / "index.htm") in output


def test_fetched_pages_are_extracted_with_their_address_from_the_meta_file(tmp_path: Path) -> None:
    """`extractor fetch` then `extractor extract` on what it saved: each record names the URL the
    page came from (after redirects), and a re-run skips the pages already done."""
    with Site() as site:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{site.url('/berita/batu-zona-hijau')}\n{site.url('/lama')}\n", encoding="utf-8")
        pages = tmp_path / "pages"
        code, output = run("fetch", str(urls), "--out", str(pages), "--delay", "0", "-q")
        assert code == 0, output

    out = tmp_path / "out"
    code, output = run("extract", str(pages), "--engine", "rules", "--out", str(out))
    assert code == 0, output
    records = list(stored(out).values())
    assert len(records) == 2  # the .meta.json files and the failure list are not articles
    # The test site's pages name no canonical address: the fetched (final) URL is the page's.
    assert {r.source.url for r in records} == {
        site.url("/berita/batu-zona-hijau"),
        site.url("/berita/sleman-2023"),
    }
    assert all(r.status != Status.failed for r in records)

    code, _ = run("extract", str(pages), "--engine", "rules", "--out", str(out))
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert code == 0 and summary["counts"]["skipped"] == 2


def test_a_page_changed_on_disk_is_extracted_again(tmp_path: Path) -> None:
    """Whether a record is current is judged on the page's bytes (its sha256)."""
    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "p.html"
    shutil.copy(PAGES / "byline_date.html", page)
    out = tmp_path / "out"
    assert run("extract", str(folder), "--engine", "rules", "--out", str(out))[0] == 0
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>Tambahan.</p></body>"))
    assert run("extract", str(folder), "--engine", "rules", "--out", str(out))[0] == 0
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["skipped"] == 0


def test_a_rerun_skips_a_current_page_without_reading_its_html_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a page's record is current is judged on the page's bytes, before its text is
    taken out: a re-run does no HTML work for pages already done."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAGES / "byline_date.html", folder / "p.html")
    out = tmp_path / "out"
    assert run("extract", str(folder), "--engine", "rules", "--out", str(out))[0] == 0

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the page was read again")

    monkeypatch.setattr("extractor.pages.read_page", refuse)
    assert run("extract", str(folder), "--engine", "rules", "--out", str(out))[0] == 0
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["skipped"] == 1
