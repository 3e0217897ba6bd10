"""Check 12: is the record's subject the one whose results the article reports?

Engines take the subject from the wrong place: the province of the Ombudsman office that did
the assessment ("Ombudsman RI Perwakilan Kalbar"), a ministry that regulates or hosts the
exercise (KemenPAN-RB, Kemendagri), the dateline or the venue ("KBRN, Pontianak:", "di Hotel ...
Jakarta"), or one region of a round-up. Each result the article states (a score after "nilai",
a zone, a predikat, a kualitas) is tied to the nearest name before it in its sentence (or after
it, where none is before), leaving out the names of the assessor, the giver ("dari KemenPAN-RB"),
the dateline, the venue and the area a list is drawn from ("8 kabupaten di Aceh"). A subject
that owns none of the results while another name owns some is flagged; a subject that owns
results stays quiet, even where it is also the dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.checks._base import Context, flag
from extractor.checks._text import (
    dateline_heads,
    headline_bounds,
    lead_bounds,
    number_hits,
    one_line,
    other_story_lines,
    sentence_bounds,
)
from extractor.names import PREFIX_KINDS, split_region
from extractor.regions import find_region, gazetteer, name_key
from schemas.record import Flag, Severity, Span
from schemas.values import SubjectKind

ASSESSOR = "subject_is_assessor"
DATELINE = "subject_from_dateline"
COMPETING = "competing_subject"
CODES = (ASSESSOR, DATELINE, COMPETING)

# Ministries the press names as the exercise's regulator or host, not as an assessed body
# (OMBUDSMAN.md, "Confusers": KemenPAN-RB runs its own IPP; Kemendagri oversees the regions).
_REGULATORS: tuple[frozenset[str], ...] = (
    frozenset({"kemenpanrb", "kemenpan", "kempanrb", "panrb", "menpanrb",
               "kementerianpendayagunaanaparaturnegaradanreformasibirokrasi"}),
    frozenset({"kemendagri", "kementeriandalamnegeri"}),
)  # fmt: skip
# The words a result is stated with (OMBUDSMAN.md "Mapping words to values", corpus README).
_RESULT = re.compile(
    r"\b(?:zona\s+(?:hijau|kuning|merah|hitam)|rapor\s+(?:hijau|kuning|merah)|"
    r"predikat\s+(?:tinggi|sedang|rendah)|kepatuhan\s+(?:tertinggi|tinggi|sedang|rendah|terendah)|"
    r"kualitas\s+(?:tertinggi|tinggi|sedang|rendah|terendah)|kategori\s+[A-E]\b|opini\s+kualitas)",
    re.IGNORECASE,
)
# A number is a score with a score word just before it and no money or count word after it.
_SCORE_BEFORE = re.compile(
    r"\b(?:nilai|skor|poin|capaian|angka|sebesar|meraih|memperoleh|mendapat(?:kan)?|dengan)\b[^.\n\d]{0,25}$",
    re.IGNORECASE,
)
_NOT_SCORE_AFTER = re.compile(r"\s*(?:miliar|juta|triliun|ribu|%|dari\s+5\b)", re.IGNORECASE)
# A region with its government word (the words and kinds of names.PREFIX_KINDS, longest first).
_PREFIXED = re.compile(
    r"(?:\bPemerintah\s+)?\b(?P<word>"
    + "|".join(re.escape(w) for w in sorted(PREFIX_KINDS, key=len, reverse=True))
    + r")\s+(?:\((?:Pemkot|Pemko|Pemkab|Pemprov)\)\s+)?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})",
    re.IGNORECASE,
)
_CAPITALS = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}")
# Vertical offices and central bodies: results of their own, never a region's.
_BODY = re.compile(
    r"\b(?:Polres(?:ta|tabes)?|Polda|Kanwil|Kantor\s+Wilayah|Kantor\s+Pertanahan|Kantah|Lapas|Rutan)"
    r"(?:\s+[A-Z][\w/-]*){1,3}|\bKementerian(?:[ \t]+(?:dan[ \t]+)?[A-Z][\w-]*,?)+|\bKemen[A-Za-z-]{2,}|"
    r"\bKem(?:han|naker|kominfo|komdigi|sos|kes|hub|ag|dag|lu)\b|\bBadan(?:[ \t]+[A-Z][\w-]*)+"
)
# Just before the assessing office's place: "Ombudsman RI Perwakilan Provinsi", "Kepala
# Perwakilan Ombudsman RI", "Perwakilan Ombudsman Republik Indonesia (RI) Provinsi".
_ASSESSOR_BEFORE = re.compile(
    r"(?:Ombudsman(?:\s+(?:RI|Republik\s+Indonesia))?(?:\s*\(RI\))?|Perwakilan)"
    r"(?:\s+Perwakilan)?(?:\s+(?:Provinsi|Prov\.?))?\s*$"
)
# Where a name is who gives ("dari KemenPAN-RB"), where the award is handed over ("di Hotel ...",
# "di Jakarta, Kamis (5/12)") and the area a list is drawn from ("se-Kalbar"): the press's
# phrasings in the corpus's README and OMBUDSMAN.md examples.
_GIVER_BEFORE = re.compile(r"\b(?:dari|oleh)\s+(?:pihak\s+)?$", re.IGNORECASE)
_VENUE_BEFORE = re.compile(
    r"\b(?:[Dd]i|[Kk]e)\s+(?P<venue>(?:Hotel|Gedung|Kantor|Aula|Balai|Ruang|Auditorium|Ballroom|Wisma|"
    r"Graha|Istana|Pendopo|Pendapa|Rumah\s+Jabatan)\b[^.\n]{0,60}?[\s,]+)?$"
)
_DAY_AFTER = re.compile(
    r"(?:,?\s+[A-Z]\w+)?[\s,]*(?:pada\s+)?(?:\(\d|Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)"
)
_SE_BEFORE = re.compile(r"\bse-?\s*$", re.IGNORECASE)
# "Selain Pemprov Sultra, Pemkot Kendari ...": the region after "selain" (besides) is not the main one.
_ASIDE_BEFORE = re.compile(r"\b(?:Selain|Menyusul|Mengikuti\s+jejak)\s*$", re.IGNORECASE)
# Headline words that give a result: a headline naming two regions without them gives none.
_HEADLINE_CUE = re.compile(
    r"\b(?:raih|meraih|dapat|terima|zona|predikat|patuh|kepatuhan|hijau|kuning|merah|tertinggi|"
    r"terbaik|nilai|rapor|penghargaan|opini|kualitas)",
    re.IGNORECASE,
)
_ASSESSOR_BASIS = (
    "the Ombudsman's representative offices are named after the province they sit in; the "
    "province is assessed only where the article gives it a result (corpus gold conventions)"
)
_REGULATOR_BASIS = (
    "KemenPAN-RB and Kemendagri are named as the exercise's regulator or host; their own "
    "result must be stated to make them the subject (OMBUDSMAN.md, confusers)"
)
_DATELINE_BASIS = (
    "a dateline or venue says where the story was filed or the award handed over, not who "
    "was assessed (press convention: 'Jakarta (ANTARA) –', 'KBRN, Pontianak:')"
)
_WHY = {"assessor": "the assessing Ombudsman office", "dateline": "the dateline", "venue": "the venue"}


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    key: str  # "kota:batu", "bare:sambas" (a region without its word), "body:polresburu"
    code: str | None  # the region's Kemendagri code
    context: str  # "assessor", "giver", "dateline", "venue", "scope" or "" (a plain mention)


@dataclass(frozen=True)
class _Result:
    start: int
    end: int
    owner: _Mention | None
    number: float | None


def _region_key(kind: str, place: str) -> tuple[str, str | None] | None:
    """('kota:batu', '35.79') for a region of the Kemendagri list (press short forms included)."""
    candidates = gazetteer().candidates(place) if kind == "bare" else []
    region = find_region(place, None if kind == "bare" else SubjectKind(kind)) or next(iter(candidates), None)
    if region is None:
        return None
    shared = len({r.kind for r in candidates}) > 1  # a bare "Magelang": the kota's or the kabupaten's
    return f"{kind}:{name_key(region.name)}", None if shared else region.code


def _context(text: str, start: int, end: int, heads: list[tuple[int, int]], bare: bool) -> str:
    before = text[max(0, text.rfind("\n", 0, start) + 1, start - 80) : start]
    if _ASSESSOR_BEFORE.search(before):
        return "assessor"
    if _GIVER_BEFORE.search(before):  # "predikat ... dari KemenPAN-RB": who gives, not who gets
        return "giver"
    if any(a <= start < b for a, b in heads):
        return "dateline"
    venue = _VENUE_BEFORE.search(before)
    # "di Hotel ... Pontianak" is a venue; "di Jakarta" or "ke Pemprov Banten, Serang" only with
    # the day after it ("di Jakarta, Kamis (16/2)"): "layanan di Banten" is the area it is about.
    if venue and (venue.group("venue") or _DAY_AFTER.match(text, end)):
        return "venue"
    if bare and (venue or _SE_BEFORE.search(before)):  # "8 kabupaten di Aceh", "se-Kalbar"
        return "scope"
    return ""


@lru_cache(maxsize=64)  # the three checks read the same article
def _mentions(text: str, aliases: tuple[str, ...] = ()) -> tuple[_Mention, ...]:
    """The regions, offices and bodies the article names, each with its context; ``aliases``
    are the subject's own short forms ("Abdya") that the Kemendagri list does not know."""
    heads = dateline_heads(text)
    taken = other_story_lines(text)
    found: list[_Mention] = []

    def add(start: int, end: int, key: tuple[str, str | None] | None, bare: bool) -> None:
        if key is not None and not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            found.append(_Mention(start, end, key[0], key[1], _context(text, start, end, heads, bare)))

    for alias in aliases:
        for match in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
            add(match.start(), match.end(), (f"subject:{name_key(alias)}", None), True)
    for match in _PREFIXED.finditer(text):
        kind, words = PREFIX_KINDS[match.group("word").lower()].value, match.group("place").split()
        for n in range(len(words), 0, -1):  # the longest run of words that is a region
            if key := _region_key(kind, " ".join(words[:n])):
                add(match.start(), match.start("place") + len(" ".join(words[:n])), key, False)
                break
    for match in _BODY.finditer(text):
        add(match.start(), match.end(), (f"body:{name_key(match.group(0))}", None), False)
    for match in _CAPITALS.finditer(text):  # regions without their word: "Sambas dan Sanggau"
        words, i = match.group(0).split(), 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                place = " ".join(words[i : i + n])
                if len(place) > 2 and (key := _region_key("bare", place)):
                    start = match.start() + match.group(0).find(place)
                    add(start, start + len(place), key, True)
                    i += n - 1
                    break
            i += 1
    found.sort(key=lambda m: m.start)
    # "Pemkab Grobogan, Jawa Tengah (98,02)": a province right after a region only locates it.
    for i in range(1, len(found)):
        prev, this = found[i - 1], found[i]
        province_after = this.code is not None and "." not in this.code and "." in (prev.code or "")
        if province_after and not this.context and text[prev.end : this.start].strip() in {",", ""}:
            found[i] = _Mention(this.start, this.end, this.key, this.code, "scope")
    return tuple(found)


