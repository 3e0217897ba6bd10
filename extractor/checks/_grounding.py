"""Check 8: every value stands in the article (and another subject's result in its own clause).

With a quote (the engine's, located by ``extractor.grounding``): a quote not found in the text is
an error, and so is a number or a name that is not in its own quote, the mark of a value the
model made up. A unit's quote may stop before its score, so a unit's score may also sit just
after the quote. A zone or grade word missing from its quote is a warning (the article may say
it in other words), a year an info (it is often inferred from the publication date).

Without a quote (gold records, an engine that gave none) the same values are looked for in the
whole article instead. A value an engine stored with an empty quote (``ground`` keeps an empty
evidence entry for every value it was given no quote for) is a warning even when the article
prints it: nothing ties the value to a place in the article. Gold records and hand-built
extractions have no evidence entry at all for such a value, and are only looked up.

A subject the article names by a short form only ("Pemprov Sumbar", "Kaltim", "Pemkab Gorut")
is named: its short forms are read with the region list (``extractor.regions``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.checks._base import Context, flag, num
from extractor.checks._text import has_number, name_in, words
from extractor.names import PREFIX_KINDS, known_region
from extractor.regions import Region, find_region
from schemas.record import Evidence, Flag, Severity
from schemas.values import GRADE_LETTERS, SubjectKind

QUOTE_NOT_FOUND = "quote_not_found"
# One code whether the value is missing from its quote or, without a quote, from the whole
# article: either way the article does not support it (the message says which).
UNGROUNDED = "ungrounded_value"
# A value stored with an empty quote: the engine gave nothing to check it against.
WITHOUT_QUOTE = "value_without_quote"
CODES = (QUOTE_NOT_FOUND, UNGROUNDED, WITHOUT_QUOTE)

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
        if unit.zone is not None and not _says_zone(ctx, ctx.text, unit.zone.value):
            # A unit's quote holds its name; its zone may be stated sentences away ("Dindik
            # berada di zona merah"), so only a zone the whole article never states is doubted.
            flags.append(
                flag(
                    UNGROUNDED,
                    Severity.warning,
                    f"{path}.zone",
                    f"The zone {unit.zone.value} of unit {unit.name!r} is stated nowhere in the article.",
                    _TEXT_BASIS,
                    ctx.spans(path),
                )
            )
    flags += _others(ctx)
    return flags


def _others(ctx: Context) -> list[Flag]:
    """Another subject's result is tied to that subject in one clause: its quote holds its score
    (an error otherwise) and names the subject (as written, or a short form the region list
    knows; only a note otherwise, since lists print short or misspelt names: "Pangkep", "Bireun")."""
    flags: list[Flag] = []
    for i, other in enumerate(ctx.extraction.others):
        path = f"others[{i}]"
        subject = other.subject
        label = f"subject {subject.name_as_written!r} of another result"
        flags += _value(
            ctx, path, f"{path}.subject", label, _any_named(subject.name_as_written, subject.name),
            Severity.info,
        )  # fmt: skip
        if other.score is not None:
            flags += _value(
                ctx, path, f"{path}.score", f"score {num(other.score)} of {subject.name}",
                _number(other.score), Severity.error,
            )  # fmt: skip
    return flags


def _any_named(*names: str) -> Callable[[str], bool]:
    return lambda text: any(_named(text, name) for name in names)


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
            return _without_quote(ctx, path, field, what)
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


# The values a record must quote (the headline facts); people, units and earlier results are
# left to their name and number checks.
_MUST_QUOTE = ("subject", "score", "zone", "grade", "assessment_year")


def _without_quote(ctx: Context, path: str, field: str, what: str) -> list[Flag]:
    """A headline value with an empty evidence entry: stored by an engine that quoted nothing."""
    stored = ctx.extraction.evidence.get(path)
    if path not in _MUST_QUOTE or stored is None or stored.quote.strip():
        return []
    return [
        flag(
            WITHOUT_QUOTE,
            Severity.warning,
            field,
            f"The {what} is stored without a quote: the article prints it somewhere, but nothing "
            "says which place supports it.",
            _QUOTE_BASIS,
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
    named = any(_named(ctx.text, name) for name in (subject.name_as_written, subject.name))
    if named or _region_named(ctx.text, subject.name_as_written, subject.name, subject.kind):
        return flags + _without_quote(ctx, "subject", "subject.name", f"subject {subject.name!r}")
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


_REGION_WORDS = frozenset(words(prefix) for prefix in PREFIX_KINDS) | {"pemerintah"}
_MAX_GRAM = 3  # words of a region's short form ("Bangka Belitung", "Lima Puluh Kota")


def _region_named(text: str, written: str, name: str, kind: SubjectKind) -> bool:
    """The subject is a Kemendagri region and the article names it by a short form: one the
    region list knows ("Sumbar", "Kaltim", "Mentawai"), or, after a region word ("Pemkab
    Gorut", "Pemprov Kalteng"), the first letters of each word of its name ("Gor"+"ut")."""
    region = known_region(name, kind) or known_region(written, kind)
    if region is None:
        return False
    tokens = words(text).split()
    for i in range(len(tokens)):
        for n in range(1, _MAX_GRAM + 1):
            if i + n <= len(tokens) and find_region(" ".join(tokens[i : i + n]), region.kind) == region:
                return True
        if i > 0 and tokens[i - 1] in _REGION_WORDS and abbreviates(tokens[i], region):
            return True
    return False


def abbreviates(token: str, region: Region) -> bool:
    """'gorut' for Gorontalo Utara, 'tanjabbar' for Tanjung Jabung Barat: the token splits into
    one leading piece of each word of the name, in order (a name of two words or more)."""
    parts = words(region.name).split()
    if len(parts) < 2 or len(token) < 4 or not token.isalpha():
        return False

    def fits(rest: str, left: list[str]) -> bool:
        if not left:
            return not rest
        word = left[0]
        top = min(len(word), len(rest) - (len(left) - 1))
        return any(rest.startswith(word[:cut]) and fits(rest[cut:], left[1:]) for cut in range(top, 0, -1))

    return len(parts[0]) >= 2 and token[:2] == parts[0][:2] and fits(token, parts)
