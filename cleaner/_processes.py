"""The multiprocessing context the worker pools (fetch extraction, record pipelines) start from."""

from __future__ import annotations

import multiprocessing
from typing import Any


def process_context(preload: list[str]) -> Any:
    """A fork server where there is one, else spawn: forking a parent that runs threads (an
    event loop, a reader) can copy a held lock into the child. The fork server imports
    `preload` once, so every worker it forks starts with those modules loaded."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")
