"""Imported by the forkserver before it forks extraction workers: everything slow to load is
loaded here once (trafilatura, the compiled built-in rules), and every worker starts warm."""

from __future__ import annotations

import trafilatura  # noqa: F401

from ..extract import extract_html
from ..rules.ruleset import RuleSet

RuleSet.default()
extract_html("<html><body><article><p>Warming up the extractor once.</p></article></body></html>")
