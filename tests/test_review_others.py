"""The review page and other subjects' results (``extraction.others``): each is a row of the
record's values with its quote marked in the article and the flags about it; a reviewer corrects
one (``others[0].score``) or removes one (``others[1]`` set to null, the page's "remove" box) with
the correction machinery, and the machine's extraction stays as it was. In a real browser at
1366×900 and 390×844; screenshots ``artifacts/review/v2-<size>-others-*.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.review import ReviewServer
from extractor.review._effective import effective_extraction
from extractor.store import read_record, record_path
from schemas.record import ReviewAction
from tests import reviewkit
from tests.reviewkit import ROUNDUP_OTHER_QUOTES, SIZES, call, open_record, press, shot


@pytest.fixture
def out(tmp_path: Path) -> Path:
    reviewkit.folder(tmp_path / "out")
    reviewkit.folder_others(tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture
def server(out: Path) -> Iterator[ReviewServer]:
    with reviewkit.running_server(out) as running:
        yield running


def _decide(server: ReviewServer, **payload: Any) -> tuple[int, dict[str, Any]]:
    payload["version"] = call(server, "GET", "/api/records/roundup")[1]["version"]
    status, body, _ = call(server, "POST", "/api/records/roundup/decision", payload)
    return status, body


# -- the server ----------------------------------------------------------------------------------


def test_the_record_view_lists_the_others_with_their_evidence_and_flags(server: ReviewServer) -> None:
    status, view, _ = call(server, "GET", "/api/records/roundup")
    assert status == 200
    rows = {row["key"]: row for row in view["rows"]}
    grobogan, badung = rows["others[0]"], rows["others[1]"]
    assert grobogan["item"] == "others" and grobogan["label"] == "other result 1"
    leaves = {leaf["path"]: leaf["value"] for leaf in grobogan["leaves"]}
    assert leaves["others[0].subject.name"] == "Kabupaten Grobogan"
    assert leaves["others[0].score"] == 89.02 and leaves["others[0].zone"] == "hijau"
    assert leaves["others[0].assessment_year"] == 2024
    assert grobogan["evidence"]["quote"] == ROUNDUP_OTHER_QUOTES[0] and grobogan["evidence"]["aligned"]
    assert badung["evidence"]["quote"] == ROUNDUP_OTHER_QUOTES[1] and badung["colour"]
    # The flag on Badung's score is beside Badung, not with the record's.
    assert [(f["code"], f["field"]) for f in badung["flags"]] == [
        ("cross_article_conflict", "others[1].score")
    ]
    assert [(f["code"], f["field"]) for f in grobogan["flags"]] == [("ungrounded_value", "others[0].score")]
    assert view["flags"] == []
    # Both quotes are marked in the article.
    for key, quote in zip(("others[0]", "others[1]"), ROUNDUP_OTHER_QUOTES, strict=True):
        start = view["text"].index(quote)
        marked = [(s, e) for s, e, keys, _ in view["segments"] if key in keys]
        assert (marked[0][0], marked[-1][1]) == (start, start + len(quote))
    assert [leaf["name"] for leaf in view["item_leaves"]["others"]][:2] == [
        "subject.name",
        "subject.name_as_written",
    ]


def test_a_correction_of_an_other_s_score_is_stored_and_counts(server: ReviewServer, out: Path) -> None:
    status, view = _decide(server, action="correct", changes=[{"field": "others[0].score", "new": "98,02"}])
    assert status == 200, view
    record = read_record(record_path(out, "roundup"))
    decision = record.review[-1]
    assert decision.action == ReviewAction.correct
    assert [(c.field, c.old, c.new) for c in decision.corrections] == [("others[0].score", 89.02, 98.02)]
    assert record.extraction is not None and record.extraction.others[0].score == 89.02  # the machine's
    eff = effective_extraction(record)
    assert eff is not None and eff.others[0].score == 98.02
    row = next(row for row in view["rows"] if row["key"] == "others[0]")
    score = next(leaf for leaf in row["leaves"] if leaf["path"] == "others[0].score")
    assert (score["value"], score["machine"], score["changed"]) == (98.02, 89.02, True)
    assert not any(f["open"] for f in row["flags"])  # the right score answers ungrounded_value


def test_removing_an_other_leaves_the_machine_s_extraction_untouched(server: ReviewServer, out: Path) -> None:
    # The page's "remove" box sends the item's key with a null value (decide.js collectChanges).
    status, view = _decide(server, action="correct", changes=[{"field": "others[1]", "new": None}])
    assert status == 200, view
    record = read_record(record_path(out, "roundup"))
    assert record.extraction is not None
    assert [o.subject.name for o in record.extraction.others] == ["Kabupaten Grobogan", "Kabupaten Badung"]
    assert "others[1]" in record.extraction.evidence
    eff = effective_extraction(record)
    assert eff is not None and [o.subject.name for o in eff.others] == ["Kabupaten Grobogan"]
    assert "others[1]" not in eff.evidence and "others[0]" in eff.evidence
    assert [row["key"] for row in view["rows"] if row["item"] == "others"] == ["others[0]"]
    # The flag about the removed result is settled by the removal.
    assert all(not f["open"] for f in view["flags"] if f["field"].startswith("others[1]"))


# -- the page in a browser -----------------------------------------------------------------------

_BROWSER = pytest.mark.skipif(not reviewkit.CHROMIUM.exists(), reason="Debian's Chromium is not installed")


@_BROWSER
@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_page_lists_the_others_marks_their_quotes_and_saves_a_corrected_score(
    browser: Any, server: ReviewServer, out: Path, size: str
) -> None:
    from playwright.sync_api import expect

    with reviewkit.watched_page(browser, server.url, **reviewkit.browser_context(size)) as page:
        expect(page.locator("#queue-list li")).to_have_count(4)
        open_record(page, size, "roundup")
        grobogan, badung = page.locator('tr[data-key="others[0]"]'), page.locator('tr[data-key="others[1]"]')
        expect(grobogan.locator("td.label")).to_have_text("other result 1")
        expect(grobogan).to_contain_text("Kabupaten Grobogan")
        expect(grobogan.locator(".quote")).to_contain_text(ROUNDUP_OTHER_QUOTES[0])
        expect(badung.locator('.flag[data-code="cross_article_conflict"]')).to_have_count(1)
        expect(page.locator('#text mark[data-fields~="others[0]"]')).to_have_text(ROUNDUP_OTHER_QUOTES[0])
        expect(page.locator('#text mark[data-fields~="others[1]"]')).to_have_text(ROUNDUP_OTHER_QUOTES[1])
        # Its quote, tapped or clicked, brings its words forward in the article.
        press(page, size, 'tr[data-key="others[1]"] .quote')
        mark = page.locator('#text mark[data-fields~="others[1]"]')
        expect(mark).to_have_class("focus")
        expect(mark).to_be_in_viewport()
        shot(page, size, "others-01-quote-in-article")

        reviewkit.tab(page, size, "panel")
        press(page, size, "#edit")
        expect(page.locator('#rows [data-remove="others[1]"]')).to_have_count(1)
        page.locator('[data-path="others[0].score"]').fill("98,02")
        press(page, size, "#save")
        expect(page.locator("#saved")).to_contain_text("Saved: correct on roundup")
        expect(grobogan.locator('.leaf[data-path="others[0].score"]')).to_contain_text("98.02")
        shot(page, size, "others-02-score-corrected")
    record = read_record(record_path(out, "roundup"))
    assert [(c.field, c.new) for c in record.review[-1].corrections] == [("others[0].score", 98.02)]
    assert record.extraction is not None and record.extraction.others[0].score == 89.02
