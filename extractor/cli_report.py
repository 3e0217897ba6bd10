"""``extractor report``, ``export`` and ``dataset``: a run as a page, as tables of its records, and
as the one table of results an analyst publishes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from extractor import dataset as results
from extractor.export import FORMATS, encode, tables, write_tables
from extractor.report import render_report
from extractor.review import effective, load_folder
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

    Counts by status and flag code; the dataset (`extractor dataset`) drawn as score-by-year
    charts per subject and the subjects per zone each year; a table of the records, and each
    article with the quotes of its values highlighted, its flags and the reviewers' decisions.
    The page loads nothing from anywhere: it opens offline and can be mailed as one file.

    \b
    Example:
      extractor report out/ -o report.html
    """
    records, texts, invalid = load_folder(out_dir)
    _warn_invalid(invalid)
    target = output or out_dir / "report.html"
    # (each record's effective values once, for the dataset and the page alike: they re-run checks)
    effs = {record.record_id: effective(record, texts.get(record.record_id)) for record in records}
    page = render_report(
        records,
        texts,
        title=f"Extraction report: {out_dir.name}",
        dataset=results.dataset_rows(records, texts, effs),
        effs=effs,
    )
    write_atomic(target, page)
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
    """Export the effective values of OUT_DIR as tables joined by record_id.

    subjects.<fmt> (one row per record: subject, year, score, zone, grade, status), units.<fmt>,
    officials.<fmt> and previous.<fmt> (one row each), and results.<fmt> (every result a record
    states: its main subject's and each other subject's). Values are the extraction with every
    reviewer correction applied. Failed records have no values; rejected ones are left out
    unless --include-rejected.

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


@click.command("dataset")
@click.argument("out_dir", type=_OUT_DIR, metavar="OUT_DIR")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The results table [default: OUT_DIR/dataset.<format>]; its units go beside it, "
    "named <name>_units.<format>.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="File format [default: from the output's extension, else csv].",
)
def dataset(out_dir: Path, output: Path | None, fmt: str | None) -> None:
    """Write the results of OUT_DIR as one table: one row per subject and assessment year.

    A result printed by several outlets is one row. Each row gives the chosen score, zone and
    grade; articles (how many records report it) and releases (how many of those are
    independent: records of one press release, flagged same_release, count once); sources
    (record ids) and urls; agreement: single, agree, or conflict (scores more than 0,01 apart
    or different zones); reviewed; and the open flags of its records. A reviewed value wins
    over a machine one; a rejected record counts for nothing. An earlier year's score stated
    in an article ("79,19 pada 2023") gives a row only where no article reports that year,
    with basis "previous". The units of each subject-year go in a second table.

    \b
    Examples:
      extractor dataset out/                       # out/dataset.csv and out/dataset_units.csv
      extractor dataset out/ -o results.parquet
      python -c "import pandas as pd; print(pd.read_csv('out/dataset.csv', dtype={'region_code': str}))"
    """
    chosen = fmt or (output.suffix.lstrip(".").lower() if output and output.suffix else "csv")
    if chosen not in FORMATS:
        raise click.BadParameter(
            f"{output} ends in .{chosen}: name a .csv, .jsonl or .parquet file, or give --format"
        )
    target = output or out_dir / f"dataset.{chosen}"
    units_target = target.with_name(f"{target.stem}_units{target.suffix or '.' + chosen}")
    records, texts, invalid = load_folder(out_dir, texts_for_all=False)
    _warn_invalid(invalid)
    rows, units = results.build(records, texts)
    write_atomic(target, encode("dataset", rows, chosen))
    write_atomic(units_target, encode("dataset_units", units, chosen))
    agreement = Counter(row["agreement"] for row in rows)
    click.echo(
        f"Wrote {target} ({len(rows)} result(s) from {len(records)} record(s): "
        f"{agreement[results.CONFLICT]} in conflict, {agreement[results.AGREE]} agreeing, "
        f"{agreement[results.SINGLE]} from one record) and {units_target} ({len(units)} unit(s))."
    )
