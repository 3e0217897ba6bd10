"""Who the article names: regions (via the Kemendagri gazetteer), ministries, agencies, vertical
offices (Polres, Kanwil, Kantor Pertanahan) and service units (Dinas, Puskesmas, DPMPTSP...).

Each mention carries a key, so that "Pemkot Batu", "Kota Batu" and a bare "Batu" after them are
one entity, and "Kemdikbudristek" is the "Kementerian ... (Kemendikbudristek)" named before.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Callable

from extractor.names import PORTFOLIOS, PREFIX_KINDS
from extractor.regions import Gazetteer, Region, name_key
from extractor.rules._mentions import (
    _AGENCIES,
    _MINISTRY_ABBR,
    _MINISTRY_LONG,
    _OFFICE,
    _UNIT_ABBR,
    PORTFOLIO,
    UNIT_HEAD,
    Category,
    Mention,
    _link_abbreviations,
    _locations,
    _ministry_key,
    _namesakes,
    _office_key,
    _office_name,
    _region_key,
    _region_mention,
    _unit_key,
    _unit_name,
    office_head,
)
from extractor.rules._places import headline_span
from extractor.rules._text import STOP_WORDS
from schemas.values import SubjectKind

# the names the other rules modules import from here
__all__ = ["PORTFOLIO", "PORTFOLIOS", "UNIT_HEAD", "Category", "EntityFinder", "Mention", "office_head"]

_REGION_PREFIX = re.compile(
    r"(?:Pemerintah\s+(Kota|Kabupaten|Kab\.|Provinsi|Prov\.)(?:\s*\((?:Pemkot|Pemko|Pemkab|Pemprov)\))?|"
    r"Pemkot|Pemko|Pemkab|Pemprov|Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s+(?=[A-Z])"
)
_CAP_TOKEN = re.compile(r"[A-Z][A-Za-z'’]*(?:-[A-Za-z]+)?")
_TOKEN_AT = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)?)")
_SE_BEFORE = re.compile(r"\bse-?\s*$", re.IGNORECASE)


def _word_start(text: str, pos: int) -> bool:
    """Whether ``pos`` begins a word (the patterns above leave their leading \\b to this)."""
    return pos == 0 or not text[pos - 1].isalnum()


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
        end = match.end()
        words += 1
        if word.endswith("."):
            end -= 1
            break
    return end


_HONORIFIC_IN_NAME = re.compile(r"[ \t]+(?:dr|drg|Dr|Prof)\.?(?=[ \t]+[A-Z])")
_KIND_BEFORE_REGION = re.compile(r"[ \t]+(Kota|Kabupaten|Kab\.|Provinsi)[ \t]+(?=[A-Z])")
_DI_REGION = re.compile(r"[ \t]+di[ \t]+(?=[A-Z])")
_ALL_CAPS = re.compile(r"[A-Z]{2,}$")
_WORD_START = re.compile(r"[ \t]+(?=[A-Z])")
_SPACES = re.compile(r"[ \t]+")


class EntityFinder:
    """Finds the mentions of one article; built once per process around the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # Whether a capitalised word may begin a bare region name, by the word: articles repeat
        # the same few hundred words, and the answer needs a gazetteer look-up.
        self._bare_word: dict[str, bool] = {}

    def _bare_candidates(self, text: str) -> list[str]:
        """The capitalised words of ``text`` (each once) that may begin a region's name."""
        known = self._bare_word
        found: list[str] = []
        for token in set(_CAP_TOKEN.findall(text)):
            ok = known.get(token)
            if ok is None:
                ok = self.gazetteer.may_start(token) and token.lower() not in STOP_WORDS
                if len(known) < 100_000:
                    known[token] = ok
            if ok:
                found.append(token)
        return found

    def region_at(
        self, text: str, pos: int, kind: SubjectKind | None, *, ambiguous: bool = False
    ) -> tuple[Region, int] | None:
        """The longest gazetteer name starting at ``pos`` (up to four words).

        ``ambiguous``: a name shared by a kota and a kabupaten still counts (for its extent).
        """
        first = _TOKEN_AT.match(text, pos)
        if first is None or not first.group(1)[:1].isupper():
            return None  # a name starts with a capital
        may_start = self.gazetteer.may_start
        words: list[str] = []
        ends: list[int] = []
        joined = ""
        match: re.Match[str] | None = first
        for _ in range(self.gazetteer.max_words):
            if match is None:
                break
            word = match.group(1)
            joined += word
            if not may_start(joined):
                break
            words.append(word)
            ends.append(match.end())
            match = _TOKEN_AT.match(text, match.end())
        for count in range(len(words), 0, -1):
            name = " ".join(words[:count])
            region = self.gazetteer.lookup(name, kind)
            if region is None and kind is not None and count == 1:
                region = self.gazetteer.lookup(name, None)  # "Pemkab Bukittinggi": a kota
            if region is None and ambiguous:
                found = self.gazetteer.candidates(name)
                region = found[0] if found else None
            if region is not None:
                return region, ends[count - 1]
        return None

    def region_end(self, text: str, pos: int) -> int | None:
        """End of a region named at ``pos`` (after a space) with its kind word, or of a province."""
        kind = _KIND_BEFORE_REGION.match(text, pos)
        if kind is not None:
            found = self.region_at(text, kind.end(), PREFIX_KINDS[kind.group(1).lower()])
            return found[1] if found is not None else None
        space = _WORD_START.match(text, pos)
        if space is None:
            return None
        found = self.region_at(text, space.end(), SubjectKind.provinsi)
        return found[1] if found is not None and found[0].kind == SubjectKind.provinsi else None

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
            kind = _KIND_BEFORE_REGION.match(text, start + space.start())
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

        for match in _OFFICE.finditer(text):
            if not _word_start(text, match.start()):
                continue
            end = self._office_end(text, match.start(), match.end())
            if end == match.end():
                continue
            written = text[match.start() : end]
            name = _office_name(written)
            add(Mention(match.start(), end, "office:" + _office_key(name), Category.office,
                        SubjectKind.other, written, name))  # fmt: skip
        for match in _MINISTRY_LONG.finditer(text):
            if not _word_start(text, match.start()):
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
        for match in _MINISTRY_ABBR.finditer(text):
            if not _word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            key = _ministry_key(match.group(0))
            add(Mention(match.start(), match.end(), "ministry:" + key, Category.ministry,
                        SubjectKind.kementerian, match.group(0), match.group(0)))  # fmt: skip
        for match in _AGENCIES.finditer(text):
            if not _word_start(text, match.start()):
                continue
            if not free(match.start(), match.end()):
                continue
            add(Mention(match.start(), match.end(), "agency:" + name_key(match.group(0)), Category.agency,
                        SubjectKind.lembaga, match.group(0), match.group(0)))  # fmt: skip
        for match in UNIT_HEAD.finditer(text):
            if not _word_start(text, match.start()) or not free(match.start(), match.end()):
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
        for match in _UNIT_ABBR.finditer(text):
            if not _word_start(text, match.start()) or not free(match.start(), match.end()):
                continue
            end = match.end()
            found = self.region_end(text, end)
            if found is None and _WORD_START.match(text, end):
                region = self.region_at(text, _WORD_START.match(text, end).end(), None)  # type: ignore[union-attr]
                found = region[1] if region is not None else None
            if found is not None and free(end, found):
                end = found  # "Disdukcapil Lombok Timur"
            written = text[match.start() : end]
            add(Mention(match.start(), end, "unit:" + _unit_key(match.group(0)), Category.unit,
                        SubjectKind.other, written, written))  # fmt: skip
        self._regions(text, title_end, taken, free, add)
        mentions.sort(key=lambda m: m.start)
        _locations(text, mentions)
        _namesakes(mentions)
        _link_abbreviations(mentions)
        return mentions

    def _regions(
        self,
        text: str,
        title_end: int,
        taken: bytearray,
        free: Callable[[int, int], bool],
        add: Callable[[Mention], None],
    ) -> None:
        prefixed: set[str] = set()
        named: list[tuple[int, int, SubjectKind]] = []  # the regions accepted so far, for lists
        for match in _REGION_PREFIX.finditer(text):
            if not _word_start(text, match.start()):
                continue
            word = (match.group(1) or match.group(0).split()[0]).lower()
            kind = PREFIX_KINDS[word]
            found = self.region_at(text, match.end(), kind)
            if found is None:
                continue
            region, end = found
            if not free(match.start(), end):
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            mention = _region_mention(text, match.start(), end, region, before)
            if mention.ignored and text[match.start() : match.start() + 3] == "Pem":
                mention.ignored = False  # "Perwakilan ... Pemprov X": the government, not the office
            prefixed.add(mention.key)
            named.append((match.start(), end, region.kind))
            add(mention)
        named.sort()
        # Bare names: provinces always; a kota/kabupaten when it was named with its prefix, when a
        # headline names it alone ("Limapuluh Kota dan Mentawai Dapat Rapor Merah"; the headline may
        # follow a section label or a date line), when it goes on a list of named ones ("Kabupaten
        # Kapuas Hulu, Ketapang dan Kayong Utara", "Kabupaten (Mempawah, Sambas)") or when a result
        # follows it ("Sambas dengan nilai 88,91").
        headline_end = max(title_end, headline_span(text, title_end)[1])
        starts: list[int] = []
        # few words per article: find them directly, not word by word
        for token in self._bare_candidates(text):
            at = text.find(token)
            while at >= 0:
                after = at + len(token)
                if after >= len(text) or not (text[after].isalpha() or text[after] in "'’"):
                    starts.append(at)
                at = text.find(token, after)
        for start in sorted(starts):
            glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’")
            if glued and not _SE_BEFORE.search(text[max(0, start - 3) : start]):
                continue
            if taken[start]:
                continue  # inside a mention found before
            list_kind = _list_kind(text, start, named)
            found = self.region_at(text, start, list_kind)
            if found is None:
                continue
            region, end = found
            if not free(start, end):
                continue
            key = _region_key(region)
            unknown = region.kind != SubjectKind.provinsi and key not in prefixed
            if unknown and (
                len(text[start:end]) < 4
                or (start >= headline_end and list_kind is None and not _BARE_RESULT.match(text, end))
            ):
                continue
            before = text[max(0, start - 40) : start]
            mention = _region_mention(text, start, end, region, before)
            mention.bare = True
            if region.kind != SubjectKind.provinsi:
                prefixed.add(key)  # its later bare mentions are its too
                insort(named, (start, end, region.kind))
            add(mention)


