"""The review page in a real browser: Debian's headless Chromium driven by Playwright.

A reviewer opens the queue, filters it, corrects a score (a score of 182 is refused with the
reason first), accepts a record and rejects one with the keyboard, reloads, and finds every
decision in the JSON files. The page must fetch nothing but its own server. Screenshots go to
``artifacts/review/*.png``.

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``) and the ``playwright`` package
(its driver only: no browser is downloaded). Skipped, saying so, when either is missing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.store import read_record, record_path
from schemas.record import ReviewAction, Status
from tests import reviewkit
from tests.conftest import PROJECT_ROOT

SHOTS = PROJECT_ROOT / "artifacts" / "review"

pytestmark = pytest.mark.skipif(
    not reviewkit.CHROMIUM.exists(), reason="Debian's Chromium is not installed: apt-get install -y chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    reviewkit.folder(tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture
def url(out: Path) -> Iterator[str]:
    with reviewkit.review_process(out) as address:
        yield address


@pytest.fixture
def page(url: str) -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(reviewkit.CHROMIUM), args=reviewkit.CHROMIUM_ARGS
        )
        with reviewkit.watched_page(browser, url, viewport=reviewkit.DESKTOP, locale="en-US") as page:
            yield page
        browser.close()


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _queue(page: Any) -> list[str]:
    return list(page.locator("#queue-list li").evaluate_all("items => items.map(li => li.dataset.id)"))


def test_a_reviewer_filters_corrects_accepts_and_rejects_and_the_decisions_persist(
    page: Any, out: Path
) -> None:
    expect = sync_api.expect
    # The queue of flagged records; the first is open, its quotes highlighted one colour per field.
    expect(page.locator("#queue-list li")).to_have_count(3)
    assert _queue(page) == ["batu", "kediri", "malang"]
    expect(page.locator("#title")).to_contain_text("batu")
    expect(page.locator('mark[data-fields~="score"]')).to_have_text("meraih nilai 82,28")
    expect(page.locator('tr[data-key="score"] .flag.error')).not_to_have_count(0)
    _shot(page, "01-queue-and-record")

    # Filter by flag code, then back to every flagged record.
    page.select_option("#f-code", "other_body_score")
    expect(page.locator("#queue-list li")).to_have_count(1)
    assert _queue(page) == ["malang"]
    expect(page.locator('tr[data-key="officials[0]"] .quote.unaligned')).to_contain_text("not found")
    _shot(page, "02-filtered-by-flag-unaligned-quote")
    page.select_option("#f-code", "")
    expect(page.locator("#queue-list li")).to_have_count(3)
    page.locator('#queue-list li[data-id="batu"]').click()
    expect(page.locator("#title")).to_contain_text("batu")
    expect(page.locator('tr[data-key="score"]')).to_be_visible()
    # Shortcuts are off while a form control has focus (the filter select may keep it).
    page.evaluate("document.activeElement && document.activeElement.blur()")

    # Correct the score: 182 is refused with the schema's reason, 82,28 is saved.
    page.keyboard.press("e")
    score = page.locator('[data-path="score"]')
    score.fill("182")
    page.click("#save")
    expect(page.locator("#banner")).to_contain_text("less than or equal to 100")
    _shot(page, "03-score-182-refused")
    score.fill("82,28")
    page.click("#save")
    expect(page.locator("#saved")).to_contain_text("Saved: correct")
    expect(page.locator("#record-status")).to_have_text("reviewed")
    expect(page.locator('tr[data-key="score"] .machine')).to_have_text("28.82")
    _shot(page, "04-score-corrected")

    # Keyboard: j to the next record, a to accept it; the page moves on; r rejects that one.
    expect(page.locator("#queue-list li")).to_have_count(2)
    page.keyboard.press("j")
    expect(page.locator("#title")).to_contain_text("kediri")
    page.keyboard.press("a")
    expect(page.locator("#title")).to_contain_text("malang")
    _shot(page, "05-accepted-moved-on")
    page.fill("#note", "BPS index, not an Ombudsman result")
    page.locator("#note").press("Escape")  # leave the note field, so the key is a shortcut
    page.keyboard.press("r")
    expect(page.locator("#record-status")).to_have_text("rejected")
    expect(page.locator("#queue-empty")).to_be_visible()
    _shot(page, "06-rejected-queue-empty")

    # Reload: the decisions are in the files, and the page shows them.
    page.reload()
    page.select_option("#f-status", "all")
    expect(page.locator("#queue-list li")).to_have_count(3)
    expect(page.locator('#queue-list li[data-id="malang"] .status')).to_have_text("rejected")
    expect(page.locator('#queue-list li[data-id="kediri"] .status')).to_have_text("reviewed")
    page.locator('#queue-list li[data-id="batu"]').click()
    expect(page.locator("#history li")).to_have_count(1)
    expect(page.locator("#history")).to_contain_text("score: 28.82 → 82.28")
    _shot(page, "07-after-reload")

    batu, kediri, malang = (read_record(record_path(out, name)) for name in ("batu", "kediri", "malang"))
    assert batu.extraction is not None and batu.extraction.score == 28.82  # the machine's answer stays
    assert [(c.field, c.old, c.new) for c in batu.review[0].corrections] == [("score", 28.82, 82.28)]
    assert [d.action for d in kediri.review] == [ReviewAction.accept]
    assert [(d.action, d.note) for d in malang.review] == [
        (ReviewAction.reject, "BPS index, not an Ombudsman result")
    ]
    assert {r.status for r in (batu, kediri, malang)} == {Status.reviewed}
    assert {d.reviewer for r in (batu, kediri, malang) for d in r.review} == {"ana"}


def test_a_second_session_s_stale_decision_is_refused_in_the_page(page: Any, out: Path) -> None:
    expect = sync_api.expect
    expect(page.locator("#title")).to_contain_text("batu")
    # Another session decides on batu after this page loaded it.
    with reviewkit.running_server(out, "budi") as other:
        version = reviewkit.call(other, "GET", "/api/records/batu")[1]["version"]
        assert (
            reviewkit.call(
                other, "POST", "/api/records/batu/decision", {"version": version, "action": "accept"}
            )[0]
            == 200
        )
    page.keyboard.press("a")
    expect(page.locator("#banner")).to_contain_text("another review session")
    _shot(page, "08-stale-write-refused")
    page.click("#reload")
    expect(page.locator("#history")).to_contain_text("budi: accept")
    assert [d.reviewer for d in read_record(record_path(out, "batu")).review] == ["budi"]


def test_a_late_answer_to_an_earlier_queue_request_does_not_replace_the_filter_chosen_since(
    page: Any,
) -> None:
    """The page's first queue request (default filter: flagged, 3 rows) is held until the reviewer
    has chosen "reviewed" (0 rows); its late answer must not put the 3 flagged rows back."""
    held: list[Any] = []

    def hold_the_first(route: Any) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    # The page's own first load must be over before the route is set, or its request is the one held
    # and the reload below cancels it.
    sync_api.expect(page.locator("#queue-list li")).to_have_count(3)
    page.route("**/api/queue?*", hold_the_first)
    page.reload()
    deadline = time.monotonic() + 30
    while not held:  # the handler runs while Playwright dispatches events
        assert time.monotonic() < deadline, "the page never asked for its queue"
        page.wait_for_timeout(20)
    page.select_option("#f-status", "reviewed")
    sync_api.expect(page.locator("#queue-empty")).to_be_visible()
    first_url = held[0].request.url
    with page.expect_response(lambda response: response.url == first_url):
        held[0].continue_()
    page.evaluate("() => new Promise((done) => setTimeout(done, 200))")  # let the page handle it
    assert page.locator("#queue-list li").count() == 0
    sync_api.expect(page.locator("#queue-empty")).to_be_visible()


def test_a_late_answer_for_the_open_record_does_not_close_a_correction_begun_since(page: Any) -> None:
    """A click on the record already open asks for it again; when that answer is held until the
    reviewer has pressed "e", it must not close the correct form (and lose what is typed)."""
    expect = sync_api.expect
    expect(page.locator("#title")).to_contain_text("batu")
    held: list[Any] = []
    page.route("**/api/records/batu", lambda route: held.append(route))
    page.locator('#queue-list li[data-id="batu"]').click()
    deadline = time.monotonic() + 30
    while not held:  # the handler runs while Playwright dispatches events
        assert time.monotonic() < deadline, "the page never asked for the record"
        page.wait_for_timeout(20)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("e")
    score = page.locator('[data-path="score"]')
    score.fill("82,28")
    with page.expect_response(lambda response: response.url == held[0].request.url):
        held[0].continue_()
    page.evaluate("() => new Promise((done) => setTimeout(done, 200))")  # let the page handle it
    expect(page.locator('[data-path="score"]')).to_have_value("82,28")
