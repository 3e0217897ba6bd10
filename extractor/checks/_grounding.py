"""Check 8: every value stands in the article.

With a quote (the engine's, located by ``extractor.grounding``): a quote not found in the text is
an error, and so is a number or a name that is not in its own quote, the mark of a value the
model made up. A unit's quote may stop before its score, so a unit's score may also sit just
after the quote. A zone or grade word missing from its quote is a warning (the article may say
it in other words), a year an info (it is often inferred from the publication date).

Without a quote (gold records, an engine that gave none) the same values are looked for in the
whole article instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.checks._base import Context, flag, num
from extractor.checks._text import has_number, name_in, words
from schemas.record import Evidence, Flag, Severity
from schemas.values import GRADE_LETTERS

QUOTE_NOT_FOUND = "quote_not_found"
# One code whether the value is missing from its quote or, without a quote, from the whole
# article: either way the article does not support it (the message says which).
UNGROUNDED = "ungrounded_value"
CODES = (QUOTE_NOT_FOUND, UNGROUNDED)

_QUOTE_BASIS = "every value must be supported by a verbatim quote that is found in the article"
_TEXT_BASIS = "every value must be found in the article it was extracted from"
_UNIT_REACH = 150  # characters after a unit's quote where its score may still be printed
# Words that say a zone before 2022 ("predikat kepatuhan tinggi" = zona hijau, OMBUDSMAN.md).
_ZONE_WORDS = {
    "hijau": ("hijau", "kepatuhan tinggi"),
    "kuning": ("kuning", "kepatuhan sedang"),
    "merah": ("merah", "kepatuhan rendah", "kepatuhan terendah"),
}
_GENERIC = {
    "kota", "kabupaten", "provinsi", "pemerintah", "pemkot", "pemkab", "pemprov", "kab", "prov",
    "kementerian", "lembaga", "badan", "kantor", "wilayah", "dinas", "seluruh", "pemda", "dan", "ri",
}  # fmt: skip


def check_grounding(ctx: Context) -> list[Flag]:
    if ctx.text is None:
        return []
    e = ctx.extraction
    flags: list[Flag] = []
    flags += _subject(ctx)
    if e.score is not None:
        flags += _value(ctx, "score", "score", f"score {num(e.score)}", _number(e.score), Severity.error)
    if e.assessment_year is not None:
        year = str(e.assessment_year)
        flags += _value(
            ctx, "assessment_year", "assessment_year", f"year {year}", lambda t: year in t, Severity.info
        )
    if e.zone is not None:
        zone = e.zone.value
        flags += _value(
            ctx, "zone", "zone", f"zona {zone}", lambda t: _says_zone(ctx, t, zone), Severity.warning
        )
    if e.grade is not None:
        grade = e.grade.value
        flags += _value(
            ctx, "grade", "grade", f"kualitas {grade}", lambda t: _says_grade(t, grade), Severity.warning
        )
    if e.published is not None:
        flags += _unaligned(ctx, "published", "published")
    for i, previous in enumerate(e.previous):
        path = f"previous[{i}]"
        flags += _value(
            ctx, path, f"{path}.score", f"earlier score {num(previous.score)}", _number(previous.score),
            Severity.error, reach=_UNIT_REACH,
        )  # fmt: skip
    for i, official in enumerate(e.officials):
        path = f"officials[{i}]"
        flags += _value(
            ctx, path, f"{path}.name", f"name {official.name!r}", _name(official.name),
            Severity.error,
        )  # fmt: skip
    for i, unit in enumerate(e.units):
        path = f"units[{i}]"
        before = len(flags)
        flags += _value(
            ctx, path, f"{path}.name", f"unit {unit.name!r}", _loosely(unit.name),
            Severity.warning,
        )  # fmt: skip
        if unit.score is not None and not any(f.code == QUOTE_NOT_FOUND for f in flags[before:]):
            flags += _value(
                ctx, path, f"{path}.score", f"score {num(unit.score)} of unit {unit.name!r}",
                _number(unit.score), Severity.error, reach=_UNIT_REACH,
            )  # fmt: skip
    return flags


def _number(value: float) -> Callable[[str], bool]:
    return lambda text: has_number(text, value)


def _name(name: str) -> Callable[[str], bool]:
    return lambda text: name_in(text, name)


def _loosely(name: str) -> Callable[[str], bool]:
    return lambda text: _named(text, name)


def _value(
    ctx: Context,
    path: str,
    field: str,
    what: str,
    found_in: Callable[[str], bool],
    severity: Severity,
    reach: int = 0,
) -> list[Flag]:
    """Flags for one value: its quote is not in the article, or the value is not in its quote."""
    assert ctx.text is not None
    evidence = ctx.evidence(path)
    if evidence is None:
        if found_in(ctx.text):
            return []
        return [
            flag(
                UNGROUNDED,
                severity,
                field,
                f"The {what} is not found anywhere in the article, and no quote supports it.",
                _TEXT_BASIS,
            )
        ]
    if not evidence.aligned or evidence.start is None or evidence.end is None:
        return _unaligned(ctx, path, field)
    if found_in(evidence.quote):
        return []
    if reach and found_in(ctx.text[evidence.start : evidence.end + reach]):
        return []
    return [
        flag(
            UNGROUNDED,
            severity,
            field,
            f"The {what} is not in its quote {_short(evidence)}: the value may have been made up "
            "or taken from elsewhere.",
            _QUOTE_BASIS,
            ctx.spans(path),
        )
    ]


def _unaligned(ctx: Context, path: str, field: str) -> list[Flag]:
    evidence = ctx.evidence(path)
    if evidence is None or evidence.aligned:
        return []
    return [
        flag(
            QUOTE_NOT_FOUND,
            Severity.error,
            field,
            f"The quote given for {path}, {_short(evidence)}, is not in the article: the value it "
            "supports is unverified.",
            _QUOTE_BASIS,
        )
    ]


def _short(evidence: Evidence) -> str:
    quote = " ".join(evidence.quote.split())
    return f"'{quote[:80]}…'" if len(quote) > 80 else f"'{quote}'"


def _says_zone(ctx: Context, text: str, zone: str) -> bool:
    """The zone word, a pre-2022 synonym, or a grade of that zone in the year's scale."""
    folded = words(text)
    if any(re.search(rf"\b{w}\b", folded) for w in _ZONE_WORDS.get(zone, (zone,))):
        return True
    year = ctx.extraction.assessment_year
    scale = ctx.book.for_year(year) if year is not None else None
    grades = {b.grade for b in scale.bands_with(zone=zone)} if scale else set()
    return any(_says_grade(text, g) for g in grades if g)


