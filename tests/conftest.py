"""Test isolation and cassette settings.

* No test sees the developer's own configuration: every ``OPENAI_*`` and ``EXTRACTOR_*``
  variable is removed (the one switch tests use is set explicitly where needed).
* Cassettes live in ``cassettes/``; secrets are scrubbed from requests and responses; a
  request is matched on its JSON body, so a changed prompt or schema fails loudly instead of
  replaying a stale answer. pyproject's addopts make replay-only (``--record-mode=none``) and
  block the network (loopback stays open for the fake server), so a test can never reach a
  real endpoint.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import reviewkit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))

SCRUBBED_REQUEST_HEADERS = ["authorization", "openai-organization", "openai-project", "cookie", "api-key"]
SCRUBBED_RESPONSE_HEADERS = {"set-cookie", "openai-organization", "openai-project"}


def default_sigint() -> None:
    """For subprocesses that a test interrupts: a shell running the tests in the background
    ignores SIGINT and children inherit that; a user's terminal would deliver it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith(("OPENAI_", "EXTRACTOR_")):
            monkeypatch.delenv(name)


def _json_body(request: Any) -> Any:
    body = request.body or b""
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    try:
        return json.loads(body) if body else None
    except ValueError:
        return body


def json_body_matcher(recorded: Any, live: Any) -> None:
    """Bodies must be equal as JSON; the assertion names the keys that differ."""
    old, new = _json_body(recorded), _json_body(live)
    if old != new:
        if isinstance(old, dict) and isinstance(new, dict):
            keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
            raise AssertionError(f"request body differs from the cassette in: {keys}")
        raise AssertionError("request body differs from the cassette")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SCRUBBED_RESPONSE_HEADERS:
            del headers[name]
    return response


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    del config
    vcr.register_matcher("json_body", json_body_matcher)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": [(name, None) for name in SCRUBBED_REQUEST_HEADERS],
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "match_on": ["method", "path", "json_body"],
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(PROJECT_ROOT / "cassettes" / request.module.__name__.split(".")[-1])


# The review page's browser tests (test_review_layout, _workflow, _others): one headless Chromium
# per module, and the two screen sizes every layout is checked at.


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with reviewkit.chromium() as launched:
        yield launched


@pytest.fixture(params=sorted(reviewkit.SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)
