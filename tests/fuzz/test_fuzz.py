"""A short seeded pass of every fuzz target (`bench/fuzz.py` runs them for longer), and every
saved finding as a regular test."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from targets import FIXTURES, TARGETS, run_check

#: Examples per target: a few seconds each, derandomized so that CI sees the same inputs every run.
EXAMPLES = {"html-best": 60, "html-fast": 150, "parquet": 150, "warc": 150}
DEFAULT_EXAMPLES = 250


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_seeded_pass(name: str) -> None:
    target = TARGETS[name]

    @settings(
        max_examples=EXAMPLES.get(name, DEFAULT_EXAMPLES),
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy)
    def run(data: bytes) -> None:
        run_check(target, data)

    run()


FINDINGS = sorted(p for p in FIXTURES.glob("*/*") if p.is_file() and p.parent.name in TARGETS)


@pytest.mark.parametrize("path", FINDINGS, ids=[f"{p.parent.name}/{p.name}" for p in FINDINGS])
def test_finding(path: Path) -> None:
    run_check(TARGETS[path.parent.name], path.read_bytes())
