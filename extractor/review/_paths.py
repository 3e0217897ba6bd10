"""Field paths into an extraction (``score``, ``subject.name``, ``units[2].score``) and corrections on them.

A correction works on the extraction's JSON form (``model_dump(mode="json")``): it sets a leaf or
a whole item, removes a list item (``new`` is null) or appends one (index = length); a leaf of an
item or subject that does not exist yet creates it (``units[5].name`` when there are five). The result
is validated with the same ``Extraction`` model the engines fill, so a corrected value obeys the
schema exactly as an extracted one does (a score of 182 is refused with pydantic's reason).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from schemas.record import Extraction

_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.")
_ITEM_KEY = re.compile(r"^([a-z_]+)\[(\d+)\]$")


class CorrectionError(ValueError):
    """A correction that cannot be applied or does not validate; ``problems`` are shown to the reviewer."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_path(path: str) -> list[str | int]:
    """'units[2].score' -> ['units', 2, 'score']; anything else is refused."""
    parts: list[str | int] = []
    pos = 0
    for match in _TOKEN.finditer(path):
        if match.start() != pos:
            break
        pos = match.end()
        name, index = match.group(1), match.group(2)
        if name is not None:
            parts.append(name)
        elif index is not None:
            parts.append(int(index))
    if pos != len(path) or not parts or not isinstance(parts[0], str) or path.endswith("."):
        raise CorrectionError([f"{path!r} is not a field path (e.g. 'score', 'units[2].score')"])
    return parts


def format_path(parts: list[str | int] | tuple[str | int, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def get_value(data: dict[str, Any], path: str) -> Any:
    """The value at ``path`` in an extraction's JSON form, or None where the path leads nowhere."""
    node: Any = data
    for part in parse_path(path):
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node


def apply_correction(data: dict[str, Any], path: str, new: Any) -> Any:
    """Apply one correction in place to an extraction's JSON form; returns the old value."""
    parts = parse_path(path)
    if parts[0] == "evidence":
        raise CorrectionError(["evidence is what the machine quoted; it cannot be corrected"])
    if parts[0] not in data:
        raise CorrectionError([f"{path}: there is no field {parts[0]!r}"])
    parent: Any = data
    for depth, part in enumerate(parts[:-1]):
        parent = _step(parent, part, format_path(parts[: depth + 1]))
    last = parts[-1]
    if isinstance(last, str):
        if not isinstance(parent, dict):
            raise CorrectionError([f"{path}: there is no such field"])
        old = parent.get(last)  # a new item's fields; an unknown name is refused by the schema
        parent[last] = new
        return old
    if not isinstance(parent, list):
        raise CorrectionError([f"{path}: {format_path(parts[:-1])} is not a list"])
    if last == len(parent) and new is not None:
        parent.append(new)  # a value the machine missed
        return None
    if last >= len(parent):
        raise CorrectionError([f"{path}: there are only {len(parent)} item(s)"])
    old = parent[last]
    if new is None:
        del parent[last]
        if len(parts) == 2 and isinstance(parts[0], str):
            data["evidence"] = _evidence_without(data.get("evidence") or {}, parts[0], last)
    else:
        parent[last] = new
    return old


def _step(node: Any, part: str | int, where: str) -> Any:
    """One level down, creating what a new value needs: an empty subject, a new unit at the end."""
    if isinstance(part, int):
        if not isinstance(node, list) or part > len(node):
            raise CorrectionError([f"{where}: no such item"])
        if part == len(node):
            node.append({})
        child = node[part]
    else:
        if not isinstance(node, dict) or part not in node:
            raise CorrectionError([f"{where}: no such field"])
        if node[part] is None:
            node[part] = {}
        child = node[part]
    if not isinstance(child, dict | list):
        raise CorrectionError([f"{where} is a value, not a group of fields"])
    return child


def _evidence_without(evidence: dict[str, Any], name: str, removed: int) -> dict[str, Any]:
    """Evidence keys follow their items when one is removed: units[3] becomes units[2]."""
    kept: dict[str, Any] = {}
    for key, value in evidence.items():
        match = _ITEM_KEY.match(key)
        if match and match.group(1) == name:
            index = int(match.group(2))
            if index == removed:
                continue
            key = f"{name}[{index - 1}]" if index > removed else key
        kept[key] = value
    return kept


def validate_extraction(data: dict[str, Any]) -> Extraction:
    """The corrected values as an ``Extraction``, or a ``CorrectionError`` giving each reason."""
    try:
        return Extraction.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = format_path([p for p in error["loc"] if isinstance(p, str | int)])
            got = f" (got {error['input']!r})" if not isinstance(error["input"], dict | list) else ""
            problems.append(f"{where or 'extraction'}: {error['msg']}{got}")
        raise CorrectionError(problems) from None
