"""The subject: whose results the article reports, chosen by readable evidence.

Every region, ministry, agency and office named is a candidate. Each mention adds the points of
its place (``EVIDENCE``): the headline above all (news writing names the subject first), then the
lead, the body; a dateline, a venue or a place phrase ("di Maluku") adds little, as does a name
inside an official's title; owning a score and the headline's zone add more. Two corrections
follow the table: a province only named as the place of a kab/kota or office that the headline
names yields to it, and an OPD of a pemda ("Disdukcapil Kota Jayapura") yields to the pemda.

A round-up's subject (a collective phrase, kind ``other``) is found in ``_roundup``. When another
candidate comes within a point of the chosen one, it is reported beside the draft as the subject's
runner-up (``close_call``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extractor.names import known_region
from extractor.rules._anchored import has_word
from extractor.rules._article import Article, SubjectRival
from extractor.rules._evidence import CLOSE_CALL
from extractor.rules._labels import labels_in
from extractor.rules._mentions import SUBJECT_CATEGORIES, Category, Mention, name_key, place_name
from extractor.rules._places import (
    RESULT_REACH,
    RESULT_WORDS,
    headline_span,
    is_dateline,
    is_where,
    result_after,
    shouted,
)
from extractor.rules._roundup import roundup
from schemas.draft import DraftSubject
from schemas.values import SubjectKind, Zone

# Points per piece of evidence. A mention gives the points of its first place in this order;
# those marked "once" count once per candidate, "mention" at most MAX_MENTIONS times.
EVIDENCE: dict[str, float] = {
    "headline_first": 5.0,  # the first name in the headline: the story's subject by convention
    "headline": 2.0,  # a further name in the headline ("Sambas dan Sanggau Raih ...": Sanggau)
    "headline_where": 0.5,  # "... Terbaik di Maluku": the headline's place, not its subject
    "headline_place": 4.5,  # added to the headline's place when it names no one else: "Seluruh
    #                         Layanan Publik di Sumbar Raih ...", "Mayoritas Pemda di Sulsel ..."
    "headline_role": 1.0,  # "Bupati Batang Terima ...": the region through its head's title
    "dateline": 0.0,  # "Jakarta (ANTARA) –", "KBRN, Pontianak:": where the story was filed
    "role": 0.5,  # once: "Wali Kota Batu", "Kapolda Maluku" in the body
    "where": 0.5,  # "di Kota X", "wilayah X", a venue "di Hotel ..., Jakarta"
    "lead": 2.0,  # once: named in the lead (first two sentences), not as a place
    "mention": 1.0,  # each further mention (at most MAX_MENTIONS)
    "result": 1.0,  # once: a result cue right after the name ("Sambas dengan nilai 88,91")
    "score": 2.0,  # once: owns a score
    "title_zone": 2.0,  # once: owns a score with the headline's zone
}
MAX_MENTIONS = 5
# "Selain Kota X", "dari Pemprov Y", "oleh Gubernur Z" in a headline: not the one who gets the result.
_NOT_SUBJECT_BEFORE = re.compile(r"(?:\bselain|\bdari|\boleh)\s*$", re.IGNORECASE)
# "Kemenkes Serahkan Penghargaan ...", "Pemprov Jatim Berikan ...": the host who hands the results
# over, not the one who gets them ("Gelar" is left out: "Pemkab X Gelar Syukuran Zona Hijau").
_GIVES_AFTER = re.compile(
    r"\s+(?:Serahkan|Menyerahkan|Berikan|Memberikan|Beri|Memberi|Anugerahkan|Menganugerahkan|Anugerahi)\b"
)
# Unit heads of a pemda's own offices (OPD): such a unit in the headline stands for its pemda; a
# hospital or a Puskesmas is assessed as itself (tests/fixtures: "RSUD dr. Iskak Tulungagung").
_OPD_HEADS = ("dinas", "badan", "dis", "dpm", "dp3a", "dppkb", "satpol", "bagian", "inspektorat", "kecamatan",
              "kelurahan", "bappeda", "bapenda", "bappenda", "bpkad", "bpbd", "dlh", "dukcapil")  # fmt: skip


@dataclass
class _Candidate:
    first: Mention
    points: float = 0.0
    headline: float = 0.0  # the points from the headline
    seen: set[str] = field(default_factory=set)  # the "once" evidence already counted
    mentions: int = 0

    def add(self, reason: str, once: bool = False) -> None:
        if once and reason in self.seen:
            return
        self.seen.add(reason)
        self.points += EVIDENCE[reason]
        if reason.startswith("headline"):
            self.headline += EVIDENCE[reason]


def choose_subject(article: Article) -> Mention | None:
    """The subject's first mention, or for a round-up a mention of its collective phrase."""
    text = article.text
    head_start, head_end = headline_span(text, article.doc.title_end)
    mentions = [m for m in article.mentions if m.category in SUBJECT_CATEGORIES]
    leading_unit = _leading_unit(article, head_start, head_end)
    if leading_unit is not None:
        mentions = sorted(mentions + [m for m in article.mentions if m.key == leading_unit.key],
                          key=lambda m: m.start)  # fmt: skip
    candidates = _score(article, mentions, head_start, head_end)
    named = [c.first.start for c in _named_in_headline(candidates)]
    headline_place = any("headline_place" in c.seen for c in candidates.values())
    group = roundup(article, (head_start, head_end), _lead_end(article, head_end), named, headline_place)
    if group is not None:
        return group
    if not candidates:
        return None
    best = max(candidates.values(), key=lambda c: (c.points, -c.first.start))
    chosen = _correct(article, best, candidates, (head_start, head_end))
    if chosen is best:
        article.subject_rival = _rival(best, candidates)
    return chosen.first


