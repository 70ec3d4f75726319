"""What `cleaner site-config test` prints: a rich table (stderr)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:  # check.py imports extraction and fetching; the table needs neither
    from .check import SiteCheck


def site_test_table(outcomes: list[SiteCheck]) -> Table:
    """One row per test page: where the page came from, each rule's matches, the verdict."""
    table = Table(title="site pattern files", title_justify="left", show_lines=True)
    table.add_column("file", overflow="fold")
    table.add_column("test page", overflow="fold")
    table.add_column("rules (elements found)", overflow="fold", ratio=3)
    table.add_column("result")
    for o in outcomes:
        rules = [f"{'✓' if m.found else '✗'} {m.directive}: {escape(m.value)} ({m.found})" for m in o.matches]
        rules += [f"✗ test_contains: {escape(d.value)}" for d in o.missing]
        verdict = "[green]ok[/green]" if o.ok else f"[red]{escape(o.problem or 'rules no longer match')}[/red]"
        where = f"{Path(o.config.path).name}:{o.test.line}"
        table.add_row(where, f"{escape(o.test.url)}\n({o.page})", "\n".join(rules) or "-", verdict)
    return table
