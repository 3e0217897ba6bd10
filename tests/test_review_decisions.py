"""Review v2 on the server: undo and reopen appended as decisions, a quote a reviewer chose stored
beside the machine's, the flags a correction raises confirmed before it is saved, the progress,
flag spans and 2025 grade labels in the JSON; a stale write still refused, nothing erased."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from extractor.report import render_report
from extractor.review import ReviewServer, decide, effective, effective_extraction, source_text
from extractor.store import read_record, record_path, write_record
from schemas.record import Record, ReviewAction, Status, Unit
from tests import reviewkit
from tests.reviewkit import BATU, call


@pytest.fixture
def out(tmp_path: Path) -> Path:
    reviewkit.folder_v2(tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture
def server(out: Path) -> Any:
    with reviewkit.running_server(out) as running:
        yield running


def _decide(server: ReviewServer, record_id: str, **payload: Any) -> tuple[int, dict[str, Any]]:
    if "version" not in payload:
        payload["version"] = call(server, "GET", f"/api/records/{record_id}")[1]["version"]
    status, body, _ = call(server, "POST", f"/api/records/{record_id}/decision", payload)
    return status, body


def _span(words: str, text: str = BATU) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "quote": words}


def test_undo_appends_a_decision_that_takes_the_last_one_back(out: Path, server: ReviewServer) -> None:
    """An accept then an undo: both stay in the file, the undo names the accept, and the record is
    flagged again with its flag open."""
    assert _decide(server, "kediri", action="accept")[0] == 200
    status, view = _decide(server, "kediri", action="undo")
    assert status == 200 and view["status"] == "flagged"
    record = read_record(record_path(out, "kediri"))
    assert [(d.action, d.undoes) for d in record.review] == [
        (ReviewAction.accept, None),
        (ReviewAction.undo, 0),
    ]
    assert record.status == Status.flagged
    assert [d["undone_by"] for d in view["review"]] == [1, None]
    assert view["undo"] is None  # nothing left in force to take back


def test_undoing_a_correction_brings_back_the_machine_s_value_and_keeps_the_correction(
    out: Path, server: ReviewServer
) -> None:
    """Undo of a correction: the effective score is the machine's again; the correction stays in
    the history, the extraction as the machine made it."""
    _decide(server, "batu", action="correct", changes=[{"field": "score", "new": "82,28"}])
    status, view = _decide(server, "batu", action="undo")
    assert status == 200
    score = next(row for row in view["rows"] if row["key"] == "score")["leaves"][0]
    assert score["value"] == 28.82 and not score["changed"]
    record = read_record(record_path(out, "batu"))
    assert record.review[0].corrections[0].new == 82.28 and record.review[1].undoes == 0
    assert record.extraction is not None and record.extraction.score == 28.82


def test_reopen_lifts_a_reject_and_puts_the_record_back_in_the_queue(out: Path, server: ReviewServer) -> None:
    """A rejected record reopened is flagged and not rejected, its flag open again; the reject
    stays in the history; a later accept settles it."""
    _decide(server, "malang", action="reject")
    status, view = _decide(server, "malang", action="reopen")
    assert status == 200 and view["status"] == "flagged" and not view["rejected"]
    assert [f["open"] for f in view["rows"][3]["flags"]] == [True]  # other_body_score on the score
    assert view["can_reopen"] is False
    assert _decide(server, "malang", action="accept")[1]["status"] == "reviewed"
    actions = [d.action for d in read_record(record_path(out, "malang")).review]
    assert actions == [ReviewAction.reject, ReviewAction.reopen, ReviewAction.accept]


def test_undo_or_reopen_with_nothing_decided_is_refused_with_why(out: Path, server: ReviewServer) -> None:
    """Nothing in force: undo and reopen are refused (422) with the reason, and nothing is written."""
    before = record_path(out, "kediri").read_bytes()
    status, body = _decide(server, "kediri", action="undo")
    assert status == 422 and "nothing to undo" in body["error"]
    status, body = _decide(server, "kediri", action="reopen")
    assert status == 422 and "nothing to reopen" in body["error"]
    assert record_path(out, "kediri").read_bytes() == before


def test_a_stale_undo_is_refused_and_the_other_session_s_decision_kept(out: Path) -> None:
    """An undo from a page that saw an older version is refused (409): the other session's accept stays."""
    with reviewkit.running_server(out, "ana") as one, reviewkit.running_server(out, "budi") as two:
        seen = call(one, "GET", "/api/records/kediri")[1]["version"]
        _decide(one, "kediri", action="reject", version=seen)
        after_reject = call(one, "GET", "/api/records/kediri")[1]["version"]
        assert _decide(two, "kediri", action="accept")[0] == 200
        status, body = _decide(one, "kediri", action="undo", version=after_reject)
    assert status == 409 and body["stale"]
    actions = [d.action for d in read_record(record_path(out, "kediri")).review]
    assert actions == [ReviewAction.reject, ReviewAction.accept]


