"""The trust measure of `extractor eval`: do the checks' flags land on the wrong values?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.evaluate import facts_from_gold
from extractor.store import write_record
from extractor.trust import Trust, measure, on_field, on_item, unflagged_wrong_values
from schemas.record import Extraction, Flag, Official, Record, Severity, Status, Unit
from tests.test_evaluate import GOLD, extraction, record


def flag(code: str, field: str, severity: Severity = Severity.warning) -> Flag:
    return Flag(code=code, severity=severity, field=field, message="m", basis="b")


def flagged(stem: str, extracted: Extraction, *flags: Flag) -> Record:
    status = Status.flagged if any(f.severity != Severity.info for f in flags) else Status.ok
    return record(stem, extracted, status).model_copy(update={"flags": list(flags)})


def trust_of(records: dict[str, Record], gold: dict[str, Any] | None = None) -> Trust:
    return measure({stem: facts_from_gold(gold or GOLD) for stem in records}, records)


def test_a_wrong_flagged_record_is_caught() -> None:
    """A record with a wrong score and a warning on the score counts as wrong and flagged."""
    trust = trust_of({"a": flagged("a", extraction(score=80.0), flag("score_out_of_band", "score"))})
    assert [r.stem for r in trust.wrong_records] == ["a"] and [r.stem for r in trust.caught] == ["a"]
    assert trust.slipped == [] and trust.recall == 1.0
    assert trust.fields["score"].wrong == 1 and trust.fields["score"].wrong_flagged == 1


def test_a_wrong_unflagged_record_is_named_with_stored_and_gold() -> None:
    """A wrong record no check flagged is listed by stem with its field, stored value and gold value."""
    trust = trust_of({"a": record("a", extraction(score=80.0, assessment_year=2023))})
    assert [r.stem for r in trust.slipped] == ["a"] and trust.recall == 0.0
    wrong = {w.field: (w.stored, w.gold) for w in trust.slipped[0].wrong}
    assert wrong == {"score": ("80.00", "82.28"), "assessment_year": ("2023", "2024")}
    unflagged = trust.as_dict()["wrong_records"]["unflagged"]
    assert unflagged[0]["article"] == "a" and unflagged[0]["wrong"][0]["field"] == "assessment_year"


def test_a_correct_flagged_record_is_a_false_alarm_with_its_codes() -> None:
    """A record with every value right but a warning is a false alarm, and its code@field is given."""
    trust = trust_of(
        {
            "a": flagged("a", extraction(), flag("score_zone_mismatch", "zone")),
            "b": record("b", extraction()),
        }
    )
    assert trust.wrong_records == [] and [r.stem for r in trust.false_alarms] == ["a"]
    assert trust.false_alarms[0].codes == ["score_zone_mismatch@zone"]
    assert trust.false_alarm_rate == 0.5 and trust.fields["zone"].correct_flagged == 1


def test_an_info_flag_does_not_make_a_record_flagged() -> None:
    """Only warnings and errors (or status flagged) count as flagged; info flags do not."""
    trust = trust_of(
        {"a": flagged("a", extraction(score=80.0), flag("ungrounded_value", "score", Severity.info))}
    )
    assert [r.stem for r in trust.slipped] == ["a"] and trust.codes == {}


def test_per_code_precision_counts_wrong_against_correct_values_of_its_field() -> None:
    """A code's precision is its flags on wrong values of their field over those on wrong or right ones."""
    trust = trust_of(
        {
            "a": flagged("a", extraction(score=80.0), flag("noisy", "score"), flag("sharp", "score")),
            "b": flagged("b", extraction(), flag("noisy", "score"), flag("noisy", "subject.name")),
            "c": flagged("c", extraction(grade=None), flag("noisy", "grade"), flag("noisy", "previous[0]")),
        }
    )
    noisy, sharp = trust.codes["noisy"], trust.codes["sharp"]
    assert (noisy.fired, noisy.on_wrong, noisy.on_correct, noisy.elsewhere) == (5, 1, 2, 2)
    assert noisy.precision == pytest.approx(1 / 3) and noisy.noise
    assert (sharp.on_wrong, sharp.on_correct, sharp.precision, sharp.noise) == (1, 0, 1.0, False)
    assert trust.as_dict()["codes"]["noisy"]["precision"] == 0.3333


def test_a_null_value_is_not_wrong() -> None:
    """A value left null where gold has one is missing, not wrong: the record stays correct."""
    trust = trust_of({"a": record("a", extraction(score=None, zone=None, grade=None))})
    assert trust.wrong_records == [] and len(trust.correct_records) == 1
    assert trust.fields["score"].stored == 0 and trust.fields["score"].wrong == 0


def test_a_score_where_gold_has_none_is_wrong() -> None:
    """A score stored for an article whose gold has none (a confuser) makes the record wrong."""
    gold = {**GOLD, "score": None}
    trust = trust_of({"a": record("a", extraction())}, gold)
    assert [w.field for r in trust.wrong_records for w in r.wrong] == ["score"]
    assert trust.slipped[0].wrong[0].gold == "none"


