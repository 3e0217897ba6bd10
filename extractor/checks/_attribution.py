"""Check 13: a score, zone or grade the article states for someone else than the subject.

Round-ups print many results side by side ("Pemkab Grobogan (98,02), Pemkab Badung (97,53)",
"Sanggau dengan nilai 89,55 dan Sambas 88,91"); an engine may take the right kind of value from
the wrong name. Every place the article prints the value is tied to the nearest name before it in
its sentence (after it when none is before; the sentence before for "Nilainya ..."). The value is
suspect when the place it was quoted from is tied to another region or agency and no place ties
it to the subject. Names are regions (with or without "Pemkab"/"Kota"/"Kab." and the press's short
forms, read with ``extractor.regions``), ministries and vertical offices; the subject is compared
loosely (a region by its Kemendagri code, another name by its distinctive words).

The name reading and the tie are shared with ``_threshold`` (negated zones, competing scores).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from extractor.checks._base import Context, flag, num
from extractor.checks._bodies import REGION_HEAD, Name, body_group, name_keys, names
from extractor.checks._grounding import abbreviates
from extractor.checks._other_body import _OTHER
from extractor.checks._text import (
    describes_band,
    find_number,
    grade_hits,
    number_hits,
    previous_statement,
    sentence_bounds,
    zone_hits,
)
from extractor.names import known_region
from extractor.regions import name_key
from schemas.record import Extraction, Flag, Severity, Span
from schemas.values import GRADE_LETTERS, SubjectKind

SCORE_ELSEWHERE = "score_attributed_elsewhere"
ZONE_ELSEWHERE = "zone_attributed_elsewhere"  # the zone or the grade
CODES = (SCORE_ELSEWHERE, ZONE_ELSEWHERE)

_BASIS = (
    "the record's score, zone and grade are the subject's own result; in a round-up each result is "
    "tied to the name printed nearest before it in its sentence (OMBUDSMAN.md, 'Confusers': round-ups)"
)

# A subject that is a group: "Polres jajaran Polda Sulteng", "Lima kementerian peraih ...".
_COLLECTIVE = re.compile(
    r"^(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|belasan|puluhan|seluruh|semua|para)\b|"
    r"\bse-|\bjajaran\b|\bseluruh\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _bodies(text: str) -> tuple[Name, ...]:
    """The names of the text, less KemenPAN-RB, the IPP and the like: a number next to them is
    another assessment's, not another subject's (``other_body_score`` says so)."""
    others = [m.span() for m in _OTHER.finditer(text)]
    return tuple(n for n in names(text) if not any(a < n.end and n.start < b for a, b in others))


# -- the subject ----------------------------------------------------------------------------------


def subject_names(e: Extraction) -> tuple[Name, ...]:
    """The subject as names to compare with: read from its name as written and normalised."""
    if e.subject is None:
        return ()
    out: list[Name] = []
    for written in dict.fromkeys((e.subject.name_as_written, e.subject.name)):
        out += names(written) or [Name(0, len(written), written, frozenset(), name_keys(written))]
    region = known_region(e.subject.name, e.subject.kind) or known_region(
        e.subject.name_as_written, e.subject.kind
    )
    if region is not None:
        out.append(Name(0, 0, e.subject.name, frozenset({region.code}), frozenset(), region=region))
    if e.subject.region_code:
        out.append(Name(0, 0, e.subject.name, frozenset({e.subject.region_code}), frozenset()))
    kind = e.subject.kind
    group = {SubjectKind.kementerian: "ministry", SubjectKind.lembaga: "agency"}.get(kind)
    if kind in (SubjectKind.kota, SubjectKind.kabupaten, SubjectKind.provinsi):
        group = "regional"
    out.append(Name(0, 0, e.subject.name, frozenset(), frozenset(), group or body_group(e.subject.name)))
    if kind is SubjectKind.other and _COLLECTIVE.search(e.subject.name):
        # "Polres jajaran Polda Sulteng", "Lima kementerian peraih ...": each member is the subject.
        out.append(
            Name(0, 0, e.subject.name, frozenset(), frozenset(), "member:" + body_group(e.subject.name))
        )
    return tuple(name for name in out if name.codes or name.keys or name.group)


def same(subject: Iterable[Name], name: Name) -> bool:
    """Loose: regions by code; other names by a distinctive key inside the other ("keu" in
    "keuangan", "dikbudristek" for "Kemdikbudristek" and "Kemendikbudristek")."""
    if any(own.group == "member:" + (name.group or body_group(name.written)) for own in subject):
        return True
    if name.group:
        return any(own.group == name.group for own in subject)
    for own in subject:
        if own.group:
            continue
        if name.unknown and own.region is not None and any(abbreviates(k, own.region) for k in name.keys):
            return True  # "Pemkab Gorut" for Gorontalo Utara (``_grounding`` reads it the same way)
        if own.codes and name.codes:
            if own.codes & name.codes:
                return True
            continue
        if any(
            a in b or b in a
            for a in own.keys | _placename_keys(own)
            for b in name.keys | _placename_keys(name)
        ):
            return True
    return False


def _placename_keys(name: Name) -> frozenset[str]:
    return frozenset(k for k in (name_key(re.sub(REGION_HEAD, "", name.written)),) if len(k) >= 4)


# -- the tie: whose is a value printed at text[start:end] ----------------------------------------

# Between names of one group: "Kabupaten Tambrauw dan Kabupaten Maybrat", "Pemkot Kendari,
# Provinsi Sultra", "Kabupaten X di Papua Barat Daya".
_GROUP_GAP = re.compile(r"(?:\s|[,/&]|\b(?:dan|serta|maupun|atau|juga|di)\b)*", re.IGNORECASE)
# A comma-bracketed relative clause or parenthesis without a number: its names are asides
# ("Pemkot Baubau, yang berada di bawah Pemkot Kendari, memperoleh ...").
_ASIDE = re.compile(r",\s*yang\b[^,\d]*,|\([^()\d]*\s[^()\d]*\)")  # "(Sulsel)" repeats a name
# After the value, a list of its holders: "zona hijau, yakni Aceh Barat, Aceh Tamiang, ...".
_LIST_AFTER = re.compile(
    r"[^.;\d]{0,70}?(?:\b(?:yakni|yaitu|adalah|antara\s+lain|di\s+antaranya|diantaranya|meliputi|masing-masing)\b|:)",
    re.IGNORECASE,
)


# A statement that names nobody points back at the sentence before only with a pronoun or a
# demonstrative: "Nilainya hanya 39,95", "Nilai itu berada di zona kuning", "Ia meraih ...".
_ANAPHOR = re.compile(
    r"\b(?:(?:nilai|skor|capaian|hasil|kepatuhan)\w*nya|ia|dia|pihaknya|(?:nilai|skor|capaian|daerah|"
    r"kabupaten|kota|provinsi|pemkab|pemkot|pemprov|kementerian|instansi|lembaga)\s+(?:itu|ini|tersebut))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Tie:
    group: tuple[Name, ...]  # empty: no name to tie it to
    statement: Span

    def whose(self, subject: tuple[Name, ...]) -> str:
        """'subject', 'other' or 'none'."""
        if not self.group:
            return "none"
        if any(same(subject, name) for name in self.group):
            return "subject"
        # A name the region list does not know may be the subject's own short form ("Abdya").
        return "none" if any(name.unknown for name in self.group) else "other"


def tie(text: str, start: int, end: int) -> Tie:
    begin, stop = sentence_bounds(text, start, end)
    statement = Span(start=begin, end=stop)
    inside = [n for n in _bodies(text) if begin <= n.start and n.end <= stop and n.keys | n.codes]
    if not inside:
        before = previous_statement(text, begin) if _ANAPHOR.search(text, begin, start) else None
        if before is None:
            return Tie((), statement)
        earlier = [n for n in _bodies(text) if before[0] <= n.start and n.end <= before[1]]
        return Tie(_group(text, earlier, len(earlier) - 1, -1), statement) if earlier else Tie((), statement)
    listed = _LIST_AFTER.match(text, end)
    if listed is not None:
        holders = tuple(n for n in inside if n.start >= listed.end())
        if holders:
            return Tie(holders, statement)
    asides = [m.span() for m in _ASIDE.finditer(text, begin, start)]
    before_names = [
        i for i, n in enumerate(inside) if n.end <= start and not any(a <= n.start < b for a, b in asides)
    ]
    if before_names:
        return Tie(_group(text, inside, before_names[-1], -1), statement)
    next_number = min((h.start for h in number_hits(text[end:stop])), default=stop - end) + end
    after = [i for i, n in enumerate(inside) if n.start >= end and n.end <= next_number]
    return Tie(_group(text, inside, after[0], 1) if after else (), statement)


def _group(text: str, found: list[Name], at: int, step: int) -> tuple[Name, ...]:
    group = [found[at]]
    i = at + step
    while 0 <= i < len(found):
        a, b = (found[i], group[-1]) if step < 0 else (group[-1], found[i])
        if not _GROUP_GAP.fullmatch(text, a.end, b.start):
            break
        group.append(found[i])
        i += step
    return tuple(group)


# -- the check ------------------------------------------------------------------------------------


def quoted_places(ctx: Context, path: str, places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The places inside the value's located quote (or in its sentence); all of them when the
    value has no located quote."""
    evidence = ctx.evidence(path)
    if evidence is None or not evidence.aligned or evidence.start is None or evidence.end is None:
        return places
    inside = [p for p in places if evidence.start <= p[0] and p[1] <= evidence.end]
    if inside:
        return inside
    assert ctx.text is not None
    begin, stop = sentence_bounds(ctx.text, evidence.start, evidence.end)
    return [p for p in places if begin <= p[0] and p[1] <= stop] or places


