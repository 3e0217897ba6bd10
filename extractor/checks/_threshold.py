"""Check 13 (continued): a value read from a statement that does not give the subject's result.

- ``score_is_threshold``: the number is an edge of a band ("88,00 – 100", "rentang 78–88"), a
  bound ("di atas 78", "minimal 80"), a target ("target 90") or an example ("misalnya nilai 80").
- ``zone_negated``: the zone or grade is said of a negated or former side ("tidak ada lagi ... zona
  merah", "belum masuk zona hijau", "keluar dari zona merah", "turun dari zona hijau ke kuning"),
  or is an aim ("agar bergerak ke zona hijau").
- ``competing_score``: the score's statement, or another statement about the subject, gives the
  subject a different number too; the reviewer has to choose.

Each looks at every place the article prints the value: it fires only when the quoted place (or,
without a quote, every place) is of that kind and no place states the value plainly.
"""

from __future__ import annotations

import re

from extractor.checks._attribution import clip, letters_of, quoted_places, subject_names, tie
from extractor.checks._base import Context, flag, num
from extractor.checks._bodies import Name
from extractor.checks._text import (
    RANGE,
    cents,
    describes_band,
    find_number,
    grade_hits,
    number_hits,
    sentence_bounds,
    zone_hits,
)
from schemas.record import Extraction, Flag, Severity, Span

THRESHOLD = "score_is_threshold"
NEGATED = "zone_negated"  # the zone or the grade
COMPETING = "competing_score"
CODES = (THRESHOLD, NEGATED, COMPETING)

# -- lexicons (from how the press writes the scale and results; OMBUDSMAN.md, "Confusers") --------