def _says_grade(text: str, grade: str) -> bool:
    """The grade word ('tertinggi' is not 'tinggi') or its letter ('kategori B')."""
    folded = words(text)
    if re.search(rf"\b{grade}\b", folded):
        return True
    letters = [letter for letter, value in GRADE_LETTERS.items() if value.value == grade]
    return any(
        re.search(rf"\b(?:kategori|predikat|grade|nilai|zona)(?:\s+nilai)?\s+{letter}\b", folded)
        for letter in letters
    )


def _named(text: str, name: str) -> bool:
    """Lenient on purpose: a subject or unit is named when a distinctive word of its name is in
    the text, or its words run together are ('Lima Puluh Kota' / 'Limapuluh Kota'), since gold
    and engines write official names ('Kabupaten Kepulauan Mentawai') for what the press
    shortens ('Mentawai'). A name none of whose words is in the article is not from it."""
    if name_in(text, name):
        return True
    core = [w for w in words(re.sub(r"\([^)]*\)", " ", name)).split() if w not in _GENERIC]
    haystack = words(text)
    tokens = set(haystack.split())
    if not core:
        return True
    return any(w in tokens for w in core if len(w) >= 4) or "".join(core) in haystack.replace(" ", "")


def _subject(ctx: Context) -> list[Flag]:
    """The subject's quote is found, and the distinctive words of its name are in the article."""
    assert ctx.text is not None
    subject = ctx.extraction.subject
    if subject is None:
        return []
    flags = _unaligned(ctx, "subject", "subject.name")
    if any(_named(ctx.text, name) for name in (subject.name_as_written, subject.name)):
        return flags
    return [
        *flags,
        flag(
            UNGROUNDED,
            Severity.warning,
            "subject.name",
            f"The subject {subject.name!r} is not named in the article.",
            _TEXT_BASIS,
            ctx.spans("subject"),
        ),
    ]
