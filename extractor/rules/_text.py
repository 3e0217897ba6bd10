"""An article cut into what the rules reason over: title, paragraphs, sentences, boilerplate."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (optionally followed by a closing quote) and whitespace, but not
# after an initial ("R. Agus") nor inside a decimal ("58.99" has no space after the dot).
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“”'(A-Z0-9*])")
_BOILERPLATE = re.compile(
    r"^\s*(?:baca\s+juga|lihat\s+juga|simak\s+juga|related|berita\s+terkait|reporter\s*:|editor\s*:|"
    r"penulis\s*:|pewarta\s*:|copyright|©)",
    re.IGNORECASE,
)
_ABBREVIATION_BEFORE = re.compile(r"(?:^|[\s(])(?:dr|drg|Dr|Drs|Dra|Prof|Ir|Hj|Kab|Prov|Jl|No|Kol|St)$")
_BYLINE = re.compile(r"\b(?:Reporter|Editor|Penulis|Pewarta|Fotografer|Foto)\s*:", re.IGNORECASE)

# Day names open datelines ("Senin (16/12/2024)") and are never part of a name.
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")

# Capitalised words that start or end no name: verbs and nouns of headlines written in title
# case, days, and the words of the assessment itself.
STOP_WORDS = frozenset(
    [
        "raih",
        "meraih",
        "diganjar",
        "dapat",
        "dapatkan",
        "mendapat",
        "terima",
        "menerima",
        "masuk",
        "jadi",
        "sebut",
        "tetap",
        "terapkan",
        "lakukan",
        "zona",
        "zonasi",
        "predikat",
        "nilai",
        "skor",
        "kualitas",
        "kategori",
        "rapor",
        "hasil",
        "penilaian",
        "kepatuhan",
        "survei",
        "standar",
        "opini",
        "pelayanan",
        "publik",
        "ombudsman",
        "dari",
        "di",
        "ke",
        "dan",
        "atau",
        "yang",
        "untuk",
        "dengan",
        "selain",
        "terbaik",
        "terendah",
        "tertinggi",
        "tinggi",
        "rendah",
        "sedang",
        "hijau",
        "kuning",
        "merah",
        "penghargaan",
        "pemerintah",
        "tahun",
        "alhamdulillah",
        "menurut",
        "adapun",
        "sementara",
        "kemudian",
        "selanjutnya",
        "berikut",
        "dalam",
        "pada",
        "ini",
        "itu",
        "tersebut",
        "juga",
        "sebanyak",
        "seluruh",
        "semua",
        "para",
        "bagi",
        "bersama",
        "kabar",
        "capaian",
        "ia",
        "dia",
        "mereka",
        "kami",
        "kita",
        "lalu",
        "namun",
        "berdasarkan",
        "tentu",
        "jadi",
        "ada",
        "tujuh",
        "lima",
        "enam",
        "tiga",
        "dua",
        "empat",
        "delapan",
        "sembilan",
        "sepuluh",
        "rincian",
        "penyerahan",
        "hal",
        "dengan",
        "oleh",
        "acara",
        *WEEKDAYS,
    ]
)


# Characters that Python's IGNORECASE matching equates with an ASCII letter (the Kelvin sign
# with "k", the long s with "s", the dotted and the dotless i): where one occurs, ``str.lower``
# does not tell what a case-insensitive pattern can match, so ``folded`` gives up.
_FOLD_SPECIAL = ("\u0130", "\u0131", "\u017f", "\u212a")
_folded: tuple[str, str | None] = ("", "")


def folded(text: str) -> str | None:
    """``text.lower()`` with the same offsets, for quick ``str.find`` checks of whether a
    case-insensitive pattern can match at all in a span; None where that would be unsafe.
    The last article's answer is kept: the rules ask many times about one text."""
    global _folded
    last, low = _folded
    if last is text:
        return low
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and any(char in text for char in _FOLD_SPECIAL)):
        low = None
    _folded = (text, low)
    return low


