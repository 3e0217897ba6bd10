"""The stored record: one JSON file per article.

A record keeps what the engine extracted (with the character offsets of every quote, found by
the tool), how it was obtained (engine, model, endpoint host, prompt hash, attempts, usage,
timings), what the checks think of it (``flags``) and, for a failure, why it failed. Nothing
in it may hold an API key.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationInfo, model_validator

from schemas.values import AssessmentKind, GradeValue, Score, SubjectKind, Year, ZoneValue

SCHEMA_VERSION = "2"  # 2: extraction.others (records of 1 load as they are, with none)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """A verbatim quote and where the tool found it in the article (``text[start:end]``)."""

    quote: str
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    aligned: bool = Field(description="False when the quote was not found in the article")


class Subject(_Model):
    name_as_written: str
    name: str = Field(description="Normalised name, e.g. 'Pemkot Batu' -> 'Kota Batu'")
    kind: SubjectKind
    region_code: str | None = Field(default=None, description="Kemendagri code, where known")


class PreviousResult(_Model):
    year: Year
    score: Score


class Official(_Model):
    name: str
    role: str


class Unit(_Model):
    name: str
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None


class OtherResult(_Model):
    """A result the article gives another subject than its main one (a round-up's "3 besar", the
    kabupaten of a province listed per zone). Its quote is the evidence at ``others[i]``."""

    subject: Subject
    assessment_year: Year | None = None
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None


class RunnerUp(_Model):
    """A value the engine weighed for a field and did not choose, when it came close (its quote
    is the evidence at ``runner_ups[i]``)."""

    field: str = Field(description="The field it competed for, e.g. 'score'")
    value: str
    behind: int = Field(ge=0, description="Points of evidence fewer than the chosen value's; 0 is a tie")
    reasons: list[str] = Field(default_factory=list, description="The runner-up's own evidence")
    chosen_reasons: list[str] = Field(default_factory=list, description="The chosen value's evidence")


class Extraction(_Model):
    """The facts of one article. ``evidence`` maps a field path to its quote.

    Paths: ``subject``, ``assessment``, ``assessment_year``, ``score``, ``zone``, ``grade``,
    ``published``, ``previous[i]``, ``officials[i]``, ``units[i]``, ``others[i]``, ``runner_ups[i]``.
    """

    assessment: AssessmentKind
    subject: Subject | None = None
    assessment_year: Year | None = None
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None
    published: dt.date | None = None
    previous: list[PreviousResult] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    others: list[OtherResult] = Field(
        default_factory=list, description="Results the article gives other subjects than its main one"
    )
    runner_ups: list[RunnerUp] = Field(
        default_factory=list, description="Close calls: values the engine nearly chose instead"
    )
    evidence: dict[str, Evidence] = Field(default_factory=dict)

    def year_of(self, other: OtherResult) -> int | None:
        """An other result's assessment year: its own, else the article's (a round-up lists its
        results under the year it reports, without repeating it for each)."""
        return other.assessment_year if other.assessment_year is not None else self.assessment_year


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Flag(_Model):
    """Something a reviewer should look at; a check never changes a value itself."""

    code: str
    severity: Severity
    field: str = Field(description="Field path, e.g. 'score' or 'units[2].zone'")
    message: str
    basis: str = Field(description="The rule and its source, e.g. the year's scale band")
    evidence: list[Span] = Field(default_factory=list)
    related_record: str | None = Field(default=None, description="Other record, cross-article")


class Status(StrEnum):
    ok = "ok"
    flagged = "flagged"
    failed = "failed"
    reviewed = "reviewed"  # a person settled every flag (or rejected the record): see ``review``


class Source(_Model):
    """Where the article came from. For a text file, ``path`` is all: offsets index its text.
    A saved page or a table row is not read as it is, so its record keeps the text the engine
    read (``text``, which offsets index) and what the page or row said about it."""

    path: str
    sha256: str | None = Field(default=None, description="Of the file's bytes; of the row's text for a row")
    size: int | None = None
    kind: str | None = Field(default=None, description="html, jsonl or csv; absent for a text file")
    line: int | None = Field(default=None, ge=1, description="A table row's first line in its file")
    row_id: str | None = Field(default=None, description="The row's --id-field value")
    url: str | None = None
    title: str | None = None
    outlet: str | None = Field(default=None, description="The site or outlet, as the page or row names it")
    published: dt.date | None = Field(default=None, description="From the page's metadata or the row")
    published_from: str | None = Field(default=None, description="Where that date was read")
    text_from: str | None = Field(default=None, description="What took the text out of the page")
    text: str | None = Field(default=None, description="The text the engine read, when not the file's own")


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class Timing(_Model):
    started_at: dt.datetime
    seconds: float = Field(ge=0)


class Failure(_Model):
    kind: str = Field(description="e.g. unreadable, empty, not_utf8, validation, transport")
    message: str
    last_completion: str | None = Field(default=None, description="Raw answer of the model")


class Provenance(_Model):
    """How the extraction was made; the fields that decide whether a re-run may skip it."""

    engine: str
    model: str | None = None
    endpoint_host: str | None = None
    prompt_hash: str | None = None
    schema_version: str = SCHEMA_VERSION
    tool_version: str


class ReviewAction(StrEnum):
    accept = "accept"  # the values (as corrected so far) are right; the open flags are settled
    correct = "correct"  # some values are wrong: here are the right ones
    reject = "reject"  # not an Ombudsman compliance result: leave it out of the dataset
    undo = "undo"  # takes back an earlier decision (``undoes``): as if it had not been made
    reopen = "reopen"  # back to the queue: what earlier decisions settled is open again, a reject lifted


class Correction(_Model):
    """One value a reviewer changed. ``field`` is a path into the extraction, as flags name them."""

    field: str = Field(description="e.g. 'score', 'subject.name', 'units[2].score'; 'units[2]' for an item")
    old: JsonValue = Field(description="The value before this correction (null: the item was added)")
    new: JsonValue = Field(description="The value after it (null on a list item: the item was removed)")


class FlagRef(_Model):
    """Names a flag a decision settled; the same code on the same field stays settled."""

    code: str
    field: str


class Decision(_Model):
    """One reviewer's decision on a record. Decisions are only ever appended, never edited: an
    undo or a reopen is one more decision."""

    action: ReviewAction
    corrections: list[Correction] = Field(default_factory=list)
    evidence: dict[str, Evidence] = Field(
        default_factory=dict,
        description="Quotes a reviewer pointed values at, by evidence key ('score', 'units[2]'; as the "
        "values stand after this decision's corrections); they replace the machine's quote for that key "
        "in the effective values, while extraction.evidence keeps the machine's",
    )
    undoes: int | None = Field(
        default=None, ge=0, description="For 'undo': the index in `review` of the decision taken back"
    )
    resolved: list[FlagRef] = Field(
        default_factory=list, description="The open flags this decision settled, when it was made"
    )
    note: str | None = None
    reviewer: str = Field(min_length=1)
    at: dt.datetime

    @model_validator(mode="after")
    def _corrections_only_when_correcting(self) -> Decision:
        if self.action == ReviewAction.correct and not (self.corrections or self.evidence):
            raise ValueError("a 'correct' decision needs at least one correction (or corrected quote)")
        if self.action != ReviewAction.correct and (self.corrections or self.evidence):
            raise ValueError(f"an '{self.action.value}' decision carries no corrections")
        if (self.action == ReviewAction.undo) != (self.undoes is not None):
            raise ValueError("an 'undo' decision, and only it, names the decision it undoes")
        return self


class Record(_Model):
    # The record file's own version: a file written before the field existed reads as version 1
    # (``parse_record``), and ``extractor.store.write_record`` writes the current one.
    # ``provenance.schema_version`` is the schema the engine filled (what a re-run compares: an
    # older one is extracted again).
    schema_version: str = SCHEMA_VERSION
    record_id: str
    source: Source
    provenance: Provenance
    status: Status
    timing: Timing
    attempts: int = Field(ge=0, description="Answers asked of the engine (1 + re-asks)")
    transport_retries: int = Field(default=0, ge=0, description="Requests repeated after a fault")
    usage: Usage = Field(default_factory=Usage)
    extraction: Extraction | None = None
    flags: list[Flag] = Field(
        default_factory=list, description="What the checks said about the machine's extraction"
    )
    failure: Failure | None = None
    review: list[Decision] = Field(
        default_factory=list,
        description="A person's decisions, oldest first. The extraction above is never changed: the "
        "effective values are the extraction with every correction applied in order",
    )

    @model_validator(mode="before")
    @classmethod
    def _files_before_versions_are_version_1(cls, data: Any, info: ValidationInfo) -> Any:
        read_from_file = isinstance(info.context, dict) and info.context.get(_FROM_FILE)
        if read_from_file and isinstance(data, dict) and "schema_version" not in data:
            return {"schema_version": "1", **data}
        return data

    @model_validator(mode="after")
    def _undo_names_an_earlier_decision(self) -> Record:
        for index, decision in enumerate(self.review):
            target = decision.undoes
            if target is not None and (target >= index or self.review[target].action == ReviewAction.undo):
                raise ValueError(f"review[{index}] undoes review[{target}], which is not an earlier decision")
        return self


_FROM_FILE = "from_file"


def parse_record(data: str | bytes) -> Record:
    """A record from its file's JSON: a file of before ``schema_version`` existed is version 1."""
    return Record.model_validate_json(data, context={_FROM_FILE: True})
