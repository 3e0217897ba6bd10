"""The LLM engine: the only package that imports ``openai`` and ``instructor``.

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

from extractor._llm._engine import LLMEngine
from extractor._llm._transport import MalformedResponse, completion_text, is_transient, retry_after_seconds

__all__ = ["LLMEngine", "MalformedResponse", "completion_text", "is_transient", "retry_after_seconds"]
