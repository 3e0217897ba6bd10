"""Articles per second of the rules engine on one core: the seeds, repeated.

    .venv/bin/python bench/bench_rules.py [--seconds 5] [--ground]

Measures ``RulesEngine.extract`` (and with ``--ground`` the grounding of the quotes too) in
one thread, after a warm-up that loads the gazetteer. Prints articles per second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extractor.grounding import ground
from extractor.rules import RulesEngine

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    parser.add_argument("--ground", action="store_true", help="also locate every quote (offsets)")
    parser.add_argument("paths", nargs="*", type=Path, help="articles (default: seeds/*.txt)")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in (args.paths or sorted(SEEDS.glob("*.txt")))]
    engine = RulesEngine()
    for text in texts:  # warm-up: gazetteer, regex caches
        engine.extract(text)
    done = 0
    started = time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline:
        for text in texts:
            draft = engine.extract(text).draft
            if args.ground:
                ground(draft, text)
        done += len(texts)
    elapsed = time.perf_counter() - started
    size = sum(len(t) for t in texts) / len(texts)
    what = "extract + ground" if args.ground else "extract"
    print(
        f"{done / elapsed:,.0f} articles/s ({what}; {done} articles of {size:,.0f} chars avg "
        f"in {elapsed:.1f} s, one thread)"
    )


if __name__ == "__main__":
    main()
