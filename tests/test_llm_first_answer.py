"""The first answer of an article is validated by the engine itself, without instructor's
per-call overhead. That shortcut must be invisible: an answer is accepted exactly when
instructor would accept it, with the same draft; anything else goes on to instructor's re-ask.
Answers are staged by the FAKE chat-completions server.
"""

from __future__ import annotations

import json
from typing import Any

import instructor
import pytest
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion
from pydantic import SecretStr

from extractor._answers import unfence
from extractor._llm import LLMEngine
from extractor._llm._request import MODES as _MODES
from extractor._llm._request import RESPONSE_MODEL as _RESPONSE_MODEL
from extractor.limits import RequestLimiter
from extractor.settings import InstructorMode, LLMSettings
from tests.fake_chat_server import FakeChatServer, FakeReply, completion_body
from tests.test_llm_faults import ARTICLE
from tests.test_llm_faults import VALID as VALID_ANSWER

VALID: dict[str, Any] = json.loads(VALID_ANSWER)
ANSWERS = {
    "valid": json.dumps(VALID),
    "score as a number": json.dumps({**VALID, "score": 82.28}),
    "year as a string": json.dumps({**VALID, "assessment_year": "2024"}),
    "unknown key": json.dumps({**VALID, "comment": "ok"}),
    "padded with whitespace": "\n  " + json.dumps(VALID) + "\n",
    "in a markdown fence": "```json\n" + json.dumps(VALID) + "\n```",
    "text after the JSON": json.dumps(VALID) + " Semoga membantu.",
    "score out of range": json.dumps({**VALID, "score": 182.28}),
    "no assessment": json.dumps({k: v for k, v in VALID.items() if k != "assessment"}),
    "empty": "",
}
MODES = (InstructorMode.json, InstructorMode.json_schema, InstructorMode.tools)
TOOL_NAME = _RESPONSE_MODEL.openai_schema["name"]


def reply_for(answer: str, mode: InstructorMode, finish_reason: str = "stop") -> FakeReply:
    if mode is InstructorMode.tools:
        return FakeReply(tool_arguments=answer, finish_reason=finish_reason)
    return FakeReply(content=answer, finish_reason=finish_reason)


def instructor_verdict(reply: FakeReply, mode: InstructorMode) -> Any:
    """What instructor itself makes of this answer: the draft, or None when it would re-ask."""
    completion = ChatCompletion.model_validate_json(completion_body(reply, "fake-model", TOOL_NAME))
    create = instructor.patch(create=lambda **_: completion, mode=_MODES[mode])
    try:
        return create(response_model=_RESPONSE_MODEL, messages=[{"role": "user", "content": ARTICLE}])
    except (InstructorRetryException, IncompleteOutputException):
        return None


def extract_through_fake(reply: FakeReply, mode: InstructorMode) -> tuple[Any, int]:
    """The engine's draft and how many requests it sent; a re-ask is answered validly."""
    server = FakeChatServer([reply, reply_for(json.dumps(VALID), mode)])
    settings = LLMSettings(
        api_key=SecretStr("sk-fake"), base_url=server.base_url, model="fake-model", mode=mode, timeout_s=5.0
    )
    with server.running():
        engine = LLMEngine(settings, limiter=RequestLimiter(), sleep=lambda _: None)
        result = engine.extract(ARTICLE)
    return result.draft, len(server.requests)


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@pytest.mark.parametrize("answer", ANSWERS, ids=str)
def test_first_answer_is_accepted_exactly_when_instructor_accepts_it(
    answer: str, mode: InstructorMode
) -> None:
    """Accepted by instructor (once a code fence around the JSON is taken off: a slip that costs
    no re-ask): one request and the very draft instructor parses. Refused by instructor: the
    engine re-asks, as instructor does."""
    reply = reply_for(ANSWERS[answer], mode)
    expected = instructor_verdict(reply_for(unfence(ANSWERS[answer]), mode), mode)
    draft, requests = extract_through_fake(reply, mode)

    if expected is None:
        assert requests == 2, "an answer instructor refuses must be re-asked"
    else:
        assert requests == 1
        assert draft.model_dump() == expected.model_dump()


def test_the_two_paths_disagree_on_some_answers_so_the_comparison_means_something() -> None:
    """Guards the test above: among the staged answers instructor accepts some and refuses some."""
    verdicts = {
        name: instructor_verdict(FakeReply(content=text), InstructorMode.json)
        for name, text in ANSWERS.items()
    }
    assert verdicts["valid"] is not None
    assert verdicts["score out of range"] is None
    assert verdicts["in a markdown fence"] is None


def test_md_json_answers_in_a_fence_are_read_by_instructor_in_one_request() -> None:
    """md_json is parsed by instructor alone (it strips the fence): still a single request."""
    draft, requests = extract_through_fake(
        FakeReply(content=ANSWERS["in a markdown fence"]), InstructorMode.md_json
    )

    assert requests == 1
    assert draft.score == 82.28
