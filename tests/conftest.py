"""Shared fixtures: paths of the repository's fixtures and of the shared benchmark data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "seeds"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def shared() -> Path:
    """../shared (or $CLEANER_SHARED); tests that need it skip with a clear message without it."""
    path = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
    if not (path / "bench").is_dir():
        pytest.skip(f"shared benchmark data not found at {path} (set CLEANER_SHARED)")
    return path
