"""What the long commands (``extract``, ``fetch``) share: the progress bar they show on a
terminal, and their exit statuses."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

EXIT_SOME_FAILED = 1  # some article (or URL) failed; it has its failure record (or line)
EXIT_INTERRUPTED = 130  # Ctrl-C: what was finished is kept


def progress_bar(console: Console) -> Progress:
    """A bar with done/total, elapsed time and the last item's outcome (the task's ``last``)."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}"),
    )
    return Progress(*columns, console=console, transient=False)
