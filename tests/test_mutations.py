"""Mutation test of the checks: every kind of inconsistency injected into the seeds' gold records
is caught with the right code on the right field (see ``tests/mutations.py`` for the kinds).

The catch rate per kind is printed to the terminal while the test runs (also without ``-s``),
and by ``bench/mutation_report.py``.
The same cases are run on records without quotes, where the checks fall back on the whole text.
"""

from __future__ import annotations

import warnings

import pytest

from tests.checkkit import band, lowest
from tests.mutations import (
    DEV_LEFT_OUT,
    MUTATIONS,
    Case,
    all_cases,
    catch_table,
    dev_samples,
    left_out_report,
    printed_bands,
    seed_samples,
)

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
    "publication year as year",
    "another index's number",
    "duplicate official, spelling variant",
]
# Kinds the seeds give no place for (no ``others``, no printed band): they must have dev cases.
DEV_ONLY = ["score of another subject", "band threshold as score"]


def _missed(cases: list[Case]) -> list[str]:
    return [
        f"{c.kind} / {c.sample} / {c.site}: want {c.code} on {c.field}, got "
        f"{sorted({(f.code, f.field) for f in c.flags})}"
        for c in cases
        if not c.caught
    ]


def test_every_required_mutation_kind_has_cases_on_the_seeds() -> None:
    """Each kind the issue names turns at least one seed gold record into a case."""
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
    """Every mutated seed record raises the expected code on the mutated field."""
    cases = _CASES[quotes]
    with capsys.disabled():
        print(f"\n\nseeds gold, {'with' if quotes else 'without'} quotes:\n{catch_table(cases)}")
    assert not _missed(cases)


def test_band_cases_are_printed_bands_not_the_holders_scores() -> None:
    """A band of the scale or a bound is taken ("zona hijau dengan nilai 81-100" -> 81, "0-50,99"
    -> 50,99, "di atas 78" -> 78); a range of the holders' scores, an age or a date is not."""
    text = (
        "Zona hijau dengan nilai 81-100, zona merah dengan nilai 0-50,99. Kategori A di atas 78. "
        "Tiga Polres memperoleh zona hijau dengan skor berkisar 82-84. Vaksinasi usia 6-11. "
        "Selasa 03-12-2024."
    )
    assert [value for _, value in printed_bands(text)] == [81.0, 50.99, 78.0]


_DEV = dev_samples()
_DEV_LEFT_OUT = list(DEV_LEFT_OUT)


@pytest.mark.skipif(not _DEV, reason="shared dev corpus not checked out beside the project")
def test_mutations_of_the_dev_corpus_gold_are_caught(capsys: pytest.CaptureFixture[str]) -> None:
    """Every mutated dev gold record raises the expected code on the mutated field; dev gold the
    schema cannot hold is left out of the samples and reported (terminal and pytest warning)."""
    cases = all_cases(_DEV)
    with capsys.disabled():
        print(f"\n\nshared dev gold, with quotes:\n{catch_table(cases)}")
        if _DEV_LEFT_OUT:
            print(f"dev gold left out (schema rejects it):\n{left_out_report()}")
    for stem, reason in _DEV_LEFT_OUT:
        warnings.warn(f"dev gold {stem} left out of the mutations: {reason}", stacklevel=1)
    assert not _missed(cases)


@pytest.mark.skipif(not _DEV, reason="shared dev corpus not checked out beside the project")
def test_kinds_the_seeds_cannot_hold_have_cases_on_the_dev_gold() -> None:
    """The kinds needing other subjects' results or a printed band have cases on the dev gold."""
    kinds = {case.kind for case in all_cases(_DEV)}
    assert set(DEV_ONLY) <= kinds
