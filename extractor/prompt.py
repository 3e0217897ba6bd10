"""The prompt templates of ``prompts/`` and their hash.

The hash covers both templates and the JSON Schema the model is asked to fill: any change to
what the model sees changes the hash, which makes a re-run redo the articles.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from string import Template

from schemas import render_schema
from schemas.draft import ArticleExtraction


@dataclass(frozen=True)
class Prompt:
    system: str
    user_template: str

    @cached_property  # asked for every article; rendering the schema is not free
    def hash(self) -> str:
        material = "\x00".join([self.system, self.user_template, render_schema(ArticleExtraction)])
        return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]

    def messages(self, article: str) -> list[dict[str, str]]:
        # The article is substituted as a value: nothing in it is read as a template.
        user = Template(self.user_template).safe_substitute(article=enclosed(article))
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]


# The tag the prompt puts around the article, opening or closing, in any case or spacing.
_ARTICLE_TAG = re.compile(r"<(\s*/?\s*article\b)", re.IGNORECASE)


def enclosed(article: str) -> str:
    """The article as it goes between ``<article>`` and ``</article>``: a tag of that name inside
    it is written ``&lt;article`` / ``&lt;/article``, so the text can neither close the delimiter
    early nor open a second one. Other text is sent exactly as it is."""
    return _ARTICLE_TAG.sub(r"&lt;\1", article) if "<" in article else article


@cache
def load_prompt() -> Prompt:
    folder = resources.files("prompts")
    return Prompt(
        system=(folder / "system.txt").read_text(encoding="utf-8"),
        user_template=(folder / "user.txt").read_text(encoding="utf-8"),
    )
