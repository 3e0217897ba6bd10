"""Where in an article a name stands, for choosing the subject: the headline (found past a section
label or a date line), the dateline, a place phrase ("di Maluku", a venue), a result stated next to
the name, and the headline's or lead's collective phrases ("Lima Kementerian", "Polres jajaran
Polda Papua") that make a round-up.

The patterns are anchored at a given position or run over one line or sentence, so each costs
time in proportion to the text it reads (the engine must stay above 1000 articles/s).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.rules._anchored import Anchored, Cued, folded
from extractor.rules._mentions import Category, Mention

_LINE = re.compile(r"[^\n]+")
_WORDY = re.compile(r"[A-Za-z][\w'’/-]*")
# A date or time marks a date line ("Selasa 02 Jul 2019 13:39 WIB", "Kamis, 23 Oktober 2025"), a label
# ends in a colon or has a bullet ("PERWAKILAN: KALIMANTAN BARAT • Kamis"), a byline names a role.
_NUMBERED = re.compile(
    r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|Mei|May|Jun|Jul|Agu|Aug|Sep|Okt|Oct|Nov|Des|Dec)[a-z]*\.?\s+\d{4}|"
    r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\s*,"
)
_LABEL = re.compile(r"^[A-Z ]+:|•|\b(?:Reporter|Editor|Penulis|Pewarta|Foto|Rep|Red)\s*:")
_DIGIT = re.compile(r"\d")
_SMALL = frozenset(
    {"di", "dan", "ke", "dari", "untuk", "yang", "se", "oleh", "pada", "atas", "dengan", "ini"}
)


@lru_cache(maxsize=4)  # the entity finder and the subject ask about the same article in turn
def headline_span(text: str, title_end: int) -> tuple[int, int]:
    """The headline: the parsed title when it reads as one, else the first headline-like line
    among the short lines before the body ("Kabar Perwakilan" / date line / the real headline).

    A headline has four words or more, most of them capitalised, no sentence end, no date."""
    for count, line in enumerate(_LINE.finditer(text, 0, min(len(text), 1200))):
        body = line.group().strip()
        if count >= 8 or len(body) > 170 or body.endswith("."):
            break  # the body has begun
        if _looks_like_headline(body):
            return line.start(), line.end()
    return 0, title_end


def _looks_like_headline(line: str) -> bool:
    words = _WORDY.findall(line)
    if len(words) < 4:
        return False
    # (each date form holds a digit or a comma, each label a colon or a bullet: most lines have
    # neither, and the searches try their patterns at every character)
    if ("," in line or _DIGIT.search(line)) and _NUMBERED.search(line):
        return False
    if (":" in line or "•" in line) and _LABEL.search(line):
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised * 2 >= len(content)


# --- the dateline ----------------------------------------------------------------------------
# "KBRN, Pontianak:", "Jakarta (ANTARA) –", "SORONG – bentengpapua.com.", "PADANG, RADARSUMBAR.COM –",
# "Pekanbaru,- ...", "REPUBLIKA.CO.ID, JAKARTA --": an outlet before, and after the place at most an
# outlet, a bracket and a dash, bar or colon.
_DATELINE_BEFORE = re.compile(r"(?:[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*)?\s*,\s*)?")
_DATELINE_AFTER = re.compile(
    r"\s*,?\s*(?:[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*)?\s*)?(?:\([^)\n]{1,40}\)\s*)?(?:[-–—|:]|,\s*[-–—])"
)


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the name at start..end is the place of a dateline (it opens its paragraph)."""
    # (the line's start counts only within 40 characters: no need to look further back)
    line_start = text.rfind("\n", max(0, start - 41), start) + 1
    if start - line_start > 40:
        return False
    before = _DATELINE_BEFORE.match(text, line_start, start)
    return before is not None and before.end() == start and _DATELINE_AFTER.match(text, end) is not None


# --- place phrases ---------------------------------------------------------------------------
# "di Maluku", "wilayah Maluku", "ke Pemprov Banten", a venue "di Hotel Borobudur, Jakarta" or "di
# Kantor Gubernur X": the name says where something happens, not whose result it is. Read over the
# 60 characters before the name, within its sentence.
_WHERE_BEFORE = re.compile(
    r"\b(?i:di|ke|wilayah|daerah|kawasan)\s+(?:[A-Z][\w.'’/-]*,?\s+){0,5}$|\b(?i:di)\s*$"
)
# "Riau Jadi Lokasi Penilaian ...", "Kota X Tuan Rumah ...": the place that hosts, after the name.
_HOST_AFTER = re.compile(r"\s+(?:(?:men)?jadi\s+)?(?:lokasi|tuan\s+rumah)\b", re.IGNORECASE)


