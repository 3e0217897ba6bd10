"""Check 1 and the scale data: score ↔ zone, score ↔ grade, grade ↔ zone, grades before 2022.

Band values are taken from ``extractor/data/scale.json`` through the loader, never written here,
so these tests follow the data file (and prove no band literal is needed in the code).
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

from extractor.checks._scale import parse_book, scale_book
from schemas.record import Severity
from tests.checkkit import band, check, extraction, found, lowest, scale_of
from tests.conftest import PROJECT_ROOT

# -- the scale data ----------------------------------------------------------------------------


def test_scale_data_has_every_year_with_sources_and_confidence() -> None:
    book = scale_book()
    for year in (2018, 2019, 2021, 2022, 2023, 2024, 2025):
        scale = book.for_year(year)
        assert scale is not None, year
        assert scale.sources and all(s.source for s in scale.sources)
        assert book.severity(scale.confidence) in Severity
    assert book.for_year(2020) is None and book.gap(2020) is not None
    assert book.gap(2020).sources  # type: ignore[union-attr]


@pytest.mark.parametrize("year", [2019, 2021, 2022, 2025])
def test_bands_of_a_year_cover_zero_to_hundred_without_overlap(year: int) -> None:
    bands = scale_of(year).bands
    assert bands[-1].min == 0 and bands[0].max == 100
    for upper, lower in itertools.pairwise(bands):
        assert lower.max < upper.min, (lower, upper)


def test_confidence_decides_severity_high_error_medium_warning_low_info() -> None:
    book = scale_book()
    assert book.severity(scale_of(2021).confidence) == Severity.error
    assert book.severity(scale_of(2019).confidence) == Severity.warning
    assert book.severity(scale_of(2025).confidence) == Severity.info


def test_a_confidence_without_a_severity_is_rejected() -> None:
    data = {
        "confidence_severity": {"high": "error"},
        "no_assessment": [],
        "scales": [
            {"id": "x", "label": "x", "instrument": "compliance", "confidence": "medium", "bands": []},
        ],
    }
    with pytest.raises(ValueError, match="confidence"):
        parse_book(data)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_no_band_literal_appears_in_the_code_outside_the_data_file() -> None:
    """No number or string in the code (docstrings and comments aside, which quote articles)
    holds a cut of the data: 78,00 / 77,99 / 80,99, or a band minimum such as 78 or 88."""
    cuts = {
        value
        for scale in scale_book().scales
        if scale.decimals
        for b in scale.bands
        for value in (b.min, b.max)
        if value not in (0, 100)
    }
    texts = {f"{v:.2f}" for v in cuts} | {f"{v:.2f}".replace(".", ",") for v in cuts}
    offenders = []
    for path in sorted((PROJECT_ROOT / "extractor").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or id(node) in skip:
                continue
            value = node.value
            if isinstance(value, int | float) and not isinstance(value, bool) and float(value) in cuts:
                offenders.append(f"{path.name}:{node.lineno}: {value!r}")
            if isinstance(value, str) and any(
                re.search(rf"(?<![\d.,]){re.escape(t)}(?!\d)", value) for t in texts
            ):
                offenders.append(f"{path.name}:{node.lineno}: {value[:40]!r}")
    assert not offenders


def test_basis_names_scale_confidence_sources_and_band_in_indonesian_numbers() -> None:
    scale = scale_of(2024)
    b = band(2024, grade="tinggi")
    basis = scale.basis([b])
    assert "2022–2024" in basis and "high confidence" in basis and "suarabahana.com" in basis
    low, high = f"{b.min:.2f}".replace(".", ","), f"{b.max:.2f}".replace(".", ",")
    assert f"B kualitas tinggi = {low}–{high}, zona hijau" in basis


# -- score ↔ zone at the exact cut --------------------------------------------------------------


def test_score_at_the_cut_of_hijau_with_zone_hijau_is_quiet() -> None:
    cut = lowest(2024, "hijau")
    flags = check(extraction(assessment_year=2024, score=cut, zone="hijau", grade="tinggi"), None)
    assert not flags


def test_score_one_hundredth_below_the_hijau_cut_with_zone_hijau_is_an_error_on_zone() -> None:
    below = round(lowest(2024, "hijau") - 0.01, 2)
    flags = check(extraction(assessment_year=2024, score=below, zone="hijau"), None)
    [hit] = found(flags, "score_zone_mismatch", "zone")
    assert hit.severity == Severity.error
    assert "kualitas sedang" in hit.message and "zona kuning" in hit.basis
    assert f"{below:.2f}".replace(".", ",") in hit.message


def test_score_at_the_cut_with_the_zone_below_is_an_error() -> None:
    cut = lowest(2023, "hijau")
    flags = check(extraction(assessment_year=2023, score=cut, zone="kuning"), None)
    assert found(flags, "score_zone_mismatch", "zone")


def test_unit_zone_mismatch_points_at_the_unit() -> None:
    below = round(lowest(2024, "hijau") - 0.01, 2)
    units = [
        {"name": "Dinas Sosial", "score": 90, "zone": "hijau"},
        {"name": "DPMPTSP", "score": below, "zone": "hijau"},
    ]
    flags = check(extraction(assessment_year=2024, units=units), None)
    assert [f.field for f in found(flags, "score_zone_mismatch")] == ["units[1].zone"]


def test_2021_scale_has_its_own_cut() -> None:
    """79,20 is hijau from 2022 but kuning in 2021 (the 2021 hijau starts higher)."""
    score = round(lowest(2021, "hijau") - 1.8, 2)
    assert check(extraction(assessment_year=2022, score=score, zone="hijau"), None) == []
    assert found(
        check(extraction(assessment_year=2021, score=score, zone="hijau"), None), "score_zone_mismatch"
    )


def test_medium_confidence_scale_gives_a_warning() -> None:
    below = round(lowest(2019, "hijau") - 0.01, 2)
    [hit] = found(
        check(extraction(assessment_year=2018, score=below, zone="hijau"), None), "score_zone_mismatch"
    )
    assert hit.severity == Severity.warning and "medium confidence" in hit.basis


def test_2025_opini_band_mismatch_is_only_a_note() -> None:
    below = round(lowest(2025, "hijau") - 0.01, 2)
    flags = check(
        extraction(assessment="ombudsman_opini_2025", assessment_year=2025, score=below, zone="hijau"), None
    )
    [hit] = found(flags, "score_zone_mismatch")
    assert hit.severity == Severity.info


# -- score ↔ grade -------------------------------------------------------------------------------


def test_score_grade_match_at_each_cut_is_quiet() -> None:
    for b in scale_of(2024).bands:
        assert not check(extraction(assessment_year=2024, score=b.min, grade=b.grade, zone=b.zone), None)


def test_score_grade_mismatch_across_the_B_C_cut_is_an_error_on_grade() -> None:
    b = band(2024, grade="tinggi")
    flags = check(extraction(assessment_year=2024, score=round(b.min - 0.01, 2), grade="tinggi"), None)
    [hit] = found(flags, "score_grade_mismatch", "grade")
    assert hit.severity == Severity.error


def test_mismatch_resting_on_the_medium_high_D_E_cut_is_a_warning() -> None:
    d = band(2023, grade="rendah")
    flags = check(extraction(assessment_year=2023, score=round(d.min - 0.01, 2), grade="rendah"), None)
    [hit] = found(flags, "score_grade_mismatch", "grade")
    assert hit.severity == Severity.warning and "medium-high" in hit.basis


def test_grade_in_a_zone_it_does_not_belong_to() -> None:
    flags = check(extraction(assessment_year=2022, grade="tinggi", zone="kuning"), None)
    [hit] = found(flags, "grade_zone_mismatch", "zone")
    assert hit.severity == Severity.error
    assert not found(
        check(extraction(assessment_year=2022, grade="tinggi", zone="hijau"), None), "grade_zone_mismatch"
    )


def test_grade_before_2022_is_a_warning_and_zone_only_years_stay_quiet_without_one() -> None:
    flags = check(extraction(assessment_year=2021, score=89.39, zone="hijau", grade="tinggi"), None)
    [hit] = found(flags, "grade_before_2022", "grade")
    assert hit.severity == Severity.warning and "predikat kepatuhan" in hit.message
    assert not check(extraction(assessment_year=2021, score=89.39, zone="hijau"), None)


def test_without_a_year_only_what_no_scale_allows_is_flagged() -> None:
    """Between the 2021 and 2022 hijau cuts a score is hijau under one scale: no flag; far below
    every hijau cut it is a warning."""
    between = round(lowest(2021, "hijau") - 1, 2)
    assert not check(extraction(score=between, zone="hijau"), None)
    far = round(min(lowest(2021, "hijau"), lowest(2024, "hijau")) - 10, 2)
    [hit] = found(check(extraction(score=far, zone="hijau"), None), "score_zone_mismatch")
    assert hit.severity == Severity.warning


def test_a_2020_year_gets_no_band_flag_only_the_year_flag() -> None:
    flags = check(extraction(assessment_year=2020, score=10, zone="hijau"), None)
    assert {f.code for f in flags} == {"no_assessment_2020"}


def test_spans_point_at_the_quotes() -> None:
    text = "Nilai Kota X 77,99 dan meraih zona hijau."
    below = round(lowest(2024, "hijau") - 0.01, 2)
    e = extraction(
        text, {"score": "77,99", "zone": "zona hijau"}, assessment_year=2024, score=below, zone="hijau"
    )
    [hit] = found(check(e, text), "score_zone_mismatch")
    assert {text[s.start : s.end] for s in hit.evidence} == {"77,99", "zona hijau"}


def test_scale_file_is_shipped_as_package_data() -> None:
    pyproject = Path(PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'extractor = ["data/*.json"]' in pyproject