def check_attribution(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    subject = subject_names(e)
    if ctx.text is None or not subject:
        return []
    text = ctx.text
    flags: list[Flag] = []
    year = f" ({e.assessment_year} assessment)" if e.assessment_year else ""
    if e.score is not None:
        places = [(h.start, h.end) for h in find_number(text, e.score)]
        found = _elsewhere(ctx, subject, "score", places)
        if found is not None:
            other, quote, span, certain = found
            message = f"The article gives {num(e.score)} to {other!r}, not to {_subject(e)}{year}: '{quote}'."
            severity = Severity.error if certain else Severity.warning
            flags.append(
                flag(SCORE_ELSEWHERE, severity, "score", message, _BASIS, [span, *ctx.spans("score")])
            )
    for field, value, spots in (
        ("zone", e.zone.value if e.zone else None, zone_hits),
        ("grade", e.grade.value if e.grade else None, None),
    ):
        if value is None:
            continue
        hits = spots(text, value) if spots else grade_hits(text, value, letters_of(value))
        # The scale's own description ("zona hijau dengan nilai 81-100") is nobody's result.
        found = _elsewhere(ctx, subject, field, [h for h in hits if not describes_band(text, h[1])])
        if found is not None:
            other, quote, span, _ = found
            message = (
                f"The article states {field} {value!r} for {other!r}, not for {_subject(e)}{year}: '{quote}'."
            )
            flags.append(
                flag(ZONE_ELSEWHERE, Severity.warning, field, message, _BASIS, [span, *ctx.spans(field)])
            )
    return flags


def letters_of(grade: str) -> tuple[str, ...]:
    return tuple(letter.upper() for letter, value in GRADE_LETTERS.items() if value.value == grade)


def _elsewhere(
    ctx: Context, subject: tuple[Name, ...], path: str, places: list[tuple[int, int]]
) -> tuple[str, str, Span, bool] | None:
    """(the other name, the statement, its span, whether the other name is fastened to the
    value: "Pemkab Badung (97,53)") when the value is another's."""
    assert ctx.text is not None
    text = ctx.text
    if not places:
        return None
    ties = {place: tie(text, *place) for place in places}
    if any(t.whose(subject) == "subject" for t in ties.values()):
        return None
    quoted = quoted_places(ctx, path, places)
    if quoted == places and any(t.whose(subject) != "other" for t in ties.values()):
        return None  # no quote to go by: only when every place is another's
    for place in quoted:
        t = ties[place]
        if t.whose(subject) != "other":
            continue
        nearest = min(t.group, key=lambda n: abs(n.start - place[0]))
        statement = text[t.statement.start : t.statement.end]
        between = text[nearest.end : place[0]] if nearest.end <= place[0] else ""
        fastened = bool(_FASTENED.fullmatch(between))
        return nearest.written, clip(statement), t.statement, fastened
    return None


# The other name is fastened to the value: "Pemkab Badung (97,53)", "Kota Sorong dengan nilai 83,18".
_FASTENED = re.compile(
    r"\s*(?:\(|:|-|–|,)?\s*(?:(?:yang\s+)?(?:dengan|memperoleh|meraih|mendapat(?:kan)?|mencatat|sebesar|"
    r"dengan\s+(?:total\s+)?(?:nilai|skor))\s*)?(?:nilai|skor|indeks)?\s*(?:sebesar\s*)?",
    re.IGNORECASE,
)


def _subject(e: Extraction) -> str:
    return repr(e.subject.name) if e.subject else "the subject"


def clip(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= 180 else text[:177] + "…"
