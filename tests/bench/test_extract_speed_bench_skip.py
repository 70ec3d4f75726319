"""bench/extract_speed.py skips with a clear message (exit status 0) when the shared data is absent,
and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_extract_speed_bench_skips_without_shared_data(tmp_path: Path) -> None:
    env = {**os.environ, "CLEANER_SHARED": str(tmp_path / "absent")}
    before = (ROOT / "BENCHMARKS.md").read_text("utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract_speed.py"), "--wcxb", "2", "--rounds", "1", "--write"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert "skipped: the ScrapingHub benchmark not found" in result.stderr
    assert (ROOT / "BENCHMARKS.md").read_text("utf-8") == before
