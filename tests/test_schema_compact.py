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


def _resolved(node: dict[str, Any]) -> dict[str, Any]:
    """A property's schema, read through a reference to the schema's shared definitions."""
    if "$ref" in node:
        prefix, name = node["$ref"].rsplit("/", 1)
        assert prefix == "#/$defs"
        return dict(SCHEMA["$defs"][name])
    return node


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
    """Scores and years carry minimum/maximum; no pydantic-only ge/le, defaults, titles or
    descriptions below the root (the system prompt says what a value means, once)."""
    properties = SCHEMA["properties"]
    score, year = _resolved(properties["score"]), _resolved(properties["assessment_year"])
    assert (score["minimum"], score["maximum"]) == (0, 100)
    assert (year["minimum"], year["maximum"]) == (2010, 2030)
    keys = {key for node in _nodes(SCHEMA) for key in node}
    assert not keys & {"ge", "le", "default"}
    assert [node for node in _nodes(SCHEMA) if "title" in node] == [SCHEMA]  # the root names the tool
    assert [node for node in _nodes(SCHEMA) if "description" in node] == [SCHEMA]


def test_a_value_schema_written_under_several_properties_travels_once() -> None:
    """The zone and grade enums and the bounded score, held by the answer, its units and its other
    results, are one definition each; every reference names a definition that exists, and none
    is kept that nothing references."""
    text = json.dumps(SCHEMA)
    for name in ("zone", "grade", "score"):
        assert text.count(f'"#/$defs/{name}"') >= 3
        assert text.count(json.dumps(SCHEMA["$defs"][name])) == 1
    references = {node["$ref"] for node in _nodes(SCHEMA) if "$ref" in node}
    assert references == {f"#/$defs/{name}" for name in SCHEMA["$defs"]}
    units = SCHEMA["properties"]["units"]["items"]["properties"]
    assert _resolved(units["zone"]) == _resolved(SCHEMA["properties"]["zone"])


def test_nullable_values_are_type_arrays_with_null_in_their_enum() -> None:
    """A nullable scalar is ``type: [X, "null"]``; a nullable enum lists null among its values."""
    properties = SCHEMA["properties"]
    zone = _resolved(properties["zone"])
    assert _resolved(properties["score"])["type"] == ["number", "null"]
    assert zone["type"] == ["string", "null"] and None in zone["enum"]


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
