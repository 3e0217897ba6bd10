"""Gold annotations: the seeds' gold (tests/gold) and the shared dev corpus read, convert to
extractions with quotes found in the text, and raise no error or warning flag except where the
article itself has a problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.checks import check_extraction, status_for
from extractor.gold import GoldRecord, assessment_of, gold_to_extraction, load_gold
from schemas.record import Severity, Status
from schemas.values import AssessmentKind
from tests.conftest import SEEDS
from tests.mutations import GOLD_DIR, Sample, dev_samples, seed_samples

# Real problems of the articles, each with the flag that points at it: (stem, code, field).
SEED_ARTICLE_PROBLEMS = {
    # 003 calls 97,76 a KemenPAN-RB result ("predikat Pelayanan Prima dari Kementerian ... (PAN-RB)
    # dengan nilai 97,76") though it is the 0-100 Ombudsman score (IPP runs 1-5; the same story
    # calls it hijau / kualitas tertinggi). The reviewer should see that attribution.
    ("003_dd94af7ee6287c64", "other_body_score", "score"),
}
# The dev corpus's known problems are in the gold's notes, not in its values, so none of them
# reaches a flag: 043's "Pemkab Bukittinggi" (a kota) is a listed region, not the subject; 007's
# "103 kabupaten pada zona merah ... 87 zona merah" is a count, not a score; the quoted scales
# with wrong bounds (013 "80,9", 017 "80-100", 043 "77,79") are not results. 004's "nilai
# rata-rata" 93,74 is 0,04 above the mean of its six units: an info note, not a review flag.
DEV_ARTICLE_PROBLEMS: set[tuple[str, str, str]] = set()
DEV_NOTES = {("004", "score_not_unit_mean", "score")}


def _review_flags(sample: Sample) -> set[tuple[str, str, str]]:
    flags = check_extraction(sample.extraction, sample.text)
    return {(sample.stem, f.code, f.field) for f in flags if f.severity in (Severity.error, Severity.warning)}


def test_every_seed_has_gold_in_the_corpus_format() -> None:
    assert sorted(p.stem for p in GOLD_DIR.glob("*.json")) == sorted(p.stem for p in SEEDS)
    keys = {"source_url", "outlet", "published", "subject", "assessment_year", "score", "zone", "grade"}
    for path in GOLD_DIR.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert keys | {"previous", "officials", "units", "notes"} <= set(data), path.name


@pytest.mark.parametrize("sample", seed_samples(), ids=lambda s: s.stem)
def test_seed_gold_gets_a_quote_for_every_value(sample: Sample) -> None:
    e = sample.extraction
    wanted = [name for name in ("subject", "score", "zone", "grade", "assessment_year") if getattr(e, name)]
    wanted += [f"officials[{i}]" for i in range(len(e.officials))]
    wanted += [f"units[{i}]" for i in range(len(e.units))] + [
        f"previous[{i}]" for i in range(len(e.previous))
    ]
    for path in wanted:
        evidence = e.evidence[path]
        assert evidence.aligned and sample.text[evidence.start : evidence.end] == evidence.quote, path


def test_seed_gold_raises_no_review_flag_except_the_article_problems() -> None:
    found = set().union(*(_review_flags(s) for s in seed_samples()))
    assert found == SEED_ARTICLE_PROBLEMS


@pytest.mark.parametrize("sample", seed_samples(), ids=lambda s: s.stem)
def test_seed_gold_with_no_quotes_is_as_clean(sample: Sample) -> None:
    bare = Sample(sample.stem, sample.gold, sample.text, quotes=False)
    assert _review_flags(bare) <= SEED_ARTICLE_PROBLEMS


_DEV = dev_samples()


@pytest.mark.skipif(not _DEV, reason="shared dev corpus not checked out beside the project")
def test_dev_corpus_gold_raises_no_review_flag_except_the_article_problems() -> None:
    found = set().union(*(_review_flags(s) for s in _DEV))
    assert found == DEV_ARTICLE_PROBLEMS
    statuses = {s.stem: status_for(check_extraction(s.extraction, s.text)) for s in _DEV}
    assert set(statuses.values()) == {Status.ok}


@pytest.mark.skipif(not _DEV, reason="shared dev corpus not checked out beside the project")
def test_dev_corpus_notes_are_the_known_ones() -> None:
    notes = {
        (s.stem, f.code, f.field)
        for s in _DEV
        for f in check_extraction(s.extraction, s.text)
        if f.severity == Severity.info
    }
    assert notes == DEV_NOTES


def test_gold_reader_ignores_unknown_keys_and_parses_press_forms(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(
        json.dumps(
            {"score": "82,28", "zone": "Zona Hijau", "grade": "kategori B", "extra": 1, "published": None}
        ),
        encoding="utf-8",
    )
    gold = load_gold(path)
    assert (gold.score, gold.zone, gold.grade) == (82.28, "hijau", "tinggi")


def test_assessment_kind_is_derived_from_the_year_and_the_values() -> None:
    assert (
        assessment_of(GoldRecord(assessment_year=2025, grade="tertinggi"))
        == AssessmentKind.ombudsman_opini_2025
    )
    assert assessment_of(GoldRecord(assessment_year=2024, score=90)) == AssessmentKind.ombudsman_compliance
    assert assessment_of(GoldRecord()) == AssessmentKind.none
    assert assessment_of(GoldRecord(assessment="other_index")) == AssessmentKind.other_index


def test_a_value_not_in_the_text_gets_no_quote() -> None:
    gold = GoldRecord(score=12.34, officials=[{"name": "Budi Santoso", "role": "Bupati"}])
    e = gold_to_extraction(gold, "Nilai 82,28 diraih Kota Batu.")
    assert "score" not in e.evidence and "officials[0]" not in e.evidence
