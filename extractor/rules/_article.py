"""An article read for the rules: its parsed text, the entities named, the dates and the score
candidates, which every stage (``_scores``, ``_subject``, ``_results``, ``_units``) reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.rules._entities import Mention
from extractor.rules._labels import Label
from extractor.rules._numbers import DateMention, Number
from extractor.rules._text import Doc

# "2021 lalu" (an earlier year), "dari 2022 hingga 2024" (the later year counts).
NOT_THIS_YEAR = re.compile(
    r"\s+(?:lalu|silam)\b|\s*(?:-|–|hingga|sampai|s\.?/?d\.?)\s*20[12]\d", re.IGNORECASE
)


@dataclass
class Score:
    number: Number
    sentence: int
    owner: Mention | None = None
    year: int | None = None
    year_offset: int = 0  # +1 "setahun kemudian", -1 "tahun lalu": relative to a neighbour
    labels: list[Label] = field(default_factory=list)
    quote_start: int = 0
    quote_end: int = 0  # past the number where its owner follows it ("nilai 107 untuk Polres Keerom")

    @property
    def owner_follows(self) -> bool:
        """Whether the owner is named after the number ("nilai 107 untuk Polres Keerom")."""
        return self.quote_end > self.number.end

    def quote(self, text: str) -> str:
        """The words that state the score: from its owner (or the clause) to the number, or to the
        owner named after it."""
        return text[self.quote_start : max(self.number.end, self.quote_end)]


@dataclass
class SubjectRival:
    """Another subject that came within a point of evidence of the chosen one (``_subject``)."""

    mention: Mention
    behind: float
    reasons: list[str]
    chosen_reasons: list[str]


@dataclass
class Article:
    text: str
    doc: Doc
    mentions: list[Mention]
    scores: list[Score]
    dates: list[DateMention]
    numbers: list[Number] = field(default_factory=list)
    other_index_sentences: set[int] = field(default_factory=set)
    scale_sentences: set[int] = field(default_factory=set)
    scale_words: bool = False  # whether SCALE_WORDS occurs in the text at all
    text_year: tuple[int, str] | None = None
    text_year_done: bool = False
    # Regions named only as a place, never a candidate: the Ombudsman office's own province
    # ("Ombudsman RI Perwakilan Jambi"), "se-Jateng", a province after its kota. A round-up's area.
    places_only: list[Mention] = field(default_factory=list)
    subject_rival: SubjectRival | None = None
