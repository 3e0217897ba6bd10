"""The LLM engine: the only module that imports ``openai`` and ``instructor``.

Two retry layers, kept apart on purpose:

* transport faults (429, 5xx, timeouts, broken connections) are retried by tenacity around the
  raw HTTP call, honouring ``Retry-After``, with jittered exponential backoff and a bound on
  both attempts and total time. The SDK's own retries are off so that there is one policy.
* an answer that fails validation is re-asked by instructor with the validation error in the
  conversation, at most ``max_reasks`` times.

The first request of an article is instructor's request, prepared once per engine with a
placeholder where the article goes (the Batch API sends the same body). Its answer is validated
here with instructor's model and strictness; only an answer that fails goes through instructor,
which validates it again and re-asks. Going through instructor for every answer cost about
4 ms of CPU per article (it re-inspects the model and re-renders the schema on each call),
which capped a batch well below what a fast endpoint allows.

Token usage is summed here over every completion the server returned, re-asks included.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_delay
from tenacity.stop import stop_base

from extractor._answers import unfence
from extractor.engines import EngineResult, EngineUnusable, ExtractionFailed
from extractor.limits import PauseCell, RequestLimiter
from extractor.prompt import Prompt, enclosed, load_prompt
from extractor.redact import redact
from extractor.settings import InstructorMode, LLMSettings
from schemas.draft import ArticleExtraction
from schemas.record import Usage

_MODES = {
    InstructorMode.tools: instructor.Mode.TOOLS,
    InstructorMode.json_schema: instructor.Mode.JSON_SCHEMA,
    InstructorMode.json: instructor.Mode.JSON,
    InstructorMode.md_json: instructor.Mode.MD_JSON,
}

# The server says the request can never succeed as configured: retrying or going on is useless.
_UNUSABLE = (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError)
_MAX_RETRY_AFTER_S = 120.0
_SCHEMA = ArticleExtraction.model_json_schema()
_SCHEMA_CHARS = len(json.dumps(_SCHEMA, ensure_ascii=False))
# instructor's JSON mode appends the schema to the system message indented, inside a paragraph
# of indented boilerplate: a third longer than the schema on one line, in every request.
_SCHEMA_INDENTED = json.dumps(_SCHEMA, indent=2, ensure_ascii=False)
_SCHEMA_IN_PROMPT = "JSON Schema of the answer:\n" + json.dumps(
    _SCHEMA, ensure_ascii=False, separators=(",", ":")
)
_INSTRUCTOR_SCHEMA_PARAGRAPH = re.compile(
    r"\s*As a genius expert[^{]*?json_schema:\s*"
    + re.escape(_SCHEMA_INDENTED)
    + r"\s*Make sure to return[^\n]*\s*"
)
# instructor wraps a plain model in a new class on every request (and then regenerates its
# schema); wrapping once here makes it skip both.
_RESPONSE_MODEL = instructor.openai_schema(ArticleExtraction)
# Stands for the article in the request prepared once per engine; no article contains it.
_ARTICLE_SLOT = f"\x00article-{uuid.uuid4().hex}\x00"


class _Captured(Exception):
    """Carries the keyword arguments of a request that was prepared but not sent."""

    def __init__(self, kwargs: dict[str, Any]) -> None:
        super().__init__("captured")
        self.kwargs = kwargs


class MalformedResponse(Exception):
    """The server answered 2xx with a body that is not a chat completion (a proxy page, a
    truncated stream). A transport fault, not a model answer: instructor must not re-ask it."""


def is_transient(exc: BaseException) -> bool:
    """A fault worth repeating the same request for."""
    if isinstance(exc, (openai.APIConnectionError, openai.RateLimitError, MalformedResponse)):
        return True  # APITimeoutError is an APIConnectionError
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The server's ``Retry-After`` (seconds or an HTTP date), or ``retry-after-ms``."""
    response = getattr(exc, "response", None)
    if not isinstance(response, httpx.Response):
        return None
    headers = response.headers
    if "retry-after-ms" in headers:
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


@dataclass
class _BackoffOrRetryAfter:
    """Wait what the server asked for, else exponential backoff with full jitter."""

    base_s: float
    cap_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(exc)
        if asked is not None:
            return min(asked, _MAX_RETRY_AFTER_S)
        ceiling = min(self.cap_s, self.base_s * 2 ** (state.attempt_number - 1))
        return self.rng.uniform(0, ceiling)


