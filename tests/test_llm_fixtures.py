"""A real model's mistakes against the checks: Gemma 3 270M on the project's fixture articles.

The cassettes were recorded by ``make record`` (llama-cpp-python's server running Gemma 3 270M,
JSON mode, no re-ask). That model gets most values wrong, which makes it an honest adversary:
each test compares the stored record with the fixture's gold and asserts that every value the
model got wrong carries a warning or an error on its field (an invented quote is flagged
``quote_not_found`` there too), listing the ones a reader trusting the flags would publish.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate import facts_from_gold
from extractor.trust import unflagged_wrong_values
from schemas.record import Status
from tests.conftest import PROJECT_ROOT
from tests.test_llm_cassettes import extract_one, recorded_engine

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


@pytest.mark.vcr
@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_every_value_the_model_gets_wrong_is_flagged(article: Path, tmp_path: Path) -> None:
    """A stored value that differs from gold has a warning or an error on its field."""
    record = extract_one(article, tmp_path, recorded_engine(max_reasks=0))
    if record.status == Status.failed:
        # The model's answer was unusable: nothing stored, nothing to trust, and the record says why.
        # (A transport failure would mean the cassette was not replayed: that is a broken test.)
        assert record.failure is not None and record.failure.kind in ("validation", "truncated")
        return
    gold_path = FIXTURES / "gold" / f"{article.stem}.json"
    gold = facts_from_gold(json.loads(gold_path.read_text(encoding="utf-8")))

    missed = unflagged_wrong_values(gold, record)

    assert not missed, "wrong values with no flag: " + "; ".join(
        f"{w.field} = {w.stored} (gold {w.gold or 'none'})" for w in missed
    )
