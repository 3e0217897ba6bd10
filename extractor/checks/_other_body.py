"""Check 9: another body's number stored as the Ombudsman score.

KemenPAN-RB's Indeks Pelayanan Publik, the Indeks Kepuasan Masyarakat, the maladministration
perception index and KIP rankings sit beside Ombudsman results in the same stories. A score is
suspect when the sentence that prints it names such a body or index closer to the number than
it names the Ombudsman (or does not name the Ombudsman at all). Figures that are not a
subject's result at all (a national average, a count of complaints, a percentage of providers)
tie only the number printed right beside them. A score below 10 next to an index word is read
as an index (IPP runs 1–5), not as a 0–100 compliance score, even where the Ombudsman is named;
and a grade whose only ground is another body's letter predicate ("predikat A (Pelayanan
Prima)") is not an Ombudsman grade, which goes with "kategori" or "kualitas".
"""

from __future__ import annotations

import re

from extractor.checks._base import Context, flag, num
from extractor.checks._text import find_number, sentence_bounds, words
from schemas.record import Flag, Severity, Span
from schemas.values import GRADE_CONTEXT_WORDS, GRADE_LETTERS, AssessmentKind

OTHER_BODY = "other_body_score"
CODES = (OTHER_BODY,)

# The lexicons below are the other assessments and figures that stories print beside the
# Ombudsman result (OMBUDSMAN.md, "Confusers" and "How numbers appear"): KemenPAN-RB's
# Indeks Pelayanan Publik (IPP, 1-5, "predikat A (Pelayanan Prima)"), SAKIP and Reformasi
# Birokrasi, the IKM/SKM satisfaction surveys, KIP information disclosure, the BPK audit
# opinion (WTP), the Ombudsman's own maladministration perception index, SPBE and KPK's SPI.
# A number in the same sentence is theirs when they are named closer to it than the Ombudsman.
_OTHER = re.compile(
    r"kemen\s*-?\s*pan\s*-?\s*rb|\bpan\s*-?\s*rb\b|menpan|pendayagunaan\s+aparatur|"
    r"indeks\s+pelayanan\s+publik|\bipp\b|pekppp|pelayanan\s+prima|"
    r"indeks\s+kepuasan|\bikm\b|survei\s+kepuasan|\bskm\b|"
    r"indeks\s+persepsi|persepsi\s+maladministrasi|keterbukaan\s+informasi|komisi\s+informasi|\bkip\b|"
    r"\bsakip\b|akuntabilitas\s+kinerja|reformasi\s+birokrasi|\bindeks\s+rb\b|\bspbe\b|indeks\s+reformasi|"
    r"\bbpk\b|badan\s+pemeriksa\s+keuangan|wajar\s+tanpa\s+pengecualian|\bwtp\b|"
    r"\bkpk\b|survei\s+penilaian\s+integritas|\bspi\b",
    re.IGNORECASE,
)
# Figures that are nobody's result: they tie only the number right after them ("rata-rata
# nasional 62,5") ...
_FIGURE_BEFORE = re.compile(
    r"rata\s*-?\s*rata\s+nasional|rerata\s+nasional|rata\s*-?\s*rata\s+(?:provinsi|kabupaten|kota)\s+se",
    re.IGNORECASE,
)
# ... or right before them: complaint statistics ("45 laporan pengaduan") and percentages of
# providers ("40 persen pemerintah daerah", "62,5% kabupaten/kota").
_FIGURE_AFTER = re.compile(
    r"(?:laporan\s+)?(?:pengaduan|aduan|laporan\s+masyarakat)|"
    r"(?:persen|%)\s+(?:dari\s+)?(?:(?:total|jumlah|seluruh)\s+)?(?:penyelenggara|pemerintah|pemda|pemkab|pemkot|"
    r"kabupaten|kota|provinsi|instansi|kementerian|lembaga|daerah|unit|satuan\s+kerja|opd)",
    re.IGNORECASE,
)
_BESIDE = 30  # characters between such a figure's words and its number
# Words that say a number is an index, for a score too small to be a 0-100 compliance score.
_INDEX = re.compile(rf"{_OTHER.pattern}|\bindeks\b|\bskala\b", re.IGNORECASE)
_SMALL = 10.0  # below this, a compliance score (0-100) next to an index word is implausible
_NEAR_INDEX = 120  # characters around the number
# A letter predicate ("predikat A", "nilai B"); and the words an Ombudsman grade goes with.
_LETTER = r"(?:predikat|nilai|grade|peringkat|meraih|mendapat|memperoleh)\s*[\"“'(]?\s*{letter}\b"
_OMBUDSMAN_GRADE = r"\b(?:" + "|".join(GRADE_CONTEXT_WORDS) + r")\s+(?:\w+\s+)?(?:{grade}|{letter})\b"
_OMBUDSMAN = re.compile(r"ombudsman", re.IGNORECASE)
_BASIS = (
    "the record's score is the Ombudsman RI compliance score (0–100); KemenPAN-RB's Indeks Pelayanan "
    "Publik (1–5 scale, 'predikat A'), SAKIP, Reformasi Birokrasi, the Indeks Kepuasan Masyarakat, "
    "KIP rankings, the BPK opinion, the maladministration perception index, complaint statistics, "
    "national averages and percentages of providers are other figures (OMBUDSMAN.md, 'Confusers')"
)


