"""Names of a labelled list that the entity finder leaves out: regions written bare or with the
short "Kab" ("Morowali Utara, Sigi dan Buol memperoleh zona hijau", "Kab Cianjur, Kab. Ciamis"), and
a name that nothing knows (a misspelling, "Kabupaten Ciamiss"), which still holds its place in the
list so that the names after it stay on the list.

Only lists are read: pieces of one sentence joined by commas, "dan", "serta", each piece a name
(a mention, or capitalised words only), in a sentence (or after one) that states a zone or grade.
A piece at either end of the list may carry words of the sentence ("Sementara Morowali Utara",
"Buol memperoleh ..."): there only a known region or a mention counts, never an unknown name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from extractor.regions import gazetteer
from extractor.rules._anchored import Anchored, folded
from extractor.rules._article import Article
from extractor.rules._entities import Category, Mention
from extractor.rules._mentions import _region_mention, name_key
from extractor.rules._regions import RegionFinder
from schemas.values import SubjectKind

# What separates two pieces of a list: "\s*,\s*(?:dan\s+|serta\s+)?|[ \t]+(?:dan|serta|&)[ \t]+", written
# so that each match begins with the character class "[\s,]": the engine then skips to those
# characters instead of trying the whole pattern at each letter. (The first character is taken,
# then a lookbehind says which alternative it began: a comma the first, a space before a comma
# the first too, a space or a tab before "dan", "serta", "&" the second.)
_SEPARATOR = re.compile(
    r"[\s,](?:(?<=,)\s*(?:dan\s+|serta\s+)?|(?<=\s)\s*,\s*(?:dan\s+|serta\s+)?"
    r"|(?<=[ \t])[ \t]*(?:dan|serta|&)[ \t]+)"
)
# A piece made of a name only: capitalised words (a hyphen, a dot, "dan"/"&" inside: "Tojo Una-Una").
_NAME_PIECE = re.compile(r"[A-Z][\w'’./-]*(?:[ \t]+(?:[A-Z][\w'’./-]*|&))*")
# A capital that begins a word: "(?<![\w'’.-])[A-Z]", with the capital taken first (a pattern that
# begins with a lookbehind is tried at each character; one that begins with a class skips to it).
_CAPITAL_AT = re.compile(r"[A-Z](?<![\w'’.-][A-Z])")
# The name that ends a list's first piece after its opener ("... yaitu Gayo Luwes").
_OPENED_NAME = re.compile(
    r"\b(?:yaitu|yakni|ialah|adalah|antara\s+lain|di\s*antaranya|diperoleh|diraih)\s*:?\s+"
    r"([A-Z][\w'’./-]*(?:[ \t]+[A-Z][\w'’./-]*){0,4})$"
)
_KAB = re.compile(r"Kab\.?[ \t]+(?=[A-Z])")
# Words that make a sentence (or the one before) hand out a zone or grade; a cheap test first.
# (looked up with ``str.find`` on the lower-cased text: a scan for all of them at once tries each
# character. Where two of them overlap, "merahijau", both lie in one word, so in one sentence.)
_LABEL_WORDS = (
    "zona", "kategori", "kualitas", "predikat", "rapor", "hijau", "kuning", "merah", "berkepatuhan",
)  # fmt: skip
# A sentence that may hold a list: a capitalised word after a comma, "dan", "serta", "&"; that is
# "(?:,|[ \t](?:dan|serta|&))[ \t]+[A-Z]", written to begin with a character class (see _SEPARATOR).
_LISTY = re.compile(r"[,\t ](?:(?<=,)|(?<=[ \t])(?:dan|serta|&))[ \t]+[A-Z]")
_KIND_WORD = Anchored(
    re.compile(r"\b(kabupaten|kota|pemkab|pemkot)\b", re.IGNORECASE),
    ("kabupaten", "kota", "pemkab", "pemkot"),
)
_KINDS = {"kabupaten": SubjectKind.kabupaten, "pemkab": SubjectKind.kabupaten, "kota": SubjectKind.kota,
          "pemkot": SubjectKind.kota}  # fmt: skip
_MAX_WORDS = 5
_FIRST_WORD = re.compile(r"([A-Z][a-z]+)[ \t]+(?=[A-Z])")


@cache
def _finder() -> RegionFinder:
    return RegionFinder(gazetteer())


def bare_names(article: Article, names: list[Mention]) -> list[Mention]:
    """The list items of labelled sentences that ``names`` lacks: regions as mentions (``bare``),
    unknown names as place-holders (category ``group``, which no rule takes for a subject)."""
    text, doc = article.text, article.doc
    # (the article lower-cased once for every stage; where that is unsafe, letter by letter, so that
    # a letter whose lower case is longer, "İ", shifts no offset)
    low = folded(text) or "".join(ch.lower()[0] for ch in text)
    labelled: set[int] = set()
    for word in _LABEL_WORDS:
        at = low.find(word)
        while at >= 0:
            labelled.add(doc.sentence_of(at))
            at = low.find(word, at + len(word))
    starts = [m.start for m in names]
    found: list[Mention] = []
    for index in sorted(labelled | {i + 1 for i in labelled}):
        if index >= len(doc.sentence_starts) or index in doc.skipped:
            continue
        start, end = doc.sentence_span(index)
        if doc.in_title(start) or not _LISTY.search(text, start, end):
            continue
        inside = names[bisect_left(starts, start) : bisect_left(starts, end)]
        found.extend(_list_items(article, start, end, inside))
    return found


def _pieces(text: str, start: int, end: int, inside: list[Mention]) -> list[tuple[int, int]]:
    """The sentence cut at the separators that lie outside every mention."""
    pieces: list[tuple[int, int]] = []
    at = start
    for separator in _SEPARATOR.finditer(text, start, end):
        if any(m.start < separator.end() and separator.start() < m.end for m in inside):
            continue
        pieces.append((at, separator.start()))
        at = separator.end()
    pieces.append((at, end))
    return pieces


def _list_items(article: Article, start: int, end: int, inside: list[Mention]) -> list[Mention]:
    text = article.text
    sentence_kind = _kind_of(text, start, end)
    pieces = _pieces(text, start, end, inside)

    def named(i: int) -> bool:  # piece i is, or ends with, a name (so the next is on the list)
        piece_start, piece_end = pieces[i]
        if _NAME_PIECE.fullmatch(text, piece_start, piece_end):
            return True
        return any(piece_start <= m.start < piece_end <= m.end + 1 for m in inside)

    found: list[Mention] = []
    ends_named = False  # whether the piece before ended with a name found here
    for i, (piece_start, piece_end) in enumerate(pieces):
        if any(piece_start <= m.start < piece_end for m in inside):
            ends_named = False
            continue  # a mention is there: the finder's name stands
        after = i + 1 < len(pieces) and _CAPITAL_AT.match(text, pieces[i + 1][0]) is not None
        before = i > 0 and (ends_named or named(i - 1))
        item: Mention | None = None
        if before and after and _NAME_PIECE.fullmatch(text, piece_start, piece_end):
            item = _item(article, piece_start, piece_end, sentence_kind)
        elif after and not before:  # the list's first piece: the name at its end
            item = _region_suffix(article, piece_start, piece_end, sentence_kind)
            opened = _OPENED_NAME.search(text, piece_start, piece_end) if item is None else None
            if opened is not None:  # "yaitu Gayo Luwes": a name after an opener, known or not
                item = _item(article, opened.start(1), piece_end, sentence_kind)
        elif before:  # the list's last piece: the name at its start
            item = _region_at(article, piece_start, sentence_kind)
            item = item if item is not None and item.end <= piece_end else None
        if item is not None:
            found.append(item)
        ends_named = item is not None and item.end == piece_end
    return _respelt(article, [*inside, *found], found)


def _respelt(article: Article, listed: list[Mention], found: list[Mention]) -> list[Mention]:
    """An unknown name one letter off a kabupaten or kota of the province the list's other regions
    lie in ("Bireun", "Gayo Luwes") is that region: the press misspells, the list says where."""
    if not any(m.category == Category.group for m in found):
        return found  # (most lists have no unknown name: asked first, it spares the provinces)
    provinces = {m.key.split(":")[1].split(".")[0] for m in listed if m.key.startswith("region:")}
    if len(provinces) != 1:
        return found
    province = provinces.pop() + "."
    regions = [r for r in gazetteer().regions if r.code.startswith(province)]
    text = article.text
    for i, item in enumerate(found):
        if item.category != Category.group:
            continue
        key = name_key(item.written)
        near = [r for r in regions if len(key) >= 5 and _one_edit(key, name_key(r.name))]
        if len(near) == 1:
            mention = _region_mention(
                text, item.start, item.end, near[0], text[max(0, item.start - 40) : item.start]
            )
            mention.bare = True
            found[i] = mention
    return found


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter put in, left out or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _kind_of(text: str, start: int, end: int) -> SubjectKind | None:
    kinds = {_KINDS[m.group(1).lower()] for m in _KIND_WORD.finditer(text, start, end)}
    return kinds.pop() if len(kinds) == 1 else None


def _region_at(article: Article, at: int, kind: SubjectKind | None) -> Mention | None:
    text = article.text
    kab = _KAB.match(text, at)
    if kab is not None:
        at, kind = kab.end(), SubjectKind.kabupaten
    found = _finder().region_at(text, at, kind, ambiguous=True)
    if found is None or found[1] - at < 4:
        return None
    region, end = found
    start = kab.start() if kab is not None else at
    mention = _region_mention(text, start, end, region, text[max(0, start - 40) : start])
    mention.bare = kab is None
    return mention


def _region_suffix(article: Article, start: int, end: int, kind: SubjectKind | None) -> Mention | None:
    """The region that ends the first piece ("Sementara Morowali Utara"), as few words as can be."""
    text = article.text
    capitals = [m.start() for m in _CAPITAL_AT.finditer(text, start, end)]
    for at in capitals[-_MAX_WORDS:]:
        region = _region_at(article, at, kind)
        if region is not None and region.end == end:
            return region
    return None


def _item(article: Article, start: int, end: int, kind: SubjectKind | None) -> Mention:
    region = _region_at(article, start, kind)
    if region is None:  # "Kabubaten Dompu": a kind word misspelt before a known name
        word = _FIRST_WORD.match(article.text, start, end)
        slipped = next((k for w, k in _KINDS.items() if word and _one_edit(word.group(1).lower(), w)), None)
        if word is not None and slipped is not None:
            region = _region_at(article, word.end(), slipped)
            if region is not None:
                region.start, region.written = start, article.text[start : region.end]
    if region is not None and region.end == end:
        return region
    written = article.text[start:end]
    return Mention(start, end, "unknown:" + written, Category.group, SubjectKind.other, written, written)
