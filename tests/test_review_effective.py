"""Review decisions: kept beside the machine's extraction, applied as effective values, giving the status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.review import CorrectionError, decide, effective, effective_extraction, source_text
from extractor.review._highlight import segments
from extractor.store import read_record, record_path, write_record
from schemas.record import Decision, Evidence, Record, ReviewAction, Status
from tests import reviewkit


@pytest.fixture
def run(tmp_path: Path) -> dict[str, Record]:
    return reviewkit.folder(tmp_path / "out")


def _text(record: Record) -> str:
    text, why = source_text(record)
    assert text is not None, why
    return text


def test_a_correction_changes_the_effective_values_and_never_the_extraction(run: dict[str, Record]) -> None:
    """A correction is a new decision: the stored extraction and flags stay, the effective score is
    the corrected one, and the checks re-run on it leave nothing open, so the record is reviewed."""
    batu = run["batu"]
    assert batu.status == Status.flagged  # 28.82 is not in its quote and not in the green band
    reviewed = decide(
        batu, ReviewAction.correct, changes=[("score", "82,28")], reviewer="ana", text=_text(batu)
    )
    assert reviewed.extraction == batu.extraction and reviewed.extraction is not None
    assert reviewed.extraction.score == 28.82
    assert reviewed.flags == batu.flags  # what the checks said of the machine's answer stays too
    decision = reviewed.review[-1]
    assert (decision.action, decision.reviewer) == (ReviewAction.correct, "ana")
    assert [(c.field, c.old, c.new) for c in decision.corrections] == [("score", 28.82, 82.28)]
    assert effective_extraction(reviewed).score == 82.28  # type: ignore[union-attr]
    # The checks re-ran on 82.28: nothing is left open, so the record is reviewed.
    assert effective(reviewed, _text(batu)).flags == []
    assert reviewed.status == Status.reviewed


def test_a_score_of_182_is_refused_with_the_schema_s_reason(run: dict[str, Record]) -> None:
    """A corrected score of 182 is refused with the schema's own reason."""
    with pytest.raises(CorrectionError) as caught:
        decide(run["batu"], ReviewAction.correct, changes=[("score", "182")], reviewer="ana", text=None)
    assert caught.value.problems == ["score: Input should be less than or equal to 100 (got 182.0)"]


def test_accept_settles_every_open_flag_and_makes_the_record_reviewed(run: dict[str, Record]) -> None:
    """Accept settles every open flag and keeps its note; the stored flags stay; status reviewed."""
    malang = run["malang"]
    accepted = decide(malang, ReviewAction.accept, note="the article says so", reviewer="ana", text=None)
    assert accepted.status == Status.reviewed
    assert [(r.code, r.field) for r in accepted.review[-1].resolved] == [("other_body_score", "score")]
    assert accepted.review[-1].note == "the article says so"
    assert accepted.flags == malang.flags


def test_reject_marks_the_record_rejected_and_a_later_accept_undoes_it(run: dict[str, Record]) -> None:
    """A reject makes the record reviewed and rejected; a later accept by another reviewer undoes it."""
    rejected = decide(run["malang"], ReviewAction.reject, reviewer="ana", text=None)
    assert rejected.status == Status.reviewed and effective(rejected, None).rejected
    undone = decide(rejected, ReviewAction.accept, reviewer="budi", text=None)
    assert not effective(undone, None).rejected
    assert [d.reviewer for d in undone.review] == ["ana", "budi"]


def test_a_correction_settles_only_the_flags_of_the_fields_it_changed(run: dict[str, Record]) -> None:
    """Correcting one field settles only that field's flags: the others stay open (flagged) until
    an accept."""
    batu = run["batu"]
    changed = decide(
        batu,
        ReviewAction.correct,
        changes=[("officials[0].role", "Pj Wali Kota")],
        reviewer="ana",
        text=_text(batu),
    )
    open_codes = {(f.code, f.field) for f in effective(changed, _text(batu)).open_flags}
    assert ("ungrounded_value", "score") in open_codes  # the score is still 28.82
    assert changed.status == Status.flagged
    accepted = decide(changed, ReviewAction.accept, reviewer="ana", text=_text(batu))
    assert accepted.status == Status.reviewed


def test_items_can_be_removed_and_added_and_evidence_follows_its_item(run: dict[str, Record]) -> None:
    """A unit can be added and an official removed; the removed item's evidence goes with it and
    the old values are recorded."""
    batu = run["batu"]
    changes = [("units[0].name", "Dinas Sosial"), ("units[0].score", "80,5"), ("officials[0]", None)]
    changed = decide(batu, ReviewAction.correct, changes=changes, reviewer="ana", text=_text(batu))
    values = effective_extraction(changed)
    assert values is not None
    assert [(u.name, u.score) for u in values.units] == [("Dinas Sosial", 80.5)]
    assert values.officials == [] and "officials[0]" not in values.evidence
    olds = [(c.field, c.old) for c in changed.review[-1].corrections]
    assert olds[:2] == [("units[0].name", None), ("units[0].score", None)]
    assert olds[2][1] == {"name": "Aries Agung Paewai", "role": "Penjabat Wali Kota Batu"}


