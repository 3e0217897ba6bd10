"""Mutation testing of the consistency checks: inject one known inconsistency into a correct gold
record and see whether the right flag code is raised on the right field.

Each mutation kind turns one gold sample into zero or more cases (one per place it applies:
the subject, each unit, each official, each edge of a band...). A case is caught when a flag
with the expected code and field is raised. Band edges are read from the scale data, never
written here, so the cases follow the data file. Used by ``tests/test_mutations.py`` and
``bench/mutation_report.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tests.mutation_attribution import (
    band_as_score,
    duplicate_spelling,
    other_index_as_score,
    printed_bands,
    publication_year,
    score_from_elsewhere,
)
from tests.mutation_numbers import band_edge, break_delta, drop_unit, swap_zone
from tests.mutation_samples import (
    DEV_LEFT_OUT,
    GOLD_DIR,
    SEEDS_DIR,
    Case,
    Sample,
    dev_samples,
    left_out_report,
    seed_samples,
)
from tests.mutation_values import (
    cross_article,
    duplicate,
    grade_before_grades,
    invented_name,
    invented_number,
    journalist,
    kemenpanrb,
    opini_as_score,
    precision,
    subject_kind,
    year_2020,
    year_after_publication,
)

__all__ = [
    "DEV_LEFT_OUT",
    "GOLD_DIR",
    "MUTATIONS",
    "SEEDS_DIR",
    "Case",
    "Sample",
    "all_cases",
    "catch_table",
    "dev_samples",
    "left_out_report",
    "printed_bands",
    "seed_samples",
]


# The kinds the issue names first, then the extra ones.
MUTATIONS: dict[str, Callable[[Sample], list[Case]]] = {
    "band edge (zone)": band_edge("zone"),
    "band edge (grade)": band_edge("grade"),
    "swap zone": swap_zone,
    "break stated delta": break_delta,
    "drop a listed unit": drop_unit,
    "year 2020": year_2020,
    "name not in text": invented_name,
    "number not in text": invented_number,
    "score attributed to KemenPAN-RB": kemenpanrb,
    "duplicate unit/official": duplicate,
    "same subject+year, other score": cross_article,
    "year after publication": year_after_publication,
    "journalist as official": journalist,
    "wrong subject kind": subject_kind,
    "grade before 2022": grade_before_grades,
    "2025 opini as a score": opini_as_score,
    "three decimals": precision,
    "score of another subject": score_from_elsewhere,
    "band threshold as score": band_as_score,
    "publication year as year": publication_year,
    "another index's number": other_index_as_score,
    "duplicate official, spelling variant": duplicate_spelling,
}


def all_cases(samples: list[Sample], quotes: bool = True) -> list[Case]:
    """Every case of every kind; ``quotes=False`` strips the evidence first (text fallback)."""
    chosen = [replace(sample, quotes=quotes) for sample in samples]
    return [case for mutate in MUTATIONS.values() for sample in chosen for case in mutate(sample)]


def catch_table(cases: list[Case]) -> str:
    """'kind  caught/cases  rate' per mutation kind, and the total."""
    rows: dict[str, list[int]] = {kind: [0, 0] for kind in MUTATIONS}
    for case in cases:
        row = rows.setdefault(case.kind, [0, 0])
        row[0] += case.caught
        row[1] += 1
    width = max(len(kind) for kind in rows) + 2
    lines = [f"{'mutation kind':<{width}}{'caught':>8}{'cases':>7}{'rate':>8}"]
    for kind, (caught, total) in rows.items():
        rate = f"{100 * caught / total:.0f}%" if total else "n/a"
        lines.append(f"{kind:<{width}}{caught:>8}{total:>7}{rate:>8}")
    caught = sum(r[0] for r in rows.values())
    total = sum(r[1] for r in rows.values())
    lines.append(f"{'all':<{width}}{caught:>8}{total:>7}{100 * caught / max(total, 1):>7.0f}%")
    return "\n".join(lines)
