"""``extractor eval``: stored records against gold, per field and per article."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from extractor.evaluate import Evaluation, evaluate_dirs


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

    \b
    Example:
      extractor extract corpus/articles --engine rules --out out/
      extractor eval --gold corpus/gold out/
    """
    evaluation = evaluate_dirs(gold_dir, records_dir)
    if as_json:
        click.echo(json.dumps(evaluation.as_dict(), indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(
        fields_table(evaluation, f"{len(evaluation.articles)} article(s): {records_dir} vs {gold_dir}")
    )
    console.print(differences_table(evaluation))
    if evaluation.records_without_gold:
        console.print(f"Records without gold (not counted): {', '.join(evaluation.records_without_gold)}")


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
