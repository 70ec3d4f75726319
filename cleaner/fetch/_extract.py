"""Extraction off the event loop, so fetching never waits on it.

Pages go to a pool of worker processes (one per core by default); at most
`FETCH_QUEUE_PER_WORKER` pages per worker wait in the pool's queue, and a page's fetch slot is
given back only once its body is in that queue, so downloads slow down to extraction's pace
instead of piling pages up in memory.

Worker processes come from a forkserver (never forked from this process, whose threads and event
loop must not be copied). Like every multiprocessing pool, they import the main module: a script
that calls `cleaner.fetch` at top level needs the ``if __name__ == "__main__":`` guard. A pool
that cannot start, or keeps dying, is replaced by extraction in a thread of this process (with a
warning), so a run never stops for it; a worker that dies costs only the pages it held (kind
``extraction``). ``workers=0`` asks for the thread from the start (no start-up cost).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .. import settings
from .._processes import process_context
from ..article import Article
from ..errors import ExtractionError
from .config import FetchConfig

_PRELOAD = ["cleaner.fetch._warm"]
_UNGUARDED = (
    "Worker processes import the main module: a script that calls cleaner.fetch needs the"
    " `if __name__ == '__main__':` guard (or workers=0)."
)
#: A pool that broke this many times is not started again: extraction moves in-process.
_MAX_BREAKS = 3


class Extractor:
    """Runs `_worker.extract` for pages; use as ``async with Extractor(config)``."""

    def __init__(self, config: FetchConfig) -> None:
        self.config = config
        self._queue = asyncio.Semaphore(max(1, config.workers) * settings.FETCH_QUEUE_PER_WORKER)
        self._pool: Executor | None = None
        self._ready: asyncio.Task[None] | None = None
        self._breaks = 0

    async def __aenter__(self) -> Extractor:
        if self.config.workers and getattr(multiprocessing.current_process(), "_inheriting", False):
            # a worker process is importing a main module that calls cleaner.fetch unguarded:
            # fail now (the worker dies, the parent falls back to extracting in-process)
            raise RuntimeError(_UNGUARDED)
        self._pool = await asyncio.to_thread(self._new_pool, in_process=self.config.workers == 0)
        if isinstance(self._pool, ProcessPoolExecutor):  # workers start while downloads begin
            self._ready = asyncio.create_task(self._check(self._pool))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._ready is not None:
            self._ready.cancel()
            await asyncio.gather(self._ready, return_exceptions=True)
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

    def _new_pool(self, *, in_process: bool) -> Executor:
        from . import _worker

        if in_process:
            _worker.init(self.config.engine, self.config.rules, self.config.site_config, in_process=True)
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="cleaner-extract")
        return ProcessPoolExecutor(
            max_workers=self.config.workers,
            mp_context=process_context(_PRELOAD),
            initializer=_worker.init,
            initargs=(self.config.engine, self.config.rules, self.config.site_config),
        )

    async def _check(self, pool: Executor) -> None:
        """Start every worker with a no-op job; a pool that cannot start is replaced at once."""
        from . import _worker

        loop = asyncio.get_running_loop()
        try:
            await asyncio.gather(*(loop.run_in_executor(pool, _worker.ready) for _ in range(self.config.workers)))
        except Exception:  # BrokenProcessPool, or a pool that cannot even spawn (RuntimeError, OSError)
            self._breaks = _MAX_BREAKS - 1
            self._replace(pool)

    async def extract(self, body: bytes, content_type: str | None, url: str, submitted: Callable[[], None]) -> Article:
        """Extract one page; calls `submitted` once the body is in the pool's hands."""
        from . import _worker

        if self._ready is not None and not self._ready.done():
            await asyncio.shield(self._ready)
        async with self._queue:
            pool = self._pool
            assert pool is not None, "Extractor used outside its context"
            try:
                future = asyncio.get_running_loop().run_in_executor(pool, _worker.extract, body, content_type, url)
            finally:
                submitted()
            try:
                outcome = await future
            except BrokenProcessPool:
                self._replace(pool)
                raise ExtractionError("the extraction worker died (out of memory or killed)", source=url) from None
        if isinstance(outcome, Article):
            return outcome
        _kind, message = outcome
        raise ExtractionError(message, source=url)

    def _replace(self, broken: Executor) -> None:
        """A fresh pool for the broken one (once, however many pages saw it break)."""
        if self._pool is not broken:
            return
        self._breaks += 1
        in_process = self._breaks >= _MAX_BREAKS
        if in_process:
            warnings.warn(
                f"extraction workers failed to start or kept dying; extracting in-process. {_UNGUARDED}",
                RuntimeWarning,
                stacklevel=2,
            )
        self._pool = self._new_pool(in_process=in_process)
        broken.shutdown(wait=False, cancel_futures=True)