@lru_cache(maxsize=64)
def _results(text: str, aliases: tuple[str, ...] = ()) -> tuple[_Result, ...]:
    """The article's stated results, each with the name it is tied to."""
    anchors: list[tuple[int, int, float | None]] = [
        (m.start(), m.end(), None) for m in _RESULT.finditer(text)
    ]
    for hit in number_hits(text):
        decimal = any(mark in text[hit.start : hit.end] for mark in ",.")  # "nilai 80" is an example
        # A list gives the score in brackets after the name: "1. Pemkab Grobogan (98,02)".
        bracketed = text[hit.start - 1 : hit.start] == "(" and text[hit.end : hit.end + 1] == ")"
        cued = bracketed or _SCORE_BEFORE.search(text[max(0, hit.start - 40) : hit.start])
        if 10 <= hit.value <= 100 and decimal and cued and not _NOT_SCORE_AFTER.match(text, hit.end):
            anchors.append((hit.start, hit.end, hit.value))
    mentions = [m for m in _mentions(text, aliases) if not m.context]
    skipped = other_story_lines(text)
    results = []
    for start, end, number in sorted(anchors):
        if any(a <= start < b for a, b in skipped):
            continue
        begin, stop = sentence_bounds(text, start, end)
        before = [m for m in mentions if begin <= m.start and m.end <= start]
        after = [m for m in mentions if end <= m.start and m.end <= stop]
        results.append(_Result(start, end, before[-1] if before else next(iter(after), None), number))
    return tuple(results)


