"""What every engine promises: an article text in, an ``ArticleExtraction`` (values + quotes) out.

The LLM engine (``extractor._llm``) and the offline rules engine share this contract, so the
grounding, the checks and the store never know which engine answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from schemas.draft import ArticleExtraction
from schemas.record import RunnerUp as StoredRunnerUp
from schemas.record import Usage


@dataclass(frozen=True)
class RunnerUp:
    """A value the engine weighed for a field and did not choose, and how close it came: what the
    record stores (``schemas.record.RunnerUp``) and the words it was read from.

    The rules engine ranks its candidates by evidence (``rules._evidence``); when the best two
    are close it reports the second beside the draft, with its quote, so that the checks can ask
    a person to decide (``close_call``). An LLM engine reports none."""

    stored: StoredRunnerUp
    quote: str


@dataclass
class EngineResult:
    draft: ArticleExtraction
    runner_ups: list[RunnerUp] = field(default_factory=list)
    attempts: int = 1
    transport_retries: int = 0
    usage: Usage = field(default_factory=Usage)


class ExtractionFailed(Exception):
    """One article could not be extracted; the batch goes on and a failure record is stored."""

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        attempts: int = 0,
        transport_retries: int = 0,
        usage: Usage | None = None,
        last_completion: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.attempts = attempts
        self.transport_retries = transport_retries
        self.usage = usage or Usage()
        self.last_completion = last_completion


class EngineUnusable(Exception):
    """The engine cannot work at all (bad key, unknown model, no server): stop the batch."""


class Engine(Protocol):
    name: str

    @property
    def model(self) -> str | None: ...

    @property
    def endpoint_host(self) -> str | None: ...

    @property
    def prompt_hash(self) -> str | None: ...

    def extract(self, text: str) -> EngineResult: ...