def is_where(text: str, start: int, end: int | None = None) -> bool:
    """Whether the name at ``start`` (ending at ``end``) is a place phrase: after "di", "ke",
    "wilayah" or a venue, or followed by "jadi lokasi" / "tuan rumah"."""
    if end is not None and _HOST_AFTER.match(text, end):
        return True
    before = text[max(0, start - 60) : start]
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n"))
    before = before[cut + 1 :]
    return bool(before) and _where_before(before)


def _where_before(before: str) -> bool:
    """``_WHERE_BEFORE.search(before)``, tried only where one of its first words begins (a search
    tries the case-blind pattern at every character)."""
    if not before.isascii():  # (beyond ASCII, lower-casing may not tell what the pattern matches)
        return _WHERE_BEFORE.search(before) is not None
    low = before.lower()
    for word in _WHERE_FIRST:
        at = low.find(word)
        while at >= 0:
            if _WHERE_BEFORE.match(before, at) is not None:
                return True
            at = low.find(word, at + 1)
    return False


_WHERE_FIRST = ("di", "ke", "wilayah", "daerah", "kawasan")  # every match of _WHERE_BEFORE begins so


# --- results stated next to a name --------------------------------------------------------
# "Sambas dengan nilai 88,91", "Pemkab X meraih zona hijau", "Kota A masuk zona kuning": a result cue
# within the clause right after the name.
# A match holds one of these words within the 72 characters after the name (60 before the cue,
# "me" of "meraih" and the longest word): a name without one is ruled out with ``str.find``.
RESULT_WORDS = (
    "dengan", "raih", "memperoleh", "mendapat", "masuk", "berada", "zona", "predikat", "rapor", "nilai",
    "tertinggi", "terbaik",
)  # fmt: skip
RESULT_REACH = 72
RESULT_AFTER = re.compile(
    r"[^.;\n]{0,60}?\b(?:dengan\s+(?:nilai|skor|capaian)|(?:me)?raih|memperoleh|mendapat(?:kan)?|"
    r"masuk(?:\s+(?:dalam|ke))?\s+(?:zona|kategori)|berada\s+(?:di|pada)\s+zona|zona\s+(?:hijau|kuning|merah)|"
    r"predikat|rapor\s+(?:hijau|kuning|merah)|nilai(?:nya)?\s+(?:\d|tertinggi|terendah)|tertinggi|terbaik)",
    re.IGNORECASE,
)
_RESULT_CUE = re.compile(RESULT_AFTER.pattern[RESULT_AFTER.pattern.index(r"\b") :], re.IGNORECASE)
# Every cue of ``RESULT_AFTER`` begins with one of these words (case aside).
_RESULT_FIRST = ("dengan", "meraih", "raih", "memperoleh", "mendapat", "masuk", "berada", "zona", "predikat",
                 "rapor", "nilai", "tertinggi", "terbaik")  # fmt: skip
_CLAUSE_STOP = re.compile(r"[.;\n]")


def result_after(text: str, pos: int) -> int | None:
    """The end of ``RESULT_AFTER.match(text, pos)``, or None. The pattern skips up to 60
    characters lazily, trying its case-blind cues at each one; here they are tried only where one
    of their first words begins, nearest first: the same match, a fraction of the work."""
    low = folded(text)
    if low is None:
        match = RESULT_AFTER.match(text, pos)
        return match.end() if match is not None else None
    stop = _CLAUSE_STOP.search(text, pos, pos + 60)
    last = stop.start() if stop is not None else min(pos + 60, len(text))  # where a cue may begin
    places = []
    for word in _RESULT_FIRST:
        at = low.find(word, pos, last + len(word))
        while at >= 0:
            places.append(at)
            at = low.find(word, at + 1, last + len(word))
    places.sort()
    for at in places:
        cue = _RESULT_CUE.match(text, at)
        if cue is not None:
            return cue.end()
    return None


