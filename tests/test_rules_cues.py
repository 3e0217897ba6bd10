"""``_cues.alternation``: the entries grouped by first character match what the flat alternation
(longest first) matches, case-blind or not, at every place of a text."""

from __future__ import annotations

import re

import pytest

from extractor.rules._cues import _alternation_of, _lexicon, words

_GROUPS = [
    (file, group)
    for file in ("cues.json", "others_cues.json")
    for group, body in _lexicon(file).items()
    if isinstance(body, dict) and "entries" in body  # (not the file's "about" note)
]
_TEXT = (
    "Nilai kepatuhan 84,15, nilainya naik; dengan skor 90 mendapatkan predikat zona hijau. "
    "SELURUH pemerintah daerah, semua kabupaten dan kota; Kemenpan RB, KemenPAN-RB, IPP, ikm. "
    "yaitu, yakni, adalah: Berikutnya, Selanjutnya, mereka ialah, ſkor, K sebesar 88"
)


def _flat(entries: list[str], space: str) -> str:
    return "|".join(re.escape(e).replace(r"\ ", space) for e in sorted(entries, key=len, reverse=True))


@pytest.mark.parametrize(("file", "group"), _GROUPS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_grouped_matches_flat(file: str, group: str, flags: int) -> None:
    entries = words(group, file)
    space = r"\s+"
    grouped = re.compile(rf"(?:{_alternation_of(entries, space)})\b", flags)
    flat = re.compile(rf"(?:{_flat(entries, space)})\b", flags)
    text = _TEXT + " " + " ".join(entries) + " " + " ".join(e.upper() for e in entries)
    for at in range(len(text)):
        a, b = grouped.match(text, at), flat.match(text, at)
        assert (a and a.span()) == (b and b.span()), (group, at)


def test_case_pairs_stay_flat() -> None:
    # "Kota" and "kab" begin with one letter in two cases: a case-blind pattern must try them in
    # their own order, so they are not grouped
    assert _alternation_of(["Kota", "kab", "Kabupaten"]) == "Kabupaten|Kota|kab"
