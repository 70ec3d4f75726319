"""bench/extract_quality.py skips with a clear message (exit status 0) when the shared data is absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_extract_bench_skips_without_shared_data(tmp_path: Path) -> None:
    env = {**os.environ, "CLEANER_SHARED": str(tmp_path / "absent")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract_quality.py"), "--subset", "2"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert "skipped: the ScrapingHub benchmark not found" in result.stderr
