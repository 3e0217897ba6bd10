"""Who the article names: regions (via the Kemendagri gazetteer), ministries, agencies, vertical
offices (Polres, Kanwil, Kantor Pertanahan) and service units (Dinas, Puskesmas, DPMPTSP...).

Each mention carries a key, so that "Pemkot Batu", "Kota Batu" and a bare "Batu" after them are
one entity, and "Kemdikbudristek" is the "Kementerian ... (Kemendikbudristek)" named before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.names import PORTFOLIOS, PREFIX_KINDS
from extractor.rules._capitals import Capitalised
from extractor.rules._mentions import (
    _AGENCIES,
    _MINISTRY_ABBR,
    _MINISTRY_LONG,
    _OFFICE,
    _UNIT_ABBR,
    PORTFOLIO,
    SUBJECT_CATEGORIES,
    UNIT_HEAD,
    Category,
    Mention,
    _link_abbreviations,
    _locations,
    _ministry_key,
    _namesakes,
    _office_key,
    _office_name,
    _unit_key,
    _unit_name,
    name_key,
    office_head,
    regional_offices,
)
from extractor.rules._regions import KIND_BEFORE_REGION, WORD_START, RegionFinder, word_start
from extractor.rules._text import STOP_WORDS
from schemas.values import SubjectKind

# the names the other rules modules import from here
__all__ = [
    "PORTFOLIO",
    "PORTFOLIOS",
    "SUBJECT_CATEGORIES",
    "UNIT_HEAD",
    "Category",
    "EntityFinder",
    "Mention",
    "office_head",
]

# The heads the finder looks for in the whole article (``_capitals``: one look for them all).
_OFFICE_AT = Capitalised(_OFFICE)
_MINISTRY_LONG_AT = Capitalised(_MINISTRY_LONG)
_MINISTRY_ABBR_AT = Capitalised(_MINISTRY_ABBR)
_AGENCIES_AT = Capitalised(_AGENCIES)
_UNIT_HEAD_AT = Capitalised(UNIT_HEAD)
_UNIT_ABBR_AT = Capitalised(_UNIT_ABBR)

_PAREN_ABBR = re.compile(r"\s*\(([A-Za-z][\w/.-]{1,24})\)")
_TAIL_WORD = re.compile(r"[ \t]+(?:(?:dan|&)[ \t]+(?=[A-Z]))?([A-Z][\w/'’.-]*)")


# Words that end the name of a unit or office (fewer than STOP_WORDS: "Pelayanan Terpadu Satu Pintu",
# "Satuan Lalu Lintas").
_NAME_STOP = STOP_WORDS - {"pelayanan", "publik", "standar", "dan", "kualitas", "pemerintah", "hasil", "lalu"}


def _tail(text: str, pos: int, limit: int, region_end: Callable[[int], int | None] | None = None) -> int:
    """End of the run of capitalised words (plus 'dan', roman numerals, '(ABBR)', a 'dr.' inside a
    hospital's name) from ``pos``; with ``region_end``, the name ends after a region named with
    its kind ("Dinas Kesehatan Kota Kediri Fajar Ridwan": the name ends at Kediri)."""
    end = pos
    words = 0
    while words < limit:
        paren = _PAREN_ABBR.match(text, end)
        if paren is not None and (
            words or _TAIL_WORD.match(text, paren.end()) or _HONORIFIC_IN_NAME.match(text, paren.end())
        ):
            end = paren.end()  # "Kantor Pertanahan (Kantah) Kabupaten Bogor"
            continue
        honorific = _HONORIFIC_IN_NAME.match(text, end)
        if honorific is not None:
            end = honorific.end()  # "RSUD dr. Iskak"
            continue
        if region_end is not None:
            after_region = region_end(end)
            if after_region is not None:
                return after_region
        match = _TAIL_WORD.match(text, end)
        if match is None:
            break
        word = match.group(1)
        if word.lower().rstrip(".") in _NAME_STOP:
            break
        if match.start(1) > match.start() + 1 and _ANOTHER_BODY.match(text, match.start(1)):
            break  # "Lapas Kelas I Surabaya dan Rutan Kelas I Surabaya": two offices, not one name
        end = match.end()
        words += 1
        if word.endswith("."):
            end -= 1
            break
    return end


# After "dan" inside a run of capitalised words, the head of another office or unit begins another
# body ("Kementerian Hukum dan HAM" goes on: "HAM" heads nothing).
_ANOTHER_BODY = re.compile(rf"(?:{_OFFICE.pattern}|{UNIT_HEAD.pattern})(?![\w])")
_HONORIFIC_IN_NAME = re.compile(r"[ \t]+(?:dr|drg|Dr|Prof)\.?(?=[ \t]+[A-Z])")
_DI_REGION = re.compile(r"[ \t]+di[ \t]+(?=[A-Z])")
_ALL_CAPS = re.compile(r"[A-Z]{2,}$")
_SPACES = re.compile(r"[ \t]+")


class EntityFinder(RegionFinder):
    """Finds the mentions of one article; built once per process around the gazetteer."""

    def _office_end(self, text: str, start: int, head_end: int) -> int:
        end = _tail(text, head_end, 9, lambda at: self.region_end(text, at))
        di = _DI_REGION.match(text, end)
        last = text[start:end].split()[-1] if end > head_end else ""
        if di is not None and _ALL_CAPS.match(last):  # "Balai Besar POM di Surabaya"
            found = self.region_at(text, di.end(), None, ambiguous=True)
            if found is not None:
                return found[1]
        return end

    def _without_region(self, text: str, start: int, end: int) -> str:
        """The unit's name without a trailing region ("RSUD dr. Iskak Tulungagung" -> "RSUD dr.
        Iskak"; "Disdukcapil Lombok Timur" -> "Disdukcapil"), for its key."""
        written = text[start:end]
        for space in _SPACES.finditer(written):
            at = start + space.end()
            kind = KIND_BEFORE_REGION.match(text, start + space.start())
            found = (
                self.region_at(text, kind.end(), PREFIX_KINDS[kind.group(1).lower()])
                if kind is not None
                else self.region_at(text, at, None, ambiguous=True)
            )
            if found is not None and found[1] == end:
                return written[: space.start()]
        return written

    def find(self, text: str, title_end: int) -> list[Mention]:
        mentions: list[Mention] = []
        taken = bytearray(len(text) + 1)  # 1 where a mention already covers the text

        def free(start: int, end: int) -> bool:
            return taken.find(1, start, end) < 0

        def add(mention: Mention) -> None:
            mentions.append(mention)
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

        for match in _OFFICE_AT.finditer(text):
            if not word_start(text, match.start()):
                continue
            end = self._office_end(text, match.start(), match.end())
            if end == match.end():
                continue
            written = text[match.start() : end]
            name = _office_name(written)
            add(Mention(match.start(), end, "office:" + _office_key(name), Category.office,
                        SubjectKind.other, written, name))  # fmt: skip
        for match in _MINISTRY_LONG_AT.finditer(text):
            if not word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            written = match.group(0)
            abbr = match.group("abbr")
            if not abbr:  # a headline in title case: "Kementerian Luar Negeri Raih Predikat ..."
                words = written.split()
                keep = next((i for i, w in enumerate(words[1:], 1) if w.lower() in _NAME_STOP), len(words))
                if keep == 1:
                    continue
                written = " ".join(words[:keep])
            portfolio = PORTFOLIO.match(written, len("Kementerian") + 1) if not abbr else None
            if portfolio is not None:  # "Kementerian Agama" = "Kemenag"
                written = written[: portfolio.end()]
            if abbr:
                key = _ministry_key(abbr)
            elif portfolio is not None:
                key = _ministry_key(PORTFOLIOS[" ".join(portfolio.group(0).split())])
            else:
                key = name_key(written)
            add(Mention(match.start(), match.start() + len(written), "ministry:" + key, Category.ministry,
                        SubjectKind.kementerian, written, written))  # fmt: skip
        for match in _MINISTRY_ABBR_AT.finditer(text):
            if not word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            key = _ministry_key(match.group(0))
            add(Mention(match.start(), match.end(), "ministry:" + key, Category.ministry,
                        SubjectKind.kementerian, match.group(0), match.group(0)))  # fmt: skip
        for match in _AGENCIES_AT.finditer(text):
            if not word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            add(Mention(match.start(), match.end(), "agency:" + name_key(match.group(0)), Category.agency,
                        SubjectKind.lembaga, match.group(0), match.group(0)))  # fmt: skip
        for match in _UNIT_HEAD_AT.finditer(text):
            if not word_start(text, match.start()) or not free(match.start(), match.end()):
                continue
            end = _tail(text, match.end(), 9, lambda at: self.region_end(text, at))
            if end == match.end():
                continue
            written = text[match.start() : end].strip()
            base = self._without_region(text, match.start(), end)
            if len(base.split()) < 2:
                base = written  # "Puskesmas Batu": the region is the name
            name = _unit_name(written)
            add(Mention(match.start(), end, "unit:" + _unit_key(_unit_name(base)), Category.unit,
                        SubjectKind.other, written, name))  # fmt: skip
        for match in _UNIT_ABBR_AT.finditer(text):
            if not word_start(text, match.start()) or not free(match.start(), match.end()):
                continue
            end = match.end()
            found = self.region_end(text, end)
            if found is None and WORD_START.match(text, end):
                region = self.region_at(text, WORD_START.match(text, end).end(), None)  # type: ignore[union-attr]
                found = region[1] if region is not None else None
            if found is not None and free(end, found):
                end = found  # "Disdukcapil Lombok Timur"
            written = text[match.start() : end]
            add(Mention(match.start(), end, "unit:" + _unit_key(match.group(0)), Category.unit,
                        SubjectKind.other, written, written))  # fmt: skip
        self._regions(text, title_end, taken, free, add)
        mentions.sort(key=lambda m: m.start)
        mentions = regional_offices(text, mentions)
        _locations(text, mentions)
        _namesakes(mentions)
        _link_abbreviations(mentions)
        return mentions