# Right before a number: it bounds a band or is a target or an example, not a result.
_BOUND = re.compile(
    r"(?:di\s+atas|di\s+bawah|minimal|minimum|maksimal|maksimum|paling\s+(?:rendah|sedikit|tinggi|kecil)|"
    r"lebih\s+dari|kurang\s+dari|ambang(?:\s+batas)?|batas(?:\s+(?:bawah|atas|minimal|nilai))?|rentang|"
    r"interval|kisaran|berkisar(?:\s+antara)?|antara|≥|>=|>|<|≤|<=)(?:\s+(?:nilai|skor|angka))?\s*$",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"(?:target(?:nya|kan)?|ditargetkan|menargetkan|sasaran|diharapkan|berharap)"
    r"(?:\s+(?!\d)[\w-]+){0,3}\s*$",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(
    r"(?:misalnya|misalkan|misal|contohnya|contoh|umpamanya|seumpama|andaikan|katakanlah)"
    r"(?:\s+(?!\d)[\w-]+){0,4}\s*$",
    re.IGNORECASE,
)
# "nilainya 80-an", "90an": a number with the suffix -an is a decade of values, not one value.
_ROUND_FIGURE = re.compile(r"-?an\b", re.IGNORECASE)
# "naik dari 79,19 hingga 82,28" is a change, not a band.
_CHANGE_BEFORE = re.compile(
    r"\b(?:naik|turun|meningkat|menurun|bertambah|berkurang|melonjak|anjlok|merosot|kenaikan|penurunan)\b"
    r"(?:\s+\S+){0,4}\s+dari\s*$",
    re.IGNORECASE,
)
# Before a zone word in its clause: it is denied ("tidak ada lagi ... zona merah") ...
_NEGATION = re.compile(
    r"\b(?:tidak|tak|bukan|belum|tiada|tanpa)\b(?!\s+(?:hanya|sekadar|saja|cuma|lagi\s+hanya))"
    r"(?:\s+(?!(?:namun|tetapi|tapi|melainkan|justru|sedangkan|masih|kini|sekarang|tetap|malah)\b)\S+){0,10}\s*$",
    re.IGNORECASE,
)
# ... left behind ("keluar dari zona merah", "naik dari zona merah") ...
_LEFT = re.compile(
    r"\b(?:(?:keluar|lepas|terlepas|lolos|bebas|terhindar|beranjak|bergeser|berpindah|pindah|naik|turun|"
    r"meningkat|menurun|berubah|beralih|merosot|anjlok|bangkit)(?:\s+\S+){0,3}\s+dari|meninggalkan)\s*$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bdari\s*$", re.IGNORECASE)  # "dari zona merah ke zona kuning" needs the "ke"
# ... or only aimed at ("agar secepatnya bergerak ke zona hijau", "menuju zona hijau").
_AIM = re.compile(
    r"\b(?:agar|supaya|menuju|target(?:nya|kan)?|ditargetkan|diharapkan|berharap|harapan|bergerak\s+ke|"
    r"mengejar|berupaya|berusaha)\b(?:\s+\S+){0,6}\s*$",
    re.IGNORECASE,
)
_TO = re.compile(
    r"\s*(?:,\s*)?(?:\S+\s+){0,3}?(?:ke|menjadi|menuju)\s+(?:zona\s+|zonasi\s+|kualitas\s+)?\w+",
    re.IGNORECASE,
)
_FORMERLY = re.compile(r"\s*(?:\S+\s+){0,2}?(?:sebelumnya|tahun\s+lalu|semula)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[;:.!?\n](?!\d)|,(?!\d)|\b(?:namun|tetapi|tapi|melainkan|sedangkan|sementara)\b")


def _clause_before(text: str, begin: int, start: int) -> str:
    """The text of the clause before ``start``: since the last comma, stop or contrast word."""
    cut = begin
    for match in _CLAUSE.finditer(text, begin, start):
        cut = match.end()
    return text[cut:start]


def _sentence_before(text: str, start: int, reach: int = 80) -> str:
    begin = max(0, start - reach)
    line = text.rfind("\n", begin, start)
    return text[line + 1 if line >= 0 else begin : start]


# -- score_is_threshold ---------------------------------------------------------------------------


def _threshold_kind(text: str, start: int, end: int) -> str | None:
    """'band', 'bound', 'target', 'example' or 'round' when the number printed at text[start:end] is one."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for match in RANGE.finditer(text, max(line_start, start - 16), min(line_end, end + 16)):
        if match.start() <= start and end <= match.end() and (match.start() == start or match.end() == end):
            low, high = (float(match.group(g).replace(" ", "").replace(",", ".")) for g in ("low", "high"))
            changed = _CHANGE_BEFORE.search(text, line_start, match.start())
            if low < high and not changed:
                return "band"
    if _ROUND_FIGURE.match(text, end):
        return "round"
    before = _sentence_before(text, start)
    for kind, pattern in (("bound", _BOUND), ("target", _TARGET), ("example", _EXAMPLE)):
        if pattern.search(before):
            return kind
    return None


_KIND_WORDS = {
    "band": "an edge of a band",
    "bound": "a bound",
    "target": "a target",
    "example": "an example",
    "round": "a round figure ('80-an': in the eighties)",
}


def check_threshold(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    if ctx.text is None or e.score is None:
        return []
    text = ctx.text
    places = [(h.start, h.end) for h in find_number(text, e.score)]
    kinds = {place: _threshold_kind(text, *place) for place in places}
    if not places or any(kind is None for kind in kinds.values()):
        return []  # somewhere the article prints it as a plain value
    place = quoted_places(ctx, "score", places)[0]
    kind = kinds[place] or "band"
    begin, stop = sentence_bounds(text, *place)
    year = f" of the {e.assessment_year} scale" if e.assessment_year else ""
    return [
        flag(
            THRESHOLD,
            Severity.error if kind == "band" else Severity.warning,
            "score",
            f"The article prints {num(e.score)} only as {_KIND_WORDS[kind]}{year}, not as a result: "
            f"'{clip(text[begin:stop])}'.",
            "a score is one result; a band's edge, a bound, a target, an example or a round figure "
            "('80-an') is not (OMBUDSMAN.md, "
            "'Confusers': articles about the method give thresholds or a hypothetical 'nilai 80')",
            [Span(start=begin, end=stop), *ctx.spans("score")],
        )
    ]


# -- zone_negated ---------------------------------------------------------------------------------


def _side(text: str, start: int, end: int) -> str | None:
    """'negated', 'former' or 'aim' when the zone word at text[start:end] is not stated as held."""
    begin = text.rfind("\n", 0, start) + 1
    clause = _clause_before(text, begin, start)
    after = text[end : end + 60]
    if _LEFT.search(clause) or (_FROM.search(clause) and (_TO.match(after) or _FORMERLY.match(after))):
        return "former"
    if _FORMERLY.match(text[end : end + 40]) and not _TO.match(text[end : end + 40]):
        return "former"
    if _NEGATION.search(clause):
        return "negated"
    if _AIM.search(clause):
        return "aim"
    return None


_SIDE_WORDS = {"negated": "denied", "former": "left behind", "aim": "only aimed at"}


def check_negated(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    if ctx.text is None:
        return []
    text = ctx.text
    subject = subject_names(e)
    flags: list[Flag] = []
    for field, value in (
        ("zone", e.zone.value if e.zone else None),
        ("grade", e.grade.value if e.grade else None),
    ):
        if value is None:
            continue
        hits = zone_hits(text, value) if field == "zone" else grade_hits(text, value, letters_of(value))
        places = [h for h in hits if not describes_band(text, h[1])]
        sides = {place: _side(text, *place) for place in places}
        held = [p for p, side in sides.items() if side is None]
        if not places or any(tie(text, *p).whose(subject) != "other" for p in held):
            continue  # stated as held somewhere (by the subject, or by nobody in particular)
        place = next((p for p in quoted_places(ctx, field, places) if sides[p]), None)
        if place is None:
            continue
        side = sides[place]
        assert side is not None
        t = tie(text, *place)
        certain = side == "former" and t.whose(subject) != "other"
        year = f" ({e.assessment_year} assessment)" if e.assessment_year else ""
        flags.append(
            flag(
                NEGATED,
                Severity.error if certain else Severity.warning,
                field,
                f"The article says {field} {value!r} only as {_SIDE_WORDS[side]}{year}: "
                f"'{clip(text[t.statement.start : t.statement.end])}'.",
                "a zone or grade that is denied ('belum', 'tidak ada lagi'), left ('keluar dari', 'turun "
                "dari X ke Y': X is the former one) or aimed at is not the one held",
                [t.statement, *ctx.spans(field)],
            )
        )
    return flags


# -- competing_score ------------------------------------------------------------------------------

# Right before a number: it is the subject's result ("memperoleh nilai", "dengan skor").
_SCORE_CUE = re.compile(
    r"(?:nilai|skor|indeks|angka|memperoleh|meraih|mendapat(?:kan)?|mengantongi|mencatat|capaian|"
    r"sebesar|dengan)(?:\s+(?:kepatuhan|akhir|total|rata-rata|sebesar|yakni|yaitu|hanya|cuma))*\s*:?\s*$",
    re.IGNORECASE,
)
# Around a number: not a result (a change, a rank, a share, a count, a national figure).
_NOT_A_SCORE_BEFORE = re.compile(
    r"(?:naik|turun|meningkat|menurun|bertambah|berkurang|selisih|kenaikan|penurunan|peringkat|urutan|"
    r"ranking|posisi|ke-|nasional|rata-rata\s+nasional)\s*(?:\S+\s+){0,1}$",
    re.IGNORECASE,
)
_NOT_A_SCORE_AFTER = re.compile(
    r"\s*(?:poin|persen|%|instansi|kabupaten|kota|unit|dari\s+\d|besar)", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(20[0-3]\d|19\d\d)(?!\d)")


def _candidates(ctx: Context, begin: int, stop: int) -> list[tuple[float, int, int]]:
    """Result-like numbers in text[begin:stop], with where they are."""
    assert ctx.text is not None
    text = ctx.text
    e = ctx.extraction
    known = {cents(p.score) for p in e.previous} | {cents(u.score) for u in e.units if u.score is not None}
    out = []
    for hit in number_hits(text[begin:stop]):
        start, end = begin + hit.start, begin + hit.end
        before = text[max(begin, start - 40) : start]
        if not (0 < hit.value <= 100) or cents(hit.value) in known:
            continue
        decimal = "," in text[start:end] or "." in text[start:end]
        if not (decimal or _SCORE_CUE.search(before)) or _threshold_kind(text, start, end):
            continue
        if _NOT_A_SCORE_BEFORE.search(before) or _NOT_A_SCORE_AFTER.match(text, end):
            continue
        if re.match(r"[/\-]\d", text[end : end + 2]) or re.search(
            r"\d[/\-]$", text[max(0, start - 2) : start]
        ):
            continue  # a date: "16/12/2024", "03-12-2024"
        out.append((hit.value, start, end))
    return out


def check_competing(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    subject = subject_names(e)
    if ctx.text is None or e.score is None or not subject:
        return []
    text = ctx.text
    places = [(h.start, h.end) for h in find_number(text, e.score)]
    if not places:
        return []
    own = cents(e.score)
    rivals: dict[int, tuple[float, Span]] = {}
    quoted = quoted_places(ctx, "score", places)
    # The score's own statement: another number of the subject's beside it.
    for place in quoted[:1]:
        t = tie(text, *place)
        if t.whose(subject) == "other":
            return []  # the value is another's: ``score_attributed_elsewhere`` says so
        for value, start, end in _candidates(ctx, t.statement.start, t.statement.end):
            if abs(cents(value) - own) > 1 and _whose(text, start, end, subject) != "other":
                if _other_year(ctx.extraction, text, t.statement.start, t.statement.end):
                    continue
                rivals.setdefault(cents(value), (value, t.statement))
    # Other statements that give the subject a result, fastened to a score cue.
    for value, start, end in _candidates(ctx, 0, len(text)):
        if abs(cents(value) - own) <= 1 or cents(value) in rivals:
            continue  # "98,17" and "98,18": the same score printed two ways
        if not _SCORE_CUE.search(text[max(0, start - 30) : start]):
            continue
        t = tie(text, start, end)
        if t.whose(subject) != "subject" or _other_year(e, text, t.statement.start, t.statement.end):
            continue
        rivals.setdefault(cents(value), (value, t.statement))
    if not rivals:
        return []
    shown = "; ".join(
        f"{num(value)} in '{clip(text[span.start : span.end])}'" for value, span in list(rivals.values())[:3]
    )
    return [
        flag(
            COMPETING,
            Severity.warning,
            "score",
            f"The article gives {_subject_name(e)} other numbers besides {num(e.score)}"
            f"{f' for {e.assessment_year}' if e.assessment_year else ''}: {shown}. Check which is the score.",
            "one subject has one score per assessment year; several candidates in its statements make "
            "the choice ambiguous (a unit's, a previous year's or a changed amount's number is not counted)",
            [*(span for _, span in rivals.values()), *ctx.spans("score")],
        )
    ]


def _whose(text: str, start: int, end: int, subject: tuple[Name, ...]) -> str:
    return tie(text, start, end).whose(subject)


def _other_year(e: Extraction, text: str, begin: int, stop: int) -> bool:
    """Whether the statement names a year other than the assessment year (a past result)."""
    years = {int(y) for y in _YEAR.findall(text[begin:stop])}
    if e.assessment_year is None:
        return bool(years)
    return bool(years - {e.assessment_year, e.assessment_year + 1})


def _subject_name(e: Extraction) -> str:
    return repr(e.subject.name) if e.subject else "the subject"
