"""The schema a model is asked to fill: compact, bounded, and in the form strict output takes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from extractor._llm import LLMEngine
from extractor.settings import InstructorMode, LLMSettings
from schemas.draft import ArticleExtraction

SCHEMA = ArticleExtraction.model_json_schema()


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def _body(mode: InstructorMode) -> dict[str, Any]:
    engine = LLMEngine(LLMSettings(base_url="http://127.0.0.1:9/v1", model="m", mode=mode))
    return engine.request_body("Skor Kota Batu 82,28.")


def test_every_object_is_closed_with_all_its_keys_required() -> None:
    """OpenAI strict output takes only closed objects whose every property is required."""
    objects = [node for node in _nodes(SCHEMA) if node.get("type") == "object"]
    assert len(objects) >= 5  # the answer, subject, previous, official, unit
    for node in objects:
        assert node["additionalProperties"] is False
        assert sorted(node["required"]) == sorted(node["properties"])


def test_bounds_are_json_schema_keywords_and_noise_is_gone() -> None:
    """Scores and years carry minimum/maximum; no pydantic-only ge/le, defaults, refs or titles."""
    properties = SCHEMA["properties"]
    assert (properties["score"]["minimum"], properties["score"]["maximum"]) == (0, 100)
    assert (properties["assessment_year"]["minimum"], properties["assessment_year"]["maximum"]) == (
        2010,
        2030,
    )
    keys = {key for node in _nodes(SCHEMA) for key in node}
    assert not keys & {"ge", "le", "default", "$ref", "$defs"}
    assert [node for node in _nodes(SCHEMA) if "title" in node] == [SCHEMA]  # the root names the tool


def test_nullable_values_are_type_arrays_with_null_in_their_enum() -> None:
    """A nullable scalar is ``type: [X, "null"]``; a nullable enum lists null among its values."""
    properties = SCHEMA["properties"]
    assert properties["score"]["type"] == ["number", "null"]
    assert properties["zone"]["type"] == ["string", "null"] and None in properties["zone"]["enum"]


def test_an_answer_without_the_optional_keys_is_still_read() -> None:
    """Strict is what the model is asked for; a lenient server's shorter answer still validates."""
    draft = ArticleExtraction.model_validate_json('{"assessment": "none", "previous": null}')
    assert draft.subject is None and draft.previous == []


@pytest.mark.parametrize(
    ("mode", "strict_at"),
    [
        (InstructorMode.tools, lambda body: body["tools"][0]["function"]["strict"]),
        (InstructorMode.json_schema, lambda body: body["response_format"]["json_schema"]["strict"]),
    ],
)
def test_tools_and_json_schema_requests_ask_for_strict_output(mode: InstructorMode, strict_at: Any) -> None:
    """Where the schema travels as a tool or a response format, strict output is asked for."""
    assert strict_at(_body(mode)) is True


def test_json_mode_puts_the_schema_on_one_line_in_the_prompt() -> None:
    """instructor's indented schema paragraph is replaced by the schema on one line."""
    system = _body(InstructorMode.json)["messages"][0]["content"]
    one_line = json.dumps(SCHEMA, ensure_ascii=False, separators=(",", ":"))
    assert one_line in system
    assert json.dumps(SCHEMA, indent=2, ensure_ascii=False) not in system
    assert "genius" not in system
