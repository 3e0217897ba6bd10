"""Articles per second of the rules engine on one core: the seeds, repeated.

    .venv/bin/python bench/bench_rules.py [--seconds 5] [--ground] [paths...]
    .venv/bin/python bench/bench_rules.py --profile 10 [--top 30] [paths...]
    .venv/bin/python bench/bench_rules.py --lengths [paths...]

Measures ``RulesEngine.extract`` (and with ``--ground`` the grounding of the quotes too) in
one thread, after a warm-up that loads the gazetteer. Prints articles per second, or with
``--profile`` where the time goes, or with ``--lengths`` the time per character of articles 1, 4,
16 and 32 times as long (the articles joined one after another): linear time keeps it flat.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from extractor.grounding import ground
from extractor.rules import RulesEngine

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    parser.add_argument("--ground", action="store_true", help="also locate every quote (offsets)")
    parser.add_argument(
        "--profile", type=int, metavar="PASSES", help="instead, profile PASSES passes with cProfile"
    )
    parser.add_argument("--top", type=int, default=30, help="with --profile: functions to list")
    parser.add_argument(
        "--lengths", action="store_true", help="instead, time per character as articles grow longer"
    )
    parser.add_argument("paths", nargs="*", type=Path, help="articles or folders of them (default: seeds/)")
    args = parser.parse_args()
    # a folder stands for its .txt articles ("bench_rules.py shared/corpus/dev/articles")
    files = [f for p in args.paths or [SEEDS] for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
    texts = [f.read_text(encoding="utf-8") for f in files]
    engine = RulesEngine()
    for text in texts:  # warm-up: gazetteer, regex caches
        engine.extract(text)
    if args.profile:
        _profile(engine, texts, args.profile, args.top)
        return
    if args.lengths:
        _lengths(engine, texts, args.seconds)
        return
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


def _profile(engine: RulesEngine, texts: list[str], passes: int, top: int) -> None:
    """Where the time goes. The profile is flat, so ``tottime`` (time in the function itself)
    points at the work to cut; a regex's own time shows as ``{method 'search' of 're.Pattern'
    objects}``. cProfile costs a little per call, so small functions called often look dearer
    than they are: confirm a change with the articles-per-second run."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(passes):
        for text in texts:
            engine.extract(text)
    profile.disable()
    print(f"{passes * len(texts)} articles ({len(texts)} x {passes} passes)")
    pstats.Stats(profile).strip_dirs().sort_stats("tottime").print_stats(top)


def _lengths(engine: RulesEngine, texts: list[str], seconds: float) -> None:
    """Microseconds per character for articles made of 1, 4, 16 and 32 articles joined (each
    length measured for ``seconds``), and the ratio to the one-article figure."""
    base: float | None = None
    for times in (1, 4, 16, 32):
        longer = ["\n\n".join(texts[(i + k) % len(texts)] for k in range(times)) for i in range(len(texts))]
        for text in longer[:3]:
            engine.extract(text)  # warm-up
        chars = done = 0
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            for text in longer:
                engine.extract(text)
                chars += len(text)
                done += 1
        per_char = (time.perf_counter() - started) / chars * 1e6
        base = base or per_char
        size = sum(len(t) for t in longer) / len(longer)
        print(
            f"x{times:<3} {size:>8,.0f} chars avg: {per_char:.3f} µs/char "
            f"({per_char / base:.2f} of x1), {done} articles"
        )


if __name__ == "__main__":
    main()
