"""The lexicon of unit kinds (``extractor/data/unit_kinds.json``): long forms, to finish a unit's
name that the press writes partly in lower case, and short forms, to see a unit that the entity
finder has no head for ("Polsek Tanah Abang", "KUA Kecamatan Batu")."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from extractor.rules._capitals import Capitalised
from extractor.rules._entities import Category
from extractor.rules._text import STOP_WORDS


@cache
def _groups() -> list[dict[str, Any]]:
    text = resources.files("extractor").joinpath("data/unit_kinds.json").read_text(encoding="utf-8")
    groups: list[dict[str, Any]] = json.loads(text)["groups"]
    return groups


def _forms(category: str | None, fields: tuple[str, ...], needs_name: bool | None = None) -> list[str]:
    return [
        form
        for group in _groups()
        if (category is None or group["category"] == category)
        and (needs_name is None or group["needs_name"] == needs_name)
        for kind in group["kinds"]
        for field in fields
        for form in kind[field]
    ]


def _form(form: str) -> str:
    return r"\s+".join(re.escape(w) for w in form.split())


def _alternation(forms: list[str]) -> str:
    # longest first, so that "Dinas Pendidikan dan Kebudayaan" wins over "Dinas Pendidikan"
    ordered = sorted(set(forms), key=len, reverse=True)
    return "(?:" + "|".join(_form(f) for f in ordered) + r")(?![\w-])"


def _by_first_character(forms: list[str]) -> str:
    """``_alternation`` with the forms grouped by their first character (case kept), each group in
    the same order: only forms with the same first character can match at one place, so the
    engine tries the same forms in the same order, but it passes over a group after one look at
    its character instead of over each of the forms in turn."""
    groups: dict[str, list[str]] = {}
    for form in sorted(set(forms), key=len, reverse=True):
        groups.setdefault(form[0], []).append(_form(form)[len(re.escape(form[0])) :])
    return (
        "(?:" + "|".join(re.escape(c) + "(?:" + "|".join(g) + ")" for c, g in groups.items()) + r")(?![\w-])"
    )


# Only ever tried with .match at a mention's start, so the long alternation costs nothing per character.
LONG_FORM = re.compile(_alternation(_forms(None, ("long",))), re.IGNORECASE)
# Heads as the press writes them (case kept: "KUA" is a head, "kua" is not). ``_ANY_HEAD`` is
# looked for in the whole article.
_UNIT_HEAD = re.compile(_by_first_character(_forms("unit", ("long", "short"))))
_OFFICE_HEAD = re.compile(_by_first_character(_forms("office", ("long", "short"))))
_ANY_HEAD = Capitalised(re.compile(_by_first_character(_forms(None, ("long", "short")))))
# "Puskesmas", "Polsek": a head that names no unit without a name after it.
_NEEDS_NAME = frozenset(" ".join(f.split()).lower() for f in _forms(None, ("long", "short"), needs_name=True))
_NAME_WORD = re.compile(r"[ \t]+([A-Z][\w'’./-]*)")


def head_starts(text: str, start: int, end: int) -> list[int]:
    """Where a lexicon head begins a word in ``text[start:end]``."""
    return [
        m.start()
        for m in _ANY_HEAD.finditer(text, start, end)
        if not (m.start() and text[m.start() - 1].isalnum())
    ]


def head_name(text: str, start: int) -> tuple[int, Category] | None:
    """End and category of a unit named at ``start`` with a lexicon head and up to four
    capitalised words ("Polsek Tanah Abang"); None where no head starts there."""
    if start and text[start - 1].isalnum():
        return None
    category = Category.unit
    head = _UNIT_HEAD.match(text, start)
    if head is None:
        head, category = _OFFICE_HEAD.match(text, start), Category.office
    if head is None:
        return None
    end = head.end()
    for _ in range(4):
        word = _NAME_WORD.match(text, end)
        if word is None or word.group(1).lower().rstrip(".") in STOP_WORDS:
            break
        end = word.end()
    if end == head.end() and " ".join(head.group(0).split()).lower() in _NEEDS_NAME:
        return None
    return end, category


def needs_name(head: str) -> bool:
    """Whether ``head`` alone names no unit ("Puskesmas", "Polsek")."""
    return " ".join(head.split()).lower() in _NEEDS_NAME
