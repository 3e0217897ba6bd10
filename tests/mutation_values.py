"""Mutation kinds on years, names and other values: 2020, after publication, invented numbers
and names, another body, duplicates, cross-article, journalists, subject kind, grades and opini
by year, precision (see ``tests/mutations.py``)."""

from __future__ import annotations

from extractor.checks import cross_article_flags
from extractor.checks._scale import scale_book
from extractor.checks._text import find_number
from schemas.record import Official, Unit
from schemas.values import SubjectKind
from tests.mutation_samples import INVENTED_NAME, Case, Sample, run_checks_on, with_score


def year_2020(sample: Sample) -> list[Case]:
    base = sample.extraction
    if base.assessment_year is None:
        return []
    flags = run_checks_on(base.model_copy(update={"assessment_year": 2020}), sample.text)
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
    flags = run_checks_on(base.model_copy(update={"assessment_year": year}), sample.text)
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
        flags = run_checks_on(with_score(base, prefix, new), sample.text)
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
        flags = run_checks_on(base.model_copy(update={"previous": items}), sample.text)
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
        flags = run_checks_on(sample.convert(gold, sample.text), sample.text)
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
        flags = run_checks_on(base.model_copy(update={"officials": people}), sample.text)
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
        flags = run_checks_on(sample.convert(gold, sample.text), sample.text)
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
        flags = run_checks_on(sample.convert(sample.gold, text), text)
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
        flags = run_checks_on(base.model_copy(update={"units": units, "evidence": evidence}), sample.text)
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
        flags = run_checks_on(
            base.model_copy(update={"officials": people, "evidence": evidence}), sample.text
        )
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
        flags = run_checks_on(base.model_copy(update={"officials": people}), sample.text)
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
    flags = run_checks_on(mutated, sample.text)
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
    flags = run_checks_on(base.model_copy(update={"assessment_year": year}), sample.text)
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
            run_checks_on(mutated, sample.text),
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
            run_checks_on(mutated, sample.text),
        )
    ]
