"""The JSON Schemas in schemas/ are generated from the models and must not drift from them."""

from __future__ import annotations

import pytest

from schemas import SCHEMA_DIR, SCHEMA_FILES, render_schema


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_matches_the_model(name: str) -> None:
    """Regenerate with `python -m schemas` after changing a model."""
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == render_schema(SCHEMA_FILES[name]), f"{name} is stale: run `python -m schemas`"
