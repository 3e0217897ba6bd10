"""Per-field F1 of an engine on two halves of a corpus and on the whole, for cross-half development.

    .venv/bin/python scripts/eval_halves.py [../shared/corpus/dev] [--engine rules] [--json]

Half A holds the articles whose number is odd, half B those whose number is even (the file stem is
the number). Develop while reading one half, measure on the other, then swap: a rule that helps only
the half it was written on fitted those articles, not the kind. The articles are extracted once with
``extractor extract`` into a temporary folder and each half is measured with ``extractor eval``;
nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from extractor.evaluate import FIELDS


def _half_of(stem: str) -> str:
    return "A" if stem.isdigit() and int(stem) % 2 else "B"


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"extractor {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def _measure(records: Path, gold: Path, stems: list[str], scratch: Path, name: str) -> dict[str, object]:
    """``extractor eval --json`` on the given articles only (gold and records linked into folders)."""
    gold_dir, records_dir = scratch / f"gold-{name}", scratch / f"records-{name}"
    gold_dir.mkdir()
    records_dir.mkdir()
    for stem in stems:
        (gold_dir / f"{stem}.json").symlink_to((gold / f"{stem}.json").resolve())
        record = records / f"{stem}.json"
        if record.exists():
            (records_dir / f"{stem}.json").symlink_to(record.resolve())
    result: dict[str, object] = json.loads(_run("eval", "--gold", str(gold_dir), str(records_dir), "--json"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("../shared/corpus/dev"))
    parser.add_argument("--engine", default="rules")
    parser.add_argument("--json", action="store_true", help="print the three evals' JSON")
    args = parser.parse_args()
    articles, gold = args.corpus / "articles", args.corpus / "gold"
    stems = sorted(p.stem for p in gold.glob("*.json"))
    halves = {
        "A (odd)": [s for s in stems if _half_of(s) == "A"],
        "B (even)": [s for s in stems if _half_of(s) == "B"],
        "all": stems,
    }
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        records = scratch / "records"
        _run("extract", str(articles), "--engine", args.engine, "--out", str(records), "-q")
        results = {
            name: _measure(records, gold, chosen, scratch, str(number))
            for number, (name, chosen) in enumerate(halves.items())
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'field':<16}" + "".join(f"{name + f' ({len(halves[name])})':>16}" for name in halves))
    for field in FIELDS:
        cells = []
        for name in halves:
            fields = results[name]["fields"]
            assert isinstance(fields, dict)
            cells.append(f"{fields[field]['f1']:>16.3f}")
        print(f"{field:<16}" + "".join(cells))
    for name in halves:
        trust = results[name].get("trust")
        if isinstance(trust, dict) and "wrong_records" in trust:
            wrong, right = trust["wrong_records"], trust.get("correct_records", {})
            print(f"{name}: wrong records flagged {wrong['flagged']}/{wrong['count']}", end="")
            if isinstance(right, dict) and "count" in right:
                print(f", correct records flagged {right.get('flagged')}/{right['count']}", end="")
            print()


if __name__ == "__main__":
    main()