def _small_index(ctx: Context, path: str, value: float) -> tuple[str, Span | None] | None:
    """An index word near a score below 10: the score is most likely that index's."""
    assert ctx.text is not None
    if value >= _SMALL:
        return None
    evidence = ctx.evidence(path)
    if evidence is not None and not evidence.aligned:
        found = _INDEX.search(evidence.quote)
        return (
            (found.group(0), Span(start=0, end=0)) if found and find_number(evidence.quote, value) else None
        )
    text = ctx.text
    if evidence is not None and evidence.start is not None and evidence.end is not None:
        places = [(evidence.start, evidence.end)]
    else:
        places = [(hit.start, hit.end) for hit in find_number(text, value)]
    for start, end in places:
        begin, stop = max(0, start - _NEAR_INDEX), min(len(text), end + _NEAR_INDEX)
        found = _INDEX.search(text, begin, stop)
        if found is not None:
            return found.group(0), Span(start=begin, end=stop)
    return None


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
        small = _small_index(ctx, path, value) if tie is None else None
        if small is not None:
            word, where = small
            flags.append(
                flag(
                    OTHER_BODY,
                    Severity.warning,
                    field,
                    f"{num(value)} is stored as a 0–100 compliance score, but it is printed near "
                    f"{word!r}: a number below {num(_SMALL)} there is an index (KemenPAN-RB's IPP "
                    "runs 1–5), not the Ombudsman's score.",
                    _BASIS,
                    ([where] if where else []) + ctx.spans(path),
                )
            )
            continue
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
    flags += _other_grade(ctx)
    return flags


def _other_grade(ctx: Context) -> list[Flag]:
    """A grade whose only ground in the article is a letter predicate of another body."""
    e, text = ctx.extraction, ctx.text
    if e.grade is None or text is None:
        return []
    grade = e.grade.value
    letters = [letter.upper() for letter, value in GRADE_LETTERS.items() if value.value == grade]
    if not letters:
        return []
    letter = letters[0]
    ombudsman = re.compile(_OMBUDSMAN_GRADE.format(grade=grade, letter=letter.lower()))
    if ombudsman.search(words(text)):
        return []
    others: list[tuple[str, Span]] = []
    for match in re.finditer(_LETTER.format(letter=letter), text, re.IGNORECASE):
        if text[match.end() - 1] != letter:  # the letter as a capital, not a word's first letter
            continue
        begin, stop = sentence_bounds(text, match.start(), match.end())
        body = _nearer_than_ombudsman(text, begin, stop, match.start(), match.end())
        if body is None:
            return []  # a letter predicate of the Ombudsman's own (or of nobody named)
        others.append((body, Span(start=begin, end=stop)))
    if not others:
        return []
    body, span = others[0]
    return [
        flag(
            OTHER_BODY,
            Severity.warning,
            "grade",
            f"The grade {grade} rests only on a letter predicate '{letter}' that the article gives "
            f"with {body!r}; an Ombudsman grade is printed as 'kategori {letter}' or 'kualitas {grade}'.",
            _BASIS,
            [span, *ctx.spans("grade")],
        )
    ]


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
    Ombudsman (or with no Ombudsman named at all), or a figure printed right beside it."""
    figure = _figure_beside(text, begin, stop, start, end)
    if figure is not None:
        return figure
    others = [
        (_distance(m.start(), m.end(), start, end), m.group(0)) for m in _OTHER.finditer(text, begin, stop)
    ]
    if not others:
        return None
    ombudsman = [_distance(m.start(), m.end(), start, end) for m in _OMBUDSMAN.finditer(text, begin, stop)]
    nearest, body = min(others)
    return body if not ombudsman or nearest < min(ombudsman) else None


def _figure_beside(text: str, begin: int, stop: int, start: int, end: int) -> str | None:
    """A national average, complaint count or share of providers printed right beside the number."""
    for match in _FIGURE_BEFORE.finditer(text, max(begin, start - 80), start):
        gap = text[match.end() : start]
        if len(gap) <= _BESIDE and not re.search(r"\d", gap):
            return match.group(0)
    rest = text[end:stop]
    after = _FIGURE_AFTER.match(text, end + len(rest) - len(rest.lstrip()), stop)  # after spaces
    return after.group(0) if after is not None else None


def _distance(a: int, b: int, start: int, end: int) -> int:
    return max(0, start - b, a - end)


def _clip(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= 160 else text[:157] + "…"
