"""Mutation kinds on scores and bands: band edges, swapped zones, broken deltas, dropped units
(see ``tests/mutations.py``)."""

from __future__ import annotations

from collections.abc import Callable

from extractor.checks._scale import Scale
from extractor.checks._text import find_number
from extractor.checks._units import count_statements
from schemas.values import Zone
from tests.mutation_samples import Case, Sample, run_checks_on, scale_for, scored_items, with_score


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
        scale = scale_for(sample)
        if scale is None or (attribute == "grade" and not scale.has_grades):
            return []
        base = sample.extraction
        cases = []
        for prefix, score, zone, grade in scored_items(base):
            stated = zone if attribute == "zone" else grade
            if score is None or stated is None:
                continue
            for edge in _edges(scale, score, attribute):
                flags = run_checks_on(with_score(base, prefix, edge), sample.text)
                site = f"{prefix or 'subject '}score {score} -> {edge}"
                cases.append(
                    Case(f"band edge ({attribute})", sample.stem, site, code, f"{prefix}{attribute}", flags)
                )
        return cases

    return mutate


def swap_zone(sample: Sample) -> list[Case]:
    base = sample.extraction
    scale = scale_for(sample)
    graded = scale is not None and scale.has_grades
    cases = []
    for prefix, score, zone, grade in scored_items(base):
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
            elif not prefix and sample.quotes:
                code = "ungrounded_value"  # only the zone's own quote can tell
            elif prefix and other.value not in sample.text.lower():
                code = "ungrounded_value"  # a unit's zone the article never prints
            else:
                continue  # a unit's zone with only its name quoted: nothing to contradict it
            flags = run_checks_on(mutated, sample.text)
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
            run_checks_on(mutated, sample.text),
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
            run_checks_on(base, text),
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
        flags = run_checks_on(mutated, sample.text)
        cases.append(
            Case("drop a listed unit", sample.stem, f"drop units[{i}]", "unit_count_mismatch", "units", flags)
        )
    # Only where the article states a count, which is what the check compares with.
    return cases if count_statements(sample.text) else []
