"""Mutation test of the checks: every kind of inconsistency injected into the seeds' gold records
is caught with the right code on the right field (see ``tests/mutations.py`` for the kinds).

The catch rate per kind is printed to the terminal while the test runs (also without ``-s``),
and by ``bench/mutation_report.py``.
The same cases are run on records without quotes, where the checks fall back on the whole text.
"""

from __future__ import annotations

import pytest

from tests.checkkit import band, lowest
from tests.mutations import MUTATIONS, Case, all_cases, catch_table, dev_samples, seed_samples

_SEEDS = seed_samples()
_CASES = {True: all_cases(_SEEDS, quotes=True), False: all_cases(_SEEDS, quotes=False)}

# Kinds the issue names; each must have cases on the seeds.
REQUIRED = [
    "band edge (zone)",
    "band edge (grade)",
    "swap zone",
    "break stated delta",
    "drop a listed unit",
    "year 2020",
    "name not in text",
    "number not in text",
    "score attributed to KemenPAN-RB",
    "duplicate unit/official",
    "same subject+year, other score",
]


def _missed(cases: list[Case]) -> list[str]:
    return [
        f"{c.kind} / {c.sample} / {c.site}: want {c.code} on {c.field}, got "
        f"{sorted({(f.code, f.field) for f in c.flags})}"
        for c in cases
        if not c.caught
    ]


def test_every_required_mutation_kind_has_cases_on_the_seeds() -> None:
    kinds = {case.kind for case in _CASES[True]}
    assert set(REQUIRED) <= kinds <= set(MUTATIONS)


def test_band_edge_cases_sit_at_the_exact_cut() -> None:
    """The moved scores are a cut of the data (e.g. 88,00 into A) and one hundredth below a cut
    (e.g. 77,99 out of hijau)."""
    below_hijau = round(lowest(2024, "hijau") - 0.01, 2)
    a_cut = band(2024, grade="tertinggi").min
    zone_sites = [c.site for c in _CASES[True] if c.kind == "band edge (zone)"]
    grade_sites = [c.site for c in _CASES[True] if c.kind == "band edge (grade)"]
    assert any(site.endswith(f"-> {below_hijau}") for site in zone_sites)
    assert any(site.endswith(f"-> {a_cut}") for site in grade_sites)


@pytest.mark.parametrize("quotes", [True, False], ids=["with quotes", "without quotes"])
def test_every_mutation_is_caught_with_the_right_code_on_the_right_field(
    quotes: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _CASES[quotes]
    with capsys.disabled():
        print(f"\n\nseeds gold, {'with' if quotes else 'without'} quotes:\n{catch_table(cases)}")
    assert not _missed(cases)


_DEV = dev_samples()


@pytest.mark.skipif(not _DEV, reason="shared dev corpus not checked out beside the project")
def test_mutations_of_the_dev_corpus_gold_are_caught(capsys: pytest.CaptureFixture[str]) -> None:
    cases = all_cases(_DEV)
    with capsys.disabled():
        print(f"\n\nshared dev gold, with quotes:\n{catch_table(cases)}")
    assert not _missed(cases)
