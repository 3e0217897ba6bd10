"""Whether a compiled build of the rules engine (``make fast``) gives the same drafts as the source.

    .venv/bin/python bench/compiled_identity.py .venv-fast/bin/python

Runs the engine of this checkout (pure Python) and the engine installed for the given Python
(compiled with mypyc) over the seeds, the test fixtures, the dev corpus when ../shared holds it,
and 500 texts spliced from those, and compares the drafts and runner-ups byte for byte. Exits 1
on the first difference, or when the other Python's engine is not compiled.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "seeds",
    ROOT / "tests" / "fixtures" / "articles",
    ROOT.parent / "shared" / "corpus" / "dev" / "articles",
]


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for folder in SOURCES for p in sorted(folder.glob("*.txt"))]
    rng = random.Random(7)
    spliced = []
    for _ in range(500):  # sentences of two articles in one text: orders no article has
        a, b = (t.split(". ") for t in rng.sample(found, 2))
        spliced.append(". ".join(a[: rng.randrange(1, len(a) + 1)] + b[rng.randrange(0, len(b)) :]))
    return found + spliced


def drafts() -> None:
    """(run in the Python being checked) one JSON line per text on stdout, then the module's file."""
    from extractor.rules import RulesEngine, _regions

    engine = RulesEngine()
    for text in json.load(sys.stdin):
        result = engine.extract(text)
        runner_ups = [{"stored": r.stored.model_dump(), "quote": r.quote} for r in result.runner_ups]
        print(json.dumps({"draft": result.draft.model_dump(mode="json"), "runner_ups": runner_ups}))
    print(_regions.__file__)


def _run(python: str, env: dict[str, str], cwd: Path, payload: str) -> list[str]:
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import compiled_identity as c; c.drafts()"
    )
    done = subprocess.run(
        [python, "-c", code], input=payload, capture_output=True, text=True, env=env, cwd=cwd, check=True
    )
    return done.stdout.splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "compiled_python", help="the Python of the compiled build, e.g. .venv-fast/bin/python"
    )
    args = parser.parse_args()
    payload = json.dumps(texts())
    pure_env = {**os.environ, "PYTHONPATH": str(ROOT)}
    compiled_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    pure = _run(sys.executable, pure_env, ROOT, payload)
    # (run from a folder without the checkout, so that the installed, compiled package is imported)
    compiled = _run(os.path.abspath(args.compiled_python), compiled_env, Path("/"), payload)
    if not compiled[-1].endswith(".so"):
        sys.exit(f"not compiled: the rules engine of {args.compiled_python} is {compiled[-1]}")
    if pure[-1].endswith(".so"):
        sys.exit(f"the source run imported a compiled module ({pure[-1]}): remove it from the checkout")
    for i, (a, b) in enumerate(zip(pure[:-1], compiled[:-1], strict=True)):
        if a != b:
            sys.exit(
                f"text {i}: the compiled engine's draft differs:\n"
                f"  source:   {a[:300]}\n  compiled: {b[:300]}"
            )
    print(f"same drafts and runner-ups, byte for byte, on {len(pure) - 1} texts (compiled: {compiled[-1]})")


if __name__ == "__main__":
    main()