def _rival(best: _Candidate, candidates: dict[str, _Candidate]) -> SubjectRival | None:
    """The best other candidate when it came within ``CLOSE_CALL`` points of the chosen one and is
    neither inside it nor around it (a kota of the chosen province is its place, not a rival),
    unless the two share their name (Kota Jambi and Provinsi Jambi: the press's classic confusion)."""
    rivals = [
        c
        for c in candidates.values()
        if c is not best
        and c.first.category in SUBJECT_CATEGORIES
        and (
            _share_a_name(c.first, best.first)
            or not (_inside(c.first, best.first) or _inside(best.first, c.first))
        )
    ]
    if not rivals:
        return None
    runner = max(rivals, key=lambda c: (c.points, -c.first.start))
    if best.points - runner.points > CLOSE_CALL:
        return None
    return SubjectRival(runner.first, best.points - runner.points, _reasons(runner), _reasons(best))


def _share_a_name(a: Mention, b: Mention) -> bool:
    """Two regions of one name ('Kota Jambi', 'Provinsi Jambi')."""
    return a.category == b.category == Category.region and place_name(a) == place_name(b)


def _reasons(candidate: _Candidate) -> list[str]:
    return sorted(reason for reason in candidate.seen if not reason.startswith("#"))


def _score(
    article: Article, mentions: list[Mention], head_start: int, head_end: int
) -> dict[str, _Candidate]:
    text, doc = article.text, article.doc
    lead_end = _lead_end(article, head_end)
    candidates: dict[str, _Candidate] = {}
    headline_named = False
    for mention in mentions:
        candidate = candidates.get(mention.key)
        if candidate is None:
            candidate = candidates[mention.key] = _Candidate(mention)
        if head_start <= mention.start < head_end:
            if "#headline" in candidate.seen:
                continue
            candidate.seen.add("#headline")  # one headline reason per candidate
            if (
                is_where(text, mention.start, mention.end)
                or _NOT_SUBJECT_BEFORE.search(text, max(0, mention.start - 12), mention.start)
                or _GIVES_AFTER.match(text, mention.end)
            ):
                candidate.add("headline_where")
            elif mention.in_role:
                candidate.add("headline_role")
            else:
                candidate.add("headline" if headline_named else "headline_first")
                headline_named = True
            continue
        if doc.in_title(mention.start) or is_dateline(text, mention.start, mention.end) or shouted(mention):
            candidate.add("dateline")  # a label line ("PERWAKILAN: KALIMANTAN BARAT") reads as one too
            continue
        if mention.in_role:
            candidate.add("role", once=True)
            continue
        if is_where(text, mention.start):
            candidate.add("where")
            continue
        if mention.start < lead_end:
            candidate.add("lead", once=True)
        if candidate.mentions < MAX_MENTIONS:
            candidate.add("mention")
            candidate.mentions += 1
        if "result" not in candidate.seen and _result_follows(article, mention):
            candidate.add("result", once=True)
    if not _named_in_headline(candidates):
        for candidate in candidates.values():
            if "headline_where" in candidate.seen and candidate.first.category == Category.region:
                candidate.add("headline_place", once=True)
    title_zone = _title_zone(article, head_start, head_end)
    for score in article.scores:
        owner = candidates.get(score.owner.key) if score.owner is not None else None
        if owner is None:
            continue
        owner.add("score", once=True)
        if title_zone is not None and any(label.zone == title_zone for label in score.labels):
            owner.add("title_zone", once=True)
    return candidates


