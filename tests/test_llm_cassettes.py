"""The whole LLM path replayed from cassettes recorded from a real server.

The cassettes were recorded by ``make record`` from llama-cpp-python's server running Gemma 3
270M. That model answers badly, so these tests assert what the pipeline does with its answers
(a schema-valid record, evidence offsets that point at the quote, unaligned evidence where the
model invented text, re-asks carrying the validation error, a failure record when attempts run
out), never that the answers are right.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import SecretStr

from extractor._llm import LLMEngine
from extractor.engines import ExtractionFailed
from extractor.grounding import fold_quote
from extractor.inputs import read_article
from extractor.pipeline import run_batch
from extractor.prompt import Prompt, load_prompt
from extractor.settings import InstructorMode, LLMSettings
from extractor.store import read_record
from schemas import SCHEMA_DIR
from schemas.record import Record, Status
from tests.conftest import PROJECT_ROOT, SEEDS

# Where `make record` serves the model; replay ignores host and port (see conftest's matcher).
SERVER_URL = os.environ.get("CASSETTE_SERVER_URL", "http://127.0.0.1:8089/v1")
MODEL = "gemma-3-270m"
# A key that must never be written anywhere: records, summaries and cassettes are searched for it.
CANARY_KEY = "sk-canary-0123456789-must-not-leak"
RECORD_SCHEMA = json.loads((SCHEMA_DIR / "record.schema.json").read_text(encoding="utf-8"))


def recorded_engine(**overrides: Any) -> LLMEngine:
    settings: dict[str, Any] = {
        "api_key": SecretStr(CANARY_KEY),
        "base_url": SERVER_URL,
        "model": MODEL,
        "mode": InstructorMode.json,
        "max_tokens": 1024,
        "timeout_s": 900.0,  # a 2-core CPU takes about a minute per article when recording
        "max_reasks": 1,
    }
    settings.update(overrides)
    return LLMEngine(LLMSettings(**settings))


def extract_one(path: Path, out_dir: Path, engine: LLMEngine) -> Record:
    run_batch([path], engine, out_dir)
    written = out_dir / f"{path.stem}.json"
    jsonschema.validate(json.loads(written.read_text(encoding="utf-8")), RECORD_SCHEMA)
    assert CANARY_KEY not in written.read_text(encoding="utf-8")
    assert CANARY_KEY not in (out_dir / "_summary.json").read_text(encoding="utf-8")
    return read_record(written)


def played(cassette: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(request body, response body) of every interaction of the test's cassette, as JSON."""
    pairs = []
    for request, response in zip(cassette.requests, cassette.responses, strict=True):
        body = response["body"]["string"] if "body" in response else response["content"]
        pairs.append((json.loads(request.body), json.loads(body)))
    return pairs


@pytest.mark.vcr
@pytest.mark.parametrize("seed", SEEDS, ids=[seed.stem for seed in SEEDS])
def test_seed_extracts_to_a_valid_grounded_record(seed: Path, tmp_path: Path) -> None:
    """Each seed becomes a schema-valid record whose aligned quotes sit at their offsets and
    whose unaligned quotes really are absent from the article."""
    record = extract_one(seed, tmp_path, recorded_engine())
    text = read_article(seed).text

    assert record.provenance.endpoint_host == "127.0.0.1"
    assert record.provenance.model == MODEL
    assert record.usage.total_tokens > 0
    assert record.attempts >= 1
    if record.status == Status.failed:
        assert record.failure is not None
        assert record.failure.last_completion, "a failure keeps the model's last answer"
        return
    assert record.extraction is not None
    for path, evidence in record.extraction.evidence.items():
        if evidence.aligned:
            assert evidence.start is not None
            assert evidence.end is not None
            assert fold_quote(text[evidence.start : evidence.end]) == fold_quote(evidence.quote), path
        elif evidence.quote.strip():
            assert fold_quote(evidence.quote) not in fold_quote(text), path


# Written for the re-ask test: every year in it is past the schema's 2010–2030.
FUTURE_YEAR = (
    "Ombudsman RI menetapkan Kota Batu sebagai lokasi Penilaian Kepatuhan tahun 2035. Penilaian "
    "Kepatuhan 2035 akan menilai lima unit layanan. Pada tahun 2035 Kota Batu menargetkan nilai "
    "90,50 dan zona hijau dalam Penilaian Kepatuhan 2035.\n"
)


@pytest.mark.vcr
def test_invalid_answer_is_reasked_with_the_error_then_kept_as_failure(tmp_path: Path, vcr: Any) -> None:
    """An article written for this test prints a year past the schema's maximum (2035); the small
    model copies it (its server's grammar does not enforce ``maximum``), the answer is sent back
    with the error, and when the re-asks run out the article gets a failure record with the last
    answer, the attempts and the usage of every attempt."""
    article = tmp_path / "rencana.txt"
    article.write_text(FUTURE_YEAR, encoding="utf-8")
    record = extract_one(article, tmp_path, recorded_engine())
    interactions = played(vcr)

    assert len(interactions) >= 2, "the recording must contain a re-ask"
    assert record.attempts == len(interactions)
    reask = interactions[1][0]["messages"][-1]["content"]
    assert "Correct your JSON" in reask
    assert record.usage.total_tokens == sum(answer["usage"]["total_tokens"] for _, answer in interactions)
    if record.status == Status.failed:
        assert record.failure is not None
        assert record.failure.kind == "validation"
        assert record.failure.last_completion


@pytest.mark.vcr
def test_answer_cut_at_max_tokens_becomes_a_truncated_failure(tmp_path: Path) -> None:
    """An answer stopped by max_tokens is not re-asked (it would be cut again): the record says
    so, keeps the partial answer and suggests raising --max-tokens."""
    record = extract_one(SEEDS[2], tmp_path, recorded_engine(max_tokens=48))

    assert record.status == Status.failed
    assert record.failure is not None
    assert record.failure.kind == "truncated"
    assert "max-tokens" in record.failure.message
    assert record.failure.last_completion


def test_no_cassette_carries_a_key_or_auth_header() -> None:
    """Recorded requests keep no credentials, whichever key was used when recording."""
    files = sorted((PROJECT_ROOT / "cassettes").rglob("*.yaml"))
    assert files, "cassettes are committed"
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert CANARY_KEY not in text, path
        for interaction in yaml.safe_load(text)["interactions"]:
            headers = {k.lower() for k in interaction["request"]["headers"]}
            assert not headers & {"authorization", "openai-organization", "openai-project", "cookie"}


@pytest.mark.vcr("test_seed_extracts_to_a_valid_grounded_record[000_2f2e1110791b0be1].yaml")
def test_changed_prompt_does_not_replay_a_stale_answer(request: pytest.FixtureRequest) -> None:
    """The cassette matcher compares the JSON body: one changed word in the prompt and the
    recorded answer is refused, so the article fails instead of getting an answer to another
    question."""
    if request.config.getoption("--record-mode") != "none":
        pytest.skip("about replay only: while recording, the changed prompt would be recorded")
    prompt = load_prompt()
    changed = Prompt(system=prompt.system.replace("Indonesian", "Malay"), user_template=prompt.user_template)
    engine = recorded_engine(transport_attempts=1)
    engine.prompt = changed

    with pytest.raises(ExtractionFailed) as caught:
        engine.extract(read_article(SEEDS[0]).text)
    chain: list[str] = []
    exc: BaseException | None = caught.value
    while exc is not None:
        chain.append(f"{type(exc).__name__}: {exc}")
        exc = exc.__cause__ or exc.__context__
    assert any("CannotOverwriteExistingCassetteException" in link for link in chain), chain
