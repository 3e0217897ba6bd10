"""``extractor check OUT_DIR``: re-run every consistency check on stored records, no model called.

Run it after a rule or the scale data changes. It rewrites only ``flags`` and ``status`` of each
record (atomically, and only where they changed), runs the cross-article check over the whole
folder, and prints the flag counts by code (``--json`` for machines). A stored file that no
longer validates is marked ``failed`` (its original kept under ``_invalid/``) and makes the
command exit 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from extractor.checks import FolderReport, check_folder

EXIT_INVALID = 1  # some stored file was not a valid record


@click.command("check")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="OUT_DIR")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON instead of a table.")
def check(out_dir: Path, as_json: bool) -> None:
    """Re-run the consistency checks on the records in OUT_DIR, without calling any model.

    Each record's flags and status are recomputed from its stored extraction and its article
    (re-read from source.path), and the cross-article check compares every record with the
    others (same subject and year, different score or zone). Only flags and status change;
    the extracted values never do. Where an article is gone or changed, the checks that need
    its text are skipped for that record and their earlier flags kept. A file that no longer
    validates as a record is replaced by a failed record giving the reason, its original kept
    under OUT_DIR/_invalid/; the command then exits 1.

    \b
    Examples:
      extractor check out/
      extractor check out/ --json | jq .flags
    """
    report = check_folder(out_dir)
    if as_json:  # the invalid files are in the JSON: "invalid"
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_lines_and_table(report)
    if report.invalid:
        sys.exit(EXIT_INVALID)


def _print_lines_and_table(report: FolderReport) -> None:
    # Plain lines (rich would wrap them): one per record, easy to grep in a log.
    for record_id, why in report.text_unavailable:
        click.echo(f"info: {record_id}: {why}; text checks skipped, earlier flags kept", err=True)
    for record_id in report.skipped_concurrent:
        click.echo(f"warning: {record_id} was changed by a reviewer meanwhile; run check again", err=True)
    for invalid in report.invalid:
        done = (
            f"marked failed, the original kept as {invalid.kept_as}"
            if invalid.marked_failed
            else "left as it is"
        )
        where = report.out_dir / invalid.name
        click.echo(f"error: {where}: not a valid record ({invalid.problem}); {done}", err=True)
    Console().print(flag_table(report))


def flag_table(report: FolderReport) -> Table:
    """Flag counts by code and severity; the caption gives records by status."""
    table = Table(
        title=f"{report.records} record(s) in {report.out_dir}/, {report.rewritten} rewritten",
        title_justify="left",
    )
    table.add_column("flag code")
    for severity in ("error", "warning", "info"):
        table.add_column(severity, justify="right")
    table.add_column("total", justify="right")
    codes = sorted({code for code, _ in report.flags})
    for code in codes:
        counts = [report.flags.get((code, severity), 0) for severity in ("error", "warning", "info")]
        table.add_row(code, *(str(c) if c else "" for c in counts), str(sum(counts)))
    if not codes:
        table.add_row("(no flags)", "", "", "", "0")
    status = ", ".join(
        f"{key} {report.status.get(key, 0)}" for key in ("ok", "flagged", "reviewed", "failed")
    )
    table.caption = f"records: {status}"
    table.caption_justify = "left"
    return table
