"""The cue-word lexicons of the score, year and zone/grade stage, read from ``extractor/data/cues.json``
(each group names its source), turned into the patterns the stage uses."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources


@cache
def _lexicon() -> dict[str, dict[str, object]]:
    text = resources.files("extractor").joinpath("data/cues.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, object]] = json.loads(text)
    return data


def words(group: str) -> list[str]:
    entries = _lexicon()[group]["entries"]
    assert isinstance(entries, list)
    return [str(entry) for entry in entries]


def alternation(group: str) -> str:
    """The group's entries as one regex alternation, longest first (so that "dengan nilai" is
    tried before "nilai"); a space matches any run of whitespace or none ("Kemen PAN", "KemenPAN")."""
    parts = sorted(words(group), key=len, reverse=True)
    return "|".join(re.escape(part).replace(r"\ ", r"\s*") for part in parts)


def case_sensitive(group: str) -> bool:
    return bool(_lexicon()[group].get("case_sensitive", False))


# A cue word right before a number: it is stated as a score ("meraih nilai 84,15").
SCORE_CUE = re.compile(rf"\b(?:{alternation('score_cues')})\b[^0-9.;]*$", re.IGNORECASE)
# Other bodies' indices: a number in the same sentence belongs to them, not to Ombudsman. No
# IGNORECASE: "KIP", "MCP" are acronyms only as capitals, and a pattern that starts with plain
# characters lets the engine skip ahead fast.
OTHER_INDEX = re.compile(rf"(?:{alternation('other_indices')})\b")
PERCEPTION = re.compile(alternation("perception_survey"), re.IGNORECASE)
COMPLIANCE = re.compile(alternation("compliance_words"), re.IGNORECASE)
# A year the text looks forward to ("untuk penilaian tahun 2026"): up to three words between.
FUTURE_BEFORE = re.compile(
    rf"\b(?:{alternation('future_year_before')})\b(?:\s+[\w-]+){{0,3}}\s+$", re.IGNORECASE
)
FUTURE_AFTER = re.compile(rf"\s+(?:{alternation('future_year_after')})\b", re.IGNORECASE)
