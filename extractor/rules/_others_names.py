"""The names that can be other subjects, from the entity finder's mentions: what a round-up's list
needs that a single name does not.

- Names the finder ran together are split ("Polres Ciamis dan Polres Sumedang", "Badan Narkotika
  Nasional dan Badan Pusat Statistik": two names joined by "dan" or a comma, each with its head).
- A national body named in full ("Badan Narkotika Nasional", "Lembaga Kebijakan Pengadaan
  Barang/Jasa Pemerintah") is an agency, not a service unit: its name holds "Nasional", "Negara",
  "Indonesia" or "Pemerintah", or its sentence speaks of "lembaga".
- A ministry misspelt or glued to its portfolio ("Kementrian Agama", "KementerianLuar Negeri"), which
  the finder does not know, is the ministry (lists of ministries are where the press slips).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from extractor.names import PORTFOLIOS
from extractor.rules._anchored import matches_at
from extractor.rules._article import Article
from extractor.rules._capitals import Capitalised
from extractor.rules._entities import PORTFOLIO, SUBJECT_CATEGORIES, UNIT_HEAD, Category, Mention, office_head
from extractor.rules._mentions import (
    _OFFICE,
    _ministry_key,
    _office_key,
    _office_name,
    _unit_key,
    _unit_name,
    name_key,
)
from extractor.rules._others_bare import bare_names
from extractor.rules._others_cues import OFFICE_CONTEXT, same_level
from schemas.values import SubjectKind

# Where one name of a run ends and the next begins: a comma, "dan", "serta", "&".
_JOIN = re.compile(r"(?:\s*,\s*(?:dan\s+|serta\s+)?|[ \t]+(?:dan|serta|&)[ \t]+)(?=[A-Z])")
# Heads that begin a name of their own after a join (the finder's unit and office heads, and the
# national bodies' "Lembaga" and "Komisi", which it does not know).
_HEAD = re.compile(rf"(?:{UNIT_HEAD.pattern}|{_OFFICE.pattern}|Lembaga\b|Komisi\b)")
_NATIONAL_HEAD = re.compile(r"(?:Badan|Lembaga|Komisi)\s")
_NATIONAL = re.compile(r"\b(?:Nasional|Negara|Indonesia|Pemerintah|Republik)\b")
_REGIONAL = re.compile(r"\bDaerah\b")
_LEMBAGA = re.compile(r"\blembaga\b", re.IGNORECASE)
# "Kementrian Agama", "Kemeterian Sosial", "KementerianLuar Negeri" (the portfolio's words follow).
_MINISTRY_SLIP = re.compile(
    r"\b(?:Kementrian|Kemeterian|Kementerin|Kementeriaan)[ \t]+(?=[A-Z])|\bKementerian(?=[A-Z][a-z])"
)
_PORTFOLIO_WORDS = re.compile(r"[A-Z][\w/-]*(?:[ \t]+(?:dan[ \t]+)?(?!Kement?e?rian)[A-Z][\w/-]*)*")


def other_names(article: Article, subject: Mention | None) -> list[Mention]:
    """The article's mentions with run-together names split, national bodies as agencies,
    misspelt ministries and the bare names of labelled lists added (``_others_bare``), and a bare
    region read as the office of a paragraph about offices, in order."""
    text = article.text
    found: list[Mention] = []
    reach = 0  # where the names found so far end, at the furthest: a mention past it is inside none
    for mention in article.mentions:
        if mention.start < reach and any(m.start <= mention.start and mention.end <= m.end for m in found):
            continue  # a name inside one already split ("Polres Sumedang" of "... dan Polres Sumedang")
        if mention.category in (Category.office, Category.unit):
            found.extend(_national(article, part) for part in _split(text, mention))
        else:
            found.append(mention)
        reach = max(reach, found[-1].end)
    found.extend(_slipped_ministries(text, found))
    found.sort(key=lambda m: m.start)
    found.extend(bare_names(article, found))
    found.sort(key=lambda m: m.start)
    return [_as_office(article, mention, subject) for mention in found]


# The vertical offices that stand one to a kabupaten or kota, so that a bare region in a paragraph
# about them names its office ("Polres se-Sulteng ... Morowali Utara, Sigi dan Buol").
_LOCAL_OFFICE = re.compile(r"(?:Polres(?:ta)?|Kantor[ \t]+Pertanahan|Kantah)\b")
_LOCAL_OFFICE_AT = Capitalised(_LOCAL_OFFICE)  # (looked for with the entity finder's heads)


def _as_office(article: Article, mention: Mention, subject: Mention | None) -> Mention:
    if mention.category != Category.region or not mention.bare or mention.kind == SubjectKind.provinsi:
        return mention
    head = _office_of(article, mention.start, subject)
    if head is None:
        return mention
    name = _office_name(f"{head} {mention.written}")
    return Mention(
        mention.start, mention.end, "office:" + _office_key(name), Category.office, SubjectKind.other,
        mention.written, name,
    )  # fmt: skip


def _office_of(article: Article, at: int, subject: Mention | None) -> str | None:
    """The local office head that a bare region at ``at`` stands for: the subject's, else that of
    a "Polres se-X" / "Polres jajaran Polda X" in its paragraph or the one before."""
    if subject is not None and subject.category == Category.office:
        head = _LOCAL_OFFICE.match(subject.name)
        return head.group() if head is not None else None
    text, starts = article.text, article.doc.paragraph_starts
    number = bisect_right(starts, at) - 1
    start = starts[number - 1] if number > 0 else 0
    for head in _LOCAL_OFFICE_AT.finditer(text, start, at):
        if OFFICE_CONTEXT.match(text, head.end()):
            return head.group()
    return None


def _split(text: str, mention: Mention) -> list[Mention]:
    """'Polres Ciamis dan Polres Sumedang' -> the two offices; a name whose "dan" joins words of
    one name ("Badan Pengkajian dan Penerapan Teknologi") stays whole."""
    cuts = [
        join
        for join in _JOIN.finditer(text, mention.start, mention.end)
        if join.end() < mention.end and _HEAD.match(text, join.end())
    ]
    if not cuts:
        return [mention]
    parts: list[Mention] = []
    start = mention.start
    for join in [*cuts, None]:
        end = join.start() if join is not None else mention.end
        parts.append(_part(text, mention, start, end))
        start = join.end() if join is not None else start
    return parts


def _part(text: str, mention: Mention, start: int, end: int) -> Mention:
    written = text[start:end]
    if _OFFICE.match(written):
        name = _office_name(written)
        return Mention(
            start, end, "office:" + _office_key(name), Category.office, SubjectKind.other, written, name
        )
    name = _unit_name(written)
    return Mention(start, end, "unit:" + _unit_key(name), Category.unit, mention.kind, written, name)


def _national(article: Article, mention: Mention) -> Mention:
    """A unit named like a national body is that agency."""
    text, written = article.text, mention.written
    if mention.category != Category.unit or not _NATIONAL_HEAD.match(written) or _REGIONAL.search(written):
        return mention
    start, end = article.doc.sentence_span(article.doc.sentence_of(mention.start))
    if _NATIONAL.search(written) is None and _LEMBAGA.search(text, start, end) is None:
        return mention
    return Mention(
        mention.start,
        mention.end,
        "agency:" + name_key(written),
        Category.agency,
        SubjectKind.lembaga,
        written,
        written,
        in_role=mention.in_role,
    )


def _slipped_ministries(text: str, known: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    if "Kemen" not in text and "Kemeterian" not in text:
        return found  # (most articles name no ministry)
    # (tried only where "Keme" stands, as every match begins: its \b makes a search try each character)
    for slip in matches_at(_MINISTRY_SLIP, text, _places_of("Keme", text), 0, len(text)):
        words = _PORTFOLIO_WORDS.match(text, slip.end())
        if words is None or any(m.start < words.end() and slip.start() < m.end for m in known):
            continue
        portfolio = PORTFOLIO.match(text, slip.end())
        end = portfolio.end() if portfolio is not None else words.end()
        name = "Kementerian " + " ".join(text[slip.end() : end].split())
        key = (
            _ministry_key(PORTFOLIOS[" ".join(portfolio.group(0).split())])
            if portfolio is not None
            else name_key(name)
        )
        written = text[slip.start() : end]
        found.append(
            Mention(
                slip.start(),
                end,
                "ministry:" + key,
                Category.ministry,
                SubjectKind.kementerian,
                written,
                name,
            )
        )
    return found


def _places_of(word: str, text: str) -> list[int]:
    """Where ``word`` begins in ``text``, in order."""
    places: list[int] = []
    at = text.find(word)
    while at >= 0:
        places.append(at)
        at = text.find(word, at + 1)
    return places


def is_other(mention: Mention, subject: Mention | None, unit_names: set[str]) -> bool:
    """A region, ministry, agency or office that is neither the subject nor one of its units."""
    if mention.category not in SUBJECT_CATEGORIES or mention.in_role or mention.ignored:
        return False
    if subject is not None and mention.key == subject.key:
        return False
    if mention.name in unit_names or mention.written in unit_names:
        return False
    # a Kanwil's Kantah, a ministry's office: the subject's unit (a peer office is an other)
    return not (
        subject is not None
        and mention.category == Category.office
        and subject.category in (Category.office, Category.ministry, Category.agency)
        and not same_level(office_head(subject.name), office_head(mention.name))
    )