def test_units_and_officials_wrong_or_extra_against_their_item_flags() -> None:
    """Units and officials not paired with gold are wrong; an item flag counts only for its index."""
    units = [
        Unit(name="Dinas Sosial", score=78.80, zone="hijau", grade="tinggi"),  # right
        Unit(name="Puskesmas Beji", score=90.0, zone="hijau", grade="tertinggi"),  # wrong score
        Unit(name="Dinas Kesehatan", score=70.0),  # extra
    ]
    officials = [
        Official(name="Aries Agung Paewai", role="Pj Wali Kota Batu"),  # right
        Official(name="Ananto Wibowo", role="Fotografer"),  # extra
    ]
    extracted = extraction(units=units, officials=officials)
    trust = trust_of(
        {
            "a": flagged(
                "a", extracted, flag("score_zone_mismatch", "units[1].zone"), flag("odd", "units[0].score")
            )
        }
    )
    assert trust.as_dict()["fields"]["units"] == {
        "stored": 3,
        "wrong": 2,
        "wrong_flagged": 1,
        "wrong_in_flagged_record": 2,
        "correct_flagged": 1,
    }
    assert trust.fields["officials"].stored == 2 and trust.fields["officials"].wrong == 1
    assert trust.fields["officials"].wrong_flagged == 0
    assert trust.codes["score_zone_mismatch"].on_wrong == 1 and trust.codes["odd"].on_correct == 1
    # main values right, items wrong: neither a wrong record nor a correct one (so not a false alarm)
    assert trust.wrong_records == [] and trust.false_alarms == []
    assert trust.as_dict()["wrong_only_in_items"] == 1


def test_a_paired_units_stored_zone_that_differs_is_wrong() -> None:
    """A unit paired on name and score whose stored zone differs from gold is wrong; a null zone is not."""
    units = [
        Unit(name="Dinas Sosial", score=78.80, zone="kuning", grade="tinggi"),
        Unit(name="Puskesmas Beji", score=90.89),
    ]
    trust = trust_of({"a": record("a", extraction(units=units))})
    assert trust.fields["units"].wrong == 1


def test_field_paths_match_on_their_first_name() -> None:
    """'subject.name' is on subject, 'units[2].zone' is item 2 of units, 'scores' is not on score."""
    assert on_field("subject.name", "subject") and on_field("score", "score")
    assert not on_field("scores", "score") and not on_field("previous[0].score", "score")
    assert on_item("units[2].zone") == ("units", 2) and on_item("officials[1]") == ("officials", 1)
    assert on_item("score") is None


def test_failed_and_missing_records_are_not_measured() -> None:
    """A failed record or a gold article with no record has no stored value: left out, listed."""
    gold = {"a": facts_from_gold(GOLD), "b": facts_from_gold(GOLD)}
    trust = measure(gold, {"a": record("a", None, Status.failed)})
    assert trust.records == [] and trust.unmeasured == ["a", "b"]
    assert trust.recall == 1.0 and trust.false_alarm_rate == 0.0


def test_eval_command_prints_the_trust_table_and_carries_it_in_json(tmp_path: Path) -> None:
    """`extractor eval` prints the trust tables and names unflagged wrong records; --json has "trust"."""
    gold_dir, records_dir = tmp_path / "gold", tmp_path / "records"
    gold_dir.mkdir()
    for stem in ("001", "002", "003"):
        (gold_dir / f"{stem}.json").write_text(json.dumps(GOLD), encoding="utf-8")
    write_record(records_dir, record("001", extraction(score=80.0)))
    write_record(records_dir, flagged("002", extraction(zone="kuning"), flag("score_zone_mismatch", "zone")))
    write_record(records_dir, flagged("003", extraction(), flag("opini_reported_as_score", "score")))

    table = CliRunner().invoke(
        main, ["eval", "--gold", str(gold_dir), str(records_dir)], env={"COLUMNS": "200"}
    )
    assert table.exit_code == 0, table.output
    assert "wrong records flagged (recall)" in table.output and "1/2 (50%)" in table.output
    assert "Wrong records no check flagged" in table.output and "score: 80.00 vs gold 82.28" in table.output
    assert "opini_reported_as_score@score" in table.output

    as_json = CliRunner().invoke(main, ["eval", "--gold", str(gold_dir), str(records_dir), "--json"])
    trust = json.loads(as_json.output)["trust"]
    assert trust["wrong_records"]["count"] == 2 and trust["wrong_records"]["flagged"] == 1
    assert [r["article"] for r in trust["wrong_records"]["unflagged"]] == ["001"]
    assert trust["correct_records"] == {
        "count": 1,
        "flagged": 1,
        "rate": 1.0,
        "false_alarms": [
            {
                "article": "003",
                "status": "flagged",
                "flagged": True,
                "codes": ["opini_reported_as_score@score"],
                "wrong": [],
                "wrong_items": 0,
            }
        ],
    }
    assert trust["codes"]["score_zone_mismatch"]["precision"] == 1.0
    assert trust["meets_targets"] is False


def test_unflagged_wrong_values_lists_each_wrong_value_no_flag_points_at() -> None:
    """A wrong score with a flag on it is not listed; a wrong year with a flag elsewhere is."""
    stored = flagged("a", extraction(score=80.0, assessment_year=2023), flag("score_out_of_band", "score"))

    missed = unflagged_wrong_values(facts_from_gold(GOLD), stored)

    assert [(w.field, w.stored, w.gold) for w in missed] == [("assessment_year", "2023", "2024")]
    assert unflagged_wrong_values(facts_from_gold(GOLD), record("b", extraction())) == []
