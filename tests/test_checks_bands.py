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
    """Every assessment year from 2018 has a scale with sources and a confidence that has a
    severity; 2020 has none, and its gap is sourced."""
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
    """A year's bands cover 0 to 100 and do not overlap."""
    bands = scale_of(year).bands
    assert bands[-1].min == 0 and bands[0].max == 100
    for upper, lower in itertools.pairwise(bands):
        assert lower.max < upper.min, (lower, upper)


def test_confidence_decides_severity_high_error_medium_warning_low_info() -> None:
    """The scale's confidence decides the severity: 2021 (high) error, 2019 (medium) warning,
    2025 (low-medium) note."""
    book = scale_book()
    assert book.severity(scale_of(2021).confidence) == Severity.error
    assert book.severity(scale_of(2019).confidence) == Severity.warning
    assert book.severity(scale_of(2025).confidence) == Severity.info


def test_a_confidence_without_a_severity_is_rejected() -> None:
    """Scale data using a confidence that has no severity is refused when loaded."""
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
    """A basis names the scale, its confidence, its sources and the band, bounds written '78,00–87,99'."""
    scale = scale_of(2024)
    b = band(2024, grade="tinggi")
    basis = scale.basis([b])
    assert "2022–2024" in basis and "high confidence" in basis and "suarabahana.com" in basis
    low, high = f"{b.min:.2f}".replace(".", ","), f"{b.max:.2f}".replace(".", ",")
    assert f"B kualitas tinggi = {low}–{high}, zona hijau" in basis


# -- score ↔ zone at the exact cut --------------------------------------------------------------


def test_score_at_the_cut_of_hijau_with_zone_hijau_is_quiet() -> None:
    """A score exactly at the hijau cut, stated hijau (kualitas tinggi), raises nothing."""
    cut = lowest(2024, "hijau")
    flags = check(extraction(assessment_year=2024, score=cut, zone="hijau", grade="tinggi"), None)
    assert not flags


def test_score_one_hundredth_below_the_hijau_cut_with_zone_hijau_is_an_error_on_zone() -> None:
    """0,01 below the hijau cut and stated hijau is an error on zone, naming the band the score is
    in and writing the score with a decimal comma."""
    below = round(lowest(2024, "hijau") - 0.01, 2)
    flags = check(extraction(assessment_year=2024, score=below, zone="hijau"), None)
    [hit] = found(flags, "score_zone_mismatch", "zone")
    assert hit.severity == Severity.error
    assert "kualitas sedang" in hit.message and "zona kuning" in hit.basis
    assert f"{below:.2f}".replace(".", ",") in hit.message


def test_score_at_the_cut_with_the_zone_below_is_an_error() -> None:
    """A score at the hijau cut stated kuning is flagged."""
    cut = lowest(2023, "hijau")
    flags = check(extraction(assessment_year=2023, score=cut, zone="kuning"), None)
    assert found(flags, "score_zone_mismatch", "zone")


def test_unit_zone_mismatch_points_at_the_unit() -> None:
    """A unit's zone mismatch is flagged on that unit's own field."""
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
    """Up to 2019 (medium confidence) a mismatch with the neighbouring zone is a warning."""
    below = round(lowest(2019, "hijau") - 0.01, 2)
    [hit] = found(
        check(extraction(assessment_year=2018, score=below, zone="hijau"), None), "score_zone_mismatch"
    )
    assert hit.severity == Severity.warning and "medium confidence" in hit.basis


def test_2025_opini_band_mismatch_is_only_a_note() -> None:
    """Under the 2025 opini scale (low confidence) a zone mismatch is only a note."""
    below = round(lowest(2025, "hijau") - 0.01, 2)
    flags = check(
        extraction(assessment="ombudsman_opini_2025", assessment_year=2025, score=below, zone="hijau"), None
    )
    [hit] = found(flags, "score_zone_mismatch")
    assert hit.severity == Severity.info


# -- score ↔ grade -------------------------------------------------------------------------------


def test_score_grade_match_at_each_cut_is_quiet() -> None:
    """Each band's minimum with that band's own grade and zone raises nothing."""
    for b in scale_of(2024).bands:
        assert not check(extraction(assessment_year=2024, score=b.min, grade=b.grade, zone=b.zone), None)


def test_score_grade_mismatch_across_the_B_C_cut_is_an_error_on_grade() -> None:
    """Just below the B cut and stated kualitas tinggi is an error on grade (a high-confidence cut)."""
    b = band(2024, grade="tinggi")
    flags = check(extraction(assessment_year=2024, score=round(b.min - 0.01, 2), grade="tinggi"), None)
    [hit] = found(flags, "score_grade_mismatch", "grade")
    assert hit.severity == Severity.error


def test_mismatch_resting_on_the_medium_high_D_E_cut_is_a_warning() -> None:
    """Just below the D cut and stated kualitas rendah rests on the medium-high D/E cut: a warning."""
    d = band(2023, grade="rendah")
    flags = check(extraction(assessment_year=2023, score=round(d.min - 0.01, 2), grade="rendah"), None)
    [hit] = found(flags, "score_grade_mismatch", "grade")
    assert hit.severity == Severity.warning and "medium-high" in hit.basis


def test_grade_in_a_zone_it_does_not_belong_to() -> None:
    """kualitas tinggi with zona kuning is an error on zone; with zona hijau it is quiet."""
    flags = check(extraction(assessment_year=2022, grade="tinggi", zone="kuning"), None)
    [hit] = found(flags, "grade_zone_mismatch", "zone")
    assert hit.severity == Severity.error
    assert not found(
        check(extraction(assessment_year=2022, grade="tinggi", zone="hijau"), None), "grade_zone_mismatch"
    )


