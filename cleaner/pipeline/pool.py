"""A supervised process pool over chunks: results in input order, a bounded number in flight,
and a worker stuck on one item past its time limit killed and replaced.

Workers are forked from this process once it has compiled the built-in rules (Linux, no other
thread running), or else from a fork server that has imported the cleaner and compiled them, so
each one starts in a fraction of a second; each runs `initializer` once before any chunk. With
one worker everything runs in this process: no pickling, no second copy of the rules. A busy
worker is sent its next chunk ahead, into a pipe whose buffer holds it, so that it never waits
for this process between chunks.

`fn(chunk, lost)` cleans a chunk; it calls `started(i)` before its i-th item, which writes the
item's number and start time into memory shared with this process. A worker still on one item
`limit + settings.RECORD_TIMEOUT_GRACE` seconds after it started is killed (the item's own time
limit, inside the worker, interrupts Python code; this catches a call into C that never
returns) and a fresh worker gets the same chunk again, with ``lost = {i: "timeout"}``: `fn` puts
an error in that item's place and cleans the others, so nothing but the stuck item is lost. A
worker that dies on an item (out of memory, a crash in a C extension) costs that item the same
way, with kind ``worker``. A worker that dies before reaching any item, again and again, stops
the run (`WorkerDied`).
"""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import ForkingPickler
from typing import Any, TypeVar

from .. import settings
from .._processes import process_context
from ..errors import CleanerError

T = TypeVar("T")
R = TypeVar("R")

#: Modules imported once where the workers fork from (this process or a fork server), so that
#: they start warm (`_warm` compiles the built-in rules there, once, not once in every worker).
PRELOAD = ["cleaner.pipeline._work", "cleaner.pipeline._warm"]
#: A worker that dies this many times in a row before starting an item stops the run.
_MAX_DEATHS_WITHOUT_PROGRESS = 3
#: How often the supervisor looks at the workers' progress when a limit is set.
_POLL = 0.05


class WorkerDied(CleanerError):
    """A worker process ended abruptly (killed, out of memory, a crash in a C extension)."""

    kind = "worker"


#: In a worker: (shared progress array, this worker's slot); None in this process.
_progress: tuple[Any, int] | None = None


def started(index: int) -> None:
    """Called by `fn` before its `index`-th item: the supervisor times each item from here."""
    if _progress is not None:
        shared, slot = _progress
        shared[2 * slot + 1] = time.monotonic()
        shared[2 * slot] = index


@contextlib.contextmanager
def worker_pool(
    fn: Callable[[T, Mapping[int, str]], R],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    limit: float | None = None,
) -> Iterator[Callable[[Iterable[T], int], Iterator[R]]]:
    """`fn` over chunks on `workers` processes, started on entering: what it gives,
    `results(chunks, in_flight)`, yields results in order, holding at most `in_flight` chunks
    that are taken and not yet yielded. `limit`: seconds one item may take (None: no
    supervision of items). A caller that will start a thread (a progress bar) enters first, so
    that the workers fork from a process that runs none."""
    if workers <= 1:
        initializer(*initargs)

        def in_process(chunks: Iterable[T], in_flight: int) -> Iterator[R]:
            return (fn(chunk, {}) for chunk in chunks)

        yield in_process
        return
    pool = _Pool(fn, workers, initializer, initargs, limit)
    try:
        yield pool.map
    finally:
        pool.close()


@dataclass
class _Task:
    seq: int
    chunk: Any
    lost: dict[int, str] = field(default_factory=dict)
    #: The message as sent, pickled once (again only when `lost` changes).
    data: memoryview | None = None


