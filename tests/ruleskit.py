"""The rules tests' one way to run the engine: extract, ground, and hold every quote to the text."""

from __future__ import annotations

from extractor.grounding import ground
from extractor.rules import RulesEngine
from schemas.record import Extraction


def grounded(engine: RulesEngine, text: str, prefix: str = "") -> Extraction:
    """The stored extraction of ``text``; every evidence whose path starts with ``prefix`` (all,
    by default) must be found in the text, its offsets giving its quote exactly."""
    extraction = ground(engine.extract(text).draft, text)
    for path, evidence in extraction.evidence.items():
        if path.startswith(prefix):
            assert evidence.aligned and evidence.start is not None and evidence.end is not None, path
            assert text[evidence.start : evidence.end] == evidence.quote, path
    return extraction


# An other result as the rules tests compare it: (year, score, zone, grade).
OtherResult = tuple[int | None, float | None, str | None, str | None]


def others(engine: RulesEngine, text: str) -> dict[str, OtherResult]:
    """The other results of ``text`` by subject name, every other result's quote held to the text
    (grounding writes a ministry with its abbreviation, "Kementerian Agama (Kemenag)": the name
    is taken without it)."""
    return {
        o.subject.name.split(" (")[0]: (
            o.assessment_year,
            o.score,
            o.zone.value if o.zone else None,
            o.grade.value if o.grade else None,
        )
        for o in grounded(engine, text, "others").others
    }