def _named_in_headline(candidates: dict[str, _Candidate]) -> list[_Candidate]:
    """The candidates the headline names as who, not where."""
    return [c for c in candidates.values() if "headline_first" in c.seen or "headline" in c.seen]


def _lead_end(article: Article, head_end: int) -> int:
    """The end of the first two prose sentences after the headline."""
    doc = article.doc
    if head_end <= doc.title_end:
        return doc.lead_end()
    count = 0
    for i, start in enumerate(doc.sentence_starts):
        if start >= head_end and i not in doc.skipped:
            count += 1
            if count == 2:
                return doc.sentence_ends[i]
    return len(article.text)


def _result_follows(article: Article, mention: Mention) -> bool:
    """A result cue in the clause after the name, before any other name ("A dengan nilai 89 dan
    B dengan nilai 88": each its own)."""
    if not has_word(article.text, RESULT_WORDS, mention.end, mention.end + RESULT_REACH):
        return False
    cue_end = result_after(article.text, mention.end)
    if cue_end is None:
        return False
    mentions = article.mentions  # sorted by start: the next name after this one
    i = bisect_right(mentions, mention.end, key=lambda m: m.start)
    other = mentions[i] if i < len(mentions) else None
    return other is None or other.start >= cue_end or other.key == mention.key


def _title_zone(article: Article, start: int, end: int) -> Zone | None:
    for label in labels_in(article.text, start, end, None) if end > start else ():
        if label.zone is not None:
            return label.zone
    return None


def _leading_unit(article: Article, head_start: int, head_end: int) -> Mention | None:
    """A service unit that opens the headline ("RSUD dr. Iskak Tulungagung Raih ...")."""
    first = next((m for m in article.mentions if head_start <= m.start < head_end), None)
    return first if first is not None and first.category == Category.unit else None


def _correct(
    article: Article, best: _Candidate, candidates: dict[str, _Candidate], head: tuple[int, int]
) -> _Candidate:
    """The two corrections after the table (see the module's doc)."""
    if best.first.category == Category.unit and _is_opd(best.first.written):
        # "Disdukcapil Kota Jayapura Raih ...": the pemda named in the unit's name is the subject
        # "Disdukcapil Kota Raih ..." in the headline, "Disdukcapil Kota Jayapura" in the lead
        same = (m for m in article.mentions if m.key == best.first.key)
        pemda = next((found for m in same if (found := _pemda_of(m)) is not None), None)
        if pemda is not None:
            return candidates.get(pemda.key) or _Candidate(pemda)
    named = _named_in_headline(candidates)
    if best.first.category == Category.region and best.first.kind == SubjectKind.provinsi and named:
        # A province that is only the place of what the headline names ("Polres Buru Terbaik di
        # Maluku") yields to the named one inside it.
        inner = [c for c in named if _inside(c.first, best.first)]
        if inner and best.headline <= EVIDENCE["headline_where"]:
            return max(inner, key=lambda c: (c.headline, c.points, -c.first.start))
    kinds = _headline_kinds(article, head)
    if not named and kinds and ("headline_place" in best.seen or best.first.kind not in kinds):
        # "2 Kabupaten di X Masuk Zona Merah", "Kota Besar di Banten ...", "4 Pemda di NTB Raih ...":
        # the headline counts members; its subject is the first of them with the headline's zone,
        # else with a score (as for two named in a headline: the first).
        members = [
            c for c in candidates.values() if c.first.kind in kinds and c.first.category == Category.region
        ]
        if members:
            return min(
                members, key=lambda c: ("title_zone" not in c.seen, "score" not in c.seen, c.first.start)
            )
    return best