class Anchored:
    """A pattern each of whose matches begins with one of a few lower-case ``words`` (case aside).

    ``finditer`` gives what ``pattern.finditer`` gives, but tries the pattern only where one of the
    words occurs (found with ``str.find``): a case-insensitive pattern that begins with ``\\b``
    otherwise costs an attempt at every character of the article.
    """

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.words = words

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if end is None else end
        low = folded(text)
        if low is None:
            yield from self.pattern.finditer(text, start, end)
            return
        words = self.words
        nexts = [low.find(word, start, end) for word in words]  # each word's next occurrence
        match_at = self.pattern.match  # at ``at`` this tries exactly what ``finditer`` would try
        while True:
            at = min((n for n in nexts if n >= 0), default=-1)
            if at < 0:
                return
            match = match_at(text, at, end)
            if match is not None:
                yield match
                pos = match.end()  # as ``finditer``: the next match starts after this one
            else:
                pos = at + 1
            for i, n in enumerate(nexts):
                if 0 <= n < pos:
                    nexts[i] = low.find(words[i], pos, end)


@dataclass
class Doc:
    text: str
    title_end: int  # 0 when the article has no headline
    sentence_starts: list[int] = field(default_factory=list)
    sentence_ends: list[int] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)  # boilerplate sentences ("Baca juga: ...")
    paragraph_starts: list[int] = field(default_factory=list)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def sentence_span(self, index: int) -> tuple[int, int]:
        return self.sentence_starts[index], self.sentence_ends[index]

    def next_sentence(self, index: int) -> int | None:
        """The next sentence that is not boilerplate, if any."""
        index += 1
        while index < len(self.sentence_starts):
            if index not in self.skipped:
                return index
            index += 1
        return None

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end

    def lead_end(self) -> int:
        """End of the lead: the first two prose sentences after the headline."""
        count = 0
        for i, start in enumerate(self.sentence_starts):
            if start < self.title_end or i in self.skipped:
                continue
            count += 1
            if count == 2:
                return self.sentence_ends[i]
        return len(self.text)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines, with a hard-wrapped line joined to the next when that one goes on in lower case."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if (
            spans
            and text[start : start + 1].islower()
            and text[spans[-1][1] - 1 : spans[-1][1]] not in '.!?"”'
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def parse(text: str) -> Doc:
    lines = _paragraphs(text)
    title_end = 0
    for line_start, line_end in lines:
        body = text[line_start:line_end].strip()
        if not body:
            continue
        if len(body) <= 170 and not body.endswith((".", ")")) and "–" not in body[:40]:
            title_end = line_end
        break
    doc = Doc(text, title_end)
    for line_start, line_end in lines:
        doc.paragraph_starts.append(line_start)
        body = text[line_start:line_end]
        head = body[:80]
        # (a byline needs its colon: most lines have none, and the search is slow)
        boiler = bool(_BOILERPLATE.match(body)) or (":" in head and bool(_BYLINE.search(head)))
        start = line_start
        for end_match in _SENTENCE_END.finditer(body):
            dot = end_match.start()
            if body[dot] == "." and dot and body[dot - 1].isupper() and (dot < 2 or body[dot - 2].isspace()):
                continue  # "R. Agus": an initial, not the end of a sentence
            if body[dot] == "." and _ABBREVIATION_BEFORE.search(body, max(0, dot - 6), dot):
                continue  # "RSUD dr. Iskak", "Kab. Batang": an abbreviation
            _add_sentence(doc, start, line_start + dot + 1, boiler)
            start = line_start + end_match.end()
        _add_sentence(doc, start, line_end, boiler)
    if not doc.sentence_starts:
        _add_sentence(doc, 0, len(text), False)
    return doc


def _add_sentence(doc: Doc, start: int, end: int, boiler: bool) -> None:
    if end <= start:
        return
    if boiler:
        doc.skipped.add(len(doc.sentence_starts))
    doc.sentence_starts.append(start)
    doc.sentence_ends.append(end)
