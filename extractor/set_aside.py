"""Values an engine gave that the record must not store as the Ombudsman's result.

An LLM sometimes answers ``assessment: other_index`` (a KemenPAN-RB IPP, an IKM, a BPK opinion)
or ``none`` and still fills ``score``, ``zone`` and ``grade``: stored as they are, another body's
"predikat A" would become the Ombudsman grade ``tertinggi``. And a bare letter ("A", "predikat
B") is an Ombudsman grade only where the article says it of the compliance assessment's
categories ("kategori B", "kualitas"); elsewhere it is another body's predicate.

Such values are taken out of the extraction (a check never changes a value, so this runs before
the checks, as part of building the record) and kept in a flag: its message carries each value,
its evidence spans point at the words. A reviewer who disagrees restores them by correcting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.checks._scale import id_number
from schemas.record import Evidence, Extraction, Flag, OtherResult, Severity, Span, Unit
from schemas.values import GRADE_CONTEXT_WORDS, AssessmentKind

SET_ASIDE = "other_body_values_set_aside"
CODES = (SET_ASIDE,)

_Kept = list[tuple[str, object, Evidence | None]]  # (field path, value, its evidence)
_NOT_OMBUDSMAN = (AssessmentKind.other_index, AssessmentKind.none)
# Words that make a letter one of the compliance assessment's categories ("kategori A".."E").
_CATEGORY_WORDS = re.compile(r"\b(?:" + "|".join(GRADE_CONTEXT_WORDS) + r")\b", re.IGNORECASE)
# A quote that gives the grade as a letter only: "predikat A", "nilai B", "(A)".
_LETTER_ONLY = re.compile(r"(?:^|[\s(\"'“‘])[A-E](?:$|[\s)\"'”’.,;])")
_CONTEXT = 80  # characters: "kategori" a few words before a list of "Dinas X: 88,12 (A)"
_GRADE_WORDS = re.compile(r"\b(?:tertinggi|tinggi|sedang|rendah|terendah)\b", re.IGNORECASE)


def set_aside(extraction: Extraction, text: str) -> list[Flag]:
    """Takes out of ``extraction`` (in place) what is not the Ombudsman's result; returns the flags
    that keep it."""
    flags: list[Flag] = []
    if extraction.assessment in _NOT_OMBUDSMAN:
        kept = _take(extraction, ("score", "zone", "grade"))
        lists: tuple[tuple[str, Sequence[Unit | OtherResult]], ...] = (
            ("units", extraction.units),
            ("others", extraction.others),  # a round-up of another body's index is no result either
        )
        for kind, items in lists:
            for i, item in enumerate(items):
                for name in ("score", "zone", "grade"):
                    value = getattr(item, name)
                    if value is not None:
                        kept.append((f"{kind}[{i}].{name}", value, extraction.evidence.get(f"{kind}[{i}]")))
                        setattr(item, name, None)
        if kept:
            flags.append(_flag(
                "assessment",
                f"the engine says the article's numbers are {_said(extraction.assessment)}, so these are "
                f"not stored as the Ombudsman's result: {_listed(kept)}",
                "only the Ombudsman's compliance assessment (or its 2025 opini) fills score, zone and grade",
                kept,
            ))  # fmt: skip
        return flags
    grade_evidence = extraction.evidence.get("grade")
    if extraction.grade is not None and grade_evidence is not None and _letter_only(grade_evidence, text):
        kept = _take(extraction, ("grade",))
        flags.append(_flag(
            "grade",
            f"the grade was read from a bare letter ('{grade_evidence.quote}') with no 'kategori' or "
            f"'kualitas' of the compliance assessment: not stored ({_listed(kept)})",
            "a letter is an Ombudsman grade only as 'kategori A'..'E' (2022–2024); alone it is "
            "usually another body's predicate (KemenPAN-RB, BPK)",
            kept,
        ))  # fmt: skip
    return flags


def _letter_only(evidence: Evidence, text: str) -> bool:
    """Whether the grade's words are a bare letter, with no category word in the quote or in the
    words around it (``_CONTEXT`` characters each side)."""
    quote = evidence.quote
    if not _LETTER_ONLY.search(quote) or _GRADE_WORDS.search(quote):
        return False
    around = quote
    if evidence.aligned and evidence.start is not None and evidence.end is not None:
        around = text[max(0, evidence.start - _CONTEXT) : evidence.end + _CONTEXT]
    return not _CATEGORY_WORDS.search(around)


def _take(extraction: Extraction, names: tuple[str, ...]) -> _Kept:
    kept: _Kept = []
    for name in names:
        value = getattr(extraction, name)
        if value is None:
            continue
        kept.append((name, value, extraction.evidence.pop(name, None)))
        setattr(extraction, name, None)
    return kept


def _flag(field: str, message: str, basis: str, kept: _Kept) -> Flag:
    spans: list[Span] = []
    for _, _, evidence in kept:
        if evidence is None or not evidence.aligned or evidence.start is None or evidence.end is None:
            continue
        span = Span(start=evidence.start, end=evidence.end)
        if span not in spans:
            spans.append(span)
    return Flag(code=SET_ASIDE, severity=Severity.warning, field=field, message=message, basis=basis,
                evidence=spans)  # fmt: skip


def _said(kind: AssessmentKind) -> str:
    return "another body's index" if kind is AssessmentKind.other_index else "no assessment's result"


def _listed(kept: _Kept) -> str:
    shown = []
    for name, value, evidence in kept:
        quote = evidence.quote if evidence is not None else ""
        value_text = id_number(value) if isinstance(value, float) else str(getattr(value, "value", value))
        shown.append(f"{name} {value_text}" + (f" ('{quote}')" if quote else ""))
    return "; ".join(shown)
