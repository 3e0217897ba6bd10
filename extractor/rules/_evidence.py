"""Which of the subject's candidate numbers is its score, by evidence a reader can check.

Every candidate the subject owns for the assessment year gets points from a small table (below),
each point with its reason; the highest wins, the earlier one on a tie. ``rank`` returns the whole
ranking (reasons included); when the best other value comes within ``CLOSE_CALL`` points the engine
reports it beside its draft (``engines.RunnerUp``) and the checks ask a person (``close_call``).

The same score printed two ways ("93,54" in the headline, "93,58" in the body) is settled by the
stated change: "naik 1,97 poin ... dari 91,57" makes it 93,54.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.rules._article import Article, Score
from extractor.rules._cues import SCORE_CUE

# Points per piece of evidence. A cue word ("meraih nilai", "dengan skor", "nilai kepatuhan ...
# sebesar") says the number is a score; the body states results, the headline sums them up; a
# list line ("Dinas Sosial: 86,83") is usually a unit's; agreeing with the stated change is the
# strongest: the arithmetic is in the article.
WEIGHTS = {"cue": 2, "body": 1, "list line": -1, "agrees with the stated change": 3}
_CUE_REACH = 45  # characters before the number in which a cue counts
# "naik 1,97 poin", "meningkat sebesar 2,5 poin", "turun 0,87 poin"
_CHANGE = re.compile(
    r"(naik|meningkat|bertambah|turun|menurun|berkurang)\s+(?:sebesar\s+|sekitar\s+)?"
    r"([0-9]{1,2})[,.]([0-9]{1,2})\s*(?:poin|point)\b",
    re.IGNORECASE,
)
_DOWN = ("turun", "menurun", "berkurang")
_LIST_LINE = re.compile(r"[ \t]*(?:[-•*·]|[0-9]{1,2}[.)])\s|[^\n:]{2,60}:\s*$")
SAME_SCORE = 0.1  # two printings of one score differ in the last digit
# A runner-up this many points (or fewer) behind the winner is a close call: one piece of evidence
# (a cue word, the body rather than the headline) is all that told them apart.
CLOSE_CALL = 1


@dataclass(frozen=True, slots=True)
class Ranked:
    score: Score
    points: int
    reasons: tuple[str, ...]


def stated_changes(text: str) -> list[float]:
    """The changes the article states, signed ("turun 0,87 poin" is -0.87)."""
    if "poin" not in text and "point" not in text:
        return []
    found = []
    for match in _CHANGE.finditer(text):
        value = float(f"{match.group(2)}.{match.group(3)}")
        found.append(-value if match.group(1).lower() in _DOWN else value)
    return found


def _reasons(article: Article, score: Score, agreeing: set[int]) -> tuple[str, ...]:
    text, number = article.text, score.number
    reasons = []
    start = max(article.doc.sentence_starts[score.sentence], number.start - _CUE_REACH)
    if SCORE_CUE.search(text, start, number.start):
        reasons.append("cue")
    if not article.doc.in_title(number.start):
        reasons.append("body")
    line_start = text.rfind("\n", 0, number.start) + 1
    if _LIST_LINE.match(text, line_start, number.start):
        reasons.append("list line")
    if id(score) in agreeing:
        reasons.append("agrees with the stated change")
    return tuple(reasons)


def rank(article: Article, candidates: list[Score], earlier: list[Score]) -> list[Ranked]:
    """``candidates`` best first; ``earlier`` are the subject's results of earlier years (for the
    stated change)."""
    changes = stated_changes(article.text) if len(candidates) > 1 else []
    agreeing = {
        id(score)
        for score in candidates
        for change in changes
        for before in earlier
        if abs(before.number.value + change - score.number.value) < 0.006
    }
    ranked = []
    for score in candidates:
        reasons = _reasons(article, score, agreeing)
        ranked.append(Ranked(score, sum(WEIGHTS[r] for r in reasons), reasons))
    ranked.sort(key=lambda r: -r.points)  # stable: the earlier candidate wins a tie
    return ranked


def same_score_printings(main: Score, own: list[Score]) -> list[Score]:
    """The main score and the subject's other numbers that are the same score printed otherwise
    (undated or of the same year, within a tenth)."""
    return [
        s
        for s in own
        if s is main
        or (
            (s.year is None or s.year == main.year)
            and s.year_offset == 0
            and s.number.value != main.number.value
            and abs(s.number.value - main.number.value) <= SAME_SCORE
        )
    ]
