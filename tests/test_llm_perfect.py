"""A perfect model loses nothing: gold answers through the whole LLM path score F1 1.00.

The FAKE chat-completions server answers each fixture article with its gold values, each with
verbatim words of the article as its quote (what a perfect model would copy). Whatever the
record then differs from gold is lost by the tool itself: the request, validation, grounding,
the set-aside rules, normalisation or storage.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from extractor._llm import LLMEngine
from extractor.evaluate import evaluate_dirs, field_rows
from extractor.inputs import read_article
from extractor.pipeline import run_batch
from extractor.settings import InstructorMode, LLMSettings
from tests.conftest import PROJECT_ROOT
from tests.fake_chat_server import FakeChatServer, FakeReply

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


def _words_of(text: str, *candidates: str) -> str | None:
    """The first candidate found in the text, as the text writes it (case aside)."""
    for candidate in candidates:
        found = re.search(re.escape(candidate), text, re.IGNORECASE)
        if found:
            return found.group()
    return None


def _number_in(text: str, value: float) -> str | None:
    """The score as the article prints it: '82,28', '82.28', '95,3', '74'."""
    forms = [f"{value:.2f}", f"{value:.1f}", f"{value:g}"]
    return _words_of(text, *(f.replace(".", sep) for f in forms for sep in (",", ".")))


def _name_in(text: str, name: str) -> str:
    """The name as printed, else its last word (a region's bare name), else the name itself."""
    return _words_of(text, name, name.split()[-1]) or name


def perfect_answer(text: str, gold: dict[str, Any]) -> dict[str, Any]:
    """What a perfect model answers: gold's values with words of the article as quotes."""
    subject = gold.get("subject")
    has_result = any(gold.get(key) is not None for key in ("score", "zone", "grade"))
    year = gold.get("assessment_year")
    answer: dict[str, Any] = {
        "assessment": "ombudsman_compliance" if has_result or subject else "none",
        "subject": {**subject, "quote": _name_in(text, subject["name"])} if subject else None,
        "assessment_year": year,
        "assessment_year_quote": _words_of(text, str(year)) if year else None,
        "score": gold.get("score"),
        "score_quote": _number_in(text, gold["score"]) if gold.get("score") is not None else None,
        "zone": gold.get("zone"),
        "zone_quote": _words_of(text, f"zona {gold['zone']}", gold["zone"]) if gold.get("zone") else None,
        "grade": gold.get("grade"),
        "grade_quote": _words_of(text, gold["grade"]) if gold.get("grade") else None,
        "published": gold.get("published"),
        "published_quote": None,
        "previous": [
            {**p, "quote": _number_in(text, p["score"]) or str(p["score"])}
            for p in gold.get("previous") or []
        ],
        "officials": [{**o, "quote": _name_in(text, o["name"])} for o in gold.get("officials") or []],
        "units": [
            {
                **{key: u.get(key) for key in ("name", "score", "zone", "grade")},
                "quote": _name_in(text, u["name"]),
            }
            for u in gold.get("units") or []
        ],
    }
    return answer


@pytest.mark.parametrize("mode", [InstructorMode.json, InstructorMode.tools])
def test_gold_answers_through_the_llm_path_score_f1_one(mode: InstructorMode, tmp_path: Path) -> None:
    """Every field of every fixture scores F1 1.00 when the model answers gold (json and tools mode)."""
    answers = {}
    for article in ARTICLES:
        text = read_article(article).text
        gold = json.loads((FIXTURES / "gold" / f"{article.stem}.json").read_text(encoding="utf-8"))
        answers[text] = json.dumps(perfect_answer(text, gold))

    def policy(request: dict[str, Any]) -> FakeReply:
        prompt = request["messages"][-1]["content"]
        answer = next(answer for text, answer in answers.items() if text in prompt)
        return FakeReply(tool_arguments=answer) if mode is InstructorMode.tools else FakeReply(content=answer)

    with FakeChatServer(policy=policy).running() as server:
        engine = LLMEngine(LLMSettings(base_url=server.base_url, model="fake-model", mode=mode, max_reasks=0))
        run_batch(ARTICLES, engine, tmp_path / "out")

    evaluation = evaluate_dirs(FIXTURES / "gold", tmp_path / "out")
    scores = {name: counts.f1 for name, counts in field_rows(evaluation)}
    assert scores and all(f1 == 1.0 for f1 in scores.values()), (scores, evaluation.as_dict().get("articles"))
