"""The request the LLM engine sends: instructor's modes, the answer's schema, the first request
prepared once with a placeholder for the article, the JSON body as it goes out (schema on one
line, strict structured output), and the small reshapings of an answer before instructor reads it."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import instructor
from openai.types.chat import ChatCompletion

from extractor._answers import unfence
from extractor.settings import InstructorMode
from schemas.draft import ArticleExtraction

MODES = {
    InstructorMode.tools: instructor.Mode.TOOLS,
    InstructorMode.json_schema: instructor.Mode.JSON_SCHEMA,
    InstructorMode.json: instructor.Mode.JSON,
    InstructorMode.md_json: instructor.Mode.MD_JSON,
}

SCHEMA = ArticleExtraction.model_json_schema()
SCHEMA_CHARS = len(json.dumps(SCHEMA, ensure_ascii=False))
# instructor's JSON mode appends the schema to the system message indented, inside a paragraph
# of indented boilerplate: a third longer than the schema on one line, in every request.
SCHEMA_INDENTED = json.dumps(SCHEMA, indent=2, ensure_ascii=False)
SCHEMA_IN_PROMPT = "JSON Schema of the answer:\n" + json.dumps(
    SCHEMA, ensure_ascii=False, separators=(",", ":")
)
INSTRUCTOR_SCHEMA_PARAGRAPH = re.compile(
    r"\s*As a genius expert[^{]*?json_schema:\s*"
    + re.escape(SCHEMA_INDENTED)
    + r"\s*Make sure to return[^\n]*\s*"
)
# instructor wraps a plain model in a new class on every request (and then regenerates its
# schema); wrapping once here makes it skip both.
RESPONSE_MODEL = instructor.openai_schema(ArticleExtraction)
# Stands for the article in the request prepared once per engine; no article contains it.
ARTICLE_SLOT = f"\x00article-{uuid.uuid4().hex}\x00"


class Captured(Exception):
    """Carries the keyword arguments of a request that was prepared but not sent."""

    def __init__(self, kwargs: dict[str, Any]) -> None:
        super().__init__("captured")
        self.kwargs = kwargs


def unfenced(completion: ChatCompletion) -> ChatCompletion:
    """The completion with a code fence around its JSON (content or tool arguments) taken off, in
    place: the raw answer was logged already, and instructor parses only what is left."""
    for choice in completion.choices:
        message = choice.message
        if isinstance(message.content, str):
            message.content = unfence(message.content)
        for call in message.tool_calls or []:
            function = getattr(call, "function", None)
            if function is not None and isinstance(function.arguments, str):
                function.arguments = unfence(function.arguments)
    return completion


def body_of(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The JSON body of a request from the keyword arguments instructor gives ``create``: the
    schema in the prompt on one line, and strict structured output asked for where the request
    carries the schema as a tool or a ``json_schema`` response format (the schema is in strict
    form, see ``schemas.compact``; servers other than OpenAI's ignore the flag or enforce it too)."""
    body = {key: value for key, value in kwargs.items() if key not in ("max_retries", "extra_body")}
    body = {**body, **kwargs.get("extra_body", {})}
    body["messages"] = [
        {**message, "content": schema_on_one_line(message["content"])}
        if isinstance(message.get("content"), str)
        else message
        for message in body.get("messages", [])
    ]
    if "tools" in body:
        body["tools"] = [
            {**tool, "function": {**tool["function"], "strict": True}} if "function" in tool else tool
            for tool in body["tools"]
        ]
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        body["response_format"] = {
            **response_format,
            "json_schema": {**response_format["json_schema"], "strict": True},
        }
    return body


def schema_on_one_line(content: str) -> str:
    """instructor's schema paragraph as one short line (unchanged if instructor words it otherwise)."""
    if SCHEMA_INDENTED not in content:
        return content
    return INSTRUCTOR_SCHEMA_PARAGRAPH.sub(lambda _: "\n\n" + SCHEMA_IN_PROMPT, content, count=1)


def with_article(value: Any, article: str) -> Any:
    """A copy of a prepared request with the article where the placeholder is."""
    if isinstance(value, str):
        return value.replace(ARTICLE_SLOT, article)
    if isinstance(value, dict):
        return {key: with_article(item, article) for key, item in value.items()}
    if isinstance(value, list):
        return [with_article(item, article) for item in value]
    return value


def estimated_tokens(kwargs: dict[str, Any]) -> int:
    """What a rate limiter counts before the answer: the prompt (about 3 characters a token
    for Indonesian and JSON) plus the answer's ceiling, as OpenAI's own limiter does. Counted
    from string lengths, not by serialising the request again: this runs for every request."""
    prompt_chars = sum(len(str(message.get("content") or "")) for message in kwargs.get("messages", []))
    if kwargs.get("tools") or kwargs.get("response_format", {}).get("json_schema"):
        prompt_chars += SCHEMA_CHARS  # the schema travels as a tool or a response format
    return prompt_chars // 3 + int(kwargs.get("max_tokens") or 0)


def summary(exc: BaseException, limit: int = 1000) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