def test_a_chosen_quote_is_stored_beside_the_machine_s_and_highlighted_instead(
    out: Path, server: ReviewServer
) -> None:
    """A correction that points the score at other words stores them in the decision; the
    machine's quote stays in the extraction; the page highlights the chosen words for the score
    and shows the machine's beside them; the report highlights the chosen words too."""
    status, view = _decide(
        server,
        "batu",
        action="correct",
        changes=[{"field": "score", "new": "82,28"}],
        evidence={"score": _span("82,28")},
    )
    assert status == 200
    record = read_record(record_path(out, "batu"))
    assert record.review[-1].evidence["score"].quote == "82,28"
    assert record.extraction is not None
    assert record.extraction.evidence["score"].quote == "meraih nilai 82,28"
    start = BATU.index("82,28")
    assert [start, start + 5, ["score"], []] in view["segments"]
    row = next(row for row in view["rows"] if row["key"] == "score")
    assert row["quote_by"] == "reviewer" and row["machine_evidence"]["quote"] == "meraih nilai 82,28"
    page = render_report([record], {"batu": source_text(record)[0]})
    assert 'title="score">82,28</mark>' in page and ">meraih nilai 82,28</mark>" not in page


def test_a_value_corrected_without_new_words_no_longer_marks_its_old_quote(
    out: Path, server: ReviewServer
) -> None:
    """The zone corrected to kuning while its quote is still the machine's "zona hijau": the page
    says the quote is for the old value and no longer marks those words as the zone's evidence."""
    batu = read_record(record_path(out, "batu"))
    write_record(
        out, decide(batu, ReviewAction.correct, changes=[("zone", "kuning")], reviewer="ana", text=BATU)
    )
    view = call(server, "GET", "/api/records/batu")[1]
    zone = next(row for row in view["rows"] if row["key"] == "zone")
    assert zone["quote_outdated"] and zone["colour"] is None and zone["evidence"]["quote"] == "zona hijau"
    assert not any("zone" in fields for _, _, fields, _ in view["segments"])
    assert any("score" in fields for _, _, fields, _ in view["segments"])  # the others still are


def test_new_words_alone_for_a_right_value_are_a_correction_of_their_own(
    out: Path, server: ReviewServer
) -> None:
    """Only new words for a value (no value changed) make a 'correct' decision with no value
    corrections; the page shows them as the reviewer's quote."""
    kediri = _span("Kediri", reviewkit.KEDIRI)
    status, view = _decide(server, "kediri", action="correct", evidence={"subject": kediri})
    assert status == 200
    assert next(row for row in view["rows"] if row["key"] == "subject")["quote_by"] == "reviewer"
    decision = read_record(record_path(out, "kediri")).review[-1]
    assert decision.corrections == [] and decision.evidence["subject"].quote == "Kediri"


@pytest.mark.parametrize(
    ("evidence", "reason"),
    [
        ({"score": {"start": 0, "end": 5, "quote": "Kota "}}, "no longer has the chosen words"),
        ({"units[4]": _span("Kota Batu")}, "no such item"),
        ({"runner_ups[0]": _span("Kota Batu")}, "not a value that can have a quote"),
        ({"published": _span("Kota Batu")}, "has no value"),
    ],
)
def test_chosen_words_that_make_no_sense_are_refused_with_why(
    out: Path, server: ReviewServer, evidence: dict[str, Any], reason: str
) -> None:
    """Words the article no longer has there, or for a value that does not exist, are refused (422)."""
    before = record_path(out, "batu").read_bytes()
    status, body = _decide(server, "batu", action="correct", evidence=evidence)
    assert status == 422 and reason in body["error"]
    assert record_path(out, "batu").read_bytes() == before


