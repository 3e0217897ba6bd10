"""The assessment year read from the wrong statement: a plan for a later round, or a year the
article does not give to any result.

Stories on a handover often end with what comes next ("untuk penilaian tahun 2026, kami akan
…"): that year is the next round, not the one whose results are reported. And where the article
prints the assessed year beside the assessment ("Hasil Penilaian Kepatuhan … Tahun 2025") a
stored year that no such statement prints is doubtful (OMBUDSMAN.md, "What a reader can check":
the year is the year assessed, announced at the end of that year or early in the next).
"""

from __future__ import annotations

import re

from extractor.checks._base import Context, flag
from extractor.checks._text import sentence_bounds
from schemas.record import Flag, Severity, Span

FROM_PLAN = "year_from_plan"
COMPETING = "competing_year"
CODES = (FROM_PLAN, COMPETING)

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Words that put a year in the future of the story: a plan, a target, the next round.
_PLAN = re.compile(
    r"\b(?:untuk\s+(?:penilaian\s+(?:kepatuhan\s+)?)?(?:tahun|periode)|tahun\s+depan|mendatang|ke\s+depan|"
    r"akan|target(?:nya)?|rencana(?:nya)?|menargetkan|berikutnya|selanjutnya)\b",
    re.IGNORECASE,
)
_PLAN_LOOKBACK = 60  # characters before the year, within its sentence
# The assessment named with its year: "Penilaian Kepatuhan … Tahun 2025", "hasil penilaian 2024",
# "Opini Pengawasan … 2025", "predikat kepatuhan tahun 2021".
_ASSESSMENT_YEAR = re.compile(
    r"\b(?:penilaian|opini|predikat|survei|kepatuhan)\b[^.!?\n\d]{0,90}?(?:tahun\s+|ta\.?\s+|periode\s+)?"
    r"(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# A statement of a result, not of the assessment in general: a socialisation or a round under way
# ("Sosialisasi … Penilaian … Tahun 2025") names a year whose results do not exist yet.
_RESULT_WORD = re.compile(
    r"\b(?:hasil|predikat|meraih|raih|memperoleh|mendapat(?:kan)?|nilai(?:nya)?|skor|zona|kategori|"
    r"penghargaan|piagam|diserahkan|menyerahkan|penyerahan)\b",
    re.IGNORECASE,
)
_BASIS = (
    "the assessment year is the year assessed (OMBUDSMAN.md): a plan for a later round is not a "
    "result, and an article that names the assessment with its year states the year it reports"
)


def check_year_statement(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    if ctx.text is None or e.assessment_year is None:
        return []
    plan = _plan(ctx, e.assessment_year)
    if plan is not None:
        return [plan]
    competing = _competing(ctx, e.assessment_year)
    return [competing] if competing is not None else []


def _plan(ctx: Context, year: int) -> Flag | None:
    """The year's quote (or, without one, every place the year is printed) speaks of the future."""
    assert ctx.text is not None
    text = ctx.text
    evidence = ctx.evidence("assessment_year")
    if evidence is not None and evidence.aligned and evidence.start is not None and evidence.end is not None:
        places = [m for m in _YEAR.finditer(text, evidence.start, evidence.end) if int(m.group(0)) == year]
    else:
        places = [m for m in _YEAR.finditer(text) if int(m.group(0)) == year]
    if not places:
        return None
    planned = []
    for match in places:
        begin, _ = sentence_bounds(text, match.start(), match.end())
        before = text[max(begin, match.start() - _PLAN_LOOKBACK) : match.start()]
        word = _PLAN.search(before)
        if word is None:
            return None  # one plain statement of the year is enough
        planned.append((match, word.group(0)))
    match, plan_word = planned[0]
    begin, stop = sentence_bounds(text, match.start(), match.end())
    others = {int(m.group("year")) for m in _result_statements(text)} - {year}
    also = (
        f" The article names the assessment with {', '.join(str(y) for y in sorted(others))}."
        if others
        else ""
    )
    return flag(
        FROM_PLAN,
        Severity.warning,
        "assessment_year",
        f"The year {year} is printed only as a plan or a next round ('{plan_word}'): "
        f"'{_clip(text[begin:stop])}'.{also} Check the year whose results the article reports.",
        _BASIS,
        [Span(start=begin, end=stop), *ctx.spans("assessment_year")],
    )


def _competing(ctx: Context, year: int) -> Flag | None:
    """The article names the assessment with other years, never with the stored one."""
    assert ctx.text is not None
    statements = _result_statements(ctx.text)
    stated = {int(m.group("year")) for m in statements}
    if not stated or year in stated:
        return None
    first = statements[0]
    quotes = "; ".join(
        f"'{_clip(ctx.text[m.start() : m.end()])}'" for m in statements[:3] if int(m.group("year")) != year
    )
    return flag(
        COMPETING,
        Severity.warning,
        "assessment_year",
        f"The article names the assessment with {', '.join(str(y) for y in sorted(stated))} "
        f"({quotes}), never with {year}: check the assessment year.",
        _BASIS,
        [Span(start=first.start(), end=first.end()), *ctx.spans("assessment_year")],
    )


def _result_statements(text: str) -> list[re.Match[str]]:
    """The assessment named with its year in a sentence that states a result."""
    found = []
    for match in _ASSESSMENT_YEAR.finditer(text):
        begin, stop = sentence_bounds(text, match.start(), match.end())
        if _RESULT_WORD.search(text, begin, stop):
            found.append(match)
    return found


def _clip(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= 160 else text[:157] + "…"
