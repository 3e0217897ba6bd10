"""The engine a command runs: the options that reach an LLM (shared by extract, batch-status and
collect), which engine 'auto' means, and building one with a clear error when it cannot run."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
from pydantic import SecretStr

from extractor import settings
from extractor.engines import Engine, EngineUnusable
from extractor.settings import InstructorMode, LLMSettings

if TYPE_CHECKING:
    from extractor._llm import LLMEngine  # imported late elsewhere: openai is slow to import

NO_ENGINE = f"""no LLM is configured, and the llm engine needs one. Set either:
  {settings.ENV_API_KEY}=sk-...                      (OpenAI; optionally {settings.ENV_MODEL}=gpt-4o-mini)
  {settings.ENV_BASE_URL}=http://127.0.0.1:8080/v1   (llama.cpp, Ollama :11434/v1, vLLM :8000/v1,
                                                    LM Studio :1234/v1; plus {settings.ENV_MODEL}=<name>)
or pass --base-url / --model. See README.md, "Configuration"."""


def llm_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that reach an LLM, shared by extract, batch-status and collect; the command
    receives them as one ``llm_settings``."""

    @functools.wraps(command)
    def build(**kwargs: Any) -> None:
        api_key = kwargs.pop("api_key")
        mode = kwargs.pop("mode")
        kwargs["llm_settings"] = LLMSettings(
            api_key=SecretStr(api_key) if api_key else None,
            base_url=kwargs.pop("base_url") or None,
            model=kwargs.pop("model") or None,
            mode=InstructorMode(mode) if mode else None,
            max_tokens=kwargs.pop("max_tokens"),
            temperature=kwargs.pop("temperature"),
            timeout_s=kwargs.pop("timeout_s"),
            max_reasks=kwargs.pop("max_reasks"),
            rpm=kwargs.pop("rpm"),
            tpm=kwargs.pop("tpm"),
        )
        command(**kwargs)

    decorated: Callable[..., None] = build
    for option in reversed(_LLM_OPTIONS):
        decorated = option(decorated)
    return decorated


_LLM_OPTIONS = [
    click.option(
        "--base-url",
        envvar=settings.ENV_BASE_URL,
        show_envvar=True,
        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1. Default: OpenAI.",
    ),
    click.option(
        "--model",
        envvar=settings.ENV_MODEL,
        show_envvar=True,
        help=f"Model [default: {settings.DEFAULT_OPENAI_MODEL} on OpenAI, else the server's only model].",
    ),
    click.option(
        "--api-key",
        envvar=settings.ENV_API_KEY,
        show_envvar=True,
        help="API key; prefer the environment variable (it stays out of shell history).",
    ),
    click.option(
        "--mode",
        type=click.Choice([m.value for m in InstructorMode]),
        envvar=settings.ENV_MODE,
        show_envvar=True,
        help="How the schema is sent [default: tools for OpenAI, json elsewhere].",
    ),
    click.option(
        "--max-tokens",
        type=click.IntRange(64),
        envvar=settings.ENV_MAX_TOKENS,
        default=LLMSettings.max_tokens,
        show_default=True,
        show_envvar=True,
        help="Longest answer the model may give.",
    ),
    click.option(
        "--temperature",
        type=click.FloatRange(0, 2),
        envvar=settings.ENV_TEMPERATURE,
        default=LLMSettings.temperature,
        show_default=True,
        show_envvar=True,
    ),
    click.option(
        "--timeout",
        "timeout_s",
        type=click.FloatRange(1),
        envvar=settings.ENV_TIMEOUT,
        show_envvar=True,
        help="Seconds to wait for one answer [default: 120 for OpenAI, 900 elsewhere].",
    ),
    click.option(
        "--max-reasks",
        type=click.IntRange(0, 10),
        envvar=settings.ENV_MAX_REASKS,
        default=LLMSettings.max_reasks,
        show_default=True,
        show_envvar=True,
        help="Times an invalid answer is sent back with the validation error.",
    ),
    click.option(
        "--rpm",
        type=click.FloatRange(min=0, min_open=True),
        envvar=settings.ENV_RPM,
        show_envvar=True,
        help="At most this many requests per minute, all workers together.",
    ),
    click.option(
        "--tpm",
        type=click.FloatRange(min=0, min_open=True),
        envvar=settings.ENV_TPM,
        show_envvar=True,
        help="At most this many tokens per minute (prompt estimate + max-tokens, then actual usage).",
    ),
]


def choose_engine_name(requested: str, llm_settings: LLMSettings) -> str:
    """'auto' means the LLM when one is configured, else the offline rules engine."""
    if requested == "auto":
        return "llm" if llm_settings.configured else "rules"
    return requested


def make_engine(name: str, llm_settings: LLMSettings) -> Engine:
    if name == "llm":
        if not llm_settings.configured:
            raise click.UsageError(NO_ENGINE)
        from extractor._llm import LLMEngine  # imported late: openai is slow to import

        engine = LLMEngine(llm_settings)
        try:
            engine.resolve_model()
        except EngineUnusable as exc:
            raise click.ClickException(str(exc)) from exc
        return engine
    if name == "rules":
        from extractor.rules import RulesEngine

        return RulesEngine()
    raise click.UsageError(f"unknown engine {name!r}")


def describe(engine: Engine) -> str:
    parts = [
        f"model {engine.model}" if engine.model else None,
        f"at {engine.endpoint_host}" if engine.endpoint_host else None,
    ]
    return ", ".join(p for p in parts if p) or "offline"


def llm_engine(llm_settings: LLMSettings) -> LLMEngine:
    from extractor._llm import LLMEngine

    engine = make_engine("llm", llm_settings)
    assert isinstance(engine, LLMEngine)
    return engine
