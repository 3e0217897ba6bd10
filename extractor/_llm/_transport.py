"""Transport faults of the OpenAI-compatible API and how to repeat a request through them: which
faults are worth repeating (429, 5xx, timeouts, broken bodies), how long to wait (the server's
``Retry-After``, else exponential backoff with full jitter), when to give up, and what one
article's calls cost (``CallLog``)."""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import openai
from tenacity import RetryCallState
from tenacity.stop import stop_base

from extractor.engines import ExtractionFailed
from extractor.redact import redact
from schemas.record import Usage

# The server says the request can never succeed as configured: retrying or going on is useless.
UNUSABLE = (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError)
MAX_RETRY_AFTER_S = 120.0


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
class BackoffOrRetryAfter:
    """Wait what the server asked for, else exponential backoff with full jitter."""

    base_s: float
    cap_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(exc)
        if asked is not None:
            return min(asked, MAX_RETRY_AFTER_S)
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


class GiveUp(stop_base):
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
class CallLog:
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
