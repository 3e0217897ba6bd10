"""Mutation testing of the consistency checks: inject one known inconsistency into a correct gold
record and see whether the right flag code is raised on the right field.

Each mutation kind turns one gold sample into zero or more cases (one per place it applies:
the subject, each unit, each official, each edge of a band...). A case is caught when a flag
with the expected code and field is raised. Band edges are read from the scale data, never
written here, so the cases follow the data file. Used by ``tests/test_mutations.py`` and
``bench/mutation_report.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.checks import check_extraction, cross_article_flags
from extractor.checks._base import num
from extractor.checks._scale import Scale, scale_book
from extractor.checks._text import find_number
from extractor.checks._units import count_statements
from extractor.gold import GoldRecord, gold_to_extraction, load_gold
from extractor.grounding import Locator
from extractor.inputs import read_article
from schemas.record import Evidence, Extraction, Flag, Official, Unit
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
            elif not prefix and sample.quotes:
                code = "ungrounded_value"  # only the zone's own quote can tell
            elif prefix and other.value not in sample.text.lower():
                code = "ungrounded_value"  # a unit's zone the article never prints
            else:
                continue  # a unit's zone with only its name quoted: nothing to contradict it
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
    if base.assessment_year is not None and base.assessment_year >= first:
        return []  # already a year of the opini, with its score as gold has it: nothing mutated
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


# -- kinds of the attribution, threshold, year and spelling checks ---------------------------------


def _score_quote(text: str, start: int, end: int, value: float) -> Evidence | None:
    """A quote as an engine gives it for a score printed in ``text[start:end]``: from some words
    before, on the same line, to the end of the number."""
    for hit in find_number(text[start:end], value):
        at = start + hit.end
        line = text.rfind("\n", 0, start + hit.start) + 1
        begin = max(line, min(start, start + hit.start - 70))
        return Evidence(quote=text[begin:at], start=begin, end=at, aligned=True)
    return None


def _as_score(sample: Sample, score: float, evidence: Evidence | None) -> Extraction:
    """The gold record with ``score`` as its score, quoted by ``evidence`` (dropped without quotes)."""
    base = sample.extraction.model_copy(update={"score": score})
    quotes = dict(base.evidence)
    quotes.pop("score", None)
    if sample.quotes and evidence is not None:
        quotes["score"] = evidence
    return base.model_copy(update={"evidence": quotes})


def _gold_scores(sample: Sample) -> set[float]:
    gold = sample.gold
    found = {gold.score} | {u.score for u in gold.units} | {p.score for p in gold.previous}
    return {float(v) for v in found if v is not None}


def score_from_elsewhere(sample: Sample) -> list[Case]:
    """Another subject's result (the gold's ``others``, with its quote) taken as the score."""
    locator = Locator(sample.text)
    cases = []
    for i, other in enumerate(sample.others):
        score, quote = other.get("score"), other.get("quote")
        if score is None or not quote or float(score) == sample.gold.score:
            continue
        found = locator.find(quote)
        if found is None or not found.aligned or found.start is None or found.end is None:
            continue  # the quote is not in the text: nothing to take the score from
        evidence = _score_quote(sample.text, found.start, found.end, float(score))
        if evidence is None:
            continue
        flags = _run(_as_score(sample, float(score), evidence), sample.text)
        name = other.get("subject", {}).get("name", f"others[{i}]")
        cases.append(
            Case(
                "score of another subject",
                sample.stem,
                f"score -> {num(float(score))} of {name}",
                "score_attributed_elsewhere",
                "score",
                flags,
                also=("competing_score",),
            )
        )
    return cases


_NUMBER = r"\d{1,3}(?:,\d{1,2}|\.\d{1,2}(?!\d))?"
# A band of the scale ("81-100", "88 hingga 100", "0 sampai 50,9") or a bound ("di atas 78").
_BAND = re.compile(
    rf"(?<![\d.,/-])(?P<low>{_NUMBER})\s*(?:–|—|-|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s*"
    rf"(?P<high>{_NUMBER})(?![\d/]|-\d)",
    re.IGNORECASE,
)
_BOUND = re.compile(
    rf"\b(?:di\s+atas|di\s+bawah|minimal|lebih\s+dari|kurang\s+dari)\s+(?:nilai\s+|skor\s+|angka\s+)?"
    rf"(?P<low>{_NUMBER})(?![\d]|\s+(?:pemerintah|pemda|kabupaten|kota|daerah|instansi|unit|orang))",
    re.IGNORECASE,
)
# What the clause before a range says for it to be the scale, not the holders' scores
# ("berkisar 82-84", "nilainya 50 sampai 60") or an age ("Usia 6-11").
_BAND_WORDS = re.compile(r"zona|zonasi|kepatuhan|kategori|kualitas|predikat|rentang|interval|range", re.I)
_HOLDERS = re.compile(r"berkisar|kisaran", re.I)


def _as_number(printed: str) -> float:
    return float(printed.replace(",", "."))


def printed_bands(text: str) -> Iterator[tuple[re.Match[str], float]]:
    """Each band or bound the article prints, with the number that stands for it: the lower edge
    (the cut), or the upper where the band starts at 0."""
    for match in [*_BAND.finditer(text), *_BOUND.finditer(text)]:
        low = _as_number(match.group("low"))
        high = _as_number(match.group("high")) if "high" in match.groupdict() else None
        if high is not None and not (low < high <= 110 and high >= 50):
            continue
        clause = text[max(text.rfind("\n", 0, match.start()) + 1, match.start() - 80) : match.start()]
        clause = re.split(r"[.;!?](?!\d)", clause)[-1]
        if _HOLDERS.search(clause) or not (_BAND_WORDS.search(clause) or match.re is _BOUND):
            continue
        yield match, (high if low == 0 and high is not None else low)


def band_as_score(sample: Sample) -> list[Case]:
    """A number of a printed band ("81-100", "di atas 80") taken as the score, with that quote."""
    cases = []
    for match, value in printed_bands(sample.text):
        if value == sample.gold.score or value > 100:
            continue
        evidence = _score_quote(sample.text, match.start(), match.end(), value)
        flags = _run(_as_score(sample, value, evidence), sample.text)
        cases.append(
            Case(
                "band threshold as score",
                sample.stem,
                f"score -> {num(value)} from {match.group(0)!r}",
                "score_is_threshold",
                "score",
                flags,
            )
        )
    return cases


# The article reports a handover of results: a handover word near a result word. A bare
# "diterima"/"menerima" is not one ("hasil yang diterima masih bersifat umum"): it must receive
# a result, or results must be delivered ("menyampaikan hasil penilaian").
_HANDOVER = re.compile(
    r"\b(?:penyerahan|menyerahkan|diserahkan|penganugerahan|menganugerahkan|dianugerahi|piagam|penghargaan|"
    r"sertifikat|menyampaikan\s+hasil|(?:menerima|diterima)(?:\s+\w+){0,2}\s+"
    r"(?:hasil|piagam|penghargaan|sertifikat|predikat))\b",
    re.IGNORECASE,
)
_RESULT = re.compile(r"predikat|penghargaan|piagam|hasil|sertifikat|kepatuhan|nilai|zona|opini", re.I)


def publication_year(sample: Sample) -> list[Case]:
    """A January–March article on a handover: the publication year taken as the assessment year
    (the gold re-quoted, as an engine would quote the date)."""
    gold = sample.gold
    published = gold.published
    if published is None or gold.assessment_year is None or published.month > 3:
        return []
    if published.year == gold.assessment_year:
        return []
    text = sample.text
    if not any(_RESULT.search(text[max(0, m.start() - 80) : m.end() + 80]) for m in _HANDOVER.finditer(text)):
        return []
    mutated = gold.model_copy(update={"assessment_year": published.year})
    flags = _run(sample.convert(mutated, text), text)
    return [
        Case(
            "publication year as year",
            sample.stem,
            f"{gold.assessment_year} -> {published.year} (published {published.isoformat()})",
            "year_is_publication_year",
            "assessment_year",
            flags,
        )
    ]


# Other assessments and indices the press prints beside the Ombudsman result.
_OTHER_INDEX = re.compile(
    r"kemen\s*-?\s*pan\s*-?\s*rb|\bpan\s*-?\s*rb\b|menpan|indeks\s+pelayanan\s+publik|indeks\s+pp\b|\bipp\b|"
    r"pekppp|indeks\s+kepuasan|\bikm\b|\bskm\b|survei\s+kepuasan|indeks\s+persepsi|\bsakip\b|\bspbe\b|"
    r"reformasi\s+birokrasi|komisi\s+informasi|keterbukaan\s+informasi|\bkip\b|\bspi\b",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"(?<![\d.,/])\d{1,3},\d{1,2}(?![\d])")


def other_index_as_score(sample: Sample) -> list[Case]:
    """A number of another index (KemenPAN-RB IPP, IKM, ...) printed in a sentence that names the
    index, taken as the score with its quote. Numbers the gold holds as Ombudsman results are not
    taken."""
    text = sample.text
    taken = _gold_scores(sample) | {float(o["score"]) for o in sample.others if o.get("score") is not None}
    seen: set[float] = set()
    cases = []
    for start, end in _sentences(text):
        if not _OTHER_INDEX.search(text[start:end]):
            continue
        for hit in _DECIMAL.finditer(text, start, end):
            value = _as_number(hit.group(0))
            if value in taken or value in seen or value > 100:
                continue
            seen.add(value)
            evidence = _score_quote(text, hit.start(), hit.end(), value)
            flags = _run(_as_score(sample, value, evidence), text)
            cases.append(
                Case(
                    "another index's number",
                    sample.stem,
                    f"score -> {num(value)} in {_short(text, start, end)!r}",
                    "other_body_score",
                    "score",
                    flags,
                )
            )
    return cases


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for stop in re.finditer(r"[.!?](?!\d)\s|\n", text):
        yield start, stop.start() + 1
        start = stop.end()
    if start < len(text):
        yield start, len(text)


def _short(text: str, start: int, end: int) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= 60 else piece[:57] + "..."


def _doubled(name: str) -> str | None:
    """The name with one letter of its longest word doubled ('Irsan' -> 'Irssan')."""
    words = name.split()
    if not words:
        return None
    i = max(range(len(words)), key=lambda k: len(words[k].strip(".,")))
    word = words[i]
    vowels = "aeiouAEIOU"
    for j in range(1, len(word) - 1):
        if word[j].isalpha() and word[j] not in vowels and word[j - 1] in vowels and word[j + 1] != word[j]:
            words[i] = word[: j + 1] + word[j] + word[j + 1 :]
            return " ".join(words)
    return None


def duplicate_spelling(sample: Sample) -> list[Case]:
    """An official listed twice, the second time under a printed spelling variant: with titles and
    degrees added ('Dr. X, S.H., M.H.') or with one letter doubled."""
    base = sample.extraction
    cases = []
    for i, official in enumerate(base.officials[:1]):
        variants = [
            ("titles", f"Dr. {official.name}, S.H., M.H."),
            ("doubled letter", _doubled(official.name)),
        ]
        for how, name in variants:
            if name is None:
                continue
            people = [*base.officials, Official(name=name, role=official.role)]
            evidence = dict(base.evidence)
            if f"officials[{i}]" in evidence:
                evidence[f"officials[{len(base.officials)}]"] = evidence[f"officials[{i}]"]
            flags = _run(base.model_copy(update={"officials": people, "evidence": evidence}), sample.text)
            cases.append(
                Case(
                    "duplicate official, spelling variant",
                    sample.stem,
                    f"officials[{i}] again as {name!r} ({how})",
                    "duplicate_official",
                    f"officials[{len(base.officials)}]",
                    flags,
                )
            )
    return cases


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
