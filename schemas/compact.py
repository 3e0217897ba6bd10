"""The JSON Schema a model is asked to fill: compact, and in the shape strict structured output takes.

The schema travels in every request (in the prompt in JSON mode, as a tool or a response format
otherwise), so every key in it is paid for per article. Pydantic's default schema carries a
``title`` on every field and model, ``default: null`` on every optional field and
``anyOf: [X, {"type": "null"}]`` for each nullable one; none of it tells a model anything.

OpenAI's strict structured output (``strict: true`` on a tool or a ``json_schema`` response
format) also needs every object closed (``additionalProperties: false``) with every property
listed in ``required``: an optional value is then written as nullable, which is what the prompt
asks for anyway ("leave a value null"). The pydantic models stay lenient on input (a missing
key is still ``None``); only what the model is asked for is strict.
See https://platform.openai.com/docs/guides/structured-outputs#supported-schemas.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode
from pydantic_core import CoreSchema

# Keys pydantic writes that carry nothing for a model: names derived from the Python names, and
# the defaults of optional fields (strict output forbids ``default``).
_NOISE = ("title", "default")


class CompactJsonSchema(GenerateJsonSchema):
    """Pydantic's schema with no titles or defaults, nullables as ``type: [X, "null"]`` and every
    object closed with all its properties required; a value's schema written under several
    properties (a zone, a grade, a score) travels once, in ``$defs``, when that is shorter."""

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> dict[str, Any]:
        generated = super().generate(schema, mode)
        definitions = generated.pop("$defs", {})
        compact: dict[str, Any] = _compacted(generated, definitions)
        shared = _hoisted(compact)
        if shared:  # definitions first: a model reading the schema meets them before their use
            compact = {"$defs": shared, **compact}
        if "title" in generated:  # the root's title names the tool or the response format
            compact = {"title": generated["title"], **compact}
        return compact


def _compacted(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_compacted(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:  # the models are not recursive: every definition can be written in place
        target = definitions[node["$ref"].rsplit("/", 1)[-1]]
        if "enum" in target:  # an enum's docstring is for the code; its values speak to the model
            target = {key: value for key, value in target.items() if key != "description"}
        merged = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
        return _compacted(merged, definitions)
    out = {key: _compacted(value, definitions) for key, value in node.items() if key not in _NOISE}
    options = out.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        out = _nullable(out, next(option for option in options if option != {"type": "null"}))
    if out.get("type") == "object" and "properties" in out:
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


def _nullable(node: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    """``anyOf: [X, null]`` as ``X`` with ``"null"`` among its types. An object stays an
    ``anyOf`` (strict output takes a nullable object only that way)."""
    kind = value.get("type")
    if not isinstance(kind, str) or kind == "object":
        return node
    rest = {key: item for key, item in node.items() if key != "anyOf"}
    merged = {**value, **rest, "type": [kind, "null"]}
    if "enum" in merged:
        merged["enum"] = [*merged["enum"], None]
    return merged


def _text(node: Any) -> str:
    return json.dumps(node, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _property_values(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(property name, its schema) for every property of every object, outermost first."""
    if isinstance(node, list):
        for item in node:
            yield from _property_values(item)
    elif isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            if isinstance(value, dict):
                yield name, value
        for value in node.values():
            yield from _property_values(value)


def _hoisted(schema: dict[str, Any]) -> dict[str, Any]:
    """Moves each property schema that is written more than once (and is not an object of its
    own) into definitions named after the first property holding it, where the references cost
    fewer characters than the copies; rewrites ``schema`` in place and returns the definitions.

    Pydantic's own definitions are per model and per enum; what repeats in the answer's schema is
    a nullable enum or a bounded number, which pydantic writes out each time."""
    seen: dict[str, tuple[str, int]] = {}
    for name, value in _property_values(schema):
        if value.get("type") == "object" or "anyOf" in value:
            continue
        first, count = seen.get(_text(value), (name, 0))
        seen[_text(value)] = (first, count + 1)
    names: dict[str, str] = {}
    for text, (name, count) in seen.items():
        reference = _text({"$ref": f"#/$defs/{name}"})
        copies, shared = count * len(text), len(name) + 3 + len(text) + count * len(reference)
        if count > 1 and shared < copies and name not in names.values():
            names[text] = name
    definitions: dict[str, Any] = {}

    def replace(node: Any) -> Any:
        if isinstance(node, list):
            return [replace(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: replace(value) for key, value in node.items()}
        if "properties" in out:
            for name, value in out["properties"].items():
                text = _text(value)
                if text in names:
                    definitions.setdefault(names[text], value)
                    out["properties"][name] = {"$ref": f"#/$defs/{names[text]}"}
        return out

    schema.update(replace(schema))
    return definitions
