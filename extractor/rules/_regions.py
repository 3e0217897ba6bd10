"""Regions named in an article, found with the Kemendagri gazetteer: after their kind ("Kota Batu",
"Pemprov Jawa Tengah"), and bare ("Batu" after them, a province, a name on a list of named ones);
and the longest region name at a given place, which the other finders ask about."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Callable

from extractor.names import PREFIX_KINDS
from extractor.regions import Gazetteer, Region
from extractor.rules._capitals import Capitalised
from extractor.rules._mentions import Mention, _region_key, _region_mention
from extractor.rules._places import headline_span
from extractor.rules._text import STOP_WORDS
from schemas.values import SubjectKind

_REGION_PREFIX = re.compile(
    r"(?:Pemerintah\s+(Kota|Kabupaten|Kab\.|Provinsi|Prov\.)(?:\s*\((?:Pemkot|Pemko|Pemkab|Pemprov)\))?|"
    r"Pemkot|Pemko|Pemkab|Pemprov|Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s+(?=[A-Z])"
)
_REGION_PREFIX_AT = Capitalised(_REGION_PREFIX)  # (looked for with the other finders' heads)
_CAP_TOKEN = re.compile(r"[A-Z][A-Za-z'’]*(?:-[A-Za-z]+)?")
_WORD = r"([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)?)"


def _words_at(count: int) -> re.Pattern[str]:
    """Up to ``count`` words from a position, each in its group (None after the last): one match
    where a word at a time costs a call each. Each later word is optional, so the engine never
    gives back part of an earlier one: the words are those that matching one at a time (spaces
    and a word, from the end of the last) would find."""
    pattern = ""
    for _ in range(count):
        pattern = rf"\s*{_WORD}(?:{pattern})?" if pattern else rf"\s*{_WORD}"
    return re.compile(pattern)


_SE_BEFORE = re.compile(r"\bse-?\s*$", re.IGNORECASE)


def word_start(text: str, pos: int) -> bool:
    """Whether ``pos`` begins a word (the finders' patterns leave their leading \\b to this)."""
    return pos == 0 or not text[pos - 1].isalnum()


_LongestKey = tuple[tuple[str | None, ...], SubjectKind | None, bool]  # words, kind, ambiguous

KIND_BEFORE_REGION = re.compile(r"[ \t]+(Kota|Kabupaten|Kab\.|Provinsi)[ \t]+(?=[A-Z])")
WORD_START = re.compile(r"[ \t]+(?=[A-Z])")


class RegionFinder:
    """The region half of the entity finder (``_entities.EntityFinder``), around the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._tokens_at = _words_at(gazetteer.max_words)
        # ``gazetteer.may_start`` by the words as joined here: asked for each word of each name
        self._starts: dict[str, bool] = {}
        # The capitalised words already asked about, and those of them that may begin a bare region
        # name: articles repeat the same few hundred words, and the answer needs a gazetteer look-up.
        self._words_seen: set[str] = set()
        self._bare_words: set[str] = set()
        # ``_longest_name`` by its words, kind and ``ambiguous``: region names recur in every article
        self._longest: dict[_LongestKey, tuple[Region, int] | None] = {}

    def _bare_candidates(self, text: str) -> set[str]:
        """The capitalised words of ``text`` (each once) that may begin a region's name."""
        tokens = set(_CAP_TOKEN.findall(text))
        # (set operations: the words are mostly known, and asking about each in Python costs more)
        new = tokens - self._words_seen
        if not new:
            return tokens & self._bare_words
        bare = {t for t in new if self.gazetteer.may_start(t) and t.lower() not in STOP_WORDS}
        if len(self._words_seen) < 100_000:
            self._words_seen |= new
            self._bare_words |= bare
        return (tokens & self._bare_words) | bare

    def region_at(
        self, text: str, pos: int, kind: SubjectKind | None, *, ambiguous: bool = False
    ) -> tuple[Region, int] | None:
        """The longest gazetteer name starting at ``pos`` (up to four words).

        ``ambiguous``: a name shared by a kota and a kabupaten still counts (for its extent).
        """
        tokens = self._tokens_at.match(text, pos)
        if tokens is None:
            return None
        groups = tokens.groups()
        if not groups[0][0].isupper():
            return None  # a name starts with a capital
        starts = self._starts
        count = 0  # the words that, joined, begin a region's name
        joined = ""
        for word in groups:
            if word is None:
                break
            joined += word
            known = starts.get(joined)
            if known is None:
                known = self.gazetteer.may_start(joined)
                if len(starts) < 100_000:
                    starts[joined] = known
            if not known:
                break
            count += 1
        if not count:
            return None
        # The answer depends on these words alone (names, not the text around them): kept.
        key = (groups[:count], kind, ambiguous)
        try:
            found = self._longest[key]
        except KeyError:
            found = self._longest_name(groups[:count], kind, ambiguous)
            if len(self._longest) < 100_000:
                self._longest[key] = found
        if found is None:
            return None
        return found[0], tokens.end(found[1])

    def _longest_name(
        self, words: tuple[str, ...], kind: SubjectKind | None, ambiguous: bool
    ) -> tuple[Region, int] | None:
        """The region named by the most of ``words`` (from the first), and how many words."""
        for count in range(len(words), 0, -1):
            name = " ".join(words[:count]) if count > 1 else words[0]
            region = self.gazetteer.lookup(name, kind)
            if region is None and kind is not None and count == 1:
                region = self.gazetteer.lookup(name, None)  # "Pemkab Bukittinggi": a kota
            if region is None and ambiguous:
                found = self.gazetteer.candidates(name)
                region = found[0] if found else None
            if region is not None:
                return region, count
        return None

    def region_end(self, text: str, pos: int) -> int | None:
        """End of a region named at ``pos`` (after a space) with its kind word, or of a province."""
        kind = KIND_BEFORE_REGION.match(text, pos)
        if kind is not None:
            found = self.region_at(text, kind.end(), PREFIX_KINDS[kind.group(1).lower()])
            return found[1] if found is not None else None
        space = WORD_START.match(text, pos)
        if space is None:
            return None
        found = self.region_at(text, space.end(), SubjectKind.provinsi)
        return found[1] if found is not None and found[0].kind == SubjectKind.provinsi else None

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
        for match in _REGION_PREFIX_AT.finditer(text):
            if not word_start(text, match.start()):
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
            if taken[start]:
                continue  # inside a mention found before
            glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’")
            if glued and not _SE_BEFORE.search(text[max(0, start - 3) : start]):
                continue
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
                or (
                    start >= headline_end
                    and list_kind is None
                    and _NAMES_FOLLOW.search(text, max(0, start - 16), start) is None
                    and not _BARE_RESULT.match(text, end)
                )
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
# The word that opens a list of names ("zona hijau, yakni Aceh Barat, Aceh Tamiang ..."): a bare
# name right after it is a region of the list, as one after a named one is.
_NAMES_FOLLOW = re.compile(r"\b(?:yakni|yaitu|di\s*antaranya|antara\s+lain)\s*:?\s*$", re.IGNORECASE)
# A result right after a bare name: "Sambas dengan nilai 88,91", "Sanggau meraih predikat ...".
_BARE_RESULT = re.compile(
    r"\s*,?\s+(?:dengan\s+(?:nilai|skor|capaian)|(?:me)?raih\s+(?:nilai|skor|predikat|zona)|"
    r"(?:memperoleh|mendapat(?:kan)?)\s+(?:nilai|skor|predikat|zona)|masuk\s+zona|berada\s+di\s+zona)"
)


def _list_kind(text: str, start: int, named: list[tuple[int, int, SubjectKind]]) -> SubjectKind | None:
    """The kind of the list a bare name at ``start`` goes on, if it goes on one."""
    lo = max(0, start - 14)
    # (the bracket or colon first: most names have neither before them)
    opens = (
        _KIND_OPENS_LIST.search(text, lo, start)
        if text.find("(", lo, start) >= 0 or text.find(":", lo, start) >= 0
        else None
    )
    if opens is not None:
        return _KIND_WORDS[opens.group(1).lower()]
    i = bisect_right(named, (start,)) - 1
    if i < 0:
        return None
    _, end, kind = named[i]
    if kind == SubjectKind.provinsi:
        return None
    gap = _LIST_GAP.match(text, end)
    return kind if gap is not None and gap.end() == start else None
