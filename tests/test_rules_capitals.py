"""``_capitals.Capitalised``: the whole-article scans found through one look at the capitals give
exactly what the patterns' own ``finditer`` gives, heads inside other words and spans included."""

from __future__ import annotations

import re

import pytest

from extractor.rules._capitals import Capitalised, literal_prefixes

_TEXTS = [
    "Kepala Dinas Kesehatan Kota Batu dan Kepala Badan Pusat Statistik (BPS) hadir.",
    "KemenPAN-RB menilai DPMPTSP, DPUPR dan PUPR; Pemkot Batu, Pemkab Malang, Kab. Blitar.",
    "diKantor Wilayah, XDinas, PolrestaPolres, KPPKPP Pratama, “Kota” Batu – Bupati",
    "PANPANRB PAN-RB KemenPan Kemen PAN ı İ ſ K é Kota",
    "",
    "K",
    "Ka",
]
_PATTERNS = [
    re.compile(r"(?:Dinas|Badan|Kepala(?:\s+Dinas)?|Kota|Kab\.|Kabupaten)\b"),
    re.compile(r"(?:Polresta|Polres|KPP\s+Pratama|KPP|Kantor\s+Wilayah)"),
    re.compile(r"(?:PAN-?RB|PANRB|PAN|KemenPAN|Kemen\s*PAN|DPMPTSP|DPUPR|PUPR)\b"),
    re.compile(r"Pem(?:kot|kab|prov)\s+(?=[A-Z])"),
]


@pytest.mark.parametrize("pattern", _PATTERNS, ids=lambda p: p.pattern[:30])
def test_same_matches_as_finditer(pattern: re.Pattern[str]) -> None:
    scan = Capitalised(pattern)
    assert scan.index >= 0  # indexed, not scanned as it is
    for text in _TEXTS:
        for start, end in [(0, len(text)), (3, len(text) // 2), (len(text) // 3, len(text))]:
            want = [(m.span(), m.groups()) for m in pattern.finditer(text, start, end)]
            got = [(m.span(), m.groups()) for m in scan.finditer(text, start, end)]
            assert got == want, (text, start, end)


def test_prefixes() -> None:
    assert literal_prefixes(re.compile(r"Pol(?:res|da)|Kota\s+")) == ["Polres", "Polda", "Kota"]
    assert literal_prefixes(re.compile(r"Wali\s?[Kk]ota|Bupati")) == ["Wali", "Bupati"]
    assert literal_prefixes(re.compile(r"kota", re.IGNORECASE)) is None
    assert literal_prefixes(re.compile(r"\bKota")) is None
    assert literal_prefixes(re.compile(r"Kota|[A-Z]+")) is None


@pytest.mark.parametrize("pattern", [r"\bKota", r"kota|Kota", r"Ko(?:ta)?", r"(?i:Kota)"])
def test_other_shapes_are_scanned(pattern: str) -> None:
    compiled = re.compile(pattern)
    scan = Capitalised(compiled)
    assert scan.index < 0
    text = "Kota kota Ko Kotamadya"
    assert [m.span() for m in scan.finditer(text)] == [m.span() for m in compiled.finditer(text)]
