"""What a batch command prints: progress while it runs, the summary table after, and the
cross-article check over the stored folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extractor.batching import Outcome
from extractor.pipeline import BatchSummary
from extractor.progress import progress_bar


def check_across_articles(out_dir: Path) -> None:
    """The cross-article check needs the whole folder, so it runs once the batch is stored."""
    from extractor.checks import check_folder

    report = check_folder(out_dir)
    conflicts = sum(n for (code, _), n in report.flags.items() if code == "cross_article_conflict")
    if conflicts:
        Console(stderr=True).print(
            f"Cross-article check: {conflicts} conflict flag(s) (same subject and year, different "
            f"score or zone); see `extractor check {out_dir}`.",
            highlight=False,
        )
    copies = sum(n for (code, _), n in report.flags.items() if code == "same_release")
    if copies:
        Console(stderr=True).print(
            f"Same press release: {copies} record(s) print a release another record prints too "
            "(flag same_release; a dataset counts such a result once).",
            highlight=False,
        )


def run_with_progress(run: Callable[..., BatchSummary], total: int, quiet: bool) -> BatchSummary:
    """``run`` (a batch waiting for its ``on_outcome``) with a progress bar on a terminal, a line
    per article otherwise (logs, CI), nothing if quiet."""
    console = Console(stderr=True)
    if quiet:
        return run()
    if not console.is_terminal:
        done = 0

        def log_line(outcome: Outcome) -> None:
            nonlocal done
            done += 1
            reason = f" ({outcome.failure.kind}: {outcome.failure.message})" if outcome.failure else ""
            line = f"[{done}/{total}] {outcome.where}: {outcome.label}{reason}"
            console.print(escape(line), highlight=False)

        return run(on_outcome=log_line)
    with progress_bar(console) as progress:
        task = progress.add_task("extracting", total=total, last="")

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, last=f"{outcome.record_id}: {outcome.label}")

        return run(on_outcome=advance)


def summary_table(summary: BatchSummary, out_dir: Path) -> Table:
    """Counts by status, tokens and wall time; then each failure with its file and reason."""
    table = Table(
        title=f"{summary.total} article(s) in {summary.wall_seconds:.1f} s -> {out_dir}/",
        title_justify="left",
    )
    for status in ("ok", "flagged", "failed", "skipped"):
        table.add_column(status, justify="right")
    table.add_column("tokens (prompt + completion)", justify="right")
    usage = summary.usage
    table.add_row(
        *(str(summary.counts.get(status, 0)) for status in ("ok", "flagged", "failed", "skipped")),
        f"{usage.total_tokens} ({usage.prompt_tokens} + {usage.completion_tokens})",
    )
    sections = []
    shown = summary.failures[:20]
    if shown:
        lines = [f"{f['path']}: {f['kind']}: {f['message']}" for f in shown]
        if len(summary.failures) > len(shown):
            lines.append(f"… {len(summary.failures) - len(shown)} more in {out_dir}/_summary.json")
        sections.append("failed:\n" + "\n".join(lines))
    renamed = summary.renamed[:20]
    if renamed:
        lines = [
            f"{r['path']} -> {r['record_id']}.json ({r['instead_of']}.json holds {r['held_by']})"
            for r in renamed
        ]
        if len(summary.renamed) > len(renamed):
            lines.append(f"… {len(summary.renamed) - len(renamed)} more in {out_dir}/_summary.json")
        heading = "stored under another id (the file name's id holds another article):"
        sections.append(heading + "\n" + "\n".join(lines))
    if sections:
        table.caption = escape("\n".join(sections))
        table.caption_justify = "left"
    return table
