"""Shared fixtures: paths of the repository's fixtures and of the shared benchmark data, a page
server on 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from page_server import PageServer

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


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    srv = PageServer()
    srv.thread.start()
    yield srv
    srv.server.shutdown()
    srv.server.server_close()
