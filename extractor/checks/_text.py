"""Reading numbers, names and sentences in article text the way the press writes them.

Scores appear as "82,28", "58.99", "95,3", "79,19 persen" or with a stray space ("99, 23"); a
number is compared with a value to two decimals, so "78,80" and "78,8" both stand for 78.8.
Names are compared with case, punctuation and typographic quotes set aside.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.grounding import fold_quote

# A number of at most three integer digits, with an optional one- or two-digit decimal part
# after a comma or dot. The loose form also takes "99, 23" (a stray space after the comma).
_STRICT = re.compile(r"(?<![\d])(\d{1,3})(?:[.,](\d{1,2})(?!\d))?(?![\d])")
_LOOSE = re.compile(r"(?<![\d])(\d{1,3})[.,] (\d{1,2})(?![\d])")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class NumberHit:
    value: float
    start: int
    end: int


def cents(value: float) -> int:
    """A score in hundredths, the precision scores are printed with."""
    return round(value * 100)


def number_hits(text: str) -> tuple[NumberHit, ...]:
    """Every number up to 999 (with its decimals) in the text, and where it is."""
    hits = []
    for pattern in (_STRICT, _LOOSE):
        for match in pattern.finditer(text):
            whole, decimals = match.group(1), match.group(2)
            value = float(f"{whole}.{decimals}") if decimals else float(whole)
            hits.append(NumberHit(value, match.start(), match.end()))
    return tuple(hits)


@lru_cache(maxsize=256)  # the checks look up dozens of numbers in the same article
def _hits_by_cents(text: str) -> dict[int, tuple[NumberHit, ...]]:
    """The text's numbers grouped by value (to two decimals), each group in text order."""
    groups: dict[int, dict[tuple[int, int], NumberHit]] = {}
    for hit in number_hits(text):
        groups.setdefault(cents(hit.value), {})[(hit.start, hit.end)] = hit
    return {key: tuple(sorted(hits.values(), key=lambda hit: hit.start)) for key, hits in groups.items()}


def find_number(text: str, value: float) -> list[NumberHit]:
    """Where the text prints ``value`` (to two decimals), in text order."""
    return list(_hits_by_cents(text).get(cents(value), ()))


def has_number(text: str, value: float) -> bool:
    return bool(find_number(text, value))


@lru_cache(maxsize=256)  # the same article and names are folded by several checks
def words(text: str) -> str:
    """'H. Rahmad Mas’ud,' -> 'h rahmad mas ud': lower case, punctuation as spaces."""
    return " ".join(_NON_WORD.sub(" ", fold_quote(text)).split())


def name_variants(name: str) -> list[str]:
    """A name as written, without its parenthesised part, and that part alone.

    'Dinas Sosial (Dinsos)' -> ['dinas sosial dinsos', 'dinas sosial', 'dinsos'].
    """
    variants = [words(name)]
    inner = re.findall(r"\(([^)]*)\)", name)
    outer = words(re.sub(r"\([^)]*\)", " ", name))
    variants.append(outer)
    variants.extend(words(part) for part in inner)
    return [variant for variant in dict.fromkeys(variants) if variant]


def name_in(text: str, name: str) -> bool:
    """Whether the name is in the text: as a run of words, or (looser) every word of it.

    The looser test keeps a name whose words the article splits ("Farid Sofyan Lembah" after
    "H."), while an invented name, whose words are not in the article, still fails.
    """
    haystack = f" {words(text)} "
    tokens = set(haystack.split())
    for variant in name_variants(name):
        if f" {variant} " in haystack:
            return True
        if all(token in tokens for token in variant.split()):
            return True
    return False


