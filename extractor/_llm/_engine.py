"""``LLMEngine``: one article through an OpenAI-compatible chat completions endpoint, with the two
retry layers kept apart (see the package's docstring)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion
from tenacity import Retrying, retry_if_exception, stop_after_delay

from extractor._llm._request import (
    ARTICLE_SLOT,
    MODES,
    RESPONSE_MODEL,
    SCHEMA,
    Captured,
    body_of,
    estimated_tokens,
    summary,
    unfenced,
    with_article,
)
from extractor._llm._transport import (
    UNUSABLE,
    BackoffOrRetryAfter,
    CallLog,
    GiveUp,
    MalformedResponse,
    completion_text,
    is_transient,
    retry_after_seconds,
)
from extractor.engines import EngineResult, EngineUnusable, ExtractionFailed
from extractor.limits import PauseCell, RequestLimiter
from extractor.prompt import Prompt, enclosed, load_prompt
from extractor.redact import redact
from extractor.settings import InstructorMode, LLMSettings
from schemas.draft import ArticleExtraction


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
        self._request_template = self._prepared_request(ARTICLE_SLOT)

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
        except UNUSABLE as exc:
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
            stop=GiveUp(faults=self.settings.transport_attempts)
            | stop_after_delay(self.settings.transport_max_seconds),
            wait=BackoffOrRetryAfter(base_s=self.settings.transport_backoff_s),
            sleep=self._sleep,
            reraise=True,
        )

    def _structured_call(self, text: str, create: Callable[..., Any]) -> ArticleExtraction:
        """Ask for the draft through instructor, with ``create`` sending each request."""
        mode = self.settings.effective_mode
        structured = instructor.patch(create=create, mode=MODES[mode])
        extra: dict[str, Any] = {}
        if mode is InstructorMode.json:
            # instructor's JSON mode asks for any JSON object; llama.cpp (both servers) and
            # Anyscale-style endpoints also take the schema here and constrain decoding to it.
            extra["extra_body"] = {"response_format": {"type": "json_object", "schema": SCHEMA}}
        draft: ArticleExtraction = structured(
            response_model=RESPONSE_MODEL,
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
        body = body_of(self._captured_kwargs(text))
        rest = json.dumps({key: value for key, value in body.items() if key != "messages"})
        if json.dumps(ARTICLE_SLOT)[1:-1] in rest:
            raise AssertionError("instructor put the article outside the messages")
        return body

    def _captured_kwargs(self, text: str) -> dict[str, Any]:
        def capture(**kwargs: Any) -> Any:
            raise Captured(kwargs)

        # instructor logs the stop below as a failed API call; it is not one.
        instructor_log = logging.getLogger("instructor")
        level = instructor_log.level
        instructor_log.setLevel(logging.CRITICAL)
        try:
            self._structured_call(text, capture)
        except Exception as exc:
            link: BaseException | None = exc
            while link is not None and not isinstance(link, Captured):
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
        messages = with_article(template["messages"], enclosed(text))
        return {**template, "messages": messages, "model": self.model}

    def extract(self, text: str, first_answer: dict[str, Any] | None = None) -> EngineResult:
        """Extract one article. ``first_answer`` is a chat completion already obtained (from
        the Batch API): it is validated as if it had just arrived, and only re-asks are sent."""
        log = CallLog(secrets=self._secrets)
        try:
            if first_answer is not None:
                first = ChatCompletion.model_validate(first_answer)
            else:
                first = self._send_retrying(self.request_body(text), log)
            log.record(first)
            draft = self._accepted(unfenced(first))
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
            draft: ArticleExtraction = RESPONSE_MODEL.model_validate_json(text, strict=True)
        except ValueError:  # pydantic's ValidationError, for a bad value or bad JSON
            return None
        return draft

    def _create_after(self, first: ChatCompletion, log: CallLog) -> Callable[..., Any]:
        """instructor's create function: the answer already received first, then the re-asks."""
        pending = [first]

        def create(**kwargs: Any) -> Any:
            if pending:
                return pending.pop()
            response = self._send_retrying(body_of(kwargs), log)
            log.record(response)
            return unfenced(response)

        return create

    def _send_retrying(self, body: dict[str, Any], log: CallLog) -> ChatCompletion:
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
        except UNUSABLE as exc:
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
        estimate = estimated_tokens(body)
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

    def _classify(self, exc: BaseException, log: CallLog) -> ExtractionFailed:
        if isinstance(exc, UNUSABLE):
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
            f"no valid answer after {log.completions} attempt(s): {summary(exc)}",
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
