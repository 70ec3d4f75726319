"""A learned profile: per site, the rules `cleaner learn` found, written as a rules file.

The profile is the `--rules` format with one ``[sites."NAME"]`` table per site (see
`cleaner.rules.loader`), so a person can read it, edit it and hand it to `--profile` (or
`--rules`). `count` and `share` on each rule say what it was learned from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..rules.loader import RuleFile, parse_rules
from ..rules.ruleset import RuleSet

#: What each kind of learned rule is called in the profile (its rule name) and why it removes.
KINDS = {
    "line": ("learned-line", "repeated on {count} of {docs} {site} pages"),
    "template": ("learned-template", "the same line, names and dates aside, on {count} of {docs} {site} pages"),
    "cross-promo": ("learned-cross-promo", "headline of a {site} article, promoted on {count} of its other pages"),
}


@dataclass(frozen=True)
class LearnedRule:
    """One rule learned for a site: a line (or template, or promoted headline) and its counts."""

    kind: str
    example: str
    pattern: str
    count: int
    share: float
    where: str = "any"
    max_words: int | None = None

    @property
    def name(self) -> str:
        return KINDS[self.kind][0]

    def reason(self, site: str, docs: int) -> str:
        return KINDS[self.kind][1].format(count=f"{self.count:,}", docs=f"{docs:,}", site=site)


@dataclass
class SiteProfile:
    """What was learned about one site: its document count and rules, most frequent first."""

    site: str
    docs: int
    rules: list[LearnedRule] = field(default_factory=list)
    #: The largest document count an evicted line had (0: nothing evicted, counts are exact).
    evicted: int = 0


@dataclass
class Profile:
    """Every site's rules; `to_toml` writes the profile file, `ruleset` applies it directly."""

    sites: dict[str, SiteProfile] = field(default_factory=dict)
    #: Documents read, and those skipped (no site could be told: no URL and no --site).
    documents: int = 0
    skipped: int = 0

    @property
    def rule_count(self) -> int:
        return sum(len(s.rules) for s in self.sites.values())

    def to_toml(self) -> str:
        sites = sorted(self.sites.values(), key=lambda s: (-s.docs, s.site))
        out = [
            f"# Site profile learned by `cleaner learn` from {self.documents:,} documents of {len(sites):,} sites.",
            '# Each [sites."NAME"] table holds rules for the pages of that site (and its subdomains),',
            "# applied before the built-in rules: `cleaner clean --profile FILE`, `cleaner fetch --profile FILE`.",
            "# Edit freely: delete a rule to keep its lines, loosen a pattern, or give a site",
            '# `disable = ["rule-name"]`. `count` (documents) and `share` are for reading; matching ignores them.',
            "",
        ]
        for site in sites:
            out += _site_toml(site)
        return "\n".join(out).rstrip() + "\n"

    def write(self, path: str | Path) -> None:
        Path(path).write_text(self.to_toml(), encoding="utf-8")

    def rule_file(self, source: str = "<learned profile>") -> RuleFile:
        return parse_rules(self.to_toml(), source)

    def ruleset(self) -> RuleSet:
        """The built-in rules with this profile's site rules: what `--profile` applies."""
        return RuleSet.combine([self.rule_file()])


def _site_toml(site: SiteProfile) -> list[str]:
    if not site.rules:
        return [f"# {site.site}: {site.docs:,} documents, nothing learned", ""]
    key = toml_string(site.site, literal=False)
    note = f"; counts may be short by up to {site.evicted} (rare lines were evicted)" if site.evicted else ""
    out = [f"# {site.site}: {site.docs:,} documents, {len(site.rules):,} rules{note}", f"[sites.{key}]", ""]
    for rule in site.rules:
        out += [
            f"[[sites.{key}.rule]]",
            f"name = {toml_string(rule.name)}",
            f"reason = {toml_string(rule.reason(site.site, site.docs), literal=False)}",
            f"patterns = [{toml_string(rule.pattern)}]",
        ]
        if rule.where != "any":
            out.append(f"where = {toml_string(rule.where)}")
        if rule.max_words is not None:
            out.append(f"max_words = {rule.max_words}")
        out += [f"count = {rule.count}", f"share = {rule.share:.3f}", ""]
    return out


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def toml_string(value: str, *, literal: bool = True) -> str:
    """A TOML string: 'literal' (patterns read best without escapes) when it can be, else
    "basic" with escapes."""
    if literal and "'" not in value and not _CONTROL.search(value):
        return f"'{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", escaped)
    return f'"{escaped}"'
