"""``extractor report OUT_DIR`` and ``extractor export OUT_DIR``: a run as a page, and as a dataset."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.export import FORMATS, tables, write_tables
from extractor.report import render_report
from extractor.review import load_folder
from extractor.store import write_atomic

_OUT_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


def _warn_invalid(invalid: list[str]) -> None:
    for name in invalid:
        click.echo(f"warning: {name} is not a valid record; left out", err=True)


@click.command("report")
@click.argument("out_dir", type=_OUT_DIR, metavar="OUT_DIR")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write [default: OUT_DIR/report.html].",
)
def report(out_dir: Path, output: Path | None) -> None:
    """Write one self-contained HTML page for the run in OUT_DIR.

    Counts by status and flag code, a table of the records, and each article with the quotes of
    its values highlighted, its flags and the reviewers' decisions. The page loads nothing from
    anywhere: it opens offline and can be mailed as one file.

    \b
    Example:
      extractor report out/ -o report.html
    """
    records, texts, invalid = load_folder(out_dir)
    _warn_invalid(invalid)
    target = output or out_dir / "report.html"
    write_atomic(target, render_report(records, texts, title=f"Extraction report: {out_dir.name}"))
    click.echo(f"Wrote {target} ({len(records)} record(s)).")


@click.command("export")
@click.argument("out_dir", type=_OUT_DIR, metavar="OUT_DIR")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option(
    "--out",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the tables [default: OUT_DIR/export].",
)
@click.option("--include-rejected", is_flag=True, help="Keep records a reviewer rejected.")
def export(out_dir: Path, fmt: str, target: Path | None, include_rejected: bool) -> None:
    """Export the effective values of OUT_DIR as three tables joined by record_id.

    subjects.<fmt> (one row per record: subject, year, score, zone, grade, status), units.<fmt>
    and officials.<fmt> (one row each). Values are the extraction with every reviewer correction
    applied. Failed records have no values; rejected ones are left out unless
    --include-rejected.

    \b
    Examples:
      extractor export out/ --format parquet
      python -c "import pandas as pd; print(pd.read_parquet('out/export/subjects.parquet'))"
    """
    records, texts, invalid = load_folder(out_dir, texts_for_all=False)
    _warn_invalid(invalid)
    data = tables(records, texts, include_rejected=include_rejected)
    folder = target or out_dir / "export"
    paths = write_tables(data, folder, fmt)
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in data.items())
    click.echo(f"Wrote {', '.join(str(p) for p in paths)} ({counts}).")
