"""Whether a zone or grade word stands as a result in its clause: not another body's index
("IPP predikat A"), not denied ("tidak ada lagi ... zona merah"), not one the clause puts in the
past beside the one it has now ("tahun lalu zona kuning, kini zona hijau"). The subject's stage
(``_results``) and the other results' (``_others_lists``) filter their labels alike."""

from __future__ import annotations

import re

from extractor.rules._anchored import Cued
from extractor.rules._labels import Label
from extractor.rules._numbers import OTHER_INDEX

# "Tidak ada lagi OPD yang berada di zona merah", "belum masuk ke zona hijau", "tidak lagi menjadi
# zona merah", "keluar dari zona merah": a label the clause denies. The words between the denial
# and the label run to a comma or a word that starts what is affirmed ("keluar dari zona merah dan
# naik ke zona hijau", "... zona merah ke zona kuning": the second is said). Openers that deny
# nothing are not denials: "tidak hanya", "tidak heran", "bukan kali pertama", "belum lama ini".
_NOT_A_DENIAL = (
    r"hanya|sekadar|cuma|saja|heran|mengherankan|salah|sedikit|kalah|mau\s+kalah|kali|pertama|tanpa|"
    r"lama|pernah\s+absen"
)
_DENIAL = re.compile(
    rf"\b(?:(?:tidak|tak|bukan|belum)\s+(?!\s|(?:{_NOT_A_DENIAL})\b)|bebas\s+|"
    r"keluar\s+dari\s+|lepas\s+dari\s+|terhindar\s+dari\s+)"
    r"(?:(?!\b(?:dan|serta|namun|tetapi|tapi|sehingga|kini|sekarang|melainkan)\b"
    r"|\bzona\s+\w+\s+(?:ke|menjadi)\b)[^.,;:\n]){0,40}$",
    re.IGNORECASE,
)
# (searched only in a window that holds one of its first words: most windows hold none, and a
# case-blind search for a pattern that begins with \b tries it at each character)
_DENIAL_CUED = Cued(_DENIAL, ("tidak", "tak", "bukan", "belum", "bebas", "keluar", "lepas", "terhindar"))


# "menargetkan masuk zona hijau", "diharapkan meraih kategori A", "Targetkan Zona Hijau": a label
# the clause aims at, not one given.
_AIM = re.compile(
    r"\b(?:target\w*|menargetkan|ditargetkan|berharap|harapan(?:nya)?|diharapkan|ingin|bertekad|mengejar|"
    r"membidik|mematok)\b[^.,;:\n]{0,40}$",
    re.IGNORECASE,
)
_AIM_CUED = Cued(
    _AIM, ("target", "menargetkan", "harap", "ingin", "bertekad", "mengejar", "membidik", "mematok")
)


def denied_label(text: str, label: Label) -> bool:
    """Whether the label's clause denies it ("tidak ada lagi ... zona merah") or only aims at it
    ("menargetkan masuk zona hijau")."""
    window = max(0, label.start - 60)
    return bool(_DENIAL_CUED.search(text, window, label.start) or _AIM_CUED.search(text, window, label.start))


def affirmed(text: str, labels: list[Label]) -> list[Label]:
    return [lab for lab in labels if not denied_label(text, lab)]


# "yang tahun lalu berada di zona kuning kini naik ke zona hijau", "naik dari zona kuning ke zona
# hijau": a label the clause puts in the past, before the one it has now.
_PAST = re.compile(
    r"\b(?:tahun\s+lalu|sebelumnya|semula|sempat|dulu|(?:naik|turun|berubah|pindah)\s+dari)\b"
    r"(?:(?!\b(?:ke|menjadi|kini|sekarang)\b)[^.,;\n]){0,30}$",
    re.IGNORECASE,
)
_PAST_CUED = Cued(_PAST, ("lalu", "sebelumnya", "semula", "sempat", "dulu", "dari"))


def present_labels(text: str, labels: list[Label]) -> list[Label]:
    """``labels`` less those the clause puts in the past, where one of the same kind (zone, grade)
    is given now."""
    past = [lab for lab in labels if _PAST_CUED.search(text, max(0, lab.start - 50), lab.start)]
    if not past:
        return labels
    now = [lab for lab in labels if lab not in past]
    return [
        lab for lab in labels
        if lab not in past or not any((n.zone is None) == (lab.zone is None) for n in now)
    ]  # fmt: skip


def other_index_label(text: str, label: Label) -> bool:
    """Whether a label is another body's ("indeks reformasi birokrasi kategori A dari Kemenpan
    RB", "IPP predikat A"): that index named just before it or right after it."""
    return bool(
        OTHER_INDEX.search(text, max(0, label.start - 40), label.start)
        or OTHER_INDEX.search(text, label.end, label.end + 20)
    )
