"""The ``extractor`` command line. Errors become ``click`` exceptions here, once, at the boundary."""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

import click
from rich.console import Console

from extractor import __version__, settings
from extractor.cli_batch import poll_interval_option, submit_batch
from extractor.cli_engines import choose_engine_name, describe, llm_options, make_engine
from extractor.cli_output import check_across_articles, run_with_progress, summary_table
from extractor.engines import EngineUnusable
from extractor.inputs import expand_paths
from extractor.pipeline import run_batch
from extractor.progress import EXIT_INTERRUPTED, EXIT_SOME_FAILED
from extractor.settings import LLMSettings
from extractor.tables import DEFAULT_FIELDS, RowFields, count_inputs, inputs_of
from extractor.workers import JOBS_PER_PROCESS, PROCESSES_PER_CORE, WorkerDied, auto_processes

__all__ = ["choose_engine_name", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="extractor")
def main() -> None:
    """Turn Indonesian news articles about the Ombudsman RI compliance assessment
    (Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik) into validated JSON records:
    region or agency, officials, year, score, zone/grade and assessed units, each value with
    the quote that supports it, and every doubtful value flagged.

    \b
    Quick start:
      extractor extract seeds/ --out out/      extract every article under seeds/ (.txt, .html, .jsonl, .csv)
      extractor extract --help                 engines, models, endpoints and input options
      extractor review out/                    the flagged records, in your browser
      extractor dataset out/                   one row per subject and year
    """
    # instructor logs every failed attempt at ERROR; the records and the summary say it better.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the records: one <article>.json each, plus _summary.json.",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "llm", "rules"]),
    envvar=settings.ENV_ENGINE,
    default="auto",
    show_default=True,
    show_envvar=True,
    help="llm: the configured LLM; rules: the offline rules engine (no network, no "
    "model); auto: llm when an LLM is configured, else rules.",
)
@click.option(
    "--cross-check", is_flag=True, help="Also run the rules engine and flag where it disagrees with the LLM."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Articles extracted at once.",
)
@click.option(
    "--processes",
    type=click.IntRange(0, 64),
    default=0,
    envvar=settings.ENV_PROCESSES,
    show_envvar=True,
    help="Worker processes sharing the jobs; 0 (default): one per "
    f"{JOBS_PER_PROCESS} jobs, at most {PROCESSES_PER_CORE} per CPU core. One process handles "
    "about 70 answers a second; more help only against a fast endpoint.",
)
@llm_options
@click.option(
    "--batch-api",
    is_flag=True,
    help="Submit the articles as one OpenAI Batch API job (half price, answers within 24 h); "
    "collect later with `extractor collect OUT`.",
)
@click.option("--wait", is_flag=True, help="With --batch-api: wait for the batch and collect it.")
@poll_interval_option
@click.option(
    "--max-chars",
    type=click.IntRange(1000),
    envvar=settings.ENV_MAX_CHARS,
    default=settings.DEFAULT_MAX_CHARS,
    show_default=True,
    show_envvar=True,
    help="Longest article extracted, by any engine; a longer one gets a 'too_long' failure record "
    "and is never sent to a model.",
)
@click.option(
    "--text-field",
    default=DEFAULT_FIELDS.text,
    show_default=True,
    help="In .jsonl and .csv inputs: the field (column) that holds each row's article text.",
)
@click.option(
    "--id-field",
    help="In .jsonl and .csv inputs: the field whose value names each row's record "
    "[default: the file's name and the row's line, e.g. export-17].",
)
@click.option("--force", is_flag=True, help="Redo articles whose record is already current.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def extract(
    paths: tuple[str, ...],
    out_dir: Path,
    engine: str,
    cross_check: bool,
    llm_settings: LLMSettings,
    jobs: int,
    processes: int,
    batch_api: bool,
    wait: bool,
    poll_interval: float,
    max_chars: int,
    text_field: str,
    id_field: str | None,
    force: bool,
    quiet: bool,
) -> None:
    """Extract every article in PATH... (files, folders or glob patterns: .txt articles, saved
    .html pages, and .jsonl/.csv tables with one article per row; see --text-field).

    Each article becomes OUT/<name>.json: the extracted values with their evidence offsets,
    the flags of the consistency checks, and how it was made. An article that cannot be read
    or extracted gets a failure record saying why; the rest of the batch goes on. Re-running
    skips articles already done with the same text, prompt, schema and model.

    \b
    Exit status: 0 all extracted, 1 some article failed, 2 usage error, 130 interrupted.

    \b
    Examples:
      OPENAI_API_KEY=sk-... extractor extract articles/ --out out/
      EXTRACTOR_BASE_URL=http://127.0.0.1:11434/v1 EXTRACTOR_MODEL=qwen2.5:7b \\
          extractor extract 'news/**/*.txt' --out out/ --jobs 4
    """
    fields = RowFields(text=text_field, id=id_field)
    files = list(expand_paths(paths))
    if batch_api:
        submit_batch(files, fields, out_dir, llm_settings, force, wait, poll_interval, max_chars)
        return
    chosen = make_engine(choose_engine_name(engine, llm_settings), llm_settings)
    second = make_engine("rules", llm_settings) if cross_check and chosen.name != "rules" else None
    total = count_inputs(files, fields)
    console = Console(stderr=True)
    hint = (
        f" (chosen because no LLM is configured: set {settings.ENV_API_KEY} or {settings.ENV_BASE_URL} "
        "to use an LLM; --engine llm|rules to choose)"
        if engine == "auto" and chosen.name == "rules"
        else ""
    )
    workers = min(jobs, processes or auto_processes(jobs, llm_settings.rpm if chosen.name == "llm" else None))
    concurrency = f"{jobs} at once" + (f" in {workers} worker processes" if workers > 1 else "")
    console.print(
        f"Engine: [bold]{chosen.name}[/] ({describe(chosen)}){hint}; "
        f"{total} article(s), {concurrency} -> {out_dir}/"
    )
    run = functools.partial(
        run_batch,
        inputs_of(files, fields),
        chosen,
        out_dir,
        jobs=jobs,
        processes=workers,
        force=force,
        second_opinion=second,
        max_chars=max_chars,
    )
    try:
        summary = run_with_progress(run, total, quiet)
    except EngineUnusable as exc:
        raise click.ClickException(f"{exc} (records written so far are kept; re-run to go on)") from exc
    except WorkerDied as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        console.print("Interrupted: finished articles are stored; re-run the same command to go on.")
        sys.exit(EXIT_INTERRUPTED)
    check_across_articles(out_dir)
    Console().print(summary_table(summary, out_dir))
    if summary.counts["failed"]:
        sys.exit(EXIT_SOME_FAILED)


# Commands that live in modules of their own register here.
from extractor.cli_batch import batch_status, collect  # noqa: E402

main.add_command(batch_status)
main.add_command(collect)
from extractor.cli_eval import eval_command  # noqa: E402

main.add_command(eval_command, name="eval")
from extractor.cli_check import check  # noqa: E402

main.add_command(check)
from extractor.cli_review import review  # noqa: E402

main.add_command(review)
from extractor.cli_report import dataset, export, report  # noqa: E402

main.add_command(report)
main.add_command(export)
main.add_command(dataset)
from extractor.cli_fetch import fetch  # noqa: E402

main.add_command(fetch)
