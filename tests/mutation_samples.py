"""Samples of gold records for the mutation tests, the cases they yield, and helpers every
mutation kind uses (see ``tests/mutations.py``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.checks import check_extraction
from extractor.checks._scale import Scale, scale_book
from extractor.gold import GoldRecord, gold_to_extraction, load_gold
from extractor.inputs import read_article
from schemas.record import Extraction, Flag

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = PROJECT_ROOT / "tests" / "gold"
SEEDS_DIR = PROJECT_ROOT / "seeds"
DEV_DIR = PROJECT_ROOT.parent / "shared" / "corpus" / "dev"

INVENTED_NAME = "Budi Santoso Wirjoatmodjo"


@dataclass(frozen=True)
class Sample:
    stem: str
    gold: GoldRecord
    text: str
    quotes: bool = True  # False: records without evidence, as a tool that gives no quotes makes
    others: tuple[dict[str, Any], ...] = ()  # the gold's ``others`` (not in GoldRecord), raw

    def convert(self, gold: GoldRecord, text: str) -> Extraction:
        extraction = gold_to_extraction(gold, text)
        return extraction if self.quotes else extraction.model_copy(update={"evidence": {}})

    @property
    def extraction(self) -> Extraction:
        return self.convert(self.gold, self.text)


@dataclass(frozen=True)
class Case:
    kind: str
    sample: str
    site: str  # what was changed, for the report
    code: str  # expected flag code
    field: str  # expected field path
    flags: tuple[Flag, ...]
    also: tuple[str, ...] = ()  # other codes that catch it too (e.g. competing_score)

    @property
    def caught(self) -> bool:
        codes = {self.code, *self.also}
        return any(f.code in codes and f.field == self.field for f in self.flags)


def seed_samples() -> list[Sample]:
    return [
        Sample(
            path.stem,
            load_gold(path),
            read_article(SEEDS_DIR / f"{path.stem}.txt").text,
            others=_others(path),
        )
        for path in sorted(GOLD_DIR.glob("*.json"))
    ]


def _others(path: Path) -> tuple[dict[str, Any], ...]:
    """The gold's ``others`` (other subjects' results with their quotes), which GoldRecord drops."""
    return tuple(json.loads(path.read_text(encoding="utf-8")).get("others") or [])


# Dev gold files the record schema cannot hold (e.g. 148: unit scores 107/105 of the 2018 survey's
# 0-110 scale), as (stem, reason): left out of ``dev_samples()`` and reported by the dev tests and
# the bench, never silently. Filled by ``dev_samples()``.
DEV_LEFT_OUT: list[tuple[str, str]] = []


def dev_samples() -> list[Sample]:
    """The shared dev corpus, where it is checked out beside the project (not in CI). A gold file
    the schema rejects is left out and listed in ``DEV_LEFT_OUT`` with the schema's reason."""
    DEV_LEFT_OUT.clear()
    if not (DEV_DIR / "gold").is_dir():
        return []
    samples = []
    for path in sorted((DEV_DIR / "gold").glob("*.json")):
        try:
            gold = load_gold(path)
        except ValidationError as error:
            DEV_LEFT_OUT.append((path.stem, _schema_reason(error)))
            continue
        text = read_article(DEV_DIR / "articles" / f"{path.stem}.txt").text
        samples.append(Sample(path.stem, gold, text, others=_others(path)))
    return samples


def _schema_reason(error: ValidationError) -> str:
    """'units.0.score: Input should be less than or equal to 100 (got 107.0); ...'"""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        parts.append(f"{where}: {item['msg']} (got {item.get('input')!r})")
    return "; ".join(parts)


def left_out_report() -> str:
    """One line per dev gold file left out, for the tests and the bench to print."""
    return "\n".join(f"  left out {stem}: {reason}" for stem, reason in DEV_LEFT_OUT)


def run_checks_on(extraction: Extraction, text: str) -> tuple[Flag, ...]:
    # Re-validate: a mutation must produce a record the schema accepts.
    valid = Extraction.model_validate(extraction.model_dump())
    return tuple(check_extraction(valid, text))


def scale_for(sample: Sample) -> Scale | None:
    year = sample.gold.assessment_year
    return scale_book().for_year(year) if year is not None else None


def scored_items(extraction: Extraction) -> Iterator[tuple[str, float | None, str | None, str | None]]:
    yield "", extraction.score, value_of(extraction.zone), value_of(extraction.grade)
    for i, unit in enumerate(extraction.units):
        yield f"units[{i}].", unit.score, value_of(unit.zone), value_of(unit.grade)


def value_of(value: object) -> str | None:
    return getattr(value, "value", None)


def with_score(extraction: Extraction, prefix: str, score: float) -> Extraction:
    if not prefix:
        return extraction.model_copy(update={"score": score})
    index = int(prefix[len("units[") : prefix.index("]")])
    units = list(extraction.units)
    units[index] = units[index].model_copy(update={"score": score})
    return extraction.model_copy(update={"units": units})
