"""Loose comparison of names and numbers as the press prints them, for ``extractor eval`` and the
checks that pair people or subjects: case, spacing and punctuation do not count, "Long Name (ABBR)"
equals "Long Name" and "ABBR", a person's name equals it without a leading honorific, a subject
equals its normalised form (the one alias table of ``extractor.names``)."""

from __future__ import annotations

import re

from extractor.names import normalise_acting, normalise_office, normalise_subject
from extractor.regions import regions_named
from schemas.values import SubjectKind

_PAREN = re.compile(r"\(([^)]*)\)")
_NOISE = re.compile(r"[^0-9a-z]+")


def fold_name(text: str) -> str:
    """A name with case, spaces and punctuation out: 'Dinas  Sosial.' -> 'dinassosial'."""
    return _NOISE.sub("", text.lower())


def name_variants(name: str) -> set[str]:
    """'Dinas Sosial (Dinsos)' -> {'dinassosial', 'dinsos'}; case, spaces, punctuation out."""
    variants = {fold_name(_PAREN.sub(" ", name))}
    variants.update(fold_name(inner) for inner in _PAREN.findall(name))
    variants.discard("")
    return variants or {fold_name(name)}


def same_name(a: str, b: str) -> bool:
    return bool(name_variants(a) & name_variants(b))


def _normalised(name: str, kind: str | None) -> str:
    try:
        return normalise_subject(name, SubjectKind(kind)) if kind else name
    except ValueError:  # a kind the schema does not know: compare as written
        return name


_PROVINCE_WORD = re.compile(r"\bProvinsi\s+", re.IGNORECASE)


def _office(name: str) -> str:
    """An office's name in the gold's form, its province named with or without 'Provinsi'
    ('Kanwil ATR/BPN Maluku' = 'Kantor Wilayah ATR/BPN Provinsi Maluku')."""
    return _PROVINCE_WORD.sub("", normalise_office(name))


def same_unit_name(a: str, b: str) -> bool:
    """Loosely the same unit name, or the same once an office head's short form is written out
    through the alias table ('Kantah Pangkalpinang' and 'Kantor Pertanahan Pangkalpinang')."""
    return same_name(a, b) or same_name(_office(a), _office(b))


def same_subject(gold: tuple[str, str | None], got: tuple[str, str | None]) -> bool:
    """Loosely the same name, or the same once both are normalised through the one alias table
    the record's normaliser uses ('Pemprov Sumut' and 'Provinsi Sumatera Utara'), or the same
    round-up (``same_roundup``)."""
    return (
        same_name(gold[0], got[0])
        or same_name(_normalised(*gold), _normalised(*got))
        or (gold[1] == got[1] == SubjectKind.other.value and same_unit_name(gold[0], got[0]))
        or same_roundup(gold, got)
    )


# A round-up (shared/corpus/README.md: kind other) has no name of its own: each reader describes
# it in words of their own ("Lima kementerian peraih Opini ... 2025", "Lima Kementerian Raih Opini
# ..."), which no comparison of names can pair. What identifies one is that it is a collective (a
# count, a top-N, "se-X", "jajaran", kinds of agency listed: "Pemda, Polres dan Kantor Pertanahan")
# and the area it covers.
_COLLECTIVE_MARK = re.compile(
    r"\d|\b(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s+(?!puluh\b)\w"
    r"|\b(?:seluruh|semua|sejumlah|jajaran|besar|se-)"
    r"|\b(?:pemda|pemerintah|pemkab|pemkot|kementerian|lembaga|instansi|polres|kantah|kanwil|kabupaten)"
    r"(?:\s*,\s*|\s+(?:dan|serta)\s+)",
    re.IGNORECASE,
)


def same_roundup(gold: tuple[str, str | None], got: tuple[str, str | None]) -> bool:
    """Two round-ups (kind other, both described as a collective) covering the same area: the
    same provinces, kota and kabupaten named in the descriptions, or none (a national one)."""
    return (
        gold[1] == got[1] == SubjectKind.other.value
        and bool(_COLLECTIVE_MARK.search(gold[0]))
        and bool(_COLLECTIVE_MARK.search(got[0]))
        and regions_named(gold[0]) == regions_named(got[0])
    )


_HONORIFICS = frozenset({"h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "hc"})


def same_person(a: str, b: str) -> bool:
    """Names of people: also equal without a leading honorific ('H Rahmad Mas’ud', 'Rahmad Mas'ud')."""
    if same_name(a, b):
        return True

    def bare(name: str) -> str:
        words = _PAREN.sub(" ", name).split()
        while len(words) > 1 and fold_name(words[0]) in _HONORIFICS:
            words.pop(0)
        return fold_name(" ".join(words))

    return bare(a) == bare(b)


def same_role(a: str, b: str) -> bool:
    """Loosely the same, or one contains the other ("Bupati" in "Bupati Sleman"); an acting title
    in either form ("Penjabat", "Pj")."""
    a, b = normalise_acting(a), normalise_acting(b)
    if same_name(a, b):
        return True
    x, y = fold_name(_PAREN.sub(" ", a)), fold_name(_PAREN.sub(" ", b))
    shorter, longer = sorted((x, y), key=len)
    return len(shorter) >= 4 and shorter in longer


def same_number(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and round(a, 2) == round(b, 2)
