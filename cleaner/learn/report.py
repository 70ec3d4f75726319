"""What `cleaner learn --explain` prints: one rich table per site (stderr)."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from .profile import Profile

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
