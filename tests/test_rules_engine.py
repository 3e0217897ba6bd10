"""The offline rules engine: on the seeds against the project's gold, and on small hand-written
articles that pin one way of writing each fact (no network, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.crosscheck import disagreements
from extractor.engines import ExtractionFailed
from extractor.evaluate import compare, facts_from_extraction, facts_from_gold
from extractor.grounding import ground
from extractor.rules import RulesEngine
from schemas.record import Extraction, Severity
from schemas.values import AssessmentKind, Grade, SubjectKind, Zone
from tests.conftest import PROJECT_ROOT, SEEDS

GOLD = PROJECT_ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def engine() -> RulesEngine:
    return RulesEngine()


def run(engine: RulesEngine, text: str) -> Extraction:
    return ground(engine.extract(text).draft, text)


# --- the seeds against the project's own gold -----------------------------------------------


def _seed_counts(engine: RulesEngine) -> dict[str, list[int]]:
    totals: dict[str, list[int]] = {}
    for seed in SEEDS:
        gold_path = GOLD / f"{seed.stem}.json"
        if not gold_path.exists():
            pytest.skip(f"no gold for {seed.name} in tests/gold/")
        gold = facts_from_gold(json.loads(gold_path.read_text(encoding="utf-8")))
        got = facts_from_extraction(run(engine, seed.read_text(encoding="utf-8")))
        counts, _ = compare(gold, got)
        for name, c in counts.items():
            total = totals.setdefault(name, [0, 0, 0])
            total[0] += c.tp
            total[1] += c.fp
            total[2] += c.fn
    return totals


def _f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_rules_engine_meets_the_targets_on_the_seeds_against_the_project_gold(engine: RulesEngine) -> None:
    """subject, year, score, zone, grade >= 0.9 F1 and officials, units >= 0.8 on tests/gold."""
    totals = _seed_counts(engine)
    targets = {"subject": 0.9, "assessment_year": 0.9, "score": 0.9, "zone": 0.9, "grade": 0.9}
    targets.update({"officials": 0.8, "units": 0.8})
    scores = {name: _f1(*totals[name]) for name in targets}
    assert all(scores[name] >= target for name, target in targets.items()), scores


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_every_quote_of_a_seed_is_found_verbatim_in_the_article(engine: RulesEngine, seed: Path) -> None:
    """The engine only copies words: each value's evidence is located, with offsets."""
    text = seed.read_text(encoding="utf-8")
    extraction = run(engine, text)
    assert extraction.evidence
    for path, evidence in extraction.evidence.items():
        assert evidence.aligned, path
        assert evidence.start is not None and evidence.end is not None
        assert text[evidence.start : evidence.end] == evidence.quote


# --- hand-written articles, one fact pattern each ---------------------------------------------

BATU = """Pemkot Sumberjaya Raih Zona Hijau dari Ombudsman RI
Reporter: Budi Santoso | Editor: Rina Wati

KOTA - Pemerintah Kota Batu meraih predikat Zona Hijau Kualitas Tinggi dalam Penilaian Kepatuhan
Penyelenggaraan Pelayanan Publik Ombudsman RI tahun 2024.

Wali Kota Batu, Ahmad Fauzi Rahman, mengatakan nilai Kota Batu naik 2,50 poin, dari 79,10 pada 2023
menjadi 81,60 di 2024.

Penilaian meliputi tiga unit, yaitu Dinas Sosial dengan nilai 80,15 zona hijau kualitas tinggi,
Puskesmas Sisir dengan nilai 90,05 zona hijau kualitas tertinggi, serta DPMPTSP dengan nilai 77,80
zona kuning kualitas sedang.

Kepala Perwakilan Ombudsman RI Jawa Timur, Siti Aminah, menyerahkan penghargaan itu. (Foto: Joko Susilo)
"""


def test_region_subject_is_normalised_with_its_kemendagri_code(engine: RulesEngine) -> None:
    """'Pemerintah Kota Batu' -> 'Kota Batu', kind kota, code 35.79 from the gazetteer."""
    extraction = run(engine, BATU)
    assert extraction.subject is not None
    assert (extraction.subject.name, extraction.subject.kind, extraction.subject.region_code) == (
        "Kota Batu",
        SubjectKind.kota,
        "35.79",
    )


def test_score_year_and_earlier_result_come_from_the_from_to_sentence(engine: RulesEngine) -> None:
    """'naik 2,50 poin, dari 79,10 pada 2023 menjadi 81,60 di 2024': the change is not a score."""
    extraction = run(engine, BATU)
    assert (extraction.score, extraction.assessment_year) == (81.6, 2024)
    assert [(p.year, p.score) for p in extraction.previous] == [(2023, 79.1)]
    assert (extraction.zone, extraction.grade) == (Zone.hijau, Grade.tinggi)
    assert extraction.assessment == AssessmentKind.ombudsman_compliance


def test_units_in_a_list_keep_their_own_score_zone_and_grade(engine: RulesEngine) -> None:
    extraction = run(engine, BATU)
    assert [(u.name, u.score, u.zone, u.grade) for u in extraction.units] == [
        ("Dinas Sosial", 80.15, Zone.hijau, Grade.tinggi),
        ("Puskesmas Sisir", 90.05, Zone.hijau, Grade.tertinggi),
        ("DPMPTSP", 77.8, Zone.kuning, Grade.sedang),
    ]