def completion_text(response: Any) -> str | None:
    """What the model said, whichever way it said it (content or a tool call's arguments)."""
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    if getattr(message, "tool_calls", None):
        return "\n".join(call.function.arguments for call in message.tool_calls)
    content = getattr(message, "content", None)
    return content if isinstance(content, str) else None


class _GiveUp(stop_base):
    """When to stop repeating a request. Faults (5xx, timeouts, broken bodies) count against
    ``faults`` attempts. A 429 does not: it is the server pacing the pool, which waits as asked,
    so a storm of 429s slows the batch instead of failing its articles; the time bound
    (``transport_max_seconds``) and a generous count still end a limit that never lifts."""

    def __init__(self, faults: int, rate_limited: int = 100) -> None:
        self.faults = faults
        self.rate_limited = rate_limited
        self._seen_faults = 0
        self._seen_rate_limited = 0

    def __call__(self, state: RetryCallState) -> bool:
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, openai.RateLimitError):
            self._seen_rate_limited += 1
        else:
            self._seen_faults += 1
        return self._seen_faults >= self.faults or self._seen_rate_limited >= self.rate_limited


@dataclass
class _CallLog:
    """What happened during one article: completions, usage, transport retries."""

    completions: int = 0
    transport_retries: int = 0
    usage: Usage = field(default_factory=Usage)
    last_text: str | None = None
    secrets: tuple[str, ...] = ()  # the configured key: redacted from every text kept

    def record(self, response: Any) -> None:
        self.completions += 1
        self.last_text = completion_text(response)
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.usage = self.usage + Usage(
                prompt_tokens=usage.prompt_tokens or 0,
                completion_tokens=usage.completion_tokens or 0,
                total_tokens=usage.total_tokens or 0,
            )

    def failed(self, kind: str, message: str) -> ExtractionFailed:
        """The failure, with anything key-shaped taken out of the texts it keeps."""
        last = redact(self.last_text, self.secrets) if self.last_text is not None else None
        return ExtractionFailed(
            kind,
            redact(message, self.secrets),
            attempts=self.completions,
            transport_retries=self.transport_retries,
            usage=self.usage,
            last_completion=last,
        )