@lru_cache(maxsize=64)
def _sentence_marks(text: str) -> tuple[list[int], list[int]]:
    """Positions of line breaks, and of sentence punctuation followed by whitespace."""
    breaks: list[int] = []
    stops: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        (breaks if text[match.start()] == "\n" else stops).append(match.start())
    return breaks, stops


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (a decimal point is not a sentence end)."""
    breaks, stops = _sentence_marks(text)
    # The sentence begins after the last line break before ``start``, or after the last stop
    # whose following whitespace is also before ``start``.
    last_break = bisect.bisect_left(breaks, start) - 1
    last_stop = bisect.bisect_left(stops, start - 1) - 1
    begin = max(
        breaks[last_break] + 1 if last_break >= 0 else 0,
        stops[last_stop] + 1 if last_stop >= 0 else 0,
    )
    ends = [marks[i] for marks in (breaks, stops) if (i := bisect.bisect_left(marks, end)) < len(marks)]
    return begin, min(ends) if ends else len(text)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    return begin, after if after >= 0 else len(text)


# -- statements around a value (used by the attribution checks) ---------------------------------

# A "Baca juga: ..." line is a link to another story, not part of the statement before or after.
_LINK_LINE = re.compile(r"\s*(?:baca\s+juga|simak\s+juga|lihat\s+juga)\b", re.IGNORECASE)


def previous_statement(text: str, begin: int) -> tuple[int, int] | None:
    """The sentence before the one starting at ``begin``, skipping blank lines and "Baca juga"
    links; None at the start of the article."""
    at = begin
    while at > 0:
        stop = at - 1
        while stop > 0 and text[stop - 1].isspace():
            stop -= 1
        if stop <= 0:
            return None
        start, end = sentence_bounds(text, stop - 1, stop)
        if text[start:end].strip() and not _LINK_LINE.match(text, start):
            return start, end
        at = start
    return None


# Zone words as the press writes them: "zona hijau", "zonasi kuning", "rapor merah", "predikat
# hijau", "kategori zona hijau" (OMBUDSMAN.md, "Mapping words to values").
_ZONE_LEAD = r"(?:zona|zonasi|rapor|raport|predikat|kategori|label|warna)(?:\s+(?:zona|zonasi|kepatuhan))?\s+"


@lru_cache(maxsize=64)
def zone_hits(text: str, zone: str) -> tuple[tuple[int, int], ...]:
    """Where the text says this zone ("zona hijau", "rapor merah"): (start, end) of each."""
    pattern = re.compile(rf"\b{_ZONE_LEAD}{re.escape(zone)}\b", re.IGNORECASE)
    return tuple((m.start(), m.end()) for m in pattern.finditer(text))


@lru_cache(maxsize=64)
def grade_hits(text: str, grade: str, letters: tuple[str, ...] = ()) -> tuple[tuple[int, int], ...]:
    """Where the text says this grade: "kualitas tinggi" ('tertinggi' is not 'tinggi'), or one of
    its letters after "kategori"/"predikat" ("kategori B")."""
    forms = [rf"kualitas\s+{re.escape(grade)}\b"]
    forms += [rf"(?:kategori|predikat|grade)(?:\s+nilai)?\s+{re.escape(letter)}\b" for letter in letters]
    pattern = re.compile(rf"\b(?:{'|'.join(forms)})", re.IGNORECASE)
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    # A capital letter only: "kategori a" in running text is not a grade letter.
    return tuple(
        (start, end) for start, end in found if not text[end - 1].islower() or text[end - 2].isalpha()
    )


# "88,00 – 100", "81-100", "54,00 hingga 77,99", "81 sampai 100", "78 s.d. 87,99": a band.
_NUM = r"\d{1,3}(?:[.,]\s?\d{1,2})?"
_RANGE_SEP = r"\s*(?:–|—|-|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|sd)\s*"
RANGE = re.compile(rf"(?<![\d.,])(?P<low>{_NUM}){_RANGE_SEP}(?P<high>{_NUM})(?![\d])", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;.!?\n](?!\d)|,\s+(?:sedangkan|sementara|namun|tetapi)\b")


def describes_band(text: str, end: int, reach: int = 80) -> bool:
    """Whether a zone or grade word ending at ``end`` is followed, in its clause, by a band of
    scores ("zona hijau dengan nilai 81-100", "kategori A dengan interval nilai 88 hingga 100"):
    the scale's description, not anyone's result."""
    stop = _CLAUSE_STOP.search(text, end, end + reach)
    window = text[end : stop.start() if stop else end + reach]
    match = RANGE.search(window)
    if match is None or re.search(r"berkisar|kisaran", window[: match.start()], re.IGNORECASE):
        return False  # "zona hijau dengan skor berkisar 82-84": the holders' own scores
    return _as_float(match.group("low")) < _as_float(match.group("high"))


def _as_float(number: str) -> float:
    return float(number.replace(" ", "").replace(",", "."))


# -- the parts of a news page: headline, dateline, lead, other stories' lines -------------------

# A dateline's head, before its dash or colon: "Jakarta (ANTARA)", "KBRN, Pontianak",
# "PONTIANAK, KOMPAS.com", "Bandung" (the formats of the outlets in the corpus's README).
_DATELINE = re.compile(r"^[ \t]*(?P<head>(?:[^\n.!?]|\.(?=\S)){2,60}?)[ \t]*(?:,?[ \t]*[-–—]+|:)[ \t]")
_OUTLET = re.compile(r"\((?:ANTARA|[A-Za-z.]+)\)|\.(?:com|id|co)\b|KBRN|ANTARA", re.IGNORECASE)
# Lines that are another story's headline ("Baca juga: ..."), not part of this one.
_OTHER_STORY = re.compile(r"^[ \t]*(?:Baca|Simak|Lihat)\s+(?:juga|pula)\b.*$", re.IGNORECASE | re.MULTILINE)
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)?\s*$")


def dateline_heads(text: str) -> list[tuple[int, int]]:
    """Where the datelines' heads are: at a line start near the top, a few words before a dash
    or colon, with an outlet's name, in capitals, or a few capitalised words."""
    heads = []
    offset = 0
    for line in text[:2500].splitlines(keepends=True):
        match = _DATELINE.match(line)
        head = match.group("head") if match else ""
        tokens = head.replace(",", " ").split()
        titled = 0 < len(tokens) <= 4 and all(token[:1].isupper() for token in tokens)
        if match and len(head.split()) <= 5 and (_OUTLET.search(head) or head.isupper() or titled):
            heads.append((offset + match.start("head"), offset + match.end("head")))
        offset += len(line)
    return heads


