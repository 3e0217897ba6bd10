"""Check 14: the engine itself nearly chose another value.

The rules engine ranks its candidates for a field by evidence a reader can check (a score cue in
the body, the headline, the subject's own sentence, ...). When the runner-up came within a point
of the chosen value it is stored beside the extraction (``Extraction.runner_ups``, its quote at
evidence ``runner_ups[i]``), and this check puts the choice before a person with both quotes and
both sides' evidence. An LLM engine reports no runner-ups, so this check is quiet on its records.
"""

from __future__ import annotations

from extractor.checks._attribution import clip
from extractor.checks._base import Context, flag, num
from schemas.record import Flag, Severity

CLOSE_CALL = "close_call"
CODES = (CLOSE_CALL,)


def check_close_call(ctx: Context) -> list[Flag]:
    flags: list[Flag] = []
    extraction = ctx.extraction
    for i, runner_up in enumerate(extraction.runner_ups):
        chosen = getattr(extraction, runner_up.field, None)
        if chosen is None:
            continue  # the field was left empty after all: nothing was chosen over the runner-up
        evidence = ctx.evidence(f"runner_ups[{i}]")
        quoted = f" ('{clip(evidence.quote)}')" if evidence is not None else ""
        apart = (
            "as much evidence as"
            if runner_up.behind == 0
            else f"{runner_up.behind} point(s) less evidence than"
        )
        ask = (
            "check whose results the article reports"
            if runner_up.field == "subject"
            else "check which one the article gives the subject"
        )
        flags.append(
            flag(
                CLOSE_CALL,
                Severity.warning,
                runner_up.field,
                f"the engine nearly chose {_shown(runner_up.value)}{quoted} for {runner_up.field}, "
                f"with {apart} the stored {_shown(chosen)}: {ask}",
                "chosen: "
                + (", ".join(runner_up.chosen_reasons) or "no cue")
                + "; runner-up: "
                + (", ".join(runner_up.reasons) or "no cue"),
                ctx.spans(runner_up.field, f"runner_ups[{i}]"),
            )
        )
    return flags


def _shown(value: object) -> str:
    """A value as the article prints it: a score '82,28', a zone 'hijau', a subject's name."""
    name = getattr(value, "name", None)
    if isinstance(name, str):
        return name
    if isinstance(value, float):
        return num(value)
    if isinstance(value, str):
        try:
            return num(float(value))
        except ValueError:
            return value
    return str(getattr(value, "value", value))
