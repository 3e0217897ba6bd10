"""The cue words of the other-results stage, read from ``extractor/data/others_cues.json`` (each group
names its source), as the patterns ``_others`` and ``_others_lists`` use."""

from __future__ import annotations

import re
from functools import partial

from extractor.rules._anchored import Anchored
from extractor.rules._cues import _lexicon, alternation, words

# Entries are whole words here: a space stands for at least one whitespace character.
_alternation = partial(alternation, file="others_cues.json", space=r"\s+")


# Between a label and the list it gives ("zona hijau, yaitu", "zona kuning adalah", "di zona hijau
# ada", "(zona hijau) dari Ombudsman RI diraih", "zona merah:"): short, no other name (the callers
# check that), the list right after.
OPENER = re.compile(
    rf"[^.;\n]{{0,70}}?(?:\b(?:{_alternation('list_openers')})\b|:)\s*(?:oleh\s+)?(?:pemerintah\s+)?$",
    re.IGNORECASE,
)
# A comma that only sets off the opener ("masuk zona kuning, yakni ..."), not another clause.
COMMA_OPENER = re.compile(rf",\s*(?:{_alternation('list_openers')})\b", re.IGNORECASE)
# The start of a sentence whose list takes up the group of the sentence before ("Mereka adalah",
# "Kelima pemda itu ialah", "Rinciannya:"): up to five words, one of them the anaphor, then an
# opener or a colon.
ANAPHOR = re.compile(
    rf"\s*(?:[\w-]+\s+){{0,4}}?(?:{_alternation('list_anaphors')})\b[^.;\n]{{0,30}}?"
    rf"(?:\b(?:{_alternation('list_openers')})\b|:)\s*$",
    re.IGNORECASE,
)
# A sentence that goes on with the list of the one before ("Berikutnya Pemkot A ...", "Lalu, ...").
CONTINUATION = re.compile(rf"\s*(?:{_alternation('list_continuations')})\b\s*,?\s*", re.IGNORECASE)
# "seluruh pemerintah daerah di Provinsi X ... zona hijau": a label given to every member at once.
_WHOLE_GROUP = re.compile(
    rf"\b(?:{_alternation('whole_group')})\s+(?:(?:\w+\s+){{0,2}}?)(?:{_alternation('group_nouns')})\b",
    re.IGNORECASE,
)
# (tried only where one of its words begins: most articles have none of them)
WHOLE_GROUP = Anchored(_WHOLE_GROUP, tuple(words("whole_group", "others_cues.json")))
# "Polres se-Sulteng", "Polres jajaran Polda X": the office kind that a paragraph is about.
OFFICE_CONTEXT = re.compile(rf"\s*(?:{_alternation('office_context')})", re.IGNORECASE)


def _peer_levels() -> dict[str, int]:
    groups = _lexicon("others_cues.json")["peer_office_heads"]["entries"]
    assert isinstance(groups, list)
    return {str(head): level for level, group in enumerate(groups) for head in group}


_PEER_LEVELS = _peer_levels()


def same_level(head: str, other: str) -> bool:
    """Two office heads of one level ('polres' and 'polresta'): each office is the other's peer."""
    return head == other or (head in _PEER_LEVELS and _PEER_LEVELS[head] == _PEER_LEVELS.get(other))
