"""The worker pool keeps input order and never holds more than its bound of chunks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.pipeline.pool import worker_pool

ROOT = Path(__file__).resolve().parents[2]


def _slow_for_even(n: int, lost: object = None) -> tuple[int, int]:
    time.sleep(0.02 if n % 2 == 0 else 0)
    return n, os.getpid()


def _noop() -> None:
    pass


def test_results_come_in_input_order_from_several_processes() -> None:
    with worker_pool(_slow_for_even, workers=2, initializer=_noop) as results_of:
        results = list(results_of(range(40), 4))
    assert [n for n, _ in results] == list(range(40))
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() not in pids


def test_at_most_in_flight_chunks_are_taken_ahead() -> None:
    taken: list[int] = []

    def source():  # type: ignore[no-untyped-def]
        for n in range(30):
            taken.append(n)
            yield n

    with worker_pool(_slow_for_even, workers=2, initializer=_noop) as results_of:
        for n, _ in results_of(source(), 3):
            assert len(taken) - n <= 3  # chunks sent but not yet yielded
    assert len(taken) == 30


def test_one_worker_runs_in_this_process() -> None:
    with worker_pool(_slow_for_even, workers=1, initializer=_noop) as results_of:
        results = list(results_of(range(5), 2))
    assert results == [(n, os.getpid()) for n in range(5)]


def _probe(case: str) -> dict[str, object]:
    """tests/pipeline/_pool_probe.py in a fresh interpreter: this one may run threads that
    other tests left (a watchdog, a server), and the start method depends on them."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.pipeline._pool_probe", case], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout))


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork from the parent on Linux only")
def test_a_parent_alone_forks_its_workers_itself() -> None:
    seen = _probe("alone")
    assert seen["parents"] == [seen["pid"]]


def test_a_parent_running_a_thread_starts_workers_from_a_fork_server() -> None:
    seen = _probe("thread")
    assert seen["pid"] not in seen["parents"]  # type: ignore[operator]


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork from the parent on Linux only")
def test_a_replacement_comes_from_a_fork_server_once_a_thread_runs() -> None:
    """The first workers forked from the parent; a thread starts; a worker dies: the one that
    replaces it is not forked from a process whose thread may hold a lock."""
    seen = _probe("replaced")
    assert seen["numbers"] == list(range(8))
    assert seen["first"] == seen["pid"]
    assert seen["resent"] != seen["pid"]  # the replacement ran the resent chunk


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork from the parent on Linux only")
def test_a_record_run_forks_its_workers_before_its_progress_bar_starts_a_thread() -> None:
    seen = _probe("progress")
    assert seen["methods"] == ["fork"]
    assert seen["records"] == 50 and seen["exit"] == 0


def _identity(chunk: object, lost: object = None) -> object:
    return chunk


def test_a_busy_worker_is_sent_the_next_chunk_ahead_only_when_it_fits_in_the_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleaner import settings
    from cleaner.pipeline.pool import _Pool, _Task

    pool = _Pool(_identity, 2, _noop, (), None)
    try:
        first, second = pool.workers
        assert first.ahead > 1000  # the pipe is a socket whose buffer was widened
        small = [_Task(n, b"x" * 100) for n in range(3)]
        pool.waiting.extend(small)
        pool._dispatch()
        assert [t.seq for t in first.tasks] == [0, 1] and [t.seq for t in second.tasks] == [2]
        monkeypatch.setattr(settings, "CHUNKS_QUEUED_PER_WORKER", 3)
        big = _Task(3, b"x" * (first.ahead + 1))
        pool.waiting.append(big)
        pool._dispatch()  # too big to wait in a pipe: it stays until a worker is free
        assert list(pool.waiting) == [big] and len(first.tasks) == 2 and len(second.tasks) == 1
        while first.tasks or second.tasks:
            pool._collect()
            pool._dispatch()
        assert not pool.waiting and sorted(pool.results) == [0, 1, 2, 3]
        assert pool.results[3] == (True, big.chunk)
    finally:
        pool.close()


def test_at_the_input_end_no_chunk_is_sent_ahead() -> None:
    from cleaner.pipeline.pool import _Pool, _Task

    pool = _Pool(_identity, 2, _noop, (), None)
    try:
        pool.waiting.extend(_Task(n, b"x") for n in range(4))
        pool._dispatch(ahead=False)
        assert [len(w.tasks) for w in pool.workers] == [1, 1] and len(pool.waiting) == 2
    finally:
        pool.close()
