"""An article cut into what the rules reason over: title, paragraphs, sentences, boilerplate."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

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
    start = 0
    for line in text.split("\n"):  # (cheaper than a pattern's matches: one split, then lengths)
        end = start + len(line)
        if not line:
            pass  # an empty line is no paragraph
        elif spans and line[0].islower() and text[spans[-1][1] - 1 : spans[-1][1]] not in '.!?"”':
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        start = end + 1
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
    # One scan for the sentence ends of all lines. A line's own ends are those that start in it and
    # end before its end (the space and the next sentence's first character in the line too): the
    # same as a scan of the line alone, as a match that runs on into the next line takes nothing
    # there but spaces.
    ends = _SENTENCE_END.finditer(text)
    end_match = next(ends, None)
    for line_start, line_end in lines:
        doc.paragraph_starts.append(line_start)
        body = text[line_start:line_end]
        head = body[:80]
        # (a byline needs its colon: most lines have none, and the search is slow)
        boiler = bool(_BOILERPLATE.match(body)) or (":" in head and bool(_BYLINE.search(head)))
        start = line_start
        line_ends = []
        while end_match is not None and end_match.start() < line_end:
            if end_match.end() < line_end:
                line_ends.append((end_match.start() - line_start, end_match.end() - line_start))
            end_match = next(ends, None)
        for dot, after in line_ends:
            if body[dot] == "." and dot and body[dot - 1].isupper() and (dot < 2 or body[dot - 2].isspace()):
                continue  # "R. Agus": an initial, not the end of a sentence
            if body[dot] == "." and _ABBREVIATION_BEFORE.search(body, max(0, dot - 6), dot):
                continue  # "RSUD dr. Iskak", "Kab. Batang": an abbreviation
            _add_sentence(doc, start, line_start + dot + 1, boiler)
            start = line_start + after
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
