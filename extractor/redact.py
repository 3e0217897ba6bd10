"""Secrets out of every error text the tool stores or prints.

A server may echo the request's ``Authorization`` header or the key itself in an error body
("Incorrect API key provided: sk-proj-…"); that text reaches failure records, the summary and
the log. Whatever looks like a key is replaced before it goes anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[redacted]"
# OpenAI-style keys ("sk-…", "sk-proj-…"), bearer tokens, and key=… in a query string or body.
_KEY_SHAPED = re.compile(
    r"\bsk-[A-Za-z0-9_-]{8,}|(?<=Bearer )[A-Za-z0-9._~+/=-]{8,}|"
    r"(?<=api[_-]key=)[^\s&\"']{8,}|(?<=\"api_key\": \")[^\"]{8,}",
    re.IGNORECASE,
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with each given secret (the configured key) and every key-shaped string replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return _KEY_SHAPED.sub(REDACTED, text)
