"""Which engine runs: the LLM when one is configured, else the offline rules engine, and the run
says which and how to switch."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from pydantic import SecretStr

from extractor.cli import choose_engine_name, main
from extractor.settings import LLMSettings
from extractor.store import iter_record_paths, read_record
from tests.conftest import SEEDS


def test_auto_means_rules_when_no_llm_is_configured() -> None:
    assert choose_engine_name("auto", LLMSettings()) == "rules"


def test_auto_means_llm_with_an_api_key_or_a_base_url() -> None:
    assert choose_engine_name("auto", LLMSettings(api_key=SecretStr("sk-test"))) == "llm"
    assert choose_engine_name("auto", LLMSettings(base_url="http://127.0.0.1:8080/v1")) == "llm"


def test_an_explicit_engine_is_kept() -> None:
    assert choose_engine_name("rules", LLMSettings(api_key=SecretStr("sk-test"))) == "rules"
    assert choose_engine_name("llm", LLMSettings()) == "llm"


def test_extract_without_a_key_uses_the_rules_engine_and_says_how_to_switch(tmp_path: Path) -> None:
    """A fresh machine: no OPENAI_API_KEY, no EXTRACTOR_BASE_URL -> every seed extracted offline."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, seeds / seed.name)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(seeds), "--out", str(out), "--quiet"])

    assert result.exit_code == 0, result.output
    assert "Engine: rules" in result.output
    assert "OPENAI_API_KEY" in result.output and "EXTRACTOR_BASE_URL" in result.output
    records = [read_record(p) for p in iter_record_paths(out)]
    assert len(records) == len(SEEDS)
    assert {r.provenance.engine for r in records} == {"rules"}
    assert all(r.extraction is not None and r.extraction.subject is not None for r in records)
