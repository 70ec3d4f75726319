"""The multiprocessing context the worker pools (fetch extraction, record pipelines) start from."""

from __future__ import annotations

import importlib
import multiprocessing
import sys
import threading
from typing import Any


def process_context(preload: list[str], *, fork_when_alone: bool = False) -> Any:
    """A fork server where there is one, else spawn: forking a parent that runs threads (an
    event loop, a reader) can copy a held lock into the child. The fork server imports
    `preload` once, so every worker it forks starts with those modules loaded.

    `fork_when_alone`: on Linux, a parent running no other thread forks its workers itself,
    after importing `preload` here: a fork server is a second interpreter that imports the
    package again before it forks anything (0.4 s of a record run's serial start, against
    0.25 s for the preload alone). A worker started once a thread runs must not be forked from
    here (the record pool goes to a fork server for those: `_Pool.context`)."""
    if fork_when_alone and sys.platform == "linux" and threading.active_count() == 1:
        for name in preload:
            importlib.import_module(name)
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")