class LLMEngine:
    """Extracts with any OpenAI-compatible chat completions endpoint."""

    name = "llm"

    def __init__(
        self,
        settings: LLMSettings,
        *,
        prompt: Prompt | None = None,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        limiter: RequestLimiter | None = None,
    ) -> None:
        self.settings = settings
        # Always one limiter per engine: even without rpm/tpm, a 429 pauses every worker.
        self.limiter = limiter or RequestLimiter(rpm=settings.rpm, tpm=settings.tpm)
        self._sleep = sleep
        self._model: str | None = None
        self._client = self._new_client(http_client)
        self.prompt = prompt or load_prompt()

    def _new_client(self, http_client: httpx.Client | None = None) -> openai.OpenAI:
        settings = self.settings
        return openai.OpenAI(
            api_key=settings.key_for_client(),
            base_url=settings.base_url,
            timeout=settings.effective_timeout_s,
            max_retries=0,  # transport retries are ours, below
            http_client=http_client,
            default_headers=settings.extra_headers or None,
        )

    def in_worker_process(self, workers: int, paused: PauseCell) -> None:
        """Called in a worker process just forked from the batch's process: open connections of
        its own (the parent's sockets are not its to use) and take its share of the limits."""
        self._client = self._new_client()
        self.limiter = self.limiter.share(workers, paused)

    @property
    def prompt(self) -> Prompt:
        return self._prompt

    @prompt.setter
    def prompt(self, prompt: Prompt) -> None:
        self._prompt = prompt
        self._request_template = self._prepared_request(_ARTICLE_SLOT)

    @property
    def model(self) -> str:
        return self._model or self.settings.model_name

    def resolve_model(self) -> str:
        """The model to ask for. Without --model, a local server's only model is used (its name
        then goes into every record); OpenAI gets the default model."""
        if self.settings.model or not self.settings.base_url:
            return self.model
        try:
            names = sorted(model.id for model in self._client.models.list())
        except _UNUSABLE as exc:
            raise self._unusable(self._unusable_message(exc)) from exc
        except openai.OpenAIError as exc:
            raise self._unusable(
                f"cannot list the models of {self.endpoint_host} ({exc}): is the server running? "
                "Or name one with --model / EXTRACTOR_MODEL"
            ) from exc
        if len(names) != 1:
            listed = ", ".join(names[:20]) or "none"
            raise self._unusable(
                f"{self.endpoint_host} serves {len(names)} models ({listed}): choose one with "
                "--model or EXTRACTOR_MODEL"
            )
        self._model = names[0]
        return self._model

    @property
    def endpoint_host(self) -> str:
        return self.settings.endpoint_host

    @property
    def prompt_hash(self) -> str:
        return self.prompt.hash

    def _transport_retrying(self) -> Retrying:
        return Retrying(
            retry=retry_if_exception(is_transient),
            stop=_GiveUp(faults=self.settings.transport_attempts)
            | stop_after_delay(self.settings.transport_max_seconds),
            wait=_BackoffOrRetryAfter(base_s=self.settings.transport_backoff_s),
            sleep=self._sleep,
            reraise=True,
        )

    def _structured_call(self, text: str, create: Callable[..., Any]) -> ArticleExtraction:
        """Ask for the draft through instructor, with ``create`` sending each request."""
        mode = self.settings.effective_mode
        structured = instructor.patch(create=create, mode=_MODES[mode])
        extra: dict[str, Any] = {}
        if mode is InstructorMode.json:
            # instructor's JSON mode asks for any JSON object; llama.cpp (both servers) and
            # Anyscale-style endpoints also take the schema here and constrain decoding to it.
            extra["extra_body"] = {"response_format": {"type": "json_object", "schema": _SCHEMA}}
        draft: ArticleExtraction = structured(
            response_model=_RESPONSE_MODEL,
            messages=self.prompt.messages(text),
            model=self.model,
            max_tokens=self.settings.max_tokens,
            temperature=self.settings.temperature,
            max_retries=self.settings.max_reasks,
            **extra,
        )
        return draft

    def _prepared_request(self, text: str) -> dict[str, Any]:
        """The JSON body instructor prepares for the first request about ``text``."""
        body = _body_of(self._captured_kwargs(text))
        rest = json.dumps({key: value for key, value in body.items() if key != "messages"})
        if json.dumps(_ARTICLE_SLOT)[1:-1] in rest:
            raise AssertionError("instructor put the article outside the messages")
        return body

    def _captured_kwargs(self, text: str) -> dict[str, Any]:
        def capture(**kwargs: Any) -> Any:
            raise _Captured(kwargs)

        # instructor logs the stop below as a failed API call; it is not one.
        instructor_log = logging.getLogger("instructor")
        level = instructor_log.level
        instructor_log.setLevel(logging.CRITICAL)
        try:
            self._structured_call(text, capture)
        except Exception as exc:
            link: BaseException | None = exc
            while link is not None and not isinstance(link, _Captured):
                link = link.__cause__ or link.__context__
            if link is None:
                raise
            return link.kwargs
        finally:
            instructor_log.setLevel(level)
        raise AssertionError("instructor did not call the create function")

    def request_body(self, text: str) -> dict[str, Any]:
        """The JSON body of the first request for this article, exactly as instructor would
        send it (also what the Batch API file holds)."""
        template = self._request_template
        # Only the messages hold the article; the rest (the schema) is shared, never edited.
        messages = _with_article(template["messages"], enclosed(text))
        return {**template, "messages": messages, "model": self.model}

    def extract(self, text: str, first_answer: dict[str, Any] | None = None) -> EngineResult:
        """Extract one article. ``first_answer`` is a chat completion already obtained (from
        the Batch API): it is validated as if it had just arrived, and only re-asks are sent."""
        log = _CallLog(secrets=self._secrets)
        try:
            if first_answer is not None:
                first = ChatCompletion.model_validate(first_answer)
            else:
                first = self._send_retrying(self.request_body(text), log)
            log.record(first)
            draft = self._accepted(_unfenced(first))
            if draft is None:
                draft = self._structured_call(text, self._create_after(first, log))
        except IncompleteOutputException as exc:
            log.last_text = completion_text(exc.last_completion) or log.last_text
            raise log.failed(
                "truncated",
                f"the answer was cut off at max_tokens={self.settings.max_tokens}; "
                "raise --max-tokens or use a model that answers more briefly",
            ) from exc
        except InstructorRetryException as exc:
            raise self._classify(exc.__cause__ or exc, log) from exc
        except (openai.OpenAIError, MalformedResponse) as exc:  # the first request's transport
            raise self._classify(exc, log) from exc
        return EngineResult(
            draft=draft,
            attempts=log.completions,
            transport_retries=log.transport_retries,
            usage=log.usage,
        )

    def _accepted(self, completion: ChatCompletion) -> ArticleExtraction | None:
        """The draft, when the answer is valid as it stands, parsed as instructor parses it
        (same model, strict). None hands the answer to instructor: invalid, cut off, refused,
        or in a mode whose parsing is instructor's own (md_json)."""
        mode = self.settings.effective_mode
        if mode is InstructorMode.md_json or not completion.choices:
            return None
        choice = completion.choices[0]
        if choice.finish_reason == "length" or choice.message.refusal is not None:
            return None
        if mode is InstructorMode.tools:
            calls = choice.message.tool_calls or []
            function = getattr(calls[0], "function", None) if calls else None
            text = getattr(function, "arguments", None)
        else:
            text = choice.message.content
        if not isinstance(text, str):
            return None
        try:
            draft: ArticleExtraction = _RESPONSE_MODEL.model_validate_json(text, strict=True)
        except ValueError:  # pydantic's ValidationError, for a bad value or bad JSON
            return None
        return draft

    def _create_after(self, first: ChatCompletion, log: _CallLog) -> Callable[..., Any]:
        """instructor's create function: the answer already received first, then the re-asks."""
        pending = [first]

        def create(**kwargs: Any) -> Any:
            if pending:
                return pending.pop()
            response = self._send_retrying(_body_of(kwargs), log)
            log.record(response)
            return _unfenced(response)

        return create

    def _send_retrying(self, body: dict[str, Any], log: _CallLog) -> ChatCompletion:
        retrying = self._transport_retrying()
        try:
            response: ChatCompletion = retrying(self._send, body)
        finally:
            log.transport_retries += retrying.statistics.get("attempt_number", 1) - 1
        return response

    # --- OpenAI Batch API: the transport of a batch; extractor.batch_api runs the workflow.

    def upload_batch(self, jsonl: bytes) -> tuple[str, str]:
        """Upload the requests file and create the batch: (input file id, batch id)."""
        try:
            uploaded = self._client.files.create(file=("requests.jsonl", jsonl), purpose="batch")
            batch = self._client.batches.create(
                input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h"
            )
        except _UNUSABLE as exc:
            raise self._unusable(self._unusable_message(exc)) from exc
        except openai.OpenAIError as exc:
            raise self._unusable(f"{self.endpoint_host} did not take the batch: {exc}") from exc
        return uploaded.id, batch.id

    def batch_state(self, batch_id: str) -> dict[str, Any]:
        """status, output_file_id, error_file_id and request_counts of a batch."""
        try:
            batch = self._client.batches.retrieve(batch_id)
        except openai.OpenAIError as exc:
            raise self._unusable(f"cannot read batch {batch_id} at {self.endpoint_host}: {exc}") from exc
        counts = batch.request_counts.model_dump() if batch.request_counts else {}
        return {
            "status": batch.status,
            "output_file_id": batch.output_file_id,
            "error_file_id": batch.error_file_id,
            "request_counts": counts,
        }

    def file_text(self, file_id: str) -> str:
        try:
            return self._client.files.content(file_id).text
        except openai.OpenAIError as exc:
            raise self._unusable(f"cannot download {file_id} from {self.endpoint_host}: {exc}") from exc

    def _send(self, body: dict[str, Any]) -> ChatCompletion:
        """One HTTP request, within the shared limits; a 429 pauses every worker. The body goes
        as it is (the SDK's documented ``post``): it was prepared by instructor already, and
        the SDK's re-typing of every request would only cost CPU."""
        estimate = _estimated_tokens(body)
        self.limiter.acquire(estimate)
        used: int | None = None
        try:
            response = self._client.post("/chat/completions", body=body, cast_to=ChatCompletion)
            used = response.usage.total_tokens if response.usage is not None else None
        except json.JSONDecodeError as exc:
            raise MalformedResponse(f"the body is not JSON ({exc.msg})") from exc
        except openai.RateLimitError as exc:
            asked = retry_after_seconds(exc)
            self.limiter.pause(asked if asked is not None else self.settings.transport_backoff_s)
            raise
        finally:
            self.limiter.release(estimate, used)
        return response

    def _classify(self, exc: BaseException, log: _CallLog) -> ExtractionFailed:
        if isinstance(exc, _UNUSABLE):
            raise self._unusable(self._unusable_message(exc)) from exc
        if isinstance(exc, openai.APITimeoutError):
            return log.failed(
                "timeout",
                f"no answer within {self.settings.effective_timeout_s:g} s "
                " (raise --timeout if the server is slow)",
            )
        if isinstance(exc, openai.APIConnectionError):
            return log.failed("connection", f"cannot reach {self.endpoint_host}: {exc}")
        if isinstance(exc, openai.RateLimitError):
            return log.failed("rate_limited", "still rate limited after every allowed retry")
        if isinstance(exc, openai.APIStatusError):
            hint = ""
            if exc.status_code == 400:
                hint = " (if the server rejects the request format, try another --mode)"
            return log.failed(f"http_{exc.status_code}", f"{exc.message}{hint}")
        if isinstance(exc, (openai.OpenAIError, MalformedResponse)):
            return log.failed("bad_response", f"the server's answer could not be read: {exc}")
        # What instructor re-asked for and never got right: a validation or JSON error.
        return log.failed(
            "validation",
            f"no valid answer after {log.completions} attempt(s): {_summary(exc)}",
        )

    def _unusable(self, message: str) -> EngineUnusable:
        """A batch-stopping error whose message (often the server's own words) holds no key."""
        return EngineUnusable(redact(message, self._secrets))

    @property
    def _secrets(self) -> tuple[str, ...]:
        key = self.settings.api_key
        return (key.get_secret_value(),) if key is not None else ()

    def _unusable_message(self, exc: BaseException) -> str:
        if isinstance(exc, openai.AuthenticationError):
            return f"{self.endpoint_host} refused the API key: check OPENAI_API_KEY"
        if isinstance(exc, openai.NotFoundError):
            return (
                f"{self.endpoint_host} does not know model {self.model!r} or the path: "
                "check EXTRACTOR_MODEL and EXTRACTOR_BASE_URL (it usually ends in /v1)"
            )
        return f"{self.endpoint_host} refused the request: {exc}"


