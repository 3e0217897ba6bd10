"""Find each quote of a draft in the article and turn the draft into a stored ``Extraction``.

The model only copies words; the tool finds them. A quote is looked up exactly first, then
with case, runs of whitespace and typographic quotes/dashes ignored (models often "fix" those),
and the offsets always point into the original text. A quote that cannot be found is kept,
marked ``aligned=False``: the checks turn that into a flag for a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from extractor.names import normalise_subject, region_code
from schemas.draft import ArticleExtraction
from schemas.record import Evidence, Extraction, Official, OtherResult, PreviousResult, Subject, Unit
from schemas.values import AssessmentKind, Grade, SubjectKind, Zone

if TYPE_CHECKING:
    from extractor import engines

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


@dataclass(frozen=True)
class _Folded:
    """The article lower-cased with whitespace runs collapsed, and where each char came from."""

    text: str
    origin: list[int]

    @classmethod
    def of(cls, text: str) -> _Folded:
        chars: list[str] = []
        origin: list[int] = []
        previous_space = True  # drops leading whitespace
        for index, char in enumerate(text.translate(_FOLD)):
            if char.isspace():
                if previous_space:
                    continue
                char, previous_space = " ", True
            else:
                previous_space = False
            for folded in char.lower():
                chars.append(folded)
                origin.append(index)
        return cls("".join(chars), origin)


def fold_quote(quote: str) -> str:
    return " ".join(quote.translate(_FOLD).lower().split())


class Locator:
    """Locates quotes in one article (the folded copy is built once per article)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: _Folded | None = None

    def find(self, quote: str | None) -> Evidence | None:
        if quote is None or not quote.strip():
            return None
        start = self.text.find(quote)
        if start >= 0:
            return Evidence(quote=quote, start=start, end=start + len(quote), aligned=True)
        if self._folded is None:
            self._folded = _Folded.of(self.text)
        needle = fold_quote(quote)
        at = self._folded.text.find(needle)
        if at < 0:
            return Evidence(quote=quote, aligned=False)
        begin = self._folded.origin[at]
        end = self._folded.origin[at + len(needle) - 1] + 1
        return Evidence(quote=quote, start=begin, end=end, aligned=True)


def ground(draft: ArticleExtraction, text: str, runner_ups: Sequence[engines.RunnerUp] = ()) -> Extraction:
    """The stored extraction: the draft's values (and the engine's close calls), each quote
    replaced by located evidence."""
    locator = Locator(text)
    evidence: dict[str, Evidence] = {}

    def keep(path: str, quote: str | None) -> None:
        # A value the engine gave no quote for is kept with empty, unaligned evidence.
        evidence[path] = locator.find(quote) or Evidence(quote=quote or "", aligned=False)

    subject = None
    if draft.subject is not None:
        subject = Subject(
            name_as_written=draft.subject.name,
            name=normalise_subject(draft.subject.name, draft.subject.kind),
            kind=draft.subject.kind,
            region_code=region_code(draft.subject.name, draft.subject.kind),
        )
        keep("subject", draft.subject.quote)
    for name in ("assessment_year", "score", "zone", "grade", "published"):
        if getattr(draft, name) is not None:
            keep(name, getattr(draft, f"{name}_quote"))
    if draft.published is None and draft.published_quote:
        keep("published", draft.published_quote)  # a date the draft could not read: its words
    for i, previous in enumerate(draft.previous):
        keep(f"previous[{i}]", previous.quote)
    for i, official in enumerate(draft.officials):
        keep(f"officials[{i}]", official.quote)
    for i, unit in enumerate(draft.units):
        keep(f"units[{i}]", unit.quote)
    for i, other in enumerate(draft.others):
        keep(f"others[{i}]", other.quote)
    for i, runner_up in enumerate(runner_ups):
        keep(f"runner_ups[{i}]", runner_up.quote)

    extraction = extraction_of(draft, assessment=draft.assessment, subject=subject, evidence=evidence)
    extraction.others = [
        other_result(o.name, o.kind, o.assessment_year, o.score, o.zone, o.grade) for o in draft.others
    ]
    extraction.runner_ups = [r.stored for r in runner_ups]
    return extraction


def other_result(
    name: str,
    kind: SubjectKind,
    year: int | None,
    score: float | None,
    zone: Zone | None,
    grade: Grade | None,
) -> OtherResult:
    """Another subject's result as stored: its name normalised as the main subject's is."""
    subject = Subject(
        name_as_written=name,
        name=normalise_subject(name, kind),
        kind=kind,
        region_code=region_code(name, kind),
    )
    return OtherResult(subject=subject, assessment_year=year, score=score, zone=zone, grade=grade)


class _Previous(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def score(self) -> float: ...


class _Official(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str | None: ...


class _Unit(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def score(self) -> float | None: ...
    @property
    def zone(self) -> Zone | None: ...
    @property
    def grade(self) -> Grade | None: ...


class Facts(Protocol):
    """What names the facts as a draft does: a draft, and a gold annotation (``extractor.gold``),
    which builds on this module and so is not imported by it."""

    @property
    def assessment_year(self) -> int | None: ...
    @property
    def score(self) -> float | None: ...
    @property
    def zone(self) -> Zone | None: ...
    @property
    def grade(self) -> Grade | None: ...
    @property
    def published(self) -> dt.date | None: ...
    @property
    def previous(self) -> Sequence[_Previous]: ...
    @property
    def officials(self) -> Sequence[_Official]: ...
    @property
    def units(self) -> Sequence[_Unit]: ...


def extraction_of(
    facts: Facts,
    *,
    assessment: AssessmentKind,
    subject: Subject | None,
    evidence: dict[str, Evidence],
) -> Extraction:
    """The stored extraction of anything that names the facts as a draft does (a draft, a gold
    annotation): values copied, quotes replaced by the evidence given."""
    return Extraction(
        assessment=assessment,
        subject=subject,
        assessment_year=facts.assessment_year,
        score=facts.score,
        zone=facts.zone,
        grade=facts.grade,
        published=facts.published,
        previous=[PreviousResult(year=p.year, score=p.score) for p in facts.previous],
        officials=[Official(name=o.name, role=o.role) for o in facts.officials],
        units=[Unit(name=u.name, score=u.score, zone=u.zone, grade=u.grade) for u in facts.units],
        evidence=evidence,
    )
