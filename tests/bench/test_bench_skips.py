"""Every bench script that reads ../shared skips with a clear message (exit status 0) when the
shared data is absent, and writes nothing. A script added to bench/ that reads the shared data
gets a row here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: (script and arguments, what its skip message names)
CASES = [
    (["structure.py", "--limit", "2", "--write"], "the WCXB benchmark"),
    (["wholepage.py", "--subset", "2", "--write"], "the WCXB benchmark"),
    (["extract_speed.py", "--wcxb", "2", "--rounds", "1", "--write"], "the ScrapingHub benchmark"),
    (["learn_quality.py", "--skip-speed", "--write"], "the ScrapingHub ground truth"),
]


@pytest.mark.parametrize(("argv", "what"), CASES, ids=[c[0][0] for c in CASES])
def test_bench_skips_without_shared_data(tmp_path: Path, argv: list[str], what: str) -> None:
    env = {**os.environ, "CLEANER_SHARED": str(tmp_path / "absent")}
    before = (ROOT / "BENCHMARKS.md").read_text("utf-8")
    script, *args = argv
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-1000:]
    assert f"skipped: {what} not found" in result.stderr
    assert (ROOT / "BENCHMARKS.md").read_text("utf-8") == before
