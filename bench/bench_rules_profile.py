"""Where the rules engine spends its time: cProfile over the seeds (or the given articles).

    .venv/bin/python bench/bench_rules_profile.py [--passes 10] [--top 30] [--sort tottime] [paths...]

A companion to ``bench_rules.py`` (which gives the articles per second): the engine is warmed up
first (gazetteer, caches), then profiled over ``--passes`` passes of the articles. The profile is
flat, so ``tottime`` (time in the function itself) usually points at the work to cut; a regex's own
time shows as ``{method 'match'/'search' of 're.Pattern' objects}``, or in its caller's line for a
``finditer``. cProfile costs a little per call, so small functions called often look dearer than
they are: confirm a change with ``bench_rules.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from pathlib import Path

from extractor.rules import RulesEngine

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=10, help="passes over the articles to profile")
    parser.add_argument("--top", type=int, default=30, help="functions to list")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumtime, ncalls)")
    parser.add_argument("paths", nargs="*", type=Path, help="articles (default: seeds/*.txt)")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in (args.paths or sorted(SEEDS.glob("*.txt")))]
    engine = RulesEngine()
    for text in texts:  # warm-up: gazetteer, regex caches
        engine.extract(text)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.passes):
        for text in texts:
            engine.extract(text)
    profile.disable()
    print(f"{args.passes * len(texts)} articles ({len(texts)} x {args.passes} passes)")
    pstats.Stats(profile).strip_dirs().sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
