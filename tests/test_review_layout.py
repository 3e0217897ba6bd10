"""Review v2 layout in a real browser, at 1366×900 and at 390×844 (a phone, touch): the panels on a
phone, the scroll reset per record, Esc in the filter, long values in the correct form, the 2025
opini grade options, and the page in Indonesian or English. Every check waits on the page's own
state, never on a fixed time.

Screenshots: ``artifacts/review/v2-<size>-*.png``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.review import ReviewServer
from tests import reviewkit
from tests.reviewkit import SIZES, browser_context, open_record, press, shot, tab

pytestmark = pytest.mark.skipif(
    not reviewkit.CHROMIUM.exists(), reason="Debian's Chromium is not installed: apt-get install -y chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ReviewServer]:
    reviewkit.folder_v2(tmp_path / "out")
    with reviewkit.running_server(tmp_path / "out") as running:
        yield running


@pytest.fixture
def page(browser: Any, server: ReviewServer, size: str) -> Iterator[Any]:
    with reviewkit.watched_page(browser, server.url, **browser_context(size)) as opened:
        expect(opened.locator("#queue-list li")).to_have_count(6)
        yield opened


def _inside_viewport(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    return (
        bool(box)
        and box["x"] >= 0
        and box["x"] + box["width"] <= viewport["width"] + 0.5
        and (box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 0.5)
    )


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_each_panel_fits_the_screen_the_buttons_are_in_reach_and_a_quote_shows_its_words(
    page: Any, size: str
) -> None:
    """Phone: one panel at a time from the tab bar, nothing wider than the screen, the decision
    buttons on screen without scrolling, a tap on a value's quote brings its words forward in
    the article. Wide screen: the three columns side by side, none over another."""
    open_record(page, size, "batu")
    for button in ("#accept", "#edit", "#reject"):
        assert _inside_viewport(page, button), f"{button} is off screen"
    assert _no_sideways_scroll(page)
    if size == "phone":
        expect(page.locator("#article")).to_be_hidden()
        shot(page, size, "10-values-panel")
        tab(page, size, "article")
        expect(page.locator("#text")).to_be_visible()
        assert _no_sideways_scroll(page)
        text = page.locator("#text").bounding_box()
        assert text is not None and text["x"] + text["width"] <= SIZES[size]["width"]
        shot(page, size, "11-article-panel")
        tab(page, size, "queue")
        expect(page.locator("#f-status")).to_be_visible()
        assert _no_sideways_scroll(page)
        shot(page, size, "12-queue-panel")
        tab(page, size, "panel")
    else:
        boxes = [page.locator(sel).bounding_box() for sel in ("nav#queue", "#article", "#panel")]
        assert all(boxes) and all(a["x"] + a["width"] <= b["x"] + 0.5 for a, b in itertools.pairwise(boxes))
        assert boxes[-1]["x"] + boxes[-1]["width"] <= SIZES[size]["width"]
    quote = page.locator('tr[data-key="zone"] .quote')
    quote.scroll_into_view_if_needed()
    press(page, size, 'tr[data-key="zone"] .quote')
    focused = page.locator('#text mark.focus[data-fields~="zone"]')
    expect(focused).to_have_text("zona hijau")
    expect(focused).to_be_in_viewport()
    if size == "phone":
        expect(page.locator('#tabs [data-tab="article"]')).to_have_attribute("aria-selected", "true")
    shot(page, size, "13-quote-tapped")


def test_a_record_opens_at_its_top_whatever_the_previous_one_was_scrolled_to(page: Any, size: str) -> None:
    """jember has fourteen units: scrolled to its end, the next record still opens at its top."""
    open_record(page, size, "jember")
    expect(page.locator('tr[data-key="units[13]"]')).to_be_attached()
    page.locator('tr[data-key="units[13]"]').scroll_into_view_if_needed()
    scrolled = "document.querySelector('#panel').scrollTop + window.scrollY"
    assert page.evaluate(scrolled) > 0
    if size == "phone":
        press(page, size, "#next")
    else:
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.keyboard.press("j")
    expect(page.locator("#title")).to_contain_text("kediri")
    assert page.evaluate(scrolled) == 0
    shot(page, size, "14-next-record-at-its-top")


def test_esc_leaves_the_filter_without_clearing_it(page: Any, size: str) -> None:
    """Esc in the subject filter takes the keys back for the shortcuts and keeps what was typed."""
    tab(page, size, "queue")
    page.locator("#f-subject").fill("tomo")
    expect(page.locator("#queue-list li")).to_have_count(1)
    # The filter opens its first record: "e" is for that record once it is shown (pressed before,
    # it begins correcting the record shown until then, and the page rightly closes that form).
    expect(page.locator("#title")).to_contain_text("tomohon")
    page.locator("#f-subject").press("Escape")
    expect(page.locator("#f-subject")).to_have_value("tomo")
    assert page.evaluate("document.activeElement === document.body")
    expect(page.locator("#queue-list li")).to_have_count(1)
    page.keyboard.press("e")  # a shortcut again: the correct form opens
    expect(page.locator("body")).to_have_class("editing")
    shot(page, size, "15-filter-kept-after-esc")


def test_a_long_value_shows_whole_in_the_correct_form(page: Any, size: str) -> None:
    """A 160-character name wraps in its box, which grows to show all of it, within the screen."""
    open_record(page, size, "batu")
    press(page, size, "#edit")
    name = page.locator('[data-path="subject.name"]')
    long_name = (
        "Pemerintah Kota Batu "
        + "dan Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu " * 2
        + "Jawa Timur"
    )
    name.fill(long_name)
    expect(name).to_have_value(long_name)
    whole = name.evaluate("box => box.scrollHeight <= box.clientHeight + 2 && box.clientHeight > 40")
    assert whole, "the box cuts the value"
    box = name.bounding_box()
    assert box is not None and box["x"] + box["width"] <= SIZES[size]["width"]
    assert _no_sideways_scroll(page)
    name.scroll_into_view_if_needed()
    shot(page, size, "16-long-value")


def test_grades_are_offered_as_the_year_prints_them_2025_opini_labels_included(page: Any, size: str) -> None:
    """The 2025 opini shows its label ("Kualitas Tertinggi Tanpa Maladministrasi") and offers the
    opini labels; a 2024 record offers the letters; switching the form to the opini relabels."""
    open_record(page, size, "ambon")
    expect(page.locator('tr[data-key="grade"] .leaf')).to_contain_text(
        "Kualitas Tertinggi Tanpa Maladministrasi (tertinggi)"
    )
    press(page, size, "#edit")
    grade = page.locator('select[data-path="grade"]')
    expect(grade.locator("option")).to_contain_text(
        [
            "—",
            "Kualitas Tertinggi Tanpa Maladministrasi (tertinggi)",
            "Kualitas Tinggi (tinggi)",
            "Kualitas Sedang (sedang)",
        ]
    )
    assessment = page.locator('select[data-path="assessment"]')
    assert assessment.evaluate("s => s.selectedOptions[0].textContent") == "Ombudsman opini (2025 on)"
    grade.scroll_into_view_if_needed()
    shot(page, size, "17-opini-2025-grades")
    press(page, size, "#cancel")
    open_record(page, size, "batu")
    press(page, size, "#edit")
    expect(grade.locator('option[value="tinggi"]')).to_have_text("tinggi (kategori B)")
    assessment.select_option("ombudsman_opini_2025")
    expect(grade.locator('option[value="tinggi"]')).to_have_text("Kualitas Tinggi (tinggi)")


def test_the_page_speaks_indonesian_when_the_browser_asks_and_the_toggle_switches(
    browser: Any, server: ReviewServer, size: str
) -> None:
    """A browser asking for Indonesian gets the page in Indonesian; the toggle switches to English
    and the choice holds after a reload; a browser asking for English gets English."""
    with reviewkit.watched_page(browser, server.url, **browser_context(size, "id-ID")) as page:
        expect(page.locator("#accept")).to_have_text("Terima (a)")
        expect(page.locator("html")).to_have_attribute("lang", "id")
        expect(page.locator("#progress-text")).to_have_text("0 dari 6 rekaman bertanda sudah diputuskan")
        expect(page.locator('#tabs [data-tab="queue"]')).to_have_text("Antrean")
        expect(page.locator('tr[data-key="grade"] td.label')).to_have_text("predikat")
        shot(page, size, "18-indonesian")
        page.locator("#lang").click()
        expect(page.locator("#accept")).to_have_text("Accept (a)")
        expect(page.locator('tr[data-key="grade"] td.label')).to_have_text("grade")
        page.reload()
        expect(page.locator("#progress-text")).to_have_text("0 of 6 flagged records settled")
        expect(page.locator("#accept")).to_have_text("Accept (a)")
    with reviewkit.watched_page(browser, server.url, **browser_context(size, "en-GB")) as page:
        expect(page.locator("#accept")).to_have_text("Accept (a)")
        expect(page.locator("html")).to_have_attribute("lang", "en")