def test_grade_before_2022_is_a_warning_and_zone_only_years_stay_quiet_without_one() -> None:
    """A grade for 2021 (zones only that year) is a warning explaining 'predikat kepatuhan';
    without a grade 2021 stays quiet."""
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
    """2020 had no assessment: only the year flag, no band flag."""
    flags = check(extraction(assessment_year=2020, score=10, zone="hijau"), None)
    assert {f.code for f in flags} == {"no_assessment_2020"}


def test_spans_point_at_the_quotes() -> None:
    """A band flag's evidence spans point at the quotes of the score and of the zone."""
    text = "Nilai Kota X 77,99 dan meraih zona hijau."
    below = round(lowest(2024, "hijau") - 0.01, 2)
    e = extraction(
        text, {"score": "77,99", "zone": "zona hijau"}, assessment_year=2024, score=below, zone="hijau"
    )
    [hit] = found(check(e, text), "score_zone_mismatch")
    assert {text[s.start : s.end] for s in hit.evidence} == {"77,99", "zona hijau"}


def test_scale_file_is_shipped_as_package_data() -> None:
    """The scale data file is shipped with the package (pyproject package data)."""
    pyproject = Path(PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'extractor = ["data/*.json"]' in pyproject


# -- gross contradictions and the wording of the messages -----------------------------------------


def test_a_score_stated_three_grades_lower_is_an_error_though_the_D_E_cut_is_medium_high() -> None:
    """82,28 stated 'kualitas terendah' (band B against E) would rest on the medium-high D/E cut
    and so be a warning; three bands away it is an error, and the message says how far."""
    score = round(band(2023, grade="tinggi").min + 4.28, 2)
    flags = check(extraction(assessment_year=2023, score=score, grade="terendah"), None)
    [hit] = found(flags, "score_grade_mismatch", "grade")
    assert hit.severity == Severity.error and "3 bands away" in hit.message
    assert "medium-high" in hit.basis  # the basis still gives the cut's confidence


def test_one_band_away_on_a_doubtful_cut_stays_a_warning_without_the_gross_note() -> None:
    """A neighbouring band across a medium-high cut is not gross: still a warning, no 'bands away'."""
    d = band(2023, grade="rendah")
    [hit] = found(
        check(extraction(assessment_year=2023, score=round(d.min - 0.01, 2), grade="rendah"), None),
        "score_grade_mismatch",
    )
    assert hit.severity == Severity.warning and "bands away" not in hit.message


def test_two_zones_away_on_a_medium_confidence_scale_is_an_error_one_zone_a_warning() -> None:
    """Up to 2019 the scale is of medium confidence (a warning), but a hijau score stated merah
    is two zones away: an error. A hijau score stated kuning stays a warning."""
    score = lowest(2019, "hijau") + 5
    [far] = found(
        check(extraction(assessment_year=2018, score=score, zone="merah"), None), "score_zone_mismatch"
    )
    [near] = found(
        check(extraction(assessment_year=2018, score=score, zone="kuning"), None), "score_zone_mismatch"
    )
    assert (far.severity, near.severity) == (Severity.error, Severity.warning)


def test_a_gross_contradiction_on_the_doubtful_2025_scale_stays_a_note() -> None:
    """Where the scale itself is in doubt (2025 opini, low confidence) even a far-off zone is a
    note: the rule raises warnings only."""
    score = lowest(2025, "hijau") + 7
    flags = check(
        extraction(assessment="ombudsman_opini_2025", assessment_year=2025, score=score, zone="merah"), None
    )
    [hit] = found(flags, "score_zone_mismatch")
    assert hit.severity == Severity.info


def test_severity_of_a_contradiction_by_confidence_and_distance() -> None:
    """contradiction_severity: a warning two bands or more away becomes an error; errors and notes
    stay what their confidence makes them."""
    book = scale_book()
    assert book.contradiction_severity("medium-high", 1) == Severity.warning
    assert book.contradiction_severity("medium-high", 2) == Severity.error
    assert book.contradiction_severity("high", 1) == Severity.error
    assert book.contradiction_severity("low", 3) == Severity.info


def test_steps_counts_bands_between_a_band_and_the_nearest_wanted_one() -> None:
    """Scale.steps: neighbours are one apart; the nearest band of a zone counts."""
    scale = scale_of(2023)
    b = band(2023, grade="tinggi")
    assert scale.steps(b, scale.bands_with(grade="sedang")) == 1
    assert scale.steps(b, scale.bands_with(zone="merah")) == 2
    assert scale.steps(b, scale.bands_with(grade="terendah")) == 3


def test_messages_name_the_assessment_year_and_write_numbers_with_a_decimal_comma() -> None:
    """A band flag says 'by the 2023 scale (2022–2024 scale)', not only the scale's span of years;
    a year with a scale of its own is named once; scores are written '77,99', never '77.99'."""
    below = round(lowest(2023, "hijau") - 0.01, 2)
    [hit] = found(
        check(extraction(assessment_year=2023, score=below, zone="hijau"), None), "score_zone_mismatch"
    )
    assert "by the 2023 scale (2022–2024 scale)" in hit.message
    assert f"{below:.2f}".replace(".", ",") in hit.message and f"{below:.2f}" not in hit.message
    score = round(lowest(2021, "hijau") - 1.8, 2)
    [hit] = found(
        check(extraction(assessment_year=2021, score=score, zone="hijau"), None), "score_zone_mismatch"
    )
    assert "by the 2021 scale," in hit.message
    [grade_zone] = found(
        check(extraction(assessment_year=2024, grade="tinggi", zone="kuning"), None), "grade_zone_mismatch"
    )
    assert "by the 2024 scale (2022–2024 scale)" in grade_zone.message