def test_officials_have_titles_and_bylines_and_photo_credits_are_not_officials(engine: RulesEngine) -> None:
    extraction = run(engine, BATU)
    assert [(o.name, o.role) for o in extraction.officials] == [
        ("Ahmad Fauzi Rahman", "Wali Kota Batu"),
        ("Siti Aminah", "Kepala Perwakilan Ombudsman RI Jawa Timur"),
    ]


@pytest.mark.parametrize(
    ("printed", "value"),
    [("88,42", 88.42), ("58.99", 58.99), ("95,3", 95.3), ("79,19 persen", 79.19), ("99, 23", 99.23)],
)
def test_scores_are_read_in_every_printed_form(engine: RulesEngine, printed: str, value: float) -> None:
    text = (
        "Pemkab Batang memperoleh nilai kepatuhan " + printed + " dalam Penilaian Kepatuhan "
        "Penyelenggaraan Pelayanan Publik Ombudsman RI Tahun 2023 dan masuk kategori A."
    )
    extraction = run(engine, text)
    assert extraction.score == value
    assert extraction.grade == Grade.tertinggi
    assert extraction.subject is not None and extraction.subject.name == "Kabupaten Batang"


def test_another_bodys_index_gives_no_ombudsman_score(engine: RulesEngine) -> None:
    """KemenPAN-RB's IPP 4,61 'predikat A' is not an Ombudsman score or grade."""
    text = (
        "Kota Magelang Raih Predikat A dari KemenPANRB\n\n"
        "Pemerintah Kota Magelang memperoleh nilai Indeks Pelayanan Publik (IPP) sebesar 4,61 dengan "
        "predikat A (Pelayanan Prima) dari Kementerian PANRB tahun 2024. Wali Kota Magelang Damar "
        "Prasetyono menerima penghargaan itu."
    )
    extraction = run(engine, text)
    assert (extraction.score, extraction.zone, extraction.grade) == (None, None, None)
    assert extraction.assessment == AssessmentKind.other_index
    assert [(o.name, o.role) for o in extraction.officials] == [("Damar Prasetyono", "Wali Kota Magelang")]


def test_shares_of_providers_and_scale_bounds_are_not_scores(engine: RulesEngine) -> None:
    text = (
        "Ombudsman RI menilai 98 pemkot pada 2022. Sebanyak 42 pemkot (42,86 persen) masuk zona kuning. "
        "Zona hijau dengan nilai 81-100 dan zona kuning 51-80,99."
    )
    assert run(engine, text).score is None


def test_before_2022_predikat_kepatuhan_tinggi_is_the_green_zone_not_a_grade(engine: RulesEngine) -> None:
    text = (
        "Kementerian Luar Negeri Raih Predikat Kepatuhan Tinggi\n\n"
        "Kementerian Luar Negeri memperoleh nilai kepatuhan 96,87 dari Ombudsman RI tahun 2021."
    )
    extraction = run(engine, text)
    assert (extraction.score, extraction.zone, extraction.grade) == (96.87, Zone.hijau, None)
    assert extraction.subject is not None and extraction.subject.kind == SubjectKind.kementerian


def test_the_2025_opini_is_recognised_without_a_score(engine: RulesEngine) -> None:
    text = (
        "Pemkab Badung raih Opini Kualitas Tertinggi Tanpa Maladministrasi\n\n"
        "Pemerintah Kabupaten Badung menerima Opini Kualitas Tertinggi Tanpa Maladministrasi dari "
        "Ombudsman RI dalam Penilaian Maladministrasi Penyelenggaraan Pelayanan Publik Tahun 2025."
    )
    extraction = run(engine, text)
    assert extraction.assessment == AssessmentKind.ombudsman_opini_2025
    assert (extraction.assessment_year, extraction.score, extraction.grade) == (2025, None, Grade.tertinggi)


def test_same_text_same_answer_and_the_prompt_hash_names_the_rules_version(engine: RulesEngine) -> None:
    first = engine.extract(BATU).draft
    assert RulesEngine().extract(BATU).draft == first
    assert engine.name == "rules" and engine.endpoint_host is None
    assert engine.prompt_hash == RulesEngine().prompt_hash and engine.prompt_hash


def test_an_empty_article_is_a_failure_not_a_crash(engine: RulesEngine) -> None:
    with pytest.raises(ExtractionFailed):
        engine.extract("  \n")


# --- cross-check --------------------------------------------------------------------------------


def test_cross_check_flags_each_disagreeing_field_with_both_values(engine: RulesEngine) -> None:
    rules = run(engine, BATU)
    llm = rules.model_copy(update={"score": 81.0, "zone": Zone.kuning})
    flags = disagreements(llm, rules, "rules")
    assert [(f.code, f.field, f.severity) for f in flags] == [
        ("engines_disagree", "score", Severity.warning),
        ("engines_disagree", "zone", Severity.warning),
    ]
    assert "81.00" in flags[0].message and "81.60" in flags[0].message
    assert "rules" in flags[0].basis


def test_cross_check_compares_subjects_by_normalised_name(engine: RulesEngine) -> None:
    rules = run(engine, BATU)
    assert rules.subject is not None
    other = rules.model_copy(update={"subject": rules.subject.model_copy(update={"name": "KOTA  BATU"})})
    assert disagreements(other, rules, "rules") == []