def _unfenced(completion: ChatCompletion) -> ChatCompletion:
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


def _body_of(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The JSON body of a request from the keyword arguments instructor gives ``create``: the
    schema in the prompt on one line, and strict structured output asked for where the request
    carries the schema as a tool or a ``json_schema`` response format (the schema is in strict
    form, see ``schemas.compact``; servers other than OpenAI's ignore the flag or enforce it too)."""
    body = {key: value for key, value in kwargs.items() if key not in ("max_retries", "extra_body")}
    body = {**body, **kwargs.get("extra_body", {})}
    body["messages"] = [
        {**message, "content": _schema_on_one_line(message["content"])}
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


def _schema_on_one_line(content: str) -> str:
    """instructor's schema paragraph as one short line (unchanged if instructor words it otherwise)."""
    if _SCHEMA_INDENTED not in content:
        return content
    return _INSTRUCTOR_SCHEMA_PARAGRAPH.sub(lambda _: "\n\n" + _SCHEMA_IN_PROMPT, content, count=1)


def _with_article(value: Any, article: str) -> Any:
    """A copy of a prepared request with the article where the placeholder is."""
    if isinstance(value, str):
        return value.replace(_ARTICLE_SLOT, article)
    if isinstance(value, dict):
        return {key: _with_article(item, article) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_article(item, article) for item in value]
    return value


def _estimated_tokens(kwargs: dict[str, Any]) -> int:
    """What a rate limiter counts before the answer: the prompt (about 3 characters a token
    for Indonesian and JSON) plus the answer's ceiling, as OpenAI's own limiter does. Counted
    from string lengths, not by serialising the request again: this runs for every request."""
    prompt_chars = sum(len(str(message.get("content") or "")) for message in kwargs.get("messages", []))
    if kwargs.get("tools") or kwargs.get("response_format", {}).get("json_schema"):
        prompt_chars += _SCHEMA_CHARS  # the schema travels as a tool or a response format
    return prompt_chars // 3 + int(kwargs.get("max_tokens") or 0)


def _summary(exc: BaseException, limit: int = 1000) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