# Between two names of a list: ", ", " dan ", ", serta "; or the kind word and a bracket that open
# it ("8 Pemerintah Kabupaten (Mempawah, ...").
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:dan\s+|serta\s+)?|\s(?:dan|serta|&)\s+)")
_KIND_OPENS_LIST = re.compile(r"\b(Kabupaten|Kota|Pemkab|Pemkot)\s*[(:]\s*$")
_KIND_WORDS = {"kabupaten": SubjectKind.kabupaten, "pemkab": SubjectKind.kabupaten, "kota": SubjectKind.kota,
               "pemkot": SubjectKind.kota}  # fmt: skip
# A result right after a bare name: "Sambas dengan nilai 88,91", "Sanggau meraih predikat ...".
_BARE_RESULT = re.compile(
    r"\s*,?\s+(?:dengan\s+(?:nilai|skor|capaian)|(?:me)?raih\s+(?:nilai|skor|predikat|zona)|"
    r"(?:memperoleh|mendapat(?:kan)?)\s+(?:nilai|skor|predikat|zona)|masuk\s+zona|berada\s+di\s+zona)"
)


def _list_kind(text: str, start: int, named: list[tuple[int, int, SubjectKind]]) -> SubjectKind | None:
    """The kind of the list a bare name at ``start`` goes on, if it goes on one."""
    opens = _KIND_OPENS_LIST.search(text, max(0, start - 14), start)
    if opens is not None:
        return _KIND_WORDS[opens.group(1).lower()]
    i = bisect_right(named, (start,)) - 1
    if i < 0:
        return None
    _, end, kind = named[i]
    gap = _LIST_GAP.match(text, end)
    if kind == SubjectKind.provinsi or gap is None or gap.end() != start:
        return None
    return kind
