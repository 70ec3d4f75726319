"""What a run says on stderr: problems as they happen, a progress bar on a terminal, a summary.

rich is imported when a run starts, not with the package: the worker processes, which import
the package, never report (rich was about a sixth of the package's import time).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ..io.records import RecordReader

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Reporter:
    """Problems and the summary on stderr; a progress bar over the input bytes when stderr is a terminal."""

    def __init__(self, enabled: bool | None, files: list[str]) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, highlight=False)
        self.enabled = self.console.is_terminal if enabled is None else enabled
        self.total = sum(_size(f) for f in files)
        self._finished = 0
        self._reader: RecordReader | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Reporter:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                TimeRemainingColumn(), TextColumn("{task.fields[records]}"), console=self.console, transient=True,
            )  # fmt: skip
            self._task = self._progress.add_task("cleaning", total=self.total or None, records="")
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, name: str, reader: RecordReader) -> None:
        self._reader = reader
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=Path(name).name)

    def finish(self, name: str) -> None:
        self._finished += _size(name)
        self._reader = None

    def advance(self, summary: object) -> None:
        if self._progress is None or self._task is None:
            return
        done = self._finished + (self._reader.position() if self._reader else 0)
        records = getattr(summary, "records", 0)
        failed = getattr(summary, "failed", 0)
        self._progress.update(self._task, completed=done, records=f"{records:,} records, {failed:,} failed")

    def problem(self, message: str) -> None:
        from rich.markup import escape

        self.console.print(f"[red]cleaner:[/red] {escape(message)}", markup=True, soft_wrap=True)

    def summary(self, line: str) -> None:
        self.console.print(f"cleaner: {line}", markup=False, soft_wrap=True)


def _size(name: str) -> int:
    try:
        return os.stat(name).st_size if name != "-" else 0
    except OSError:
        return 0
