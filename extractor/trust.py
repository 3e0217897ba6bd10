"""How far the checks can be trusted: do the flags land on the values that are wrong?

Beside the per-field scores of ``extractor.evaluate`` this measures the checks against the same
gold. A flag here is a warning or an error (an info flag does not ask anyone to look), and a
record is *flagged* when its status is ``flagged`` or it carries such a flag.

- A **wrong record** stores a subject, assessment_year, score, zone or grade that differs from
  gold (compared as ``evaluate.compare`` does); a value given where gold has none is wrong, a value
  left null is not. The share of wrong records that are flagged is the checks' recall.
- A **correct record** has no wrong value at all (nor a wrong unit or official); one that is
  flagged is a false alarm.
- A unit or official is wrong when ``evaluate`` cannot pair it with gold (an extra one, or one
  with another name, score or role), or, for a paired unit, when a stored zone or grade differs;
  another subject's result (``others``) when it pairs with none, or its score, zone or grade
  differs. It is flagged when a flag's field is ``units[i]...`` / ``officials[i]...`` /
  ``others[i]...`` for it.
- Per flag code: how often it fired on a wrong value of its field against a correct one (its
  precision); a flag on a null value, or on a field not measured here, counts as ``elsewhere``.

Failed and missing records have no stored values and are left out (listed in ``unmeasured``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractor.evaluate import (
    Facts,
    _show,
    compare,
    facts_from_extraction,
    other_differences,
    pair_indices,
    same_official,
    same_other_subject,
    same_unit,
)
from schemas.record import Flag, Record, Severity, Status

MAIN = ("subject", "assessment_year", "score", "zone", "grade")
ITEMS = ("units", "officials", "others")
RECALL_TARGET = 0.9  # at least this share of wrong records flagged
FALSE_ALARM_TARGET = 0.1  # at most this share of correct records flagged

_TOP = re.compile(r"[A-Za-z_]+")
_ITEM = re.compile(r"(units|officials|others)\[(\d+)\]")


def alarms(record: Record) -> list[Flag]:
    """The record's flags that ask a person to look (warnings and errors)."""
    return [f for f in record.flags if f.severity in (Severity.warning, Severity.error)]


def on_field(path: str, name: str) -> bool:
    """'subject.name' is on 'subject', 'units[2].zone' on 'units'; 'scores' is not on 'score'."""
    top = _TOP.match(path)
    return top is not None and top.group() == name


def on_item(path: str) -> tuple[str, int] | None:
    """'units[2].zone' -> ('units', 2); None for a path not into a unit or an official."""
    match = _ITEM.match(path)
    return (match.group(1), int(match.group(2))) if match else None


@dataclass(frozen=True)
class WrongValue:
    field: str
    stored: str
    gold: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "stored": self.stored, "gold": self.gold}


@dataclass
class RecordTrust:
    """One measured article: what it got wrong and what the checks said."""

    stem: str
    status: str
    flagged: bool
    codes: list[str]  # "code@field" of each warning/error flag
    wrong: list[WrongValue]  # its wrong main values
    wrong_items: int  # wrong units and officials

    @property
    def is_wrong(self) -> bool:
        return bool(self.wrong)

    @property
    def is_correct(self) -> bool:
        return not self.wrong and not self.wrong_items

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.stem,
            "status": self.status,
            "flagged": self.flagged,
            "codes": self.codes,
            "wrong": [w.as_dict() for w in self.wrong],
            "wrong_items": self.wrong_items,
        }


@dataclass
class FieldTrust:
    """One field (or units / officials): its stored values, the wrong ones, and the flags on them."""

    stored: int = 0
    wrong: int = 0
    wrong_flagged: int = 0  # wrong values with a flag on the field (or item) itself
    wrong_in_flagged_record: int = 0  # wrong values in a flagged record
    correct_flagged: int = 0  # correct stored values with a flag on the field (or item)

    def as_dict(self) -> dict[str, int]:
        return {
            "stored": self.stored,
            "wrong": self.wrong,
            "wrong_flagged": self.wrong_flagged,
            "wrong_in_flagged_record": self.wrong_in_flagged_record,
            "correct_flagged": self.correct_flagged,
        }


