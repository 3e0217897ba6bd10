"""Every result an article states: other subjects' results (``extraction.others``) are stored with
their own evidence, checked by their own year's scale and against every other record, measured by
``eval``, counted in the dataset, exported, and records of the previous file version still load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from extractor.checks import check_folder
from extractor.cli import main
from extractor.dataset import build
from extractor.evaluate import compare, facts_from_extraction, facts_from_gold
from extractor.grounding import ground
from extractor.inputs import read_article
from extractor.pipeline import extract_article
from extractor.store import read_record, write_record
from schemas.draft import ArticleExtraction
from schemas.record import SCHEMA_VERSION, Extraction, parse_record
from tests import reviewkit
from tests.checkkit import check, extraction, found
from tests.fake_chat_server import FakeReply
from tests.test_llm_faults import Sleeps, engine_for, serve, sleeps  # noqa: F401 (fixtures)

ROUNDUP = (
    "Ombudsman RI mengumumkan tiga besar kabupaten dengan nilai kepatuhan tertinggi tahun 2022: "
    "Pemkab Grobogan, Jawa Tengah (98,02), Pemkab Badung, Bali (97,53) dan Pemkab Banyumas (95,01)."
)


def roundup_draft() -> ArticleExtraction:
    return ArticleExtraction.model_validate(
        {
            "assessment": "ombudsman_compliance",
            "subject": {"name": "Tiga besar kabupaten", "kind": "other", "quote": "tiga besar kabupaten"},
            "assessment_year": 2022,
            "assessment_year_quote": "tahun 2022",
            "others": [
                {"name": "Pemkab Grobogan", "kind": "kabupaten", "assessment_year": 2022, "score": "98,02",
                 "quote": "Pemkab Grobogan, Jawa Tengah (98,02)"},
                {"name": "Pemkab Badung", "kind": "kabupaten", "assessment_year": 2022, "score": 97.53,
                 "quote": "Pemkab Badung, Bali (97,53)"},
            ],
        }
    )  # fmt: skip


def test_other_results_are_grounded_and_their_subjects_normalised() -> None:
    e = ground(roundup_draft(), ROUNDUP)
    assert [(o.subject.name, o.subject.kind.value, o.score) for o in e.others] == [
        ("Kabupaten Grobogan", "kabupaten", 98.02),
        ("Kabupaten Badung", "kabupaten", 97.53),
    ]
    assert e.others[1].subject.name_as_written == "Pemkab Badung" and e.others[1].subject.region_code
    evidence = e.evidence["others[1]"]
    assert evidence.aligned and evidence.start is not None and evidence.end is not None
    assert ROUNDUP[evidence.start : evidence.end] == "Pemkab Badung, Bali (97,53)"


def test_a_draft_without_others_or_with_null_has_none() -> None:
    draft = ArticleExtraction.model_validate({"assessment": "none", "others": None})
    assert draft.others == []


def test_each_other_result_is_checked_by_its_own_years_scale() -> None:
    """A 2019 zone stated with a 2024 score band: the other result is flagged on its own field."""
    e = extraction(
        assessment_year=2024,
        score=90.0,
        zone="hijau",
        others=[
            {"subject": {"name_as_written": "Kota A", "name": "Kota A", "kind": "kota"},
             "assessment_year": 2024, "score": 55.0, "zone": "hijau"},
            {"subject": {"name_as_written": "Kota B", "name": "Kota B", "kind": "kota"},
             "assessment_year": 2024, "score": 91.0, "zone": "hijau"},
        ],
    )  # fmt: skip
    flags = check(e, None)
    assert found(flags, "score_zone_mismatch", "others[0].zone") or found(
        flags, "score_zone_mismatch", "others[0].score"
    )
    assert not [f for f in flags if f.field.startswith("others[1]")]
    assert "Kota A" in next(f.message for f in flags if f.field.startswith("others[0]"))


def _stored(out: Path, record_id: str, e: Extraction) -> None:
    base = reviewkit.folder(out)["batu"]
    write_record(out, base.model_copy(update={"record_id": record_id, "extraction": e, "flags": []}))


def test_a_roundup_and_the_subjects_own_article_flag_each_other(tmp_path: Path) -> None:
    """The round-up says Badung 97,53; Badung's own article says 97,35: both records are flagged,
    each naming the other, the round-up on its others[1] field."""
    out = tmp_path / "out"
    _stored(out, "roundup", ground(roundup_draft(), ROUNDUP))
    badung = extraction(
        subject={"name_as_written": "Pemkab Badung", "name": "Kabupaten Badung", "kind": "kabupaten"},
        assessment_year=2022,
        score=97.35,
    )
    _stored(out, "badung", badung)
    check_folder(out)
    roundup, own = read_record(out / "roundup.json"), read_record(out / "badung.json")
    theirs = [f for f in roundup.flags if f.code == "cross_article_conflict"]
    mine = [f for f in own.flags if f.code == "cross_article_conflict"]
    assert [(f.field, f.related_record) for f in theirs] == [("others[1].score", "badung")]
    assert [(f.field, f.related_record) for f in mine] == [("score", "roundup")]
    assert "Kabupaten Badung 2022" in theirs[0].message


def test_eval_pairs_other_results_on_subject_and_year_then_compares_values() -> None:
    gold = facts_from_gold(
        {
            "subject": {"name": "Tiga besar", "kind": "other"},
            "others": [
                {"subject": {"name": "Kabupaten Grobogan", "kind": "kabupaten"}, "assessment_year": 2022,
                 "score": 98.02},
                {"subject": {"name": "Kabupaten Badung", "kind": "kabupaten"}, "assessment_year": 2022,
                 "score": 97.53},
                {"subject": {"name": "Kabupaten Banyumas", "kind": "kabupaten"}, "assessment_year": 2022,
                 "score": 95.01},
            ],
        }
    )  # fmt: skip
    got = facts_from_extraction(
        Extraction.model_validate(
            {
                "assessment": "ombudsman_compliance",
                "others": [
                    {"subject": {"name_as_written": "Pemkab Grobogan", "name": "Kabupaten Grobogan",
                                 "kind": "kabupaten"}, "assessment_year": 2022, "score": 98.02},
                    {"subject": {"name_as_written": "Pemkab Badung", "name": "Kabupaten Badung",
                                 "kind": "kabupaten"}, "assessment_year": 2022, "score": 97.35},
                    {"subject": {"name_as_written": "Kota Denpasar", "name": "Kota Denpasar", "kind": "kota"},
                     "assessment_year": 2022, "score": 90.0},
                ],
            }
        )
    )  # fmt: skip
    counts, diffs = compare(gold, got)
    others = counts["others"]
    assert (others.tp, others.fp, others.fn) == (
        1,
        2,
        2,
    )  # Badung's value wrong; Denpasar extra; Banyumas missed
    assert any("Badung" in d and "score" in d for d in diffs)
    assert any("missing 'Kabupaten Banyumas'" in d for d in diffs)


def test_an_other_result_without_a_year_is_measured_in_the_articles_year() -> None:
    """eval reads an other result's year as the record's readers do (its own, else the article's):
    a round-up's list without a year per name pairs with gold's results of the article's year."""
    gold = facts_from_gold(
        {
            "subject": {"name": "Tiga besar", "kind": "other"},
            "assessment_year": 2022,
            "others": [{"subject": {"name": "Kabupaten Grobogan", "kind": "kabupaten"},
                        "assessment_year": 2022, "score": 98.02}],
        }
    )  # fmt: skip
    e = Extraction.model_validate(
        {
            "assessment": "ombudsman_compliance",
            "assessment_year": 2022,
            "others": [{"subject": {"name_as_written": "Pemkab Grobogan", "name": "Kabupaten Grobogan",
                                    "kind": "kabupaten"}, "score": 98.02}],
        }
    )  # fmt: skip
    assert e.year_of(e.others[0]) == 2022
    counts, _ = compare(gold, facts_from_extraction(e))
    assert (counts["others"].tp, counts["others"].fp, counts["others"].fn) == (1, 0, 0)


def test_the_dataset_takes_rows_from_other_results_too(tmp_path: Path) -> None:
    """A round-up's other results are rows (basis roundup) where no own article reports the
    subject; where one does, the row is direct and the round-up counts toward its agreement."""
    out = tmp_path / "out"
    _stored(out, "roundup", ground(roundup_draft(), ROUNDUP))
    badung = extraction(
        subject={"name_as_written": "Pemkab Badung", "name": "Kabupaten Badung", "kind": "kabupaten"},
        assessment_year=2022,
        score=97.53,
    )
    _stored(out, "badung", badung)
    records = [read_record(p) for p in sorted(out.glob("*.json")) if not p.name.startswith("_")]
    rows = {row["subject"]: row for row in build(records, {})[0]}
    assert rows["Kabupaten Grobogan"]["basis"] == "roundup" and rows["Kabupaten Grobogan"]["score"] == 98.02
    assert rows["Kabupaten Badung"]["basis"] == "direct" and rows["Kabupaten Badung"]["articles"] == 2
    assert rows["Kabupaten Badung"]["agreement"] == "agree"
    assert "Tiga besar kabupaten" not in rows  # a group's own name is no row


def test_export_has_a_results_table_of_every_result(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _stored(out, "roundup", ground(roundup_draft(), ROUNDUP))
    result = CliRunner().invoke(main, ["export", str(out), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (out / "export" / "results.jsonl").read_text().splitlines()]
    roundup = [
        (r["role"], r["other_index"], r["subject"], r["score"]) for r in rows if r["record_id"] == "roundup"
    ]
    assert roundup == [
        ("main", None, "Tiga besar kabupaten", None),
        ("other", 0, "Kabupaten Grobogan", 98.02),
        ("other", 1, "Kabupaten Badung", 97.53),
    ]


def test_a_record_of_the_previous_version_loads_and_check_upgrades_it_in_place(tmp_path: Path) -> None:
    """A version-1 file (no schema_version, no others) reads as it is; `extractor check` rewrites
    it as the current version with its extraction untouched."""
    out = tmp_path / "out"
    batu = reviewkit.folder(out)["batu"]
    data = json.loads((out / "batu.json").read_text())
    del data["schema_version"]
    assert batu.extraction is not None
    extraction_before = data["extraction"]
    del extraction_before["others"]
    (out / "batu.json").write_text(json.dumps(data, indent=2))
    old = parse_record((out / "batu.json").read_text())
    assert old.schema_version == "1" and old.extraction is not None and old.extraction.others == []

    result = CliRunner().invoke(main, ["check", str(out)])

    assert result.exit_code == 0, result.output
    upgraded = json.loads((out / "batu.json").read_text())
    assert upgraded["schema_version"] == SCHEMA_VERSION == "2"
    assert {k: v for k, v in upgraded["extraction"].items() if k != "others"} == extraction_before
    assert upgraded["extraction"]["others"] == []


def test_an_other_results_score_must_stand_in_its_own_clause() -> None:
    """A score the quote of another subject's result does not hold is an error on that field: the
    number belongs to another clause (or was made up); a quote without the subject's name is a note."""
    draft = roundup_draft()
    draft.others[1].score = 95.01  # Banyumas's number given to Badung
    draft.others[0].quote = "Jawa Tengah (98,02)"
    flags = check(ground(draft, ROUNDUP), ROUNDUP)
    wrong = found(flags, "ungrounded_value", "others[1].score")
    assert wrong and wrong[0].severity.value == "error"
    unnamed = found(flags, "ungrounded_value", "others[0].subject")
    assert unnamed and unnamed[0].severity.value == "info"
    assert not found(flags, "ungrounded_value", "others[0].score")


def test_the_llm_engine_asks_for_others_and_stores_them_grounded(
    serve: Any,  # noqa: F811
    sleeps: Sleeps,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Through the LLM path (a FAKE server answering as a model would): the schema sent asks for
    others, and the answer's others are stored with their located quotes."""
    answer = {
        "assessment": "ombudsman_compliance",
        "subject": {"name": "Tiga besar kabupaten", "kind": "other", "quote": "tiga besar kabupaten"},
        "assessment_year": 2022,
        "assessment_year_quote": "tahun 2022",
        "others": [
            {"name": "Pemkab Badung", "kind": "kabupaten", "assessment_year": 2022, "score": "97,53",
             "zone": None, "grade": None, "quote": "Pemkab Badung, Bali (97,53)"},
        ],
    }  # fmt: skip
    server = serve(FakeReply(content=json.dumps(answer)))
    article = tmp_path / "tiga-besar.txt"
    article.write_text(ROUNDUP, encoding="utf-8")
    record = extract_article(read_article(article), "tiga-besar", engine_for(server, sleeps))
    assert "others" in json.dumps(server.requests[0])
    assert record.extraction is not None
    (badung,) = record.extraction.others
    assert (badung.subject.name, badung.score) == ("Kabupaten Badung", 97.53)
    assert record.extraction.evidence["others[0]"].aligned