# --- round-ups -------------------------------------------------------------------------------
# A collective subject (shared/corpus/README.md: kind other): several agencies counted or listed
# together, with no single member named as the subject. Pemda counts ("2 Kabupaten di X", "Lima
# Kepala Daerah") are not here: gold takes their first member or the province for those.
_COUNT = (
    r"(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|belasan|puluhan|seluruh|semua|sejumlah)"
)
_TOP_N = r"\b(?:tiga|3|lima|5|sepuluh|10)\s+besar\b"
# (searched for in the rest of the article: not where "besar" is not)
_TOP_LIST = Cued(re.compile(_TOP_N + r"[^\n]{0,120}\n\s*1[.)]", re.IGNORECASE), ("besar",))
_AGENCY_NOUN = (
    r"(?:Kementerian|Kementrian|Instansi|Lembaga|K/L|Polres|Kantor\s+Pertanahan|Kantah|Kanwil|Kantor|"
    r"Satker|Penyelenggara|Unit\s+Pelayanan)"
)
# (a bare "Pemerintah" only as one of kinds listed: "lingkup Pemerintah, Kementerian dan Lembaga")
_PEMDA_NOUN = r"(?:Pemda|Pemerintah(?:\s+Daerah)?|Pemkab|Pemkot|Kabupaten|Kota)"
COLLECTIVE = re.compile(
    # "Lima Kementerian", "36 Instansi", "tujuh Polres"
    rf"\b{_COUNT}\s+{_AGENCY_NOUN}\b"
    # "Polres jajaran Polda Papua", "Kantah se-Kalsel", "Instansi Vertikal di wilayah ..."
    rf"|\b{_AGENCY_NOUN}\s+(?:jajaran|se-?\s*(?=[A-Z])|di\s+wilayah)"
    # "Pemda, Polres dan Kantor Pertanahan": kinds listed without a name
    rf"|\b(?:{_PEMDA_NOUN}|{_AGENCY_NOUN})(?:\s*,\s*(?:{_PEMDA_NOUN}|{_AGENCY_NOUN}))*\s*,?\s+(?:dan|serta|&)\s+"
    rf"(?:{_PEMDA_NOUN}|{_AGENCY_NOUN})\b(?!\s+[A-Z])"
    # national top-N lists: "tiga besar", "3 Besar Nasional"
    r"|" + _TOP_N,
    re.IGNORECASE,
)
# Every match of ``COLLECTIVE`` begins with one of these words (case aside) or with a number.
_COLLECTIVE_FIRST = (
    "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "belasan", "puluhan",
    "seluruh", "semua", "sejumlah", "kementerian", "kementrian", "instansi", "lembaga", "k/l", "polres",
    "kantor", "kantah", "kanwil", "satker", "penyelenggara", "unit", "pemda", "pemerintah", "pemkab",
    "pemkot", "kabupaten", "kota",
)  # fmt: skip
# (searched for in a headline or a lead: tried only where those words or a number begin)
_COLLECTIVE_AT = Anchored(COLLECTIVE, _COLLECTIVE_FIRST)
_DIGITS = re.compile(r"\d+")  # (the same digits as the pattern's "\d": any script's)
# Where the descriptive subject ends: a headline's clause ends at a colon, dash or bar.
# Words after which a round-up's phrase says when, how or what of it, no longer who.
_PHRASE_ENDS = re.compile(r"\s+(?:tahun|pada|dalam|dengan|untuk|yang|sepanjang|selama)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s+[-–—|]\s+|:\s|[.;,](?:\s|$)|$")


def collective_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first collective phrase in text[start:end] and the clause it opens, as a span; a
    list of kinds ("Pemda, Polres dan Kantor Pertanahan") must not be followed by a name."""
    match = _COLLECTIVE_AT.search(text, start, end)
    for digits in _DIGITS.finditer(text, start, match.start() if match is not None else end):
        counted = COLLECTIVE.match(text, digits.start(), end)  # "36 Instansi", "3 Besar Nasional"
        if counted is not None:
            match = counted
            break
    if match is None:
        return None
    close = _CLAUSE_END.search(text, match.end(), end)
    stop = close.start() if close is not None else end
    rest = _PHRASE_ENDS.search(text, match.end(), stop)  # "12 Polres jajaran Polda Sultra tahun 2023"
    if rest is not None:
        stop = rest.start()
    return match.start(), max(match.end(), stop)


def top_lists(text: str, start: int) -> tuple[int, int] | None:
    """A numbered top-N list ("Tiga besar Pemerintah Kabupaten ...:" then "1. ...") anywhere in the
    body: a national ranking, whose subject is the ranking (its first line, up to the colon)."""
    match = _TOP_LIST.search(text, start, len(text))
    if match is None:
        return None
    line_end = text.find("\n", match.start())
    close = _CLAUSE_END.search(text, match.start(), line_end)
    return (
        match.start(),
        close.start() if close is not None and close.start() > match.end() - 40 else line_end,
    )


def shouted(mention: Mention) -> bool:
    """A region in capitals with a long word ("KALIMANTAN BARAT", "JAKARTA"): a label or a dateline,
    not a short form ("NTB", "DIY")."""
    written = mention.written
    return (
        mention.category == Category.region and written.isupper() and any(len(w) > 4 for w in written.split())
    )
