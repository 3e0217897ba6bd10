"""What the correct form offers: the leaves of each row, their choices, and how a grade is printed.

A grade is one of the schema's five words (``schemas.values.Grade``) in every year, but the press
prints it differently: "kategori B" for 2022–2024 (``GRADE_LETTERS``) and, from the 2025 opini,
as a label such as "Kualitas Tertinggi Tanpa Maladministrasi" (the opini scale's ``labels`` in
``extractor/data/scale.json``, each read with the schema's own ``parse_grade``). The page shows
those printed forms beside the grade words, so a reviewer finds the option the article names.
The 2025 bottom band's "zona hitam" has no value in the schema (``Zone``) and is not offered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from extractor.checks._scale import scale_book
from schemas.values import GRADE_LETTERS, AssessmentKind, Grade, SubjectKind, Zone, parse_grade


@dataclass(frozen=True)
class Leaf:
    name: str
    label: str
    options: tuple[str, ...] | None = None  # a choice; None: free text


ZONES = ("", *(z.value for z in Zone))
GRADES = ("", *(g.value for g in Grade))
SCALARS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("assessment", "assessment", tuple(a.value for a in AssessmentKind)),
    ("assessment_year", "year", None),
    ("score", "score", None),
    ("zone", "zone", ZONES),
    ("grade", "grade", GRADES),
    ("published", "published", None),  # the box says the format (YYYY-MM-DD)
)
SUBJECT_LEAVES = (
    Leaf("name", "name"),
    Leaf("name_as_written", "as written"),
    Leaf("kind", "kind", tuple(k.value for k in SubjectKind)),
    Leaf("region_code", "region code"),
)
ITEM_LEAVES: dict[str, tuple[Leaf, ...]] = {
    "previous": (Leaf("year", "year"), Leaf("score", "score")),
    "officials": (Leaf("name", "name"), Leaf("role", "role")),
    "units": (
        Leaf("name", "name"),
        Leaf("score", "score"),
        Leaf("zone", "zone", ZONES),
        Leaf("grade", "grade", GRADES),
    ),
    # Another subject's result: its subject's leaves (paths ``others[i].subject.name``), then its values.
    "others": (
        *(Leaf(f"subject.{leaf.name}", leaf.label, leaf.options) for leaf in SUBJECT_LEAVES),
        Leaf("assessment_year", "year"),
        Leaf("score", "score"),
        Leaf("zone", "zone", ZONES),
        Leaf("grade", "grade", GRADES),
    ),
}
ITEM_LABELS = {
    "previous": "earlier result",
    "officials": "official",
    "units": "unit",
    "others": "other result",
}


@cache
def grade_labels() -> dict[str, Any]:
    """How each grade is printed: ``letters`` (from their first year) and ``opini`` (from its first year)."""
    letters = {grade.value: letter.upper() for letter, grade in GRADE_LETTERS.items()}
    raw = json.loads(resources.files("extractor").joinpath("data/scale.json").read_text(encoding="utf-8"))
    scales = [scale for scale in raw["scales"] if scale.get("instrument") == "opini"]
    opini: dict[str, str] = {}
    for label in (label for scale in scales for label in scale.get("labels", [])):
        grade = parse_grade(label)
        if grade in {g.value for g in Grade}:  # a label the schema cannot hold is not offered
            opini.setdefault(grade, label)
    book = scale_book()
    return {
        "letters": {"from": book.first_graded_year, "labels": letters},
        "opini": {"from": book.opini_from, "labels": opini},
    }
