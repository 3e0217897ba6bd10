"""What every engine promises: an article text in, an ``ArticleExtraction`` (values + quotes) out.

The LLM engine (``extractor._llm``) and the offline rules engine share this contract, so the
grounding, the checks and the store never know which engine answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from schemas.draft import ArticleExtraction
from schemas.record import Usage


@dataclass
class EngineResult:
    draft: ArticleExtraction
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
