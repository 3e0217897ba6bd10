"""Review v2 in a real browser, at 1366×900 and at 390×844 (a phone, touch): choosing a value's
quote in the article, confirming the flags a correction raises, reloading after a stale write
without losing the typed correction, undo and reopen, a flag's words marked in its colour, the
progress and "all done". Every check waits on the page's own state, never on a fixed time.

Screenshots: ``artifacts/review/v2-<size>-*.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.review import ReviewServer
from extractor.store import read_record, record_path
from schemas.record import ReviewAction, Status
from tests import reviewkit
from tests.reviewkit import open_record, press, shot, tab

pytestmark = pytest.mark.skipif(
    not reviewkit.CHROMIUM.exists(), reason="Debian's Chromium is not installed: apt-get install -y chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect


@pytest.fixture
def out(tmp_path: Path) -> Path:
    reviewkit.folder_v2(tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture
def server(out: Path) -> Iterator[ReviewServer]:
    with reviewkit.running_server(out) as running:
        yield running


@pytest.fixture
def page(browser: Any, server: ReviewServer, size: str) -> Iterator[Any]:
    with reviewkit.watched_page(browser, server.url, **reviewkit.browser_context(size)) as opened:
        expect(opened.locator("#queue-list li")).to_have_count(6)
        yield opened


# Finds ``words`` in the article's text nodes: the (node, offset) of its first and last character,
# kept on the window, and the screen points of those characters for a mouse drag.
_FIND_WORDS = """(words) => {
  const nodes = [];
  let text = '';
  const walker = document.createTreeWalker(document.querySelector('#text'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  const place = (offset) => {
    const [node, start] = nodes.find(([n, s]) => offset < s + n.data.length);
    return [node, offset - start];
  };
  const at = text.indexOf(words);
  const [first, i] = place(at);
  const [last, j] = place(at + words.length - 1);
  window.wantedWords = [first, i, last, j + 1];
  const rect = (node, offset) => {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return range.getBoundingClientRect();
  };
  const a = rect(first, i);
  const b = rect(last, j);
  return { x0: a.left + 1, y0: a.top + a.height / 2, x1: b.right - 1, y1: b.top + b.height / 2 };
}"""
_SELECT_WANTED = """() => {
  const [first, i, last, j] = window.wantedWords;
  const range = document.createRange();
  range.setStart(first, i);
  range.setEnd(last, j);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def select_words(page: Any, size: str, words: str) -> None:
    """Select ``words`` in the article: a mouse drag on a wide screen; on a phone, the selection a
    long press and its handles make (set through the Selection API: Chromium has no touch drag)."""
    points = page.evaluate(_FIND_WORDS, words)
    if size == "phone":
        page.evaluate(_SELECT_WANTED)
    else:
        page.mouse.move(points["x0"], points["y0"])
        page.mouse.down()
        page.mouse.move(points["x1"], points["y1"], steps=8)
        page.mouse.up()
    expect(page.locator("#pick-preview")).to_have_text(f"“{words}”")


def test_words_chosen_in_the_article_become_the_value_s_quote(page: Any, out: Path, size: str) -> None:
    """Correcting batu's score, the reviewer points it at "82,28": the row shows the chosen words,
    the saved record keeps them beside the machine's quote, and the article highlights them (not
    the machine's "meraih nilai 82,28") as the score's evidence."""
    open_record(page, size, "batu")
    press(page, size, "#edit")
    page.locator('[data-path="score"]').fill("82,28")
    press(page, size, 'tr[data-key="score"] button.pick')
    expect(page.locator("#pick-bar")).to_be_visible()
    select_words(page, size, "82,28")
    shot(page, size, "01-choosing-words")
    press(page, size, "#use-selection")
    expect(page.locator('tr[data-key="score"] .quote.chosen')).to_contain_text("“82,28”")
    expect(page.locator("#pick-bar")).to_be_hidden()
    press(page, size, "#save")
    expect(page.locator("#saved")).to_contain_text("Saved: correct on batu")
    expect(page.locator('#queue-list li[data-id="batu"]')).to_have_count(0)  # reviewed: out of the queue
    expect(page.locator('mark[data-fields~="score"]')).to_have_text("82,28")
    row = page.locator('tr[data-key="score"]')
    expect(row).to_contain_text("reviewer's quote: “82,28”")
    expect(row.locator(".machine-quote")).to_contain_text("meraih nilai 82,28")
    shot(page, size, "02-chosen-quote-saved")
    batu = read_record(record_path(out, "batu"))
    assert batu.review[-1].evidence["score"].quote == "82,28"
    assert batu.extraction is not None and batu.extraction.evidence["score"].quote == "meraih nilai 82,28"


def test_a_correction_s_new_flag_is_shown_and_saved_only_when_confirmed(
    page: Any, out: Path, size: str
) -> None:
    """A grade on the 2021 record raises grade_before_2022: the save shows the flag and writes
    nothing; changing the correction takes the flag away until saved again; confirmed, it is saved
    with the flag settled, and the history says so."""
    open_record(page, size, "tomohon")
    press(page, size, "#edit")
    grade = page.locator('[data-path="grade"]')
    grade.select_option("sedang")
    press(page, size, "#save")
    expect(page.locator("#new-flags")).to_contain_text("grade_before_2022")
    expect(page.locator("#banner")).to_contain_text("Not saved yet")
    assert read_record(record_path(out, "tomohon")).review == []
    grade.select_option("tinggi")  # another correction: what was shown for the first one goes
    expect(page.locator("#new-flags")).to_be_hidden()
    press(page, size, "#save")
    expect(page.locator("#new-flags")).to_contain_text("grade_before_2022")
    page.locator("#new-flags").scroll_into_view_if_needed()
    shot(page, size, "03-new-flag-to-confirm")
    press(page, size, "#confirm-flags")
    expect(page.locator("#saved")).to_contain_text("Saved: correct on tomohon")
    expect(page.locator("#record-status")).to_have_attribute("data-status", "reviewed")
    expect(page.locator("#history")).to_contain_text("settled: grade_before_2022 (grade)")
    decision = read_record(record_path(out, "tomohon")).review[-1]
    assert [(r.code, r.field) for r in decision.resolved] == [("grade_before_2022", "grade")]


def test_reload_after_a_stale_write_keeps_the_record_and_the_typed_correction(
    page: Any, out: Path, size: str
) -> None:
    """Another session accepts batu while the reviewer types a correction: the save is refused;
    "Reload record" shows batu again with the other decision and the typed score still there,
    and saving then works."""
    open_record(page, size, "batu")
    press(page, size, "#edit")
    page.locator('[data-path="score"]').fill("82,28")
    page.locator('[data-path="subject.region_code"]').fill("35.79")
    with reviewkit.running_server(out, "budi") as other:
        version = reviewkit.call(other, "GET", "/api/records/batu")[1]["version"]
        body = {"version": version, "action": "accept"}
        assert reviewkit.call(other, "POST", "/api/records/batu/decision", body)[0] == 200
    press(page, size, "#save")
    expect(page.locator("#banner")).to_contain_text("another review session")
    press(page, size, "#reload")
    expect(page.locator("#history")).to_contain_text("budi: accept")
    expect(page.locator("#title")).to_contain_text("batu")
    expect(page.locator('[data-path="score"]')).to_have_value("82,28")
    expect(page.locator('[data-path="subject.region_code"]')).to_have_value("35.79")
    expect(page.locator("#banner")).to_contain_text("still typed in")
    shot(page, size, "04-reloaded-with-typed-correction")
    press(page, size, "#save")
    expect(page.locator("#saved")).to_contain_text("Saved: correct on batu")
    reviewers = [(d.reviewer, d.action) for d in read_record(record_path(out, "batu")).review]
    assert reviewers == [("budi", ReviewAction.accept), ("ana", ReviewAction.correct)]


def test_undo_and_reopen_are_decisions_and_the_confirmation_stays(page: Any, out: Path, size: str) -> None:
    """An accept moves on to the next record while its confirmation stays in sight; Undo brings the
    record back, flagged, with the accept marked undone; a reject is reopened from the reviewed
    records. Both are appended to the file, nothing removed."""
    open_record(page, size, "kediri")
    press(page, size, "#accept")
    expect(page.locator("#title")).to_contain_text("malang")  # moved on
    expect(page.locator("#saved")).to_contain_text("Saved: accept on kediri")
    shot(page, size, "05-saved-stays-after-moving-on")
    press(page, size, "#undo")
    expect(page.locator("#saved")).to_contain_text("Undone: the last decision on kediri")
    expect(page.locator("#title")).to_contain_text("kediri")
    expect(page.locator("#record-status")).to_have_attribute("data-status", "flagged")
    expect(page.locator("#history li.undone")).to_have_count(1)
    shot(page, size, "06-undone")
    kediri = read_record(record_path(out, "kediri"))
    assert [(d.action, d.undoes) for d in kediri.review] == [
        (ReviewAction.accept, None),
        (ReviewAction.undo, 0),
    ]

    open_record(page, size, "malang")
    press(page, size, "#reject")
    expect(page.locator("#saved")).to_contain_text("Saved: reject on malang")
    tab(page, size, "queue")
    page.select_option("#f-status", "reviewed")
    expect(page.locator("#queue-list li")).to_have_count(1)
    open_record(page, size, "malang")
    press(page, size, "#reopen")
    expect(page.locator("#record-status")).to_have_attribute("data-status", "flagged")
    expect(page.locator("#reopen")).to_be_hidden()
    malang = read_record(record_path(out, "malang"))
    assert [d.action for d in malang.review] == [ReviewAction.reject, ReviewAction.reopen]
    assert malang.status == Status.flagged
    if size == "desktop":  # the keyboard: "a" accepts, "u" takes it back
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.keyboard.press("a")
        expect(page.locator("#saved")).to_contain_text("Saved: accept on malang")
        page.keyboard.press("u")
        expect(page.locator("#saved")).to_contain_text("Undone: the last decision on malang")
        assert [d.action for d in read_record(record_path(out, "malang")).review][-1] == ReviewAction.undo


def test_a_flag_s_words_are_marked_in_its_colour_and_shown_from_the_flag(page: Any, size: str) -> None:
    """batu's score_zone_mismatch points at its score and zone quotes: both are underlined in the
    error colour, and a tap on the flag shows exactly those words in the article."""
    open_record(page, size, "batu")
    flag = page.locator('tr[data-key="zone"] .flag[data-code="score_zone_mismatch"]')
    flag_id = flag.get_attribute("data-flag-id")
    marks = page.locator(f'#text mark[data-flags~="{flag_id}"]')
    expect(marks).to_have_count(2)
    expect(marks.nth(1)).to_have_text("zona hijau")
    expect(marks.nth(1)).to_have_class("flagmark flag-error")
    colour = marks.nth(1).evaluate("m => getComputedStyle(m).textDecorationColor")
    assert colour == "rgb(204, 0, 0)"
    expect(page.locator("#legend")).to_contain_text("flagged words:")
    flag.scroll_into_view_if_needed()
    press(page, size, f'tr[data-key="zone"] .flag[data-flag-id="{flag_id}"]')
    expect(page.locator("#text mark.focus")).to_have_count(2)
    expect(page.locator("#text mark.focus").nth(1)).to_be_in_viewport()
    shot(page, size, "07-flag-words-marked")


def test_progress_counts_the_settled_records_and_the_end_says_all_done(
    page: Any, server: ReviewServer, size: str
) -> None:
    """With five of six flagged records decided elsewhere, the header says so; the last accept
    makes it six of six and the page says all is done, with the way to the reviewed records."""
    for record_id in ("ambon", "batu", "jember", "malang", "tomohon"):
        version = reviewkit.call(server, "GET", f"/api/records/{record_id}")[1]["version"]
        body = {"version": version, "action": "accept"}
        assert reviewkit.call(server, "POST", f"/api/records/{record_id}/decision", body)[0] == 200
    page.reload()
    expect(page.locator("#progress-text")).to_have_text("5 of 6 flagged records settled")
    expect(page.locator("#title")).to_contain_text("kediri")
    tab(page, size, "panel")
    press(page, size, "#accept")
    expect(page.locator("#progress-text")).to_have_text("6 of 6 flagged records settled")
    expect(page.locator("#all-done")).to_contain_text("All done: every flagged record is settled (6 of 6)")
    shot(page, size, "08-all-done")
    press(page, size, "#show-reviewed")
    expect(page.locator("#queue-list li")).to_have_count(6)
