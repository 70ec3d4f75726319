"""Extraction off the event loop, so fetching never waits on it.

Pages go to a pool of worker processes (one per core by default); at most
`FETCH_QUEUE_PER_WORKER` pages per worker wait in the pool's queue, and a page's fetch slot is
given back only once its body is in that queue, so downloads slow down to extraction's pace
instead of piling pages up in memory.

Worker processes come from a forkserver (never forked from this process, whose threads and event
loop must not be copied). Like every multiprocessing pool, they import the main module: a script
that calls `cleaner.fetch` at top level needs the ``if __name__ == "__main__":`` guard. A pool
that cannot start, or keeps dying, is replaced by extraction in a thread of this process (with a
warning), so a run never stops for it; a worker that dies costs only the page it was on (the
other pages it held are extracted again, once; kind ``extraction``). ``workers=0`` asks for the
thread from the start (no start-up cost).

Each page's extraction has a time limit (`record_timeout`): inside the worker it interrupts
Python code and the page's result is an error of kind ``timeout``. A supervisor here looks at
what every worker is on; one still on the same page `settings.RECORD_TIMEOUT_GRACE` seconds past
the limit is stuck in C: its process is killed (the pool is replaced, the other pages in it are
extracted again) or, for the in-process thread, the thread is left behind to finish on its own
and a fresh one takes the next pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import multiprocessing
import os
import signal
import time
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .. import settings
from .._processes import process_context
from ..article import Article
from ..errors import ExtractionError, TimeLimitExceeded
from .config import FetchConfig

_PRELOAD = ["cleaner.fetch._warm"]
_UNGUARDED = (
    "Worker processes import the main module: a script that calls cleaner.fetch needs the"
    " `if __name__ == '__main__':` guard (or workers=0)."
)
#: A pool that broke this many times is not started again: extraction moves in-process.
_MAX_BREAKS = 3
#: How often the supervisor looks at what the workers are on.
_POLL = 0.1


class Extractor:
    """Runs `_worker.extract` for pages; use as ``async with Extractor(config)``."""

    def __init__(self, config: FetchConfig) -> None:
        self.config = config
        self._queue = asyncio.Semaphore(max(1, config.workers) * settings.FETCH_QUEUE_PER_WORKER)
        self._pool: Executor | None = None
        self._ready: asyncio.Task[None] | None = None
        self._breaks = 0
        self._limit = config.record_timeout
        self._tokens = itertools.count(1)
        #: Per page in flight: what the supervisor says when it gives up on it.
        self._verdicts: dict[int, asyncio.Future[None]] = {}
        #: Where the workers of the current pool say what they are on (see `_worker._report`).
        self._shared: Any = None
        self._threads: dict[int, tuple[int, float]] = {}
        self._killed: set[int] = set()
        self._supervisor: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Extractor:
        if self.config.workers and getattr(multiprocessing.current_process(), "_inheriting", False):
            # a worker process is importing a main module that calls cleaner.fetch unguarded:
            # fail now (the worker dies, the parent falls back to extracting in-process)
            raise RuntimeError(_UNGUARDED)
        self._pool = await asyncio.to_thread(self._new_pool, in_process=self.config.workers == 0)
        if isinstance(self._pool, ProcessPoolExecutor):  # workers start while downloads begin
            self._ready = asyncio.create_task(self._check(self._pool))
        if self._limit:
            self._supervisor = asyncio.create_task(self._supervise())
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in (self._ready, self._supervisor):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

    def _new_pool(self, *, in_process: bool) -> Executor:
        from . import _worker

        config = self.config
        if in_process:
            self._shared, self._threads = None, {}
            _worker.init(
                config.engine,
                config.rules,
                config.site_config,
                in_process=True,
                timeout=self._limit,
                scorer=config.scorer,
                threads=self._threads,
            )
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="cleaner-extract")
        ctx = process_context(_PRELOAD)
        self._shared = ctx.Array("d", 3 * config.workers, lock=False)
        return ProcessPoolExecutor(
            max_workers=config.workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(
                config.engine,
                config.rules,
                config.site_config,
                self._limit,
                self._shared,
                ctx.Value("i", 0),
                config.scorer,
            ),
        )

    async def _check(self, pool: Executor) -> None:
        """Start every worker with a no-op job; a pool that cannot start is replaced at once.

        The jobs are handed to the pool from a thread: the pool starts a process on a job's
        submission, and the first waits for the fork server to import what it preloads
        (trafilatura and the rules, half a second), which on the event loop would hold every
        download back that long."""
        from . import _worker

        def start() -> list[Future[bool]]:
            return [pool.submit(_worker.ready) for _ in range(self.config.workers)]

        try:
            started = await asyncio.to_thread(start)
            await asyncio.gather(*(asyncio.wrap_future(job) for job in started))
        except Exception:  # BrokenProcessPool, or a pool that cannot even spawn (RuntimeError, OSError)
            self._breaks = _MAX_BREAKS - 1
            self._replace(pool)

    async def extract(self, body: bytes, content_type: str | None, url: str, submitted: Callable[[], None]) -> Article:
        """Extract one page; calls `submitted` once the body is in the pool's hands."""
        from . import _worker

        if self._ready is not None and not self._ready.done():
            await asyncio.shield(self._ready)
        loop = asyncio.get_running_loop()
        async with self._queue:
            broke = False
            while True:
                pool = self._pool
                assert pool is not None, "Extractor used outside its context"
                token = next(self._tokens)
                verdict: asyncio.Future[None] = loop.create_future()
                self._verdicts[token] = verdict
                try:
                    job = loop.run_in_executor(pool, _worker.extract, body, content_type, url, token)
                finally:
                    submitted()
                job.add_done_callback(_retrieve)
                try:
                    await asyncio.wait((job, verdict), return_when=asyncio.FIRST_COMPLETED)
                finally:
                    self._verdicts.pop(token, None)
                if verdict.done():  # the supervisor gave up on this page
                    raise TimeLimitExceeded(_stuck(self._limit), source=url, seconds=self._limit)
                if job.cancelled():  # queued in a pool that was replaced: again, in the new one
                    continue
                error = job.exception()
                if isinstance(error, BrokenProcessPool):
                    self._replace(pool)
                    if broke:
                        raise ExtractionError("the extraction worker died (out of memory or killed)", source=url)
                    broke = True  # perhaps another page broke the pool: this one gets a second try
                    continue
                if error is not None:
                    raise error
                outcome = job.result()
                break
        if isinstance(outcome, Article):
            return outcome
        kind, message = outcome
        if kind == "timeout":
            raise TimeLimitExceeded(message, source=url, seconds=self._limit)
        raise ExtractionError(message, source=url)

    async def _supervise(self) -> None:
        """Give up on pages stuck past the limit plus grace: kill their process, or leave their thread."""
        assert self._limit is not None
        while True:
            await asyncio.sleep(_POLL)
            now, over = time.monotonic(), self._limit + settings.RECORD_TIMEOUT_GRACE
            if self._shared is not None:
                shared = self._shared
                for slot in range(len(shared) // 3):
                    token, since, pid = int(shared[3 * slot]), shared[3 * slot + 1], int(shared[3 * slot + 2])
                    if token and token not in self._killed and now - since > over and pid:
                        self._killed.add(token)
                        self._give_up(token)
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)  # the pool breaks; its other pages go again
            else:
                for thread, (token, since) in list(self._threads.items()):
                    if token and token not in self._killed and now - since > over:
                        self._killed.add(token)
                        self._threads.pop(thread, None)
                        self._give_up(token)
                        self._abandon_thread()

    def _give_up(self, token: int) -> None:
        verdict = self._verdicts.get(token)
        if verdict is not None and not verdict.done():
            verdict.set_result(None)

    def _abandon_thread(self) -> None:
        """A fresh thread for the next pages; the stuck one finishes (or not) on its own."""
        stuck = self._pool
        if isinstance(stuck, ThreadPoolExecutor):
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cleaner-extract")
            stuck.shutdown(wait=False, cancel_futures=True)

    def _replace(self, broken: Executor) -> None:
        """A fresh pool for the broken one (once, however many pages saw it break)."""
        if self._pool is not broken:
            return
        if not self._killed_here(broken):
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

    def _killed_here(self, broken: Executor) -> bool:
        """Whether the supervisor broke this pool on purpose (that is no sign of a sick pool)."""
        return bool(self._killed) and isinstance(broken, ProcessPoolExecutor) and self._shared is not None


def _init_worker(
    engine: str,
    rules: Any,
    site_config: Any,
    timeout: float | None,
    shared: Any,
    counter: Any,
    scorer: str | None = None,
) -> None:
    from . import _worker

    _worker.init(engine, rules, site_config, timeout=timeout, shared=shared, counter=counter, scorer=scorer)


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Mark a job's failure as seen, for the jobs nobody awaits any more."""
    if not future.cancelled():
        future.exception()


def _stuck(limit: float | None) -> str:
    return (
        f"extracting the page took longer than the time limit ({limit or 0:g} s) inside a call that could not"
        " be interrupted; its worker was replaced"
    )
