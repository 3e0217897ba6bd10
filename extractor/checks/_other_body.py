"""Check 9: another body's number stored as the Ombudsman score.

KemenPAN-RB's Indeks Pelayanan Publik, the Indeks Kepuasan Masyarakat, the maladministration
perception index and KIP rankings sit beside Ombudsman results in the same stories. A score is
suspect when the sentence that prints it names such a body or index closer to the number than
it names the Ombudsman (or does not name the Ombudsman at all).
"""

from __future__ import annotations

import re

from extractor.checks._base import Context, flag, num
from extractor.checks._text import find_number, sentence_bounds
from schemas.record import Flag, Severity, Span
from schemas.values import AssessmentKind

OTHER_BODY = "other_body_score"
CODES = (OTHER_BODY,)

_OTHER = re.compile(
    r"kemen\s*-?\s*pan\s*-?\s*rb|\bpan\s*-?\s*rb\b|menpan|pendayagunaan\s+aparatur|"
    r"indeks\s+pelayanan\s+publik|\bipp\b|pekppp|indeks\s+kepuasan|\bikm\b|survei\s+kepuasan|\bskm\b|"
    r"indeks\s+persepsi|persepsi\s+maladministrasi|keterbukaan\s+informasi|komisi\s+informasi|\bkip\b|"
    r"\bsakip\b|\bspbe\b|indeks\s+reformasi|\bkpk\b|survei\s+penilaian\s+integritas|\bspi\b",
    re.IGNORECASE,
)
_OMBUDSMAN = re.compile(r"ombudsman", re.IGNORECASE)
_BASIS = (
    "the record's score is the Ombudsman RI compliance score; KemenPAN-RB's Indeks Pelayanan Publik "
    "(1–5 scale), the Indeks Kepuasan Masyarakat, the maladministration perception index and KIP "
    "rankings are other assessments (OMBUDSMAN.md, 'Confusers')"
)


def check_other_body(ctx: Context) -> list[Flag]:
    e = ctx.extraction
    flags: list[Flag] = []
    if e.score is not None and e.assessment in (AssessmentKind.other_index, AssessmentKind.none):
        flags.append(
            flag(
                OTHER_BODY,
                Severity.warning,
                "score",
                f"The extraction marks the article's assessment as {e.assessment.value}, yet stores "
                f"{num(e.score)} as the Ombudsman score.",
                _BASIS,
                ctx.spans("score", "assessment"),
            )
        )
    if ctx.text is None:
        return flags
    values = [("score", "score", e.score)]
    values += [(f"previous[{i}].score", f"previous[{i}]", p.score) for i, p in enumerate(e.previous)]
    for field, path, value in values:
        if value is None:
            continue
        tie = _tie(ctx, path, value)
        if tie is None:
            # The quoted place may be innocent while the same number is credited to another body
            # elsewhere ("Pelayanan Prima dari KemenPAN-RB dengan nilai 97,76" ... "nilai 97,76").
            elsewhere = _tie_anywhere(ctx.text, value)
            if elsewhere is not None:
                other_body, other_sentence, other_span = elsewhere
                flags.append(
                    flag(
                        OTHER_BODY,
                        Severity.warning,
                        field,
                        f"Elsewhere the article ties the same number {num(value)} to {other_body!r}: "
                        f"'{_clip(other_sentence)}'. Check that it is the Ombudsman's score.",
                        _BASIS,
                        [other_span, *ctx.spans(path)],
                    )
                )
            continue
        body, sentence, span = tie
        flags.append(
            flag(
                OTHER_BODY,
                Severity.error,
                field,
                f"The article ties {num(value)} to {body!r}, not to the Ombudsman: '{_clip(sentence)}'.",
                _BASIS,
                ([span] if span else []) + ctx.spans(path),
            )
        )
    return flags


def _tie(ctx: Context, path: str, value: float) -> tuple[str, str, Span | None] | None:
    """The other body named next to the number, the sentence, and where it is, if the number is
    theirs. Looks at the sentence of the score's quote, or of every place the number is printed;
    an unlocated quote is read on its own."""
    assert ctx.text is not None
    text = ctx.text
    evidence = ctx.evidence(path)
    if evidence is not None and not evidence.aligned:
        hits = find_number(evidence.quote, value)
        if hits:
            body = _nearer_than_ombudsman(evidence.quote, 0, len(evidence.quote), hits[0].start, hits[0].end)
            if body is not None:
                return body, evidence.quote, None
        return None
    if evidence is not None and evidence.start is not None and evidence.end is not None:
        inside = find_number(text[evidence.start : evidence.end], value)
        places = [(evidence.start + h.start, evidence.start + h.end) for h in inside] or [
            (evidence.start, evidence.end)
        ]
    else:
        places = [(hit.start, hit.end) for hit in find_number(text, value)]
    for start, end in places:
        begin, stop = sentence_bounds(text, start, end)
        body = _nearer_than_ombudsman(text, begin, stop, start, end)
        if body is not None:
            return body, text[begin:stop], Span(start=begin, end=stop)
    return None


def _tie_anywhere(text: str, value: float) -> tuple[str, str, Span] | None:
    for hit in find_number(text, value):
        begin, stop = sentence_bounds(text, hit.start, hit.end)
        body = _nearer_than_ombudsman(text, begin, stop, hit.start, hit.end)
        if body is not None:
            return body, text[begin:stop], Span(start=begin, end=stop)
    return None


def _nearer_than_ombudsman(text: str, begin: int, stop: int, start: int, end: int) -> str | None:
    """Within ``text[begin:stop]``, another body named closer to ``text[start:end]`` than the
    Ombudsman (or with no Ombudsman named at all)."""
    others = [
        (_distance(m.start(), m.end(), start, end), m.group(0)) for m in _OTHER.finditer(text, begin, stop)
    ]
    if not others:
        return None
    ombudsman = [_distance(m.start(), m.end(), start, end) for m in _OMBUDSMAN.finditer(text, begin, stop)]
    nearest, body = min(others)
    return body if not ombudsman or nearest < min(ombudsman) else None


def _distance(a: int, b: int, start: int, end: int) -> int:
    return max(0, start - b, a - end)


def _clip(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= 160 else text[:157] + "…"
