"""What an engine answers for one article: values, each with the verbatim quote behind it.

This is the model sent to the LLM as ``response_model`` (and produced by any other engine).
It holds quotes, never offsets: locating a quote in the article is the tool's job
(``extractor.grounding``), because a model cannot be trusted to count characters.
Descriptions are short on purpose: they travel in every request.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

from schemas.compact import CompactJsonSchema
from schemas.values import (
    AssessmentKindValue,
    GradeValue,
    Score,
    SubjectKindValue,
    Year,
    ZoneValue,
    none_as_empty,
    read_date,
)

# The system prompt says what each value means and that every value needs a quote (a subject's
# name as written, an official's without titles): the schema carries no descriptions of its own,
# since it travels in every request and the prompt says it once.

_SCHEMA_CACHE: dict[tuple[Any, ...], str] = {}


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = CompactJsonSchema,
        mode: JsonSchemaMode = "validation",
        *,
        union_format: Literal["any_of", "primitive_type_array"] = "any_of",
    ) -> dict[str, Any]:
        """The schema a model is asked to fill (``CompactJsonSchema``: what instructor sends).

        Cached: instructor asks for the schema on every request, and generating it costs
        more CPU than everything else the tool does for an article. A fresh copy is returned so
        a caller that edits it cannot change the next request (parsed from JSON text: several
        times cheaper than ``copy.deepcopy``)."""
        # By name, not by class: instructor's wrapper subclass (functools.wraps keeps module and
        # qualname, adds no field) has the same schema as the model it wraps.
        key = (cls.__module__, cls.__qualname__, by_alias, ref_template, schema_generator, mode, union_format)
        if key not in _SCHEMA_CACHE:
            _SCHEMA_CACHE[key] = json.dumps(
                super().model_json_schema(
                    by_alias, ref_template, schema_generator, mode, union_format=union_format
                )
            )
        schema: dict[str, Any] = json.loads(_SCHEMA_CACHE[key])
        return schema


class DraftSubject(_Draft):
    name: str
    kind: SubjectKindValue
    quote: str


class DraftPrevious(_Draft):
    year: Year
    score: Score
    quote: str


class DraftOfficial(_Draft):
    name: str
    role: str
    quote: str


class DraftUnit(_Draft):
    name: str
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None
    quote: str


class DraftOther(_Draft):
    name: str
    kind: SubjectKindValue
    assessment_year: Year | None = None
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None
    quote: str


class ArticleExtraction(_Draft):
    """Facts of one news article."""

    assessment: AssessmentKindValue
    subject: DraftSubject | None = None
    assessment_year: Year | None = None
    assessment_year_quote: str | None = None
    score: Score | None = None
    score_quote: str | None = None
    zone: ZoneValue | None = None
    zone_quote: str | None = None
    grade: GradeValue | None = None
    grade_quote: str | None = None
    published: dt.date | None = None
    published_quote: str | None = None
    previous: Annotated[list[DraftPrevious], BeforeValidator(none_as_empty)] = Field(default_factory=list)
    officials: Annotated[list[DraftOfficial], BeforeValidator(none_as_empty)] = Field(default_factory=list)
    units: Annotated[list[DraftUnit], BeforeValidator(none_as_empty)] = Field(default_factory=list)
    others: Annotated[list[DraftOther], BeforeValidator(none_as_empty)] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _published_as_printed(cls, data: Any) -> Any:
        """'16 Desember 2024' or 'Senin (16/12/2024)' is read as the date it names; a date that
        cannot be read costs no re-ask: ``published`` is left empty and the words are kept as its
        quote (the ``published_unread`` check notes it)."""
        if not isinstance(data, dict) or not isinstance(data.get("published"), str):
            return data
        written = data["published"]
        date = read_date(written)
        data = dict(data)
        data["published"] = date  # a date object: strict validation takes no string after this hook
        if date is None and not data.get("published_quote"):
            data["published_quote"] = written
        return data
