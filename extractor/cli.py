"""The ``extractor`` command line. Errors become ``click`` exceptions here, once, at the boundary."""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import SecretStr
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extractor import __version__, batch_api, settings
from extractor.batching import Outcome
from extractor.engines import Engine, EngineUnusable
from extractor.inputs import expand_paths
from extractor.pipeline import BatchSummary, run_batch
from extractor.progress import EXIT_INTERRUPTED, EXIT_SOME_FAILED, progress_bar
from extractor.settings import InstructorMode, LLMSettings
from extractor.tables import DEFAULT_FIELDS, RowFields, count_inputs, inputs_of
from extractor.workers import JOBS_PER_PROCESS, PROCESSES_PER_CORE, WorkerDied, auto_processes

if TYPE_CHECKING:
    from extractor._llm import LLMEngine  # imported late elsewhere: openai is slow to import


_NO_ENGINE = f"""no LLM is configured, and the llm engine needs one. Set either:
  {settings.ENV_API_KEY}=sk-...                      (OpenAI; optionally {settings.ENV_MODEL}=gpt-4o-mini)
  {settings.ENV_BASE_URL}=http://127.0.0.1:8080/v1   (llama.cpp, Ollama :11434/v1, vLLM :8000/v1,
                                                    LM Studio :1234/v1; plus {settings.ENV_MODEL}=<name>)
or pass --base-url / --model. See README.md, "Configuration"."""


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


