"""Catch rate of the consistency checks per mutation kind, on the seeds' gold (and the shared
dev corpus where it is checked out beside the project).

    .venv/bin/python bench/mutation_report.py [--missed]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.mutations import (
    DEV_LEFT_OUT,
    Case,
    all_cases,
    catch_table,
    dev_samples,
    left_out_report,
    seed_samples,
)


def main() -> None:
    for label, samples in (("seeds gold", seed_samples()), ("shared dev gold", dev_samples())):
        if not samples:
            print(f"\n{label}: not available")
            continue
        if label == "shared dev gold" and DEV_LEFT_OUT:
            print(f"\n{label}: left out, the record schema rejects them:\n{left_out_report()}")
        for quotes in (True, False):
            cases = all_cases(samples, quotes=quotes)
            how = "with quotes found in the text" if quotes else "without quotes (whole-text fallback)"
            print(f"\n{label}, {how}: {len(samples)} records, {len(cases)} mutated cases")
            print(catch_table(cases))
            _missed(cases)


def _missed(cases: list[Case]) -> None:
    if "--missed" in sys.argv:
        for case in cases:
            if not case.caught:
                got = sorted({(f.code, f.field) for f in case.flags})
                want = f"want {case.code} on {case.field}"
                print(f"  missed: {case.kind} / {case.sample} / {case.site}: {want}; got {got}")


if __name__ == "__main__":
    main()