@dataclass
class CodeTrust:
    """One flag code (warnings and errors only): where it fired."""

    fired: int = 0
    on_wrong: int = 0  # on a wrong value of its field
    on_correct: int = 0  # on a correct stored value of its field
    elsewhere: int = 0  # on a null value or a field not measured
    in_wrong_record: int = 0  # in a record with a wrong main value

    @property
    def precision(self) -> float | None:
        judged = self.on_wrong + self.on_correct
        return self.on_wrong / judged if judged else None

    @property
    def noise(self) -> bool:
        """Mostly fires on correct values."""
        return self.on_correct > self.on_wrong

    @property
    def verdict(self) -> str:
        """'useful', 'noise', 'wrong field' (noise on its field, but mostly in wrong records) or '-'."""
        if self.noise:
            return "wrong field" if 2 * self.in_wrong_record > self.fired else "noise"
        return "useful" if self.on_wrong else "-"

    def as_dict(self) -> dict[str, Any]:
        precision = self.precision
        return {
            "fired": self.fired,
            "on_wrong": self.on_wrong,
            "on_correct": self.on_correct,
            "elsewhere": self.elsewhere,
            "in_wrong_record": self.in_wrong_record,
            "precision": None if precision is None else round(precision, 4),
            "noise": self.noise,
            "verdict": self.verdict,
        }


@dataclass
class Trust:
    records: list[RecordTrust] = field(default_factory=list)
    fields: dict[str, FieldTrust] = field(default_factory=lambda: {n: FieldTrust() for n in MAIN + ITEMS})
    codes: dict[str, CodeTrust] = field(default_factory=dict)
    unmeasured: list[str] = field(default_factory=list)  # failed or missing records

    @property
    def wrong_records(self) -> list[RecordTrust]:
        return [r for r in self.records if r.is_wrong]

    @property
    def caught(self) -> list[RecordTrust]:
        return [r for r in self.wrong_records if r.flagged]

    @property
    def slipped(self) -> list[RecordTrust]:
        """Wrong records no check flagged."""
        return [r for r in self.wrong_records if not r.flagged]

    @property
    def correct_records(self) -> list[RecordTrust]:
        return [r for r in self.records if r.is_correct]

    @property
    def false_alarms(self) -> list[RecordTrust]:
        return [r for r in self.correct_records if r.flagged]

    @property
    def recall(self) -> float:
        wrong = len(self.wrong_records)
        return len(self.caught) / wrong if wrong else 1.0

    @property
    def false_alarm_rate(self) -> float:
        correct = len(self.correct_records)
        return len(self.false_alarms) / correct if correct else 0.0

    @property
    def meets_targets(self) -> bool:
        return self.recall >= RECALL_TARGET and self.false_alarm_rate <= FALSE_ALARM_TARGET

    def as_dict(self) -> dict[str, Any]:
        return {
            "measured": len(self.records),
            "unmeasured": self.unmeasured,
            "wrong_records": {
                "count": len(self.wrong_records),
                "flagged": len(self.caught),
                "recall": round(self.recall, 4),
                "unflagged": [r.as_dict() for r in self.slipped],
            },
            "correct_records": {
                "count": len(self.correct_records),
                "flagged": len(self.false_alarms),
                "rate": round(self.false_alarm_rate, 4),
                "false_alarms": [r.as_dict() for r in self.false_alarms],
            },
            "wrong_only_in_items": sum(1 for r in self.records if not r.is_wrong and not r.is_correct),
            "fields": {name: f.as_dict() for name, f in self.fields.items()},
            "codes": {code: c.as_dict() for code, c in sorted(self.codes.items())},
            "targets": {"recall": RECALL_TARGET, "false_alarm_rate": FALSE_ALARM_TARGET},
            "meets_targets": self.meets_targets,
        }


def _wrong_items(gold: Facts, got: Facts) -> dict[str, set[int]]:
    """Indices of the stored units, officials and other results that are wrong."""
    paired, _, extra_units = pair_indices(gold.units, got.units, same_unit)
    units = set(extra_units)
    for i, j in paired:
        want, have = gold.units[i], got.units[j]
        if any(have[k] is not None and have[k] != want[k] for k in (2, 3)):
            units.add(j)
    _, _, extra_officials = pair_indices(gold.officials, got.officials, same_official)
    paired_others, _, extra_others = pair_indices(gold.others, got.others, same_other_subject)
    others = set(extra_others) | {
        j for i, j in paired_others if other_differences(gold.others[i], got.others[j])
    }
    return {"units": units, "officials": set(extra_officials), "others": others}


