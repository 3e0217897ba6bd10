"""Slips in a model's answer that cost nothing to undo, undone before validation.

Models wrap JSON in Markdown code fences (```` ```json ... ``` ````) even in json and tools mode,
where instructor parses the text as it comes and would re-ask (or fail the article) over the
fence alone. The other harmless slips (an enum's case, a null list, a date in words) are the
value types' own business (``schemas.values``, ``schemas.draft``).
"""

from __future__ import annotations

import re

# The whole answer is one fenced block, with an optional language tag; nothing outside it but space.
_FENCED = re.compile(r"\A\s*```[A-Za-z0-9_-]*[ \t]*\n?(?P<body>.*?)\n?[ \t]*```\s*\Z", re.DOTALL)


def unfence(text: str) -> str:
    """The JSON inside a fenced answer; any other text unchanged."""
    match = _FENCED.match(text)
    return match.group("body") if match else text
