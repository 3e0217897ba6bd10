"""Units named in a list, with or without a score: in prose after an opener ("penilaian dilakukan
terhadap Dinas Pendidikan, Dinas Sosial serta Puskesmas Soreang"), or one per line (bullets,
numbered items, a table flattened to "Polres Keerom 105" lines)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from extractor.rules._article import Article
from extractor.rules._entities import UNIT_HEAD, Category, Mention
from extractor.rules._mentions import name_key
from extractor.rules._unit_kinds import LONG_FORM, head_name, head_starts

# A score alone in brackets: "(98,02)" (not "(2023)", "(34)", "(46,42 persen)"). The score finder
# leaves bracketed numbers out; a list item's own bracket is its score.
BRACKETED_SCORE = re.compile(r"\(\s*([0-9]{1,3})(?:,\s?|\.)([0-9]{1,2})\s*\)")


def bracketed_value(match: re.Match[str]) -> float | None:
    """The score of a ``BRACKETED_SCORE`` match, None above 100."""
    value = float(f"{match.group(1)}.{match.group(2)}")
    return value if value <= 100 else None


@dataclass(slots=True)
class Item:
    start: int
    end: int  # end of the name as written (long form finished, "(ABBR)" and region kept)
    key: str
    category: Category
    mention: Mention | None = None


_PAREN = re.compile(r"[ \t]*\([A-Za-z][\w/.-]{1,24}\)")
_SPACE = re.compile(r"[ \t]+")
# What may stand between two items of a prose list: a comma, "dan", "serta", ";" (and a short
# bracket after an item: "(zona hijau)").
LIST_GAP = re.compile(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:[,;]\s*(?:dan\s+|serta\s+)?|(?:dan|serta|&)\s+)")
# The words right before a prose list that make it the list of what was assessed.
_OPENER = re.compile(
    r"(?:\blokus(?:[ \t]+penilaian)?(?:[ \t]+(?:di|pada))?|"
    r"\b(?:terhadap|meliputi|mencakup|yaitu|yakni|antara\s+lain|di\s*antaranya|terdiri\s+(?:atas|dari)|"
    r"adalah|ialah)\s*[:,-]?|:)\s*$",
    re.IGNORECASE,
)
# ... or right after it: "Dinas Sosial dan Puskesmas Beji menjadi lokus penilaian".
_CLOSER = re.compile(
    r"\s*,?\s*(?:yang\s+)?(?:(?:menjadi|merupakan|sebagai)\s+(?:lokus|objek|sampel|unit)|dinilai\b|"
    r"masuk\s+(?:dalam\s+)?(?:penilaian|lokus))",
    re.IGNORECASE,
)
# The sentence (or the line before a line list) must be about the assessment ...
_CONTEXT = re.compile(
    r"penilaian|dinilai|menilai|survei|lokus|unit|OPD|perangkat\s+daerah|sampel|objek|kepatuhan|opini|"
    r"instansi|layanan|ombudsman",
    re.IGNORECASE,
)
# ... and not a plan ("akan dinilai", "tahun depan"), a complaint channel or a host.
_NOT_ASSESSED = re.compile(
    r"\b(?:akan|rencana\w*|direncanakan|mendatang|tahun\s+depan|pengaduan|aduan|melapor\w*|bertempat|"
    r"berlangsung|digelar|dihadiri|hadir)\b",
    re.IGNORECASE,
)
_MARKER = re.compile(r"[ \t]*(?:(?:[-–•*▪·●]|[0-9]{1,2}[.)]|[a-z][.)]|[0-9]{1,2}(?=[ \t]))[ \t]*)?")
_SENTENCE_ON = re.compile(r"[.!?][\"”]?\s+\S")


def items(article: Article, categories: set[Category]) -> list[Item]:
    """Every unit that could be listed: unit (and where allowed office) mentions, and names with a
    lexicon head that the entity finder does not know ("Polsek X"), in order."""
    found = [
        part
        for mention in article.mentions
        if mention.category in categories and not mention.in_role
        for part in _split(article.text, _mention_item(article, mention))
    ]
    found += _extra_items(article, categories)
    found.sort(key=lambda item: item.start)
    return found


def _mention_item(article: Article, mention: Mention) -> Item:
    end = name_end(article, mention)
    # a name finished past the mention is its own unit ("Kantah Lampung Selatan" and "Kantah
    # Lampung Timur" are one entity to the finder)
    key = mention.key if end == mention.end else "unit:" + name_key(article.text[mention.start : end])
    return Item(mention.start, end, key, mention.category, mention)


_JOIN = re.compile(r"(?:,|[ \t]+(?:dan|serta))[ \t]+(?=[A-Z])")


def _split(text: str, item: Item) -> list[Item]:
    """'Puskesmas Soreang dan Puskesmas Katapang' (one run of capitalised words to the entity
    finder) is two units: split where a unit head follows 'dan', 'serta' or a comma."""
    if " dan " not in text[item.start : item.end] and "," not in text[item.start : item.end]:
        return [item]
    parts: list[Item] = []
    start = item.start
    for join in _JOIN.finditer(text, item.start, item.end):
        at = join.end()
        long = LONG_FORM.match(text, start)
        if long is not None and long.end() > at:
            continue  # "Dinas Kependudukan dan Pencatatan Sipil" is one name
        if UNIT_HEAD.match(text, at) is None and head_name(text, at) is None:
            continue
        parts.append(Item(start, join.start(), "unit:" + name_key(text[start : join.start()]), item.category))
        start = at
    if not parts:
        return [item]
    parts.append(Item(start, item.end, "unit:" + name_key(text[start : item.end]), item.category))
    return parts


# "Kantah Lampung Selatan": the entity finder ends the name at the province; a compass word
# after it makes a kabupaten's name and never begins a person's.
_COMPASS = re.compile(r"[ \t]+(?:Utara|Selatan|Barat|Timur|Tengah|Tenggara|Barat[ \t]+Daya)(?![\w-])")


def name_end(article: Article, mention: Mention) -> int:
    """End of a unit's name as written: the mention, finished by a long form of the lexicon
    ("Dinas Penanaman Modal dan Perizinan terpadu satu pintu"), then its "(ABBR)" and a region
    named right after it; or by a compass word after a province."""
    text = article.text
    end = mention.end
    compass = _COMPASS.match(text, end)
    if compass is not None:
        return compass.end()
    long = LONG_FORM.match(text, mention.start)
    if long is None or long.end() <= end:
        return end
    end = long.end()
    paren = _PAREN.match(text, end)
    if paren is not None:
        end = paren.end()
    space = _SPACE.match(text, end)
    if space is not None:
        at = bisect_left([m.start for m in article.mentions], space.end())
        if at < len(article.mentions) and article.mentions[at].start == space.end():
            region = article.mentions[at]
            if region.category == Category.region:
                end = region.end
    return end


def _extra_items(article: Article, categories: set[Category]) -> list[Item]:
    """Names with a lexicon head outside every mention ("Polsek Tanah Abang")."""
    text = article.text
    found: list[Item] = []
    spans = [(m.start, m.end) for m in article.mentions]
    for at in head_starts(text, 0, len(text)):
        if any(s <= at < e for s, e in spans) or (found and at < found[-1].end):
            continue
        named = head_name(text, at)
        if named is not None and named[1] in categories and named[0] > at:
            found.append(Item(at, named[0], "unit:" + name_key(text[at : named[0]]), named[1]))
    return found


def prose_lists(article: Article, candidates: list[Item]) -> list[list[Item]]:
    """Runs of two or more items joined by commas, "dan", "serta", after an opener (or before a
    closer) in a sentence about the assessment."""
    text, doc = article.text, article.doc
    runs: list[list[Item]] = []
    run: list[Item] = []
    for item in [*candidates, None]:
        if item is not None and run:
            gap = LIST_GAP.fullmatch(text, run[-1].end, item.start)
            if gap is not None and doc.sentence_of(item.start) == doc.sentence_of(run[0].start):
                run.append(item)
                continue
        if len(run) >= 2 and _assessed_list(article, run):
            runs.append(run)
        run = [item] if item is not None else []
    return runs


def _assessed_list(article: Article, run: list[Item]) -> bool:
    text, doc = article.text, article.doc
    index = doc.sentence_of(run[0].start)
    if index in doc.skipped:
        return False
    start, end = doc.sentence_span(index)
    before = text[start : run[0].start]
    if _NOT_ASSESSED.search(text, start, end):
        return False
    opened = _OPENER.search(before[-40:]) is not None and _CONTEXT.search(before) is not None
    return opened or _CLOSER.match(text, run[-1].end) is not None


def line_lists(article: Article, candidates: list[Item]) -> list[list[tuple[Item, int]]]:
    """Runs of two or more lines that each name one item at their start (after a bullet or a
    number) and hold little else: an item's score or label, a table's columns. Each item comes
    with the end of its line."""
    text, doc = article.text, article.doc
    runs: list[list[tuple[Item, int]]] = []
    run: list[tuple[Item, int]] = []
    previous_line = -1
    for item in candidates:  # few items, many lines: look at the lines that start with an item
        number = bisect_right(doc.paragraph_starts, item.start) - 1
        line_start = doc.paragraph_starts[number] if number >= 0 else 0
        marker = _MARKER.match(text, line_start)
        if marker is None or marker.end() != item.start:
            continue
        line_end = text.find("\n", item.end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[item.end : line_end]
        if len(rest) > 60 or _SENTENCE_ON.search(rest):
            continue
        if run and previous_line != number - 1:
            _close(article, run, runs)
            run = []
        run.append((item, line_end))
        previous_line = number
    _close(article, run, runs)
    return runs


def _close(article: Article, run: list[tuple[Item, int]], runs: list[list[tuple[Item, int]]]) -> None:
    """Keep a run of lines where the line before it is about the assessment (or ends with ':')."""
    if len(run) < 2:
        return
    text, doc = article.text, article.doc
    first = run[0][0].start
    if doc.sentence_of(first) in doc.skipped:
        return
    at = bisect_right(doc.paragraph_starts, first) - 1  # the first line's paragraph
    intro_start = doc.paragraph_starts[at - 1] if at > 0 else 0
    intro = text[intro_start:first].strip()
    if _NOT_ASSESSED.search(intro):
        return
    if (
        intro.endswith(":")
        or _CONTEXT.search(intro)
        or any(first <= score.number.start < run[-1][1] for score in article.scores)
    ):
        runs.append(run)