@dataclass(frozen=True)
class _Who:
    """The record's subject as the mentions are keyed: its keys, short forms and region code."""

    name: str
    keys: frozenset[str]
    aliases: tuple[str, ...]
    code: str | None

    def owns(self, mention: _Mention | None) -> bool:
        if mention is not None and mention.key.startswith("bare:"):  # "Jambi": the kota's or the province's
            return any(key.endswith(":" + mention.key[5:]) for key in self.keys)
        return mention is not None and mention.key in self.keys


def _who(ctx: Context, extra: frozenset[str] = frozenset()) -> _Who | None:
    subject = ctx.extraction.subject
    if subject is None:
        return None
    names = (subject.name, subject.name_as_written)
    # The subject's own short forms: "Pemerintah Kabupaten Aceh Barat Daya (Abdya)" -> "Abdya".
    aliases = tuple(
        sorted({a.strip() for n in names for a in re.findall(r"\(([^)]*)\)", n) if len(a.strip()) > 2})
    )
    keys, code = set(extra) | {f"subject:{name_key(alias)}" for alias in aliases}, None
    for name in names:
        region = split_region(name)
        kind, place = (region[0].value, region[1]) if region else (subject.kind.value, name)
        if kind in ("kota", "kabupaten", "provinsi"):
            place = re.sub(r"\([^)]*\)", " ", place).strip()
            for found in (_region_key(kind, place), _region_key("bare", place)):
                if found:
                    keys |= {found[0], f"bare:{found[0].split(':')[1]}"}
                    code = code or found[1]
    return _Who(subject.name, frozenset(keys), aliases, code)


