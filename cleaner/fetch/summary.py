"""`Summary`: what a fetch run did, counted as results come, shown as one table at the end."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from rich.table import Table

from .result import FetchResult


@dataclass
class Summary:
    fetched: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    cached: int = 0
    nbytes: int = 0
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0

    def add(self, result: FetchResult) -> None:
        if result.ok:
            self.fetched += 1
        else:
            self.failed[result.kind or "error"] += 1
        self.cached += result.from_cache
        self.nbytes += result.nbytes
        self.elapsed = time.monotonic() - self.started

    @property
    def total(self) -> int:
        return self.fetched + sum(self.failed.values())

    @property
    def pages_per_second(self) -> float:
        return self.fetched / self.elapsed if self.elapsed > 0 else 0.0

    def exit_code(self) -> int:
        """0: every URL gave an article; 1: none did; 2: some failed."""
        if self.fetched == 0:
            return 1
        return 0 if not self.failed else 2

    def table(self) -> Table:
        table = Table(title="cleaner fetch", title_justify="left", show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        table.add_row("fetched", f"[green]{self.fetched:,}[/green]")
        table.add_row("failed", f"[red]{sum(self.failed.values()):,}[/red]" if self.failed else "0")
        for kind, count in self.failed.most_common():
            table.add_row(f"  {kind}", f"{count:,}")
        if self.cached:
            table.add_row("from cache", f"{self.cached:,}")
        table.add_row("downloaded", _size(self.nbytes))
        table.add_row("time", f"{self.elapsed:.1f} s")
        table.add_row("pages/s", f"{self.pages_per_second:.1f}")
        return table


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB"):
        if size < 1000:
            return f"{size:,.0f} B" if unit == "B" else f"{size:,.1f} {unit}"
        size /= 1000
    return f"{size:,.1f} GB"