def test_a_correction_that_raises_a_flag_is_saved_only_once_the_reviewer_confirms_it(
    out: Path, server: ReviewServer
) -> None:
    """A grade on a 2021 record raises grade_before_2022: the first save is refused with the new
    flag (nothing written); confirmed, it is saved and the decision names it as settled."""
    before = record_path(out, "tomohon").read_bytes()
    change = [{"field": "grade", "new": "tinggi"}]
    status, body = _decide(server, "tomohon", action="correct", changes=change)
    assert status == 422
    assert [(f["code"], f["field"]) for f in body["new_flags"]] == [("grade_before_2022", "grade")]
    assert record_path(out, "tomohon").read_bytes() == before
    confirm = [{"code": "grade_before_2022", "field": "grade"}]
    status, view = _decide(server, "tomohon", action="correct", changes=change, confirm=confirm)
    assert status == 200 and view["status"] == "reviewed"
    decision = read_record(record_path(out, "tomohon")).review[-1]
    assert [(r.code, r.field) for r in decision.resolved] == [("grade_before_2022", "grade")]


def test_the_queue_counts_the_flagged_records_settled(server: ReviewServer) -> None:
    """Progress: of the records that needed a person, how many are settled; a decision counts."""
    assert call(server, "GET", "/api/queue")[1]["progress"] == {"settled": 0, "total": 6}
    _decide(server, "kediri", action="accept")
    assert call(server, "GET", "/api/queue?status=reviewed")[1]["progress"] == {"settled": 1, "total": 6}


def test_the_words_a_flag_points_at_are_segments_naming_the_flag(server: ReviewServer) -> None:
    """Each flag has an id; the segments of its evidence spans name it."""
    view = call(server, "GET", "/api/records/batu")[1]
    flags = {f["code"]: f["id"] for row in view["rows"] for f in row["flags"]}
    start = BATU.index("zona hijau")
    zone_segment = next(s for s in view["segments"] if s[0] == start)
    assert zone_segment[1] == start + len("zona hijau")
    assert zone_segment[3] == [flags["score_zone_mismatch"]]


def test_the_view_names_the_2025_opini_labels_of_the_grades(server: ReviewServer) -> None:
    """The opini labels come from the scale data, read with the schema's own grade parser."""
    labels = call(server, "GET", "/api/records/ambon")[1]["grade_labels"]
    assert labels["opini"]["from"] == 2025
    assert labels["opini"]["labels"]["tertinggi"] == "Kualitas Tertinggi Tanpa Maladministrasi"
    assert labels["letters"]["labels"]["tinggi"] == "B"


def test_a_record_saved_before_v2_loads_and_an_undo_must_name_an_earlier_decision(out: Path) -> None:
    """A stored decision without the new fields loads as before; an undo naming itself or a later
    decision does not validate."""
    data = json.loads(record_path(out, "kediri").read_text(encoding="utf-8"))
    settles = [{"code": "unit_count_mismatch", "field": "units"}]
    old_decision = {"action": "accept", "reviewer": "ana", "at": "2026-01-01T00:00:00Z", "resolved": settles}
    record = Record.model_validate({**data, "review": [old_decision]})
    assert effective(record, None).status == Status.reviewed
    undo_later = {**old_decision, "action": "undo", "undoes": 1}
    with pytest.raises(ValidationError, match="not an earlier decision"):
        Record.model_validate({**data, "review": [undo_later, old_decision]})


def test_words_chosen_in_a_correction_that_removes_an_earlier_item_stay_with_their_item(
    tmp_path: Path,
) -> None:
    """The page keys chosen words by the items as it showed them: when the same correction removes
    an earlier unit, the words chosen for the next one stay with it (now one place up), and words
    chosen for the removed unit go with it."""
    out = tmp_path / "out"
    record = reviewkit.folder(out)["batu"]
    text = source_text(record)[0]
    assert text is not None and record.extraction is not None
    two = [{"name": "Dinas Satu", "score": 80.0}, {"name": "Dinas Dua", "score": 81.0}]
    record = record.model_copy(
        update={"extraction": record.extraction.model_copy(update={"units": [Unit(**u) for u in two]})}
    )
    words = text.index("Kota Batu")
    span = (words, words + len("Kota Batu"))
    decided = decide(
        record,
        ReviewAction.correct,
        changes=[("units[0]", None)],
        evidence={"units[0]": span, "units[1]": span},
        reviewer="ana",
        text=text,
    )
    (decision,) = decided.review
    assert list(decision.evidence) == ["units[0]"]  # Dinas Dua's words, Dinas Dua now units[0]
    after = effective_extraction(decided)
    assert after is not None and [u.name for u in after.units] == ["Dinas Dua"]
