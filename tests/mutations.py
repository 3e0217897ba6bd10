"""Mutation testing of the consistency checks: inject one known inconsistency into a correct gold
record and see whether the right flag code is raised on the right field.

Each mutation kind turns one gold sample into zero or more cases (one per place it applies:
the subject, each unit, each official, each edge of a band...). A case is caught when a flag
with the expected code and field is raised. Band edges are read from the scale data, never
written here, so the cases follow the data file. Used by ``tests/test_mutations.py`` and
``bench/mutation_report.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from extractor.checks import check_extraction, cross_article_flags
from extractor.checks._scale import Scale, scale_book
from extractor.checks._text import find_number
from extractor.checks._units import count_statements
from extractor.gold import GoldRecord, gold_to_extraction, load_gold
from extractor.inputs import read_article
from schemas.record import Extraction, Flag, Official, Unit
from schemas.values import SubjectKind, Zone

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

    @property
    def caught(self) -> bool:
        return any(f.code == self.code and f.field == self.field for f in self.flags)


def seed_samples() -> list[Sample]:
    return [
        Sample(path.stem, load_gold(path), read_article(SEEDS_DIR / f"{path.stem}.txt").text)
        for path in sorted(GOLD_DIR.glob("*.json"))
    ]


def dev_samples() -> list[Sample]:
    """The shared dev corpus, where it is checked out beside the project (not in CI)."""
    if not (DEV_DIR / "gold").is_dir():
        return []
    return [
        Sample(path.stem, load_gold(path), read_article(DEV_DIR / "articles" / f"{path.stem}.txt").text)
        for path in sorted((DEV_DIR / "gold").glob("*.json"))
    ]


def _run(extraction: Extraction, text: str) -> tuple[Flag, ...]:
    # Re-validate: a mutation must produce a record the schema accepts.
    valid = Extraction.model_validate(extraction.model_dump())
    return tuple(check_extraction(valid, text))


def _scale(sample: Sample) -> Scale | None:
    year = sample.gold.assessment_year
    return scale_book().for_year(year) if year is not None else None


def _items(extraction: Extraction) -> Iterator[tuple[str, float | None, str | None, str | None]]:
    yield "", extraction.score, _v(extraction.zone), _v(extraction.grade)
    for i, unit in enumerate(extraction.units):
        yield f"units[{i}].", unit.score, _v(unit.zone), _v(unit.grade)


def _v(value: object) -> str | None:
    return getattr(value, "value", None)


def _with_score(extraction: Extraction, prefix: str, score: float) -> Extraction:
    if not prefix:
        return extraction.model_copy(update={"score": score})
    index = int(prefix[len("units[") : prefix.index("]")])
    units = list(extraction.units)
    units[index] = units[index].model_copy(update={"score": score})
    return extraction.model_copy(update={"units": units})


def _edges(scale: Scale, score: float, attribute: str) -> list[float]:
    """Scores just across each edge of the run of bands sharing this score's zone (or grade):
    the exact cut above (e.g. 78,00) and one hundredth below the cut below (e.g. 77,99)."""
    label = getattr(scale.band_of(score), attribute)
    same = [b for b in scale.bands if getattr(b, attribute) == label]
    lowest = min(b.min for b in same)
    highest = max(b.min for b in same)
    edges = []
    if lowest > 0:
        edges.append(round(lowest - 0.01, 2))
    higher = [b.min for b in scale.bands if b.min > highest]
    if higher:
        edges.append(min(higher))
    return edges


def band_edge(attribute: str) -> Callable[[Sample], list[Case]]:
    code = "score_zone_mismatch" if attribute == "zone" else "score_grade_mismatch"

    def mutate(sample: Sample) -> list[Case]:
        scale = _scale(sample)
        if scale is None or (attribute == "grade" and not scale.has_grades):
            return []
        base = sample.extraction
        cases = []
        for prefix, score, zone, grade in _items(base):
            stated = zone if attribute == "zone" else grade
            if score is None or stated is None:
                continue
            for edge in _edges(scale, score, attribute):
                flags = _run(_with_score(base, prefix, edge), sample.text)
                site = f"{prefix or 'subject '}score {score} -> {edge}"
                cases.append(
                    Case(f"band edge ({attribute})", sample.stem, site, code, f"{prefix}{attribute}", flags)
                )
        return cases

    return mutate


def swap_zone(sample: Sample) -> list[Case]:
    base = sample.extraction
    scale = _scale(sample)
    graded = scale is not None and scale.has_grades
    cases = []
    for prefix, score, zone, grade in _items(base):
        if zone is None:
            continue
        for other in Zone:
            if other.value == zone:
                continue
            if not prefix:
                mutated = base.model_copy(update={"zone": other})
            else:
                index = int(prefix[len("units[") : prefix.index("]")])
                units = list(base.units)
                units[index] = units[index].model_copy(update={"zone": other})
                mutated = base.model_copy(update={"units": units})
            if score is not None:
                code = "score_zone_mismatch"
            elif grade is not None and graded:
                code = "grade_zone_mismatch"
            elif sample.quotes:
                code = "ungrounded_value"  # only the zone's own quote can tell
            else:
                continue  # no score, grade or quote to contradict it: not detectable
            flags = _run(mutated, sample.text)
            cases.append(
                Case(
                    "swap zone",
                    sample.stem,
                    f"{prefix or 'subject '}zone {zone} -> {other.value}",
                    code,
                    f"{prefix}zone",
                    flags,
                )
            )
    return cases


def break_delta(sample: Sample) -> list[Case]:
    """Move the latest earlier score by one point, and (separately) change the stated delta."""
    base = sample.extraction
    if not base.previous or base.score is None:
        return []
    latest = max(range(len(base.previous)), key=lambda i: base.previous[i].year)
    field = f"previous[{latest}].score"
    cases = []
    previous = list(base.previous)
    previous[latest] = previous[latest].model_copy(update={"score": round(previous[latest].score + 1, 2)})
    mutated = base.model_copy(update={"previous": previous})
    difference = round(abs(base.score - base.previous[latest].score), 2)
    stated = [
        hit for hit in find_number(sample.text, difference) if "poin" in sample.text[hit.end : hit.end + 8]
    ]
    if not stated:
        return []  # the article states no change: nothing to break
    cases.append(
        Case(
            "break stated delta",
            sample.stem,
            "earlier score +1",
            "stated_change_mismatch",
            field,
            _run(mutated, sample.text),
        )
    )
    hit = stated[0]
    printed = sample.text[hit.start : hit.end]
    bumped = printed[:-1] + str((int(printed[-1]) + 1) % 10)
    text = sample.text[: hit.start] + bumped + sample.text[hit.end :]
    cases.append(
        Case(
            "break stated delta",
            sample.stem,
            f"text '{printed}' -> '{bumped}'",
            "stated_change_mismatch",
            field,
            _run(base, text),
        )
    )
    return cases


def drop_unit(sample: Sample) -> list[Case]:
    base = sample.extraction
    cases = []
    for i in range(len(base.units)):
        units = [u for j, u in enumerate(base.units) if j != i]
        evidence = {k: v for k, v in base.evidence.items() if not k.startswith("units[")}
        for j, k in enumerate(k for k in range(len(base.units)) if k != i):
            if f"units[{k}]" in base.evidence:
                evidence[f"units[{j}]"] = base.evidence[f"units[{k}]"]
        mutated = base.model_copy(update={"units": units, "evidence": evidence})
        flags = _run(mutated, sample.text)
        cases.append(
            Case("drop a listed unit", sample.stem, f"drop units[{i}]", "unit_count_mismatch", "units", flags)
        )
    # Only where the article states a count, which is what the check compares with.
    return cases if count_statements(sample.text) else []


def year_2020(sample: Sample) -> list[Case]:
    base = sample.extraction
    if base.assessment_year is None:
        return []
    flags = _run(base.model_copy(update={"assessment_year": 2020}), sample.text)
    return [
        Case(
            "year 2020",
            sample.stem,
            f"{base.assessment_year} -> 2020",
            "no_assessment_2020",
            "assessment_year",
            flags,
        )
    ]


def year_after_publication(sample: Sample) -> list[Case]:
    base = sample.extraction
    if base.published is None or base.assessment_year is None:
        return []
    year = base.published.year + 1
    flags = _run(base.model_copy(update={"assessment_year": year}), sample.text)
    return [
        Case(
            "year after publication",
            sample.stem,
            f"-> {year}",
            "year_after_publication",
            "assessment_year",
            flags,
        )
    ]


def invented_number(sample: Sample) -> list[Case]:
    """A score not printed in the article: on the record (quote kept) and on the gold (no quote)."""
    base = sample.extraction
    cases = []
    targets = [("", base.score)] + [(f"units[{i}].", u.score) for i, u in enumerate(base.units)]
    for prefix, score in targets:
        if score is None:
            continue
        new = _absent_number(sample.text, score)
        flags = _run(_with_score(base, prefix, new), sample.text)
        cases.append(
            Case(
                "number not in text",
                sample.stem,
                f"{prefix or 'subject '}score -> {new}",
                "ungrounded_value",
                f"{prefix}score",
                flags,
            )
        )
    for i, previous in enumerate(base.previous):
        new = _absent_number(sample.text, previous.score)
        items = list(base.previous)
        items[i] = items[i].model_copy(update={"score": new})
        flags = _run(base.model_copy(update={"previous": items}), sample.text)
        cases.append(
            Case(
                "number not in text",
                sample.stem,
                f"previous[{i}] -> {new}",
                "ungrounded_value",
                f"previous[{i}].score",
                flags,
            )
        )
    if sample.gold.score is not None:
        new = _absent_number(sample.text, sample.gold.score)
        gold = sample.gold.model_copy(update={"score": new})
        flags = _run(sample.convert(gold, sample.text), sample.text)
        cases.append(
            Case(
                "number not in text", sample.stem, f"gold score -> {new}", "ungrounded_value", "score", flags
            )
        )
    return cases


def _absent_number(text: str, near: float) -> float:
    candidate = round(near + 0.37, 2) if near < 99 else round(near - 0.37, 2)
    while find_number(text, candidate):
        candidate = round(candidate - 0.11, 2)
    return candidate


def invented_name(sample: Sample) -> list[Case]:
    base = sample.extraction
    cases = []
    for i, official in enumerate(base.officials):
        people = list(base.officials)
        people[i] = Official(name=INVENTED_NAME, role=official.role)
        flags = _run(base.model_copy(update={"officials": people}), sample.text)
        cases.append(
            Case(
                "name not in text",
                sample.stem,
                f"officials[{i}] -> {INVENTED_NAME}",
                "ungrounded_value",
                f"officials[{i}].name",
                flags,
            )
        )
        gold_people = list(sample.gold.officials)
        gold_people[i] = gold_people[i].model_copy(update={"name": INVENTED_NAME})
        gold = sample.gold.model_copy(update={"officials": gold_people})
        flags = _run(sample.convert(gold, sample.text), sample.text)
        cases.append(
            Case(
                "name not in text",
                sample.stem,
                f"gold officials[{i}] -> {INVENTED_NAME}",
                "ungrounded_value",
                f"officials[{i}].name",
                flags,
            )
        )
    return cases


def kemenpanrb(sample: Sample) -> list[Case]:
    """The article attributes the score to KemenPAN-RB: the phrase is put right after the score."""
    if sample.gold.score is None:
        return []
    cases = []
    for hit in find_number(sample.text, sample.gold.score)[:1]:
        text = sample.text[: hit.end] + " dari KemenPAN-RB" + sample.text[hit.end :]
        flags = _run(sample.convert(sample.gold, text), text)
        cases.append(
            Case(
                "score attributed to KemenPAN-RB",
                sample.stem,
                "'… dari KemenPAN-RB' after the score",
                "other_body_score",
                "score",
                flags,
            )
        )
    return cases


def duplicate(sample: Sample) -> list[Case]:
    base = sample.extraction
    cases = []
    if base.units:
        units = [*base.units, Unit.model_validate(base.units[0].model_dump())]
        evidence = dict(base.evidence)
        if "units[0]" in evidence:
            evidence[f"units[{len(base.units)}]"] = evidence["units[0]"]
        flags = _run(base.model_copy(update={"units": units, "evidence": evidence}), sample.text)
        cases.append(
            Case(
                "duplicate unit/official",
                sample.stem,
                "units[0] twice",
                "duplicate_unit",
                f"units[{len(base.units)}]",
                flags,
            )
        )
    if base.officials:
        people = [*base.officials, base.officials[0]]
        evidence = dict(base.evidence)
        if "officials[0]" in evidence:
            evidence[f"officials[{len(base.officials)}]"] = evidence["officials[0]"]
        flags = _run(base.model_copy(update={"officials": people, "evidence": evidence}), sample.text)
        cases.append(
            Case(
                "duplicate unit/official",
                sample.stem,
                "officials[0] twice",
                "duplicate_official",
                f"officials[{len(base.officials)}]",
                flags,
            )
        )
    return cases


def cross_article(sample: Sample) -> list[Case]:
    """Two records of one subject and year with different scores: both must point at the other."""
    base = sample.extraction
    if base.subject is None or base.assessment_year is None or base.score is None:
        return []
    other = base.model_copy(update={"score": round(base.score - 1.23, 2)})
    found = cross_article_flags([("a", base), ("b", other)])
    cases = []
    for mine, theirs in (("a", "b"), ("b", "a")):
        flags = tuple(f for f in found.get(mine, []) if f.related_record == theirs)
        cases.append(
            Case(
                "same subject+year, other score",
                sample.stem,
                f"record {mine}",
                "cross_article_conflict",
                "score",
                flags,
            )
        )
    return cases


def journalist(sample: Sample) -> list[Case]:
    """A name from the byline or a photo caption added as an official."""
    from extractor.checks._officials import press_names

    names = list(dict.fromkeys(name for name, _, _ in press_names(sample.text)))
    base = sample.extraction
    cases = []
    for name in names:
        people = [*base.officials, Official(name=name, role="Kepala Dinas")]
        flags = _run(base.model_copy(update={"officials": people}), sample.text)
        cases.append(
            Case(
                "journalist as official",
                sample.stem,
                name,
                "official_is_journalist",
                f"officials[{len(base.officials)}].name",
                flags,
            )
        )
    return cases


def subject_kind(sample: Sample) -> list[Case]:
    """The subject's kind changed: an official titled for the subject's place no longer fits."""
    base = sample.extraction
    if base.subject is None or base.subject.kind not in (SubjectKind.kota, SubjectKind.kabupaten):
        return []
    new = SubjectKind.kabupaten if base.subject.kind == SubjectKind.kota else SubjectKind.kota
    mutated = base.model_copy(update={"subject": base.subject.model_copy(update={"kind": new})})
    flags = _run(mutated, sample.text)
    cases = [
        Case(
            "wrong subject kind",
            sample.stem,
            f"kind -> {new.value}",
            "subject_kind_mismatch",
            "subject.kind",
            flags,
        )
    ]
    head = "wali kota" if base.subject.kind == SubjectKind.kota else "bupati"
    for i, official in enumerate(base.officials):
        if head in official.role.lower():
            cases.append(
                Case(
                    "wrong subject kind",
                    sample.stem,
                    f"kind -> {new.value} vs {official.role!r}",
                    "title_kind_mismatch",
                    f"officials[{i}].role",
                    flags,
                )
            )
    return cases


def grade_before_grades(sample: Sample) -> list[Case]:
    base = sample.extraction
    first = scale_book().first_graded_year
    if base.grade is None or first is None:
        return []
    year = first - 1
    flags = _run(base.model_copy(update={"assessment_year": year}), sample.text)
    return [Case("grade before 2022", sample.stem, f"year -> {year}", "grade_before_2022", "grade", flags)]


def opini_as_score(sample: Sample) -> list[Case]:
    base = sample.extraction
    first = scale_book().opini_from
    if base.score is None or first is None:
        return []
    mutated = base.model_copy(update={"assessment_year": first, "published": None})
    return [
        Case(
            "2025 opini as a score",
            sample.stem,
            f"year -> {first}",
            "opini_reported_as_score",
            "score",
            _run(mutated, sample.text),
        )
    ]


def precision(sample: Sample) -> list[Case]:
    base = sample.extraction
    if base.score is None:
        return []
    mutated = base.model_copy(update={"score": base.score + 0.004})
    return [
        Case(
            "three decimals",
            sample.stem,
            "score + 0,004",
            "score_precision",
            "score",
            _run(mutated, sample.text),
        )
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