def test_decisions_survive_the_json_file_and_replay_to_the_same_values(
    tmp_path: Path, run: dict[str, Record]
) -> None:
    """A reviewed record read back from its file has the same decisions, extraction and flags,
    and replays to the same effective values and status."""
    batu = run["batu"]
    changed = decide(
        batu, ReviewAction.correct, changes=[("zone", "kuning")], reviewer="ana", text=_text(batu)
    )
    write_record(tmp_path / "out", changed)
    again = read_record(record_path(tmp_path / "out", "batu"))
    assert (again.review, again.extraction, again.flags) == (
        changed.review,
        changed.extraction,
        changed.flags,
    )
    assert effective(again, _text(batu)) == effective(changed, _text(batu))


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ([("score", 28.82)], "nothing to correct"),
        ([("evidence", {})], "cannot be corrected"),
        ([("nonsense", 1)], "no field"),
        ([("units[3].name", "x")], "no such item"),
        ([("score]", 1)], "not a field path"),
        ([("zone", "ungu")], "zone"),
    ],
)
def test_a_correction_that_makes_no_sense_is_refused_with_why(
    run: dict[str, Record], changes: list[tuple[str, object]], reason: str
) -> None:
    """A correction that changes nothing, touches evidence, names no field or item, is no path, or
    breaks the schema is refused with the reason."""
    with pytest.raises(CorrectionError, match=reason):
        decide(run["batu"], ReviewAction.correct, changes=changes, reviewer="ana", text=None)


def test_a_failed_record_has_nothing_to_review(run: dict[str, Record]) -> None:
    """A failed record cannot be decided on and its effective status stays failed."""
    failed = run["kediri"].model_copy(update={"extraction": None, "status": Status.failed, "flags": []})
    with pytest.raises(CorrectionError, match="failed record"):
        decide(failed, ReviewAction.accept, reviewer="ana", text=None)
    assert effective(failed, None).status == Status.failed


def test_a_decision_carries_corrections_only_when_it_corrects() -> None:
    """A 'correct' decision needs a correction; any other decision carries none."""
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(ValidationError, match="needs at least one correction"):
        Decision(action=ReviewAction.correct, reviewer="ana", at=at)
    with pytest.raises(ValidationError, match="carries no corrections"):
        Decision.model_validate(
            {
                "action": "accept",
                "reviewer": "ana",
                "at": at,
                "corrections": [{"field": "score", "old": 1, "new": 2}],
            }
        )


def test_a_record_without_decisions_keeps_its_machine_status_and_flags(run: dict[str, Record]) -> None:
    """Without decisions the effective status and flags are the stored ones, and nothing is rejected."""
    for record in run.values():
        result = effective(record, None)
        assert (result.status, result.flags, result.rejected) == (record.status, record.flags, False)


def test_overlapping_quotes_cut_the_text_into_segments_innermost_first() -> None:
    """Overlapping quotes cut the text into segments listing every field that covers each; an
    unaligned quote adds none."""
    text = "nilai 82,28 tahun 2024 zona hijau"
    evidence = {
        "score": Evidence(quote="nilai 82,28 tahun 2024", start=0, end=22, aligned=True),
        "assessment_year": Evidence(quote="2024", start=18, end=22, aligned=True),
        "zone": Evidence(quote="zona merah", aligned=False),
    }
    cut = [(s.start, s.end, s.fields) for s in segments(text, evidence)]
    assert cut == [(0, 18, ("score",)), (18, 22, ("assessment_year", "score")), (22, 33, ())]


def test_a_stored_correction_that_no_longer_applies_raises_the_review_s_correction_error(
    run: dict[str, Record],
) -> None:
    """The effective values come from extractor.effective, but what the review package raises is
    its own CorrectionError, the one the review server catches (the queue lists such a record
    as invalid instead of failing)."""
    batu = decide(run["batu"], ReviewAction.correct, changes=[("score", "82,28")], reviewer="ana", text=None)
    bad = batu.review[-1].corrections[0].model_copy(update={"field": "units[9].score"})
    broken = batu.model_copy(update={"review": [batu.review[-1].model_copy(update={"corrections": [bad]})]})
    with pytest.raises(CorrectionError, match="no such item"):
        effective_extraction(broken)
    with pytest.raises(CorrectionError, match="no such item"):
        effective(broken, None)


def test_the_review_and_extractor_check_compute_the_same_effective_values(run: dict[str, Record]) -> None:
    """extractor.review.effective is extractor.effective.effective bound to the checks that
    `extractor check` uses: the same flags, open flags and status for a corrected record."""
    from extractor import effective as core
    from extractor.checks._folder import RECHECKER

    batu = run["batu"]
    text = _text(batu)
    reviewed = decide(batu, ReviewAction.correct, changes=[("score", "82,28")], reviewer="ana", text=text)
    assert effective(reviewed, text) == core.effective(reviewed, text, RECHECKER)
    assert effective(reviewed, None) == core.effective(reviewed, None, RECHECKER)


def test_a_correction_runs_the_checks_once_per_set_of_values(
    run: dict[str, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deciding a correction, finding the flags it raises and showing the record after it ask four
    times for the flags of the corrected values (the record before has its stored flags): the
    checks run on them once, and give what they give when run each time."""
    import dataclasses

    from extractor.checks._folder import RECHECKER
    from extractor.review import _effective, new_flags

    calls: list[int] = []

    def counted(extraction: object, text: str | None) -> list[object]:
        calls.append(1)
        return RECHECKER.run(extraction, text)  # type: ignore[arg-type]

    monkeypatch.setattr(
        _effective, "_CHECKS", dataclasses.replace(RECHECKER, run=_effective._RememberedChecks(counted))
    )  # type: ignore[arg-type]
    batu = run["batu"]
    text = _text(batu)
    updated = decide(batu, ReviewAction.correct, changes=[("score", "82,28")], reviewer="ana", text=text)
    new_flags(batu, updated, text)
    shown = effective(updated, text)
    assert len(calls) == 1
    assert shown.flags == _core_effective_flags(updated, text)


def _core_effective_flags(record: Record, text: str) -> list[object]:
    from extractor import effective as core
    from extractor.checks._folder import RECHECKER

    return core.effective(record, text, RECHECKER).flags  # type: ignore[return-value]