def headline_bounds(text: str) -> tuple[int, int]:
    """The headline: the first line of four words or more that is not a date and time (a rubric
    such as "Kabar Perwakilan" comes before it on some pages)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.split()) >= 4 and not _CLOCK.search(line.strip()):
            return offset, offset + len(line.rstrip())
        offset += len(line)
    return 0, 0


def lead_bounds(text: str) -> tuple[int, int]:
    """The story's first sentence: the dateline's, or that of the first long line after the headline."""
    heads = dateline_heads(text)
    if heads:
        return sentence_bounds(text, *heads[0])
    offset = headline_bounds(text)[1]
    for line in text[offset:].splitlines(keepends=True):
        if len(line.split()) >= 12:
            return sentence_bounds(text, offset, offset + 1)
        offset += len(line)
    return 0, 0


def other_story_lines(text: str) -> list[tuple[int, int]]:
    """The "Baca juga: ..." lines: another story's headline, whose names are not this story's."""
    return [match.span() for match in _OTHER_STORY.finditer(text)]


def one_line(text: str, start: int, end: int, limit: int = 110) -> str:
    """The article's words from ``start`` to ``end`` on one line, shortened in the middle."""
    quote = " ".join(text[start:end].split())
    return quote if len(quote) <= limit else f"{quote[: limit // 2]} … {quote[-limit // 2 :]}"
