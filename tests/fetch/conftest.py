"""Fixtures of the fetch tests: a real HTTP server on loopback addresses, fast options."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fetch_server import FaultServer

#: Options that keep the suite fast: extraction in-process, short waits, one retry.
FAST: dict[str, Any] = {"workers": 0, "retries": 1, "backoff": 0.01, "timeout": 2.0, "delay": 0.0}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    srv = FaultServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def hosts3() -> Iterator[FaultServer]:
    """One route table served on 127.0.0.1, 127.0.0.2 and 127.0.0.3: three hosts."""
    srv = FaultServer(("127.0.0.1", "127.0.0.2", "127.0.0.3")).start()
    yield srv
    srv.stop()
