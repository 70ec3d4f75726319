"""What `cleaner learn --explain` and `cleaner site-config test` print: rich tables (stderr)."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from rich.table import Table

from .profile import Profile
from .sitetest import SiteCheck

_MAX = 100


def profile_tables(profile: Profile) -> list[Table]:
    """One table per site: what was learned, on how many documents, and where it applies."""
    tables = []
    for site in sorted(profile.sites.values(), key=lambda s: (-s.docs, s.site)):
        title = f"{site.site}: {site.docs:,} documents, {len(site.rules):,} rules"
        table = Table(title=title, title_justify="left")
        table.add_column("kind", style="cyan", no_wrap=True)
        table.add_column("line (an example)", overflow="fold", ratio=4)
        table.add_column("docs", justify="right")
        table.add_column("share", justify="right")
        table.add_column("where")
        for rule in site.rules:
            example = rule.example if len(rule.example) <= _MAX else rule.example[: _MAX - 1] + "…"
            table.add_row(rule.kind, escape(example), f"{rule.count:,}", f"{rule.share:.0%}", rule.where)
        if not site.rules:
            table.add_row("", "(nothing repeats often enough)", "", "", "")
        tables.append(table)
    return tables


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