def _others(text: str, who: _Who) -> tuple[int, dict[str, list[_Result]]]:
    """How many results the subject owns, and the results of every other owner."""
    own, others = 0, dict[str, list[_Result]]()
    for result in _results(text, who.aliases):
        if who.owns(result.owner):
            own += 1
        elif result.owner is not None:
            others.setdefault(result.owner.key, []).append(result)
    return own, others


def _misplaced(ctx: Context, text: str, who: _Who) -> list[_Result] | None:
    """Another's results where the subject's score quote ties the score to another name, or
    where the subject owns no result; None where the subject has its results."""
    own, others = _others(text, who)
    e, quote = ctx.extraction, ctx.evidence("score")
    if e.score is not None and quote is not None and quote.start is not None and quote.end is not None:
        for result in _results(text, who.aliases):
            near = quote.start <= result.start < quote.end + 60
            if near and result.number is not None and abs(result.number - e.score) < 0.005:
                if result.owner is not None and not who.owns(result.owner):
                    return others.get(result.owner.key)
                break
    return max(others.values(), key=len) if own == 0 and others else None


def _result_words(text: str, result: _Result) -> str:
    owner = result.owner or result
    end = max(result.end, owner.end)
    return one_line(text, min(result.start, owner.start), end + (text[end : end + 1] == ")"))


def _flag(ctx: Context, code: str, said: str, basis: str, first: list[Span], other: _Result) -> list[Flag]:
    text, name = ctx.text or "", ctx.extraction.subject.name if ctx.extraction.subject else ""
    return [
        flag(
            code,
            Severity.warning,
            "subject",
            f"The subject {name} {said}, while the results the article states are another's: "
            f"'{_result_words(text, other)}'.",
            basis,
            [*first, *ctx.spans("subject"), Span(start=other.start, end=other.end)],
        )
    ]


def _place_flag(ctx: Context, text: str, contexts: tuple[str, ...], code: str, basis: str) -> list[Flag]:
    """The flag for a subject named in these contexts, where the article's results are another's."""
    who = _who(ctx)
    mentions = (
        [m for m in _mentions(text, who.aliases) if m.context in contexts and who.owns(m)] if who else []
    )
    others = _misplaced(ctx, text, who) if who and mentions else None
    if not others:
        return []
    shown = mentions[0]
    line_start = text.rfind("\n", 0, shown.start) + 1
    if shown.context == "dateline":  # the dateline and a few words after it
        line_end = text.find("\n", shown.end)
        words = one_line(text, line_start, min(shown.end + 25, line_end if line_end >= 0 else len(text)), 80)
    else:
        words = one_line(text, max(line_start, shown.start - 45), shown.end)
    said = f"is named in the article as {_WHY[shown.context]} ('{words}')"
    return _flag(ctx, code, said, basis, [Span(start=shown.start, end=shown.end)], others[0])


