"""What an engine answers for one article: values, each with the verbatim quote behind it.

This is the model sent to the LLM as ``response_model`` (and produced by any other engine).
It holds quotes, never offsets: locating a quote in the article is the tool's job
(``extractor.grounding``), because a model cannot be trusted to count characters.
Descriptions are short on purpose: they travel in every request.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from schemas.values import AssessmentKind, GradeValue, Score, SubjectKind, Year, ZoneValue

_QUOTE = "Exact words copied from the article that state this value"


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DraftSubject(_Draft):
    name: str = Field(description="Region or agency assessed, as written in the article")
    kind: SubjectKind
    quote: str = Field(description=_QUOTE)


class DraftPrevious(_Draft):
    year: Year
    score: Score
    quote: str = Field(description=_QUOTE)


class DraftOfficial(_Draft):
    name: str = Field(description="Person's name only, without title")
    role: str = Field(description="Title or position as written, e.g. 'Bupati Batang'")
    quote: str = Field(description=_QUOTE)


class DraftUnit(_Draft):
    name: str = Field(description="Service unit assessed inside the subject (OPD, Puskesmas...)")
    score: Score | None = None
    zone: ZoneValue | None = None
    grade: GradeValue | None = None
    quote: str = Field(description=_QUOTE)


class ArticleExtraction(_Draft):
    """Facts of one news article about the Ombudsman RI compliance assessment."""

    assessment: AssessmentKind = Field(
        description=(
            "Which assessment the main numbers belong to: Ombudsman compliance assessment, "
            "the 2025 Ombudsman opini, another body's index (KemenPAN-RB IPP, IKM...), or none"
        )
    )
    subject: DraftSubject | None = None
    assessment_year: Year | None = Field(default=None, description="Year assessed")
    assessment_year_quote: str | None = None
    score: Score | None = Field(default=None, description="Subject's Ombudsman score")
    score_quote: str | None = None
    zone: ZoneValue | None = None
    zone_quote: str | None = None
    grade: GradeValue | None = None
    grade_quote: str | None = None
    published: dt.date | None = Field(default=None, description="Publication date, if printed")
    published_quote: str | None = None
    previous: list[DraftPrevious] = Field(default_factory=list, description="Earlier results")
    officials: list[DraftOfficial] = Field(default_factory=list)
    units: list[DraftUnit] = Field(default_factory=list)