# A kind word in a headline that no name follows ("2 Kabupaten di ...", "Kota Besar di Banten"), or
# a count of pemda ("4 Pemda di NTB"): the headline is about members of that kind.
_KIND_WORD = re.compile(
    r"(?<!Ibu )\b(Kabupaten|Kota|Pemkab|Pemkot)\b|\b(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
    r"sepuluh)\s+(Pemda|Pemerintah\s+Daerah|Daerah|Kepala\s+Daerah)\b",
    re.IGNORECASE,
)
_KIND_OF_WORD = {"kabupaten": (SubjectKind.kabupaten,), "pemkab": (SubjectKind.kabupaten,),
                 "kota": (SubjectKind.kota,), "pemkot": (SubjectKind.kota,)}  # fmt: skip
_PEMDA_KINDS = (SubjectKind.kabupaten, SubjectKind.kota, SubjectKind.provinsi)


def _headline_kinds(article: Article, head: tuple[int, int]) -> tuple[SubjectKind, ...]:
    for word in _KIND_WORD.finditer(article.text, *head):
        if word.group(1) is None:
            return _PEMDA_KINDS
        if word.group(1)[0].isupper() and not any(m.start <= word.start() < m.end for m in article.mentions):
            return _KIND_OF_WORD[word.group(1).lower()]
    return ()


def _is_opd(written: str) -> bool:
    return written.lower().startswith(_OPD_HEADS)


_PEMDA_IN_NAME = re.compile(
    r"\b(?:Pemerintah\s+)?(?:Kota|Kabupaten|Kab\.|Provinsi|Pemkot|Pemkab|Pemprov)\s+[A-Z]"
)


def _pemda_of(unit: Mention) -> Mention | None:
    """The region named with its kind at the end of an OPD's name, as a mention of its own (the
    quote is that part of the unit's name)."""
    match = _PEMDA_IN_NAME.search(unit.written)
    if match is None:
        return None
    written = unit.written[match.start() :]
    region = known_region(written, SubjectKind.other)
    if region is None:
        return None
    start = unit.start + match.start()
    return Mention(start, unit.end, "region:" + region.code, Category.region, region.kind, written,
                   region.official_name)  # fmt: skip


def _inside(mention: Mention, province: Mention) -> bool:
    """A kab/kota of the province (by Kemendagri code), or an office named with the province."""
    if mention.category == Category.region:
        return mention.key.startswith(province.key + ".")
    if mention.category == Category.office:
        place = place_name(province)
        return name_key(place) in name_key(mention.name) or province.written in mention.written
    return False


def draft_subject(article: Article, subject: Mention) -> DraftSubject:
    same = [m for m in article.mentions if m.key == subject.key]
    if subject.category == Category.group or not same:
        return DraftSubject(name=subject.name, kind=subject.kind, quote=subject.written)
    if subject.category == Category.region:
        written = next((m for m in same if not m.bare and not m.in_role), None) or subject
        return DraftSubject(name=written.written, kind=subject.kind, quote=written.written)
    if subject.category in (Category.office, Category.unit):
        longest = max(same, key=lambda m: len(m.name))
        return DraftSubject(name=longest.name, kind=subject.kind, quote=longest.written)
    longest = max(same, key=lambda m: len(m.written))
    return DraftSubject(name=longest.written, kind=subject.kind, quote=longest.written)
