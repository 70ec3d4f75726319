"""A process pool over chunks: results in input order, a bounded number of chunks in flight.

Workers start from a fork server that has already imported the cleaner, so each one starts in
a fraction of a second, and run `initializer` once (loading the rules) before any chunk. With
one worker everything runs in this process: no pickling, no second copy of the rules.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .._processes import process_context
from ..errors import CleanerError

T = TypeVar("T")
R = TypeVar("R")

#: Modules the fork server imports once, so that workers forked from it start warm.
PRELOAD = ["cleaner.pipeline._work"]


class WorkerDied(CleanerError):
    """A worker process ended abruptly (killed, out of memory, a crash in a C extension)."""

    kind = "worker"


def ordered_map(
    fn: Callable[[T], R],
    chunks: Iterable[T],
    *,
    workers: int,
    in_flight: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """`fn` over `chunks` on `workers` processes; yields results in order, holding at most
    `in_flight` chunks that are sent and not yet yielded."""
    if workers <= 1:
        initializer(*initargs)
        yield from map(fn, chunks)
        return
    pool = ProcessPoolExecutor(workers, mp_context=process_context(PRELOAD), initializer=initializer, initargs=initargs)
    pending: deque[Future[R]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(fn, chunk))
            if len(pending) >= in_flight:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerDied("a worker process died (killed, or out of memory); the run stopped") from None
