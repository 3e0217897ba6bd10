"""Mutation kinds of the attribution, threshold, year and spelling checks: another subject's
score, a band threshold, the publication year, another index's number, a printed spelling
variant (see ``tests/mutations.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.checks._base import num
from extractor.checks._text import find_number
from extractor.grounding import Locator
from schemas.record import Evidence, Extraction, Official
from tests.mutation_samples import Case, Sample, run_checks_on


def _score_quote(text: str, start: int, end: int, value: float) -> Evidence | None:
    """A quote as an engine gives it for a score printed in ``text[start:end]``: from some words
    before, on the same line, to the end of the number."""
    for hit in find_number(text[start:end], value):
        at = start + hit.end
        line = text.rfind("\n", 0, start + hit.start) + 1
        begin = max(line, min(start, start + hit.start - 70))
        return Evidence(quote=text[begin:at], start=begin, end=at, aligned=True)
    return None


def _as_score(sample: Sample, score: float, evidence: Evidence | None) -> Extraction:
    """The gold record with ``score`` as its score, quoted by ``evidence`` (dropped without quotes)."""
    base = sample.extraction.model_copy(update={"score": score})
    quotes = dict(base.evidence)
    quotes.pop("score", None)
    if sample.quotes and evidence is not None:
        quotes["score"] = evidence
    return base.model_copy(update={"evidence": quotes})


def _gold_scores(sample: Sample) -> set[float]:
    gold = sample.gold
    found = {gold.score} | {u.score for u in gold.units} | {p.score for p in gold.previous}
    return {float(v) for v in found if v is not None}


def score_from_elsewhere(sample: Sample) -> list[Case]:
    """Another subject's result (the gold's ``others``, with its quote) taken as the score."""
    locator = Locator(sample.text)
    cases = []
    for i, other in enumerate(sample.others):
        score, quote = other.get("score"), other.get("quote")
        if score is None or not quote or float(score) == sample.gold.score:
            continue
        found = locator.find(quote)
        if found is None or not found.aligned or found.start is None or found.end is None:
            continue  # the quote is not in the text: nothing to take the score from
        evidence = _score_quote(sample.text, found.start, found.end, float(score))
        if evidence is None:
            continue
        flags = run_checks_on(_as_score(sample, float(score), evidence), sample.text)
        name = other.get("subject", {}).get("name", f"others[{i}]")
        cases.append(
            Case(
                "score of another subject",
                sample.stem,
                f"score -> {num(float(score))} of {name}",
                "score_attributed_elsewhere",
                "score",
                flags,
                also=("competing_score",),
            )
        )
    return cases


_NUMBER = r"\d{1,3}(?:,\d{1,2}|\.\d{1,2}(?!\d))?"
# A band of the scale ("81-100", "88 hingga 100", "0 sampai 50,9") or a bound ("di atas 78").
_BAND = re.compile(
    rf"(?<![\d.,/-])(?P<low>{_NUMBER})\s*(?:–|—|-|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s*"
    rf"(?P<high>{_NUMBER})(?![\d/]|-\d)",
    re.IGNORECASE,
)
_BOUND = re.compile(
    rf"\b(?:di\s+atas|di\s+bawah|minimal|lebih\s+dari|kurang\s+dari)\s+(?:nilai\s+|skor\s+|angka\s+)?"
    rf"(?P<low>{_NUMBER})(?![\d]|\s+(?:pemerintah|pemda|kabupaten|kota|daerah|instansi|unit|orang))",
    re.IGNORECASE,
)
# What the clause before a range says for it to be the scale, not the holders' scores
# ("berkisar 82-84", "nilainya 50 sampai 60") or an age ("Usia 6-11").
_BAND_WORDS = re.compile(r"zona|zonasi|kepatuhan|kategori|kualitas|predikat|rentang|interval|range", re.I)
_HOLDERS = re.compile(r"berkisar|kisaran", re.I)


def _as_number(printed: str) -> float:
    return float(printed.replace(",", "."))


def printed_bands(text: str) -> Iterator[tuple[re.Match[str], float]]:
    """Each band or bound the article prints, with the number that stands for it: the lower edge
    (the cut), or the upper where the band starts at 0."""
    for match in [*_BAND.finditer(text), *_BOUND.finditer(text)]:
        low = _as_number(match.group("low"))
        high = _as_number(match.group("high")) if "high" in match.groupdict() else None
        if high is not None and not (low < high <= 110 and high >= 50):
            continue
        clause = text[max(text.rfind("\n", 0, match.start()) + 1, match.start() - 80) : match.start()]
        clause = re.split(r"[.;!?](?!\d)", clause)[-1]
        if _HOLDERS.search(clause) or not (_BAND_WORDS.search(clause) or match.re is _BOUND):
            continue
        yield match, (high if low == 0 and high is not None else low)


def band_as_score(sample: Sample) -> list[Case]:
    """A number of a printed band ("81-100", "di atas 80") taken as the score, with that quote."""
    cases = []
    for match, value in printed_bands(sample.text):
        if value == sample.gold.score or value > 100:
            continue
        evidence = _score_quote(sample.text, match.start(), match.end(), value)
        flags = run_checks_on(_as_score(sample, value, evidence), sample.text)
        cases.append(
            Case(
                "band threshold as score",
                sample.stem,
                f"score -> {num(value)} from {match.group(0)!r}",
                "score_is_threshold",
                "score",
                flags,
            )
        )
    return cases


# The article reports a handover of results: a handover word near a result word. A bare
# "diterima"/"menerima" is not one ("hasil yang diterima masih bersifat umum"): it must receive
# a result, or results must be delivered ("menyampaikan hasil penilaian").
_HANDOVER = re.compile(
    r"\b(?:penyerahan|menyerahkan|diserahkan|penganugerahan|menganugerahkan|dianugerahi|piagam|penghargaan|"
    r"sertifikat|menyampaikan\s+hasil|(?:menerima|diterima)(?:\s+\w+){0,2}\s+"
    r"(?:hasil|piagam|penghargaan|sertifikat|predikat))\b",
    re.IGNORECASE,
)
_RESULT = re.compile(r"predikat|penghargaan|piagam|hasil|sertifikat|kepatuhan|nilai|zona|opini", re.I)


def publication_year(sample: Sample) -> list[Case]:
    """A January–March article on a handover: the publication year taken as the assessment year
    (the gold re-quoted, as an engine would quote the date)."""
    gold = sample.gold
    published = gold.published
    if published is None or gold.assessment_year is None or published.month > 3:
        return []
    if published.year == gold.assessment_year:
        return []
    text = sample.text
    if not any(_RESULT.search(text[max(0, m.start() - 80) : m.end() + 80]) for m in _HANDOVER.finditer(text)):
        return []
    mutated = gold.model_copy(update={"assessment_year": published.year})
    flags = run_checks_on(sample.convert(mutated, text), text)
    return [
        Case(
            "publication year as year",
            sample.stem,
            f"{gold.assessment_year} -> {published.year} (published {published.isoformat()})",
            "year_is_publication_year",
            "assessment_year",
            flags,
        )
    ]


# Other assessments and indices the press prints beside the Ombudsman result.
_OTHER_INDEX = re.compile(
    r"kemen\s*-?\s*pan\s*-?\s*rb|\bpan\s*-?\s*rb\b|menpan|indeks\s+pelayanan\s+publik|indeks\s+pp\b|\bipp\b|"
    r"pekppp|indeks\s+kepuasan|\bikm\b|\bskm\b|survei\s+kepuasan|indeks\s+persepsi|\bsakip\b|\bspbe\b|"
    r"reformasi\s+birokrasi|komisi\s+informasi|keterbukaan\s+informasi|\bkip\b|\bspi\b",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"(?<![\d.,/])\d{1,3},\d{1,2}(?![\d])")


def other_index_as_score(sample: Sample) -> list[Case]:
    """A number of another index (KemenPAN-RB IPP, IKM, ...) printed in a sentence that names the
    index, taken as the score with its quote. Numbers the gold holds as Ombudsman results are not
    taken."""
    text = sample.text
    taken = _gold_scores(sample) | {float(o["score"]) for o in sample.others if o.get("score") is not None}
    seen: set[float] = set()
    cases = []
    for start, end in _sentences(text):
        if not _OTHER_INDEX.search(text[start:end]):
            continue
        for hit in _DECIMAL.finditer(text, start, end):
            value = _as_number(hit.group(0))
            if value in taken or value in seen or value > 100:
                continue
            seen.add(value)
            evidence = _score_quote(text, hit.start(), hit.end(), value)
            flags = run_checks_on(_as_score(sample, value, evidence), text)
            cases.append(
                Case(
                    "another index's number",
                    sample.stem,
                    f"score -> {num(value)} in {_short(text, start, end)!r}",
                    "other_body_score",
                    "score",
                    flags,
                )
            )
    return cases


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for stop in re.finditer(r"[.!?](?!\d)\s|\n", text):
        yield start, stop.start() + 1
        start = stop.end()
    if start < len(text):
        yield start, len(text)


def _short(text: str, start: int, end: int) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= 60 else piece[:57] + "..."


def _doubled(name: str) -> str | None:
    """The name with one letter of its longest word doubled ('Irsan' -> 'Irssan')."""
    words = name.split()
    if not words:
        return None
    i = max(range(len(words)), key=lambda k: len(words[k].strip(".,")))
    word = words[i]
    vowels = "aeiouAEIOU"
    for j in range(1, len(word) - 1):
        if word[j].isalpha() and word[j] not in vowels and word[j - 1] in vowels and word[j + 1] != word[j]:
            words[i] = word[: j + 1] + word[j] + word[j + 1 :]
            return " ".join(words)
    return None


def duplicate_spelling(sample: Sample) -> list[Case]:
    """An official listed twice, the second time under a printed spelling variant: with titles and
    degrees added ('Dr. X, S.H., M.H.') or with one letter doubled."""
    base = sample.extraction
    cases = []
    for i, official in enumerate(base.officials[:1]):
        variants = [
            ("titles", f"Dr. {official.name}, S.H., M.H."),
            ("doubled letter", _doubled(official.name)),
        ]
        for how, name in variants:
            if name is None:
                continue
            people = [*base.officials, Official(name=name, role=official.role)]
            evidence = dict(base.evidence)
            if f"officials[{i}]" in evidence:
                evidence[f"officials[{len(base.officials)}]"] = evidence[f"officials[{i}]"]
            flags = run_checks_on(
                base.model_copy(update={"officials": people, "evidence": evidence}), sample.text
            )
            cases.append(
                Case(
                    "duplicate official, spelling variant",
                    sample.stem,
                    f"officials[{i}] again as {name!r} ({how})",
                    "duplicate_official",
                    f"officials[{len(base.officials)}]",
                    flags,
                )
            )
    return cases
