"""``extractor eval``: stored records against gold, per field and per article."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from extractor.evaluate import Evaluation, evaluate, load_gold_dir, load_records
from extractor.trust import FALSE_ALARM_TARGET, RECALL_TARGET, Trust, measure


@click.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold files (NNN.json, the format of shared/corpus/README.md).",
)
@click.argument("records_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON instead of tables.")
def eval_command(gold_dir: Path, records_dir: Path, as_json: bool) -> None:
    """Measure the records in RECORDS_DIR against the gold in --gold (matched by file stem).

    Prints precision, recall and F1 for subject, kind, assessment_year, score, zone, grade,
    previous, officials and units, then what differs in each article. Numbers must agree to two
    decimals; names and roles are compared loosely (case, punctuation, a parenthesised
    abbreviation). A failed or missing record counts as all missing; a score given where gold
    has none (a confuser article) is a false positive.

    Then the trust table: do the checks' flags (warnings and errors, or status flagged) land on
    the wrong values? A record is wrong when a stored subject, assessment_year, score, zone or
    grade differs from gold (a null value is not wrong; a score where gold has none is). It shows
    the share of wrong records flagged (recall, target >= 90%), the share of correct records
    flagged (false alarms, target <= 10%), per field and for units and officials the wrong values
    and the flags on them, per flag code its precision (fired on a wrong value of its field vs a
    correct one; "noise" when mostly on correct ones), and names the wrong records no check
    flagged. --json carries it under "trust".

    \b
    Example:
      extractor extract corpus/articles --engine rules --out out/
      extractor eval --gold corpus/gold out/
    """
    gold, records = load_gold_dir(gold_dir), load_records(records_dir)
    evaluation, trust = evaluate(gold, records), measure(gold, records)
    if as_json:
        click.echo(
            json.dumps({**evaluation.as_dict(), "trust": trust.as_dict()}, indent=2, ensure_ascii=False)
        )
        return
    console = Console()
    console.print(
        fields_table(evaluation, f"{len(evaluation.articles)} article(s): {records_dir} vs {gold_dir}")
    )
    console.print(differences_table(evaluation))
    if evaluation.records_without_gold:
        console.print(f"Records without gold (not counted): {', '.join(evaluation.records_without_gold)}")
    for table in trust_tables(trust):
        console.print(table)


def fields_table(evaluation: Evaluation, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("field", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, counts in evaluation.fields.items():
        table.add_row(
            name,
            str(counts.tp),
            str(counts.fp),
            str(counts.fn),
            f"{counts.precision:.3f}",
            f"{counts.recall:.3f}",
            f"{counts.f1:.3f}",
        )
    return table


def differences_table(evaluation: Evaluation) -> Table:
    table = Table(title="Differences per article", title_justify="left")
    table.add_column("article")
    table.add_column("status")
    table.add_column("what differs")
    for article in evaluation.articles:
        table.add_row(article.stem, article.status, "\n".join(article.differences) or "-")
    return table


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else f"{part}/0"


def trust_tables(trust: Trust) -> list[Table]:
    """The trust table and its details: flags against wrong values."""
    wrong, correct = len(trust.wrong_records), len(trust.correct_records)
    summary = Table(
        title=f"Trust: do the flags land on the wrong values? ({len(trust.records)} record(s) measured)",
        title_justify="left",
    )
    for column in ("measure", "value", "target", "met"):
        summary.add_column(column, justify="left" if column == "measure" else "right")
    recall_met = trust.recall >= RECALL_TARGET
    alarm_met = trust.false_alarm_rate <= FALSE_ALARM_TARGET
    summary.add_row(
        "wrong records flagged (recall)",
        _share(len(trust.caught), wrong),
        f">= {RECALL_TARGET:.0%}",
        "yes" if recall_met else "NO",
    )
    summary.add_row(
        "correct records flagged (false alarms)",
        _share(len(trust.false_alarms), correct),
        f"<= {FALSE_ALARM_TARGET:.0%}",
        "yes" if alarm_met else "NO",
    )
    items_only = len(trust.records) - wrong - correct
    if items_only:
        summary.add_row("records wrong only in units/officials", str(items_only), "", "")
    if trust.unmeasured:
        summary.add_row("failed or missing (not measured)", str(len(trust.unmeasured)), "", "")
    tables = [summary]

    fields = Table(title="Flags per field (warnings and errors)", title_justify="left")
    fields.add_column("field", no_wrap=True)
    for column in ("stored", "wrong", "wrong, flag on it", "wrong, record flagged", "correct, flag on it"):
        fields.add_column(column, justify="right")
    for name, stats in trust.fields.items():
        fields.add_row(
            name,
            str(stats.stored),
            str(stats.wrong),
            _share(stats.wrong_flagged, stats.wrong),
            _share(stats.wrong_in_flagged_record, stats.wrong),
            str(stats.correct_flagged),
        )
    tables.append(fields)

    if trust.codes:
        codes = Table(
            title="Flag codes: on a wrong vs a right value of their field (other: a null value or a field "
            "not measured; wrong rec: in a record with a wrong value)",
            title_justify="left",
        )
        codes.add_column("code", no_wrap=True)
        for column in ("fired", "wrong", "right", "other", "wrong rec", "prec"):
            codes.add_column(column, justify="right")
        codes.add_column("verdict", no_wrap=True)
        for code, counted in sorted(trust.codes.items(), key=lambda kv: (-kv[1].fired, kv[0])):
            precision = counted.precision
            codes.add_row(
                code,
                str(counted.fired),
                str(counted.on_wrong),
                str(counted.on_correct),
                str(counted.elsewhere),
                str(counted.in_wrong_record),
                "-" if precision is None else f"{precision:.2f}",
                counted.verdict,
            )
        tables.append(codes)

    if trust.slipped:
        slipped = Table(title="Wrong records no check flagged", title_justify="left")
        for column in ("article", "status", "wrong (stored vs gold)"):
            slipped.add_column(column)
        for record in trust.slipped:
            slipped.add_row(
                record.stem,
                record.status,
                "\n".join(f"{w.field}: {w.stored} vs gold {w.gold}" for w in record.wrong),
            )
        tables.append(slipped)

    if trust.false_alarms:
        alarms = Table(title="False alarms: correct records flagged", title_justify="left")
        alarms.add_column("article")
        alarms.add_column("status")
        alarms.add_column("codes (code@field)")
        for record in trust.false_alarms:
            alarms.add_row(record.stem, record.status, "\n".join(record.codes) or "(status flagged)")
        tables.append(alarms)
    return tables
