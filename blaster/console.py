"""Live terminal output: the only ``rich`` import.

A :class:`Screen` prints lines to stdout or stderr, and draws a campaign's
:class:`ProgressBar` (status, bar, sent of to_send, rate, ETA, failures) from a
:class:`blaster.progress.Progress`. Plain text tables are in :mod:`blaster.views`.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn

from blaster import progress


class Screen:
    """A terminal stream (stdout, or stderr with ``stderr=True``) drawn through rich."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._console = Console(stderr=stderr)

    def say(self, line: str, *, soft_wrap: bool = False) -> None:
        """Print one line; ``soft_wrap``: never break it at the terminal's width."""
        self._console.print(line, soft_wrap=soft_wrap)

    def progress_bar(self) -> ProgressBar:
        """A campaign progress bar drawn on this screen (use it as a context manager)."""
        return ProgressBar(self._console)


class ProgressBar:
    """One campaign's live bar; shown from ``__enter__`` to ``__exit__``."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[sent]}/{task.fields[to_send]} sent"),
            TextColumn("{task.fields[rate]} msgs/s"),
            TextColumn("ETA {task.fields[eta]}"),
            TextColumn("failed {task.fields[failed]}"),
            console=console,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        self._bar.__enter__()
        self._task = self._bar.add_task(
            "waiting", total=None, sent=0, to_send="?", rate="-", eta="-", failed=0
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.__exit__(exc_type, exc, tb)

    def draw(self, p: progress.Progress) -> None:
        """Show the campaign's counters as they are now."""
        assert self._task is not None, "draw() outside the bar's with block"
        c = p.campaign
        self._bar.update(
            self._task,
            description=c.status,
            total=c.to_send or None,
            completed=c.sent + c.failed,
            sent=c.sent,
            to_send=c.to_send or "?",
            rate=f"{p.rate:.0f}" if p.rate else "-",
            eta=progress.duration(p.eta),
            failed=c.failed,
        )
