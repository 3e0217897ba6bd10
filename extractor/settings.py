"""Every setting the tool takes from the environment, named in one place.

The CLI reads these variables (click's ``envvar=``) and builds an ``LLMSettings``; no other
module looks at ``os.environ``. The API key is held in a ``SecretStr`` so that it never shows
in a repr, a log line or a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlparse

from pydantic import SecretStr

ENV_API_KEY = "OPENAI_API_KEY"
ENV_BASE_URL = "EXTRACTOR_BASE_URL"
ENV_MODEL = "EXTRACTOR_MODEL"
ENV_MODE = "EXTRACTOR_MODE"
ENV_MAX_TOKENS = "EXTRACTOR_MAX_TOKENS"
ENV_TEMPERATURE = "EXTRACTOR_TEMPERATURE"
ENV_TIMEOUT = "EXTRACTOR_TIMEOUT"
ENV_MAX_REASKS = "EXTRACTOR_MAX_REASKS"
ENV_ENGINE = "EXTRACTOR_ENGINE"
ENV_RPM = "EXTRACTOR_RPM"
ENV_TPM = "EXTRACTOR_TPM"
ENV_PROCESSES = "EXTRACTOR_PROCESSES"
ENV_MAX_CHARS = "EXTRACTOR_MAX_CHARS"

# Longest article extracted, by any engine (about 15,000 tokens of Indonesian): a longer text
# is usually a whole page or a feed saved by mistake; sent to a model it would cost as much as
# dozens of articles, and the rules engine would spend seconds on it.
DEFAULT_MAX_CHARS = 60_000

OPENAI_HOST = "api.openai.com"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Local servers ignore the key but the OpenAI SDK refuses to start without one.
PLACEHOLDER_KEY = "not-needed"


class InstructorMode(StrEnum):
    """How the schema is put to the server (instructor's modes that OpenAI-compatible servers serve).

    tools: function calling (OpenAI; vLLM with --enable-auto-tool-choice; llama-server --jinja).
    json_schema: OpenAI structured outputs, ``response_format={"type": "json_schema", ...}``
    (OpenAI, LM Studio, vLLM, Ollama >= 0.5, llama-server).
    json: ``response_format={"type": "json_object", "schema": ...}`` plus the schema in the
    prompt: llama-cpp-python's server and llama-server constrain decoding to the schema; Ollama
    and vLLM give a JSON object. The default for every endpoint but OpenAI's.
    md_json: no server support needed; the answer is parsed from a fenced JSON block.
    """

    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


@dataclass(frozen=True)
class LLMSettings:
    api_key: SecretStr | None = None
    base_url: str | None = None
    model: str | None = None
    mode: InstructorMode | None = None
    max_tokens: int = 2048
    temperature: float = 0.0
    timeout_s: float | None = None  # None: by endpoint, see effective_timeout_s
    max_reasks: int = 2
    # Transport faults: attempts per request and the wall time they may take together.
    transport_attempts: int = 5
    transport_max_seconds: float = 300.0
    transport_backoff_s: float = 1.0
    # Shared by all workers of a batch: requests and tokens per minute (None: no limit).
    rpm: float | None = None
    tpm: float | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        """An LLM is configured when there is a key (OpenAI) or a server address."""
        return self.api_key is not None or self.base_url is not None

    @property
    def endpoint_host(self) -> str:
        """Host only: a base URL may carry credentials or tokens that must not be stored."""
        if not self.base_url:
            return OPENAI_HOST
        return urlparse(self.base_url).hostname or "unknown-host"

    @property
    def effective_timeout_s(self) -> float:
        """OpenAI answers in seconds; a local model on a CPU can take minutes per article, and
        a timeout there only repeats the same slow request."""
        if self.timeout_s is not None:
            return self.timeout_s
        return 120.0 if self.endpoint_host == OPENAI_HOST else 900.0

    @property
    def model_name(self) -> str:
        return self.model or DEFAULT_OPENAI_MODEL

    @property
    def effective_mode(self) -> InstructorMode:
        """OpenAI itself gets function calling; other servers get JSON mode with the schema."""
        if self.mode is not None:
            return self.mode
        return InstructorMode.tools if self.endpoint_host == OPENAI_HOST else InstructorMode.json

    def key_for_client(self) -> str:
        return self.api_key.get_secret_value() if self.api_key else PLACEHOLDER_KEY


# `extractor fetch`: the User-Agent sent to news sites (a contact address in it is polite).
ENV_USER_AGENT = "EXTRACTOR_USER_AGENT"