class _Worker:
    def __init__(self, pool: _Pool, slot: int) -> None:
        self.slot = slot
        pool.shared[2 * slot] = -1
        ctx = pool.context()
        self.conn, child = ctx.Pipe()
        #: Bytes the parent may send ahead without waiting for the worker to read them.
        self.ahead = _widen(self.conn, child)
        self.process = ctx.Process(
            target=_serve,
            args=(child, pool.shared, slot, pool.fn, pool.initializer, pool.initargs),
            daemon=True,
            name=f"cleaner-worker-{slot}",
        )
        self.process.start()
        child.close()
        #: Chunks sent and not yet answered, oldest first: the first is the one being cleaned,
        #: the next wait inside the worker, so that it never idles between chunks.
        self.tasks: deque[_Task] = deque()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class _Pool:
    def __init__(
        self,
        fn: Callable[..., Any],
        workers: int,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
        limit: float | None,
    ) -> None:
        # Alone (no thread running: the record run enters the pool before its progress bar
        # starts one), this process forks the workers itself, rules compiled.
        self.ctx = process_context(PRELOAD, fork_when_alone=True)
        self._fallback: Any = None
        self.fn, self.initializer, self.initargs = fn, initializer, initargs
        self.limit = limit if limit and limit > 0 else None
        self.shared = self.ctx.Array("d", 2 * workers, lock=False)
        self.workers = [_Worker(self, slot) for slot in range(workers)]
        self.waiting: deque[_Task] = deque()
        self.results: dict[int, tuple[bool, Any]] = {}
        self.deaths = 0

    def context(self) -> Any:
        """Where the next worker starts: the pool's context, or a fork server should a thread
        have started in this process since the pool forked its first workers (a replacement
        forked from it could inherit a lock that thread holds)."""
        if self.ctx.get_start_method() != "fork" or threading.active_count() == 1:
            return self.ctx
        if self._fallback is None:
            self._fallback = process_context(PRELOAD)
        return self._fallback

    def map(self, chunks: Iterable[Any], in_flight: int) -> Iterator[Any]:
        source = iter(chunks)
        taken = emitted = 0
        exhausted = False
        while True:
            while not exhausted and taken - emitted < max(in_flight, 1):
                try:
                    chunk = next(source)
                except StopIteration:
                    exhausted = True
                    break
                self.waiting.append(_Task(taken, chunk))
                taken += 1
            self._dispatch(ahead=not exhausted)
            if emitted in self.results:
                ok, value = self.results.pop(emitted)
                emitted += 1
                if not ok:
                    raise value
                yield value
                continue
            if exhausted and emitted == taken:
                return
            self._collect()

    def _dispatch(self, *, ahead: bool = True) -> None:
        """An idle worker gets the next chunk; a busy one gets the one after too when it fits in
        the pipe's buffer (sending never waits for a worker that is still cleaning), unless
        not `ahead`: at the input's end the last chunks go to whichever worker is free first,
        so that none holds two while another has nothing left."""
        for worker in self.workers:
            while len(worker.tasks) < settings.CHUNKS_QUEUED_PER_WORKER and self.waiting:
                task = self.waiting[0]
                if task.data is None:
                    task.data = ForkingPickler.dumps((task.seq, task.chunk, task.lost))  # as send() does
                if worker.tasks and (not ahead or len(task.data) > worker.ahead):
                    break
                self.waiting.popleft()
                worker.tasks.append(task)
                try:
                    worker.conn.send_bytes(task.data)
                except (BrokenPipeError, OSError):
                    self._died(worker)
                    break

    def _collect(self) -> None:
        """Wait for a result, a death, or (with a limit) the next look at the workers' progress."""
        busy = [w for w in self.workers if w.tasks]
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=_POLL if self.limit else None)) if handles else set()
        for worker in busy:
            if worker.conn in ready or worker.conn.poll():
                try:
                    seq, ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    self._died(worker)
                    continue
                self.results[seq] = (ok, value)
                worker.tasks.popleft()
                self.deaths = 0
            elif worker.process.sentinel in ready or not worker.process.is_alive():
                self._died(worker)
            elif self.limit is not None:
                self._supervise(worker)

    def _supervise(self, worker: _Worker) -> None:
        index, since = int(self.shared[2 * worker.slot]), self.shared[2 * worker.slot + 1]
        assert self.limit is not None
        if index < 0 or time.monotonic() - since < self.limit + settings.RECORD_TIMEOUT_GRACE:
            return
        if worker.conn.poll():  # it finished meanwhile
            return
        self._replace(worker, index, "timeout")

    def _died(self, worker: _Worker) -> None:
        index = int(self.shared[2 * worker.slot])
        if index < 0:
            self.deaths += 1
            if self.deaths >= _MAX_DEATHS_WITHOUT_PROGRESS:
                raise WorkerDied("worker processes keep dying (killed, or out of memory); the run stopped")
        self._replace(worker, index, "worker")

    def _replace(self, worker: _Worker, index: int, kind: str) -> None:
        """A fresh worker in the slot; its chunks go first to be redone, the one it was on
        (the oldest unanswered: results come back in the order chunks were sent) without
        item `index`."""
        tasks = worker.tasks
        worker.kill()
        fresh = _Worker(self, worker.slot)
        self.workers[worker.slot] = fresh
        if tasks and index >= 0:
            tasks[0].lost[index] = kind
            tasks[0].data = None  # to be pickled again, with what was lost
        self.waiting.extendleft(reversed(tasks))

    def close(self) -> None:
        for worker in self.workers:
            if not worker.tasks and worker.process.is_alive():
                with contextlib.suppress(BrokenPipeError, OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in self.workers:
            if not worker.tasks:
                worker.process.join(max(deadline - time.monotonic(), 0))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5)
            worker.conn.close()


def _serve(
    conn: Connection,
    shared: Any,
    slot: int,
    fn: Callable[..., Any],
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
) -> None:
    """A worker's life: set up once, then clean chunks until told to stop (None) or orphaned."""
    global _progress
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _progress = (shared, slot)
    initializer(*initargs)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        seq, chunk, lost = task
        try:
            message: tuple[int, bool, Any] = (seq, True, fn(chunk, lost))
        except Exception as exc:
            message = (seq, False, exc)
        shared[2 * slot] = -1
        try:
            conn.send(message)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result or an error that does not pickle
            conn.send((seq, False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _widen(parent: Connection, child: Connection) -> int:
    """Give the pipe between the parent and a worker a buffer that holds a chunk (the system's
    largest allowed, up to `settings.PIPE_BUFFER_BYTES`), and say how much the parent may send
    ahead into it: a quarter of what the system granted (it counts its own bookkeeping too). 0
    where the pipe is not a socket."""
    ends: list[socket.socket] = []
    try:
        for conn in (parent, child):  # the connections keep their descriptors: detached below
            ends.append(socket.socket(fileno=conn.fileno()))
        for end in ends:  # both ways: a worker's results wait there for the parent too
            end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, settings.PIPE_BUFFER_BYTES)
            end.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, settings.PIPE_BUFFER_BYTES)
        sender, receiver = ends
        granted = min(
            sender.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF),
            receiver.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF),
        )
    except OSError:
        granted = 0
    finally:
        for end in ends:
            end.detach()
    return granted // 4