def llm_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that reach an LLM, shared by extract, batch-status and collect; the command
    receives them as one ``llm_settings``."""

    @functools.wraps(command)
    def build(**kwargs: Any) -> None:
        api_key = kwargs.pop("api_key")
        mode = kwargs.pop("mode")
        kwargs["llm_settings"] = LLMSettings(
            api_key=SecretStr(api_key) if api_key else None,
            base_url=kwargs.pop("base_url") or None,
            model=kwargs.pop("model") or None,
            mode=InstructorMode(mode) if mode else None,
            max_tokens=kwargs.pop("max_tokens"),
            temperature=kwargs.pop("temperature"),
            timeout_s=kwargs.pop("timeout_s"),
            max_reasks=kwargs.pop("max_reasks"),
            rpm=kwargs.pop("rpm"),
            tpm=kwargs.pop("tpm"),
        )
        command(**kwargs)

    decorated: Callable[..., None] = build
    for option in reversed(_LLM_OPTIONS):
        decorated = option(decorated)
    return decorated


_LLM_OPTIONS = [
    click.option(
        "--base-url",
        envvar=settings.ENV_BASE_URL,
        show_envvar=True,
        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1. Default: OpenAI.",
    ),
    click.option(
        "--model",
        envvar=settings.ENV_MODEL,
        show_envvar=True,
        help=f"Model [default: {settings.DEFAULT_OPENAI_MODEL} on OpenAI, else the server's only model].",
    ),
    click.option(
        "--api-key",
        envvar=settings.ENV_API_KEY,
        show_envvar=True,
        help="API key; prefer the environment variable (it stays out of shell history).",
    ),
    click.option(
        "--mode",
        type=click.Choice([m.value for m in InstructorMode]),
        envvar=settings.ENV_MODE,
        show_envvar=True,
        help="How the schema is sent [default: tools for OpenAI, json elsewhere].",
    ),
    click.option(
        "--max-tokens",
        type=click.IntRange(64),
        envvar=settings.ENV_MAX_TOKENS,
        default=LLMSettings.max_tokens,
        show_default=True,
        show_envvar=True,
        help="Longest answer the model may give.",
    ),
    click.option(
        "--temperature",
        type=click.FloatRange(0, 2),
        envvar=settings.ENV_TEMPERATURE,
        default=LLMSettings.temperature,
        show_default=True,
        show_envvar=True,
    ),
    click.option(
        "--timeout",
        "timeout_s",
        type=click.FloatRange(1),
        envvar=settings.ENV_TIMEOUT,
        show_envvar=True,
        help="Seconds to wait for one answer [default: 120 for OpenAI, 900 elsewhere].",
    ),
    click.option(
        "--max-reasks",
        type=click.IntRange(0, 10),
        envvar=settings.ENV_MAX_REASKS,
        default=LLMSettings.max_reasks,
        show_default=True,
        show_envvar=True,
        help="Times an invalid answer is sent back with the validation error.",
    ),
    click.option(
        "--rpm",
        type=click.FloatRange(min=0, min_open=True),
        envvar=settings.ENV_RPM,
        show_envvar=True,
        help="At most this many requests per minute, all workers together.",
    ),
    click.option(
        "--tpm",
        type=click.FloatRange(min=0, min_open=True),
        envvar=settings.ENV_TPM,
        show_envvar=True,
        help="At most this many tokens per minute (prompt estimate + max-tokens, then actual usage).",
    ),
]


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
@click.option(
    "--poll-interval",
    type=click.FloatRange(0.01),
    default=60.0,
    show_default=True,
    help="Seconds between polls.",
)
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
        _submit_batch(files, fields, out_dir, llm_settings, force, wait, poll_interval, max_chars)
        return
    chosen = _make_engine(choose_engine_name(engine, llm_settings), llm_settings)
    second = _make_engine("rules", llm_settings) if cross_check and chosen.name != "rules" else None
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
        f"Engine: [bold]{chosen.name}[/] ({_describe(chosen)}){hint}; "
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
        summary = _run_with_progress(run, total, quiet)
    except EngineUnusable as exc:
        raise click.ClickException(f"{exc} (records written so far are kept; re-run to go on)") from exc
    except WorkerDied as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        console.print("Interrupted: finished articles are stored; re-run the same command to go on.")
        sys.exit(EXIT_INTERRUPTED)
    _check_across_articles(out_dir)
    Console().print(summary_table(summary, out_dir))
    if summary.counts["failed"]:
        sys.exit(EXIT_SOME_FAILED)


def _check_across_articles(out_dir: Path) -> None:
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


def choose_engine_name(requested: str, llm_settings: LLMSettings) -> str:
    """'auto' means the LLM when one is configured, else the offline rules engine."""
    if requested == "auto":
        return "llm" if llm_settings.configured else "rules"
    return requested


def _make_engine(name: str, llm_settings: LLMSettings) -> Engine:
    if name == "llm":
        if not llm_settings.configured:
            raise click.UsageError(_NO_ENGINE)
        from extractor._llm import LLMEngine  # imported late: openai is slow to import

        engine = LLMEngine(llm_settings)
        try:
            engine.resolve_model()
        except EngineUnusable as exc:
            raise click.ClickException(str(exc)) from exc
        return engine
    if name == "rules":
        from extractor.rules import RulesEngine

        return RulesEngine()
    raise click.UsageError(f"unknown engine {name!r}")


def _describe(engine: Engine) -> str:
    parts = [
        f"model {engine.model}" if engine.model else None,
        f"at {engine.endpoint_host}" if engine.endpoint_host else None,
    ]
    return ", ".join(p for p in parts if p) or "offline"


def _run_with_progress(run: Callable[..., BatchSummary], total: int, quiet: bool) -> BatchSummary:
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


def _llm_engine(llm_settings: LLMSettings) -> LLMEngine:
    from extractor._llm import LLMEngine

    engine = _make_engine("llm", llm_settings)
    assert isinstance(engine, LLMEngine)
    return engine


def _submit_batch(
    files: list[Path],
    fields: RowFields,
    out_dir: Path,
    llm_settings: LLMSettings,
    force: bool,
    wait: bool,
    poll_interval: float,
    max_chars: int,
) -> None:
    engine = _llm_engine(llm_settings)
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
        _collect(out_dir, engine, wait=True, poll_interval=poll_interval)


def _collect(out_dir: Path, engine: LLMEngine, wait: bool, poll_interval: float) -> None:
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
    _check_across_articles(out_dir)
    Console().print(summary_table(summary, out_dir))
    if summary.counts["failed"]:
        sys.exit(EXIT_SOME_FAILED)


@main.command("batch-status")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@llm_options
def batch_status(out_dir: Path, llm_settings: LLMSettings) -> None:
    """Show the state of the Batch API job submitted into OUT_DIR by `extract --batch-api`."""
    try:
        info = batch_api.status(out_dir, _llm_engine(llm_settings))
    except (batch_api.BatchError, EngineUnusable) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"batch {info['batch_id']}: {info['status']}; {info['articles']} article(s); {info['request_counts']}"
    )


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--wait", is_flag=True, help="Poll until the batch has finished, then collect.")
@click.option(
    "--poll-interval",
    type=click.FloatRange(0.01),
    default=60.0,
    show_default=True,
    help="Seconds between polls.",
)
@llm_options
def collect(out_dir: Path, wait: bool, poll_interval: float, llm_settings: LLMSettings) -> None:
    """Store the answers of a finished Batch API job as records in OUT_DIR.

    Each answer goes through the same validation, grounding and checks as a live one; an
    invalid answer is re-asked live. Requests the batch could not serve get failure records,
    which a later `extractor extract` retries.
    """
    _collect(out_dir, _llm_engine(llm_settings), wait, poll_interval)


# Commands that live in modules of their own register here.
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