def check_subject_is_assessor(ctx: Context) -> list[Flag]:
    """The subject is the assessing Ombudsman office's region, or a regulator ministry."""
    text, subject = ctx.text, ctx.extraction.subject
    if text is None or subject is None:
        return []
    flags = _place_flag(ctx, text, ("assessor",), ASSESSOR, _ASSESSOR_BASIS)
    names = [subject.name, subject.name_as_written]
    keys = {name_key(n) for n in names + [inner for n in names for inner in re.findall(r"\(([^)]*)\)", n)]}
    forms = next((forms for forms in _REGULATORS if keys & forms), None)
    if flags or forms is None:
        return flags
    # The ministry's mentions in any of its forms ("KemenPAN-RB", "Kementerian PANRB") are its own.
    bodies = {m.key for m in _mentions(text) if any(m.key.startswith(f"body:{form}") for form in forms)}
    who = _who(ctx, frozenset(bodies))
    others = _misplaced(ctx, text, who) if who is not None else None
    said = "regulates or hosts the assessment"
    return _flag(ctx, ASSESSOR, said, _REGULATOR_BASIS, [], others[0]) if others else []


def check_subject_from_dateline(ctx: Context) -> list[Flag]:
    """The subject is the dateline's or the venue's place, and the results are another's."""
    if ctx.text is None or ctx.extraction.subject is None:
        return []
    return _place_flag(ctx, ctx.text, ("dateline", "venue"), DATELINE, _DATELINE_BASIS)


def check_competing_subject(ctx: Context) -> list[Flag]:
    """Two regions get results in the headline, or a round-up's regions compete with the subject."""
    text, who = ctx.text, _who(ctx)
    # Regions only: a ministry's round-up of ministries is not told apart by its many names.
    if text is None or who is None or all(key.startswith("subject:") for key in who.keys):
        return []
    named = [m for m in _mentions(text, who.aliases) if m.context != "assessor" and who.owns(m)]
    mentions = [m for m in _mentions(text, who.aliases) if not m.context and not m.key.startswith("body:")]
    start, end = headline_bounds(text)
    firsts: dict[str, _Mention] = {}
    for m in mentions:
        if start <= m.start < end and not _ASIDE_BEFORE.search(text[start : m.start]):
            firsts.setdefault(m.key, m)
    heads = list(firsts.values())
    competitors: list[tuple[str, Span]] = []
    if len(heads) >= 2 and _HEADLINE_CUE.search(text[start:end]) and not who.owns(heads[0]):
        competitors = [(one_line(text, start, end), Span(start=start, end=end))]
        why = "the headline gives results to more than one region, and the subject is not the first"
    else:
        own, others = _others(text, who)
        # A province's own kabupaten and kota are its round-up, not its rivals.
        province = who.code if who.code and "." not in who.code else "-"
        regions = [
            results
            for key, results in others.items()
            if not key.startswith("body:")
            and not (results[0].owner and (results[0].owner.code or "").startswith(province + "."))
        ]
        # The headline and the lead name the story's subject (news-writing convention).
        lead = lead_bounds(text)
        if not named or any(start <= m.start < end or lead[0] <= m.start < lead[1] for m in named):
            return []
        if len(regions) < 2 or own > max(len(results) for results in regions):
            return []
        for results in sorted(regions, key=len, reverse=True)[:3]:
            competitors.append(
                (_result_words(text, results[0]), Span(start=results[0].start, end=results[0].end))
            )
        why = (
            f"the article gives results to {len(regions)} other regions, as many or more than to the subject"
        )
    quotes = "; ".join(f"'{words}'" for words, _ in competitors)
    return [
        flag(
            COMPETING,
            Severity.warning,
            "subject",
            f"The subject {who.name} competes with other candidates: {why} ({quotes}).",
            "one main subject per article: the region its headline gives the result to, or the one "
            "the story is about; a round-up's other regions are listed (corpus gold conventions)",
            [*ctx.spans("subject"), *(span for _, span in competitors)],
        )
    ]