def unflagged_wrong_values(gold: Facts, record: Record) -> list[WrongValue]:
    """The values ``record`` stores wrong (against ``gold``) that no warning or error points at:
    what a reader trusting the flags would publish. A unit or official counts by its index."""
    got = facts_from_extraction(record.extraction)
    counts, _ = compare(gold, got)
    raised = alarms(record)
    missed = [
        WrongValue(name, _value(getattr(got, name)), _value(getattr(gold, name)))
        for name in (*MAIN, "previous")  # an earlier result counts as a whole: any flag on previous[i]
        if counts[name].fp and not any(on_field(f.field, name) for f in raised)
    ]
    hit = {on_item(f.field) for f in raised}
    for kind, indices in _wrong_items(gold, got).items():
        items = getattr(got, kind)
        missed += [
            WrongValue(f"{kind}[{j}]", _show(items[j]), "") for j in sorted(indices) if (kind, j) not in hit
        ]
    return missed


def measure(gold: dict[str, Facts], records: dict[str, Record]) -> Trust:
    """The trust measure over the gold articles, with records matched by stem as ``evaluate`` does."""
    trust = Trust()
    for stem, facts in sorted(gold.items()):
        record = records.get(stem)
        if record is None or record.status == Status.failed:
            trust.unmeasured.append(stem)
            continue
        got = facts_from_extraction(record.extraction)
        counts, _ = compare(facts, got)
        wrong_main = [name for name in MAIN if counts[name].fp]
        wrong_items = _wrong_items(facts, got)
        raised = alarms(record)
        flagged = record.status == Status.flagged or bool(raised)
        for name in MAIN:
            stats, stored = trust.fields[name], getattr(got, name) is not None
            on_it = any(on_field(f.field, name) for f in raised)
            stats.stored += stored
            if name in wrong_main:
                stats.wrong += 1
                stats.wrong_flagged += on_it
                stats.wrong_in_flagged_record += flagged
            elif stored:
                stats.correct_flagged += on_it
        for kind in ITEMS:
            stats, items = trust.fields[kind], getattr(got, kind)
            hit = {on_item(f.field) for f in raised}
            stats.stored += len(items)
            for j in range(len(items)):
                if j in wrong_items[kind]:
                    stats.wrong += 1
                    stats.wrong_flagged += (kind, j) in hit
                    stats.wrong_in_flagged_record += flagged
                else:
                    stats.correct_flagged += (kind, j) in hit
        for flag in raised:
            code = trust.codes.setdefault(flag.code, CodeTrust())
            code.fired += 1
            code.in_wrong_record += bool(wrong_main)
            verdict = _verdict(flag.field, got, wrong_main, wrong_items)
            code.on_wrong += verdict == "wrong"
            code.on_correct += verdict == "correct"
            code.elsewhere += verdict is None
        trust.records.append(
            RecordTrust(
                stem=stem,
                status=record.status.value,
                flagged=flagged,
                codes=[f"{f.code}@{f.field}" for f in raised],
                wrong=[
                    WrongValue(name, _value(getattr(got, name)), _value(getattr(facts, name)))
                    for name in wrong_main
                ],
                wrong_items=sum(len(v) for v in wrong_items.values()),
            )
        )
    return trust


def _value(value: Any) -> str:
    return "none" if value is None else _show(value)


def _verdict(path: str, got: Facts, wrong_main: list[str], wrong_items: dict[str, set[int]]) -> str | None:
    """'wrong' or 'correct' for the value a flag is on; None for a null value or an unmeasured field."""
    item = on_item(path)
    if item is not None:
        kind, index = item
        if index >= len(getattr(got, kind)):
            return None
        return "wrong" if index in wrong_items[kind] else "correct"
    name = next((n for n in MAIN if on_field(path, n)), None)
    if name is None or getattr(got, name) is None:
        return None
    return "wrong" if name in wrong_main else "correct"
