"""The OpenAI Batch API from the command line: ``extract --batch-api`` submits (``submit_batch``),
``batch-status`` shows the job, ``collect`` stores its answers as records."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from extractor import batch_api
from extractor.cli_engines import llm_engine, llm_options
from extractor.cli_output import check_across_articles, summary_table
from extractor.engines import EngineUnusable
from extractor.progress import EXIT_SOME_FAILED
from extractor.settings import LLMSettings
from extractor.tables import RowFields, inputs_of

if TYPE_CHECKING:
    from extractor._llm import LLMEngine  # imported late elsewhere: openai is slow to import


def submit_batch(
    files: list[Path],
    fields: RowFields,
    out_dir: Path,
    llm_settings: LLMSettings,
    force: bool,
    wait: bool,
    poll_interval: float,
    max_chars: int,
) -> None:
    engine = llm_engine(llm_settings)
    try:
        inputs = inputs_of(files, fields)
        state = batch_api.submit(inputs, engine, out_dir, force=force, max_chars=max_chars, fields=fields)
    except (batch_api.BatchError, EngineUnusable) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"Submitted batch {state['batch_id']} ({len(state['articles'])} article(s)) "
        f"to {engine.endpoint_host}; saved in {batch_api.state_path(out_dir)}.\n"
        f"Check it with `extractor batch-status {out_dir}`; "
        f"store the answers with `extractor collect {out_dir}`."
    )
    if wait:
        collect_batch(out_dir, engine, wait=True, poll_interval=poll_interval)


def collect_batch(out_dir: Path, engine: LLMEngine, wait: bool, poll_interval: float) -> None:
    console = Console(stderr=True)
    try:
        while wait:
            info = batch_api.status(out_dir, engine)
            if info["status"] in batch_api.FINISHED:
                break
            console.print(
                f"batch {info['batch_id']}: {info['status']} {info['request_counts']}", highlight=False
            )
            time.sleep(poll_interval)
        summary = batch_api.collect(out_dir, engine)
    except (batch_api.BatchError, EngineUnusable) as exc:
        raise click.ClickException(str(exc)) from exc
    check_across_articles(out_dir)
    Console().print(summary_table(summary, out_dir))
    if summary.counts["failed"]:
        sys.exit(EXIT_SOME_FAILED)


# Seconds between two looks at a batch job: extract --batch-api --wait and collect --wait.
poll_interval_option = click.option(
    "--poll-interval",
    type=click.FloatRange(0.01),
    default=60.0,
    show_default=True,
    help="Seconds between polls.",
)


@click.command("batch-status")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@llm_options
def batch_status(out_dir: Path, llm_settings: LLMSettings) -> None:
    """Show the state of the Batch API job submitted into OUT_DIR by `extract --batch-api`."""
    try:
        info = batch_api.status(out_dir, llm_engine(llm_settings))
    except (batch_api.BatchError, EngineUnusable) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"batch {info['batch_id']}: {info['status']}; {info['articles']} article(s); {info['request_counts']}"
    )


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--wait", is_flag=True, help="Poll until the batch has finished, then collect.")
@poll_interval_option
@llm_options
def collect(out_dir: Path, wait: bool, poll_interval: float, llm_settings: LLMSettings) -> None:
    """Store the answers of a finished Batch API job as records in OUT_DIR.

    Each answer goes through the same validation, grounding and checks as a live one; an
    invalid answer is re-asked live. Requests the batch could not serve get failure records,
    which a later `extractor extract` retries.
    """
    collect_batch(out_dir, llm_engine(llm_settings), wait, poll_interval)
