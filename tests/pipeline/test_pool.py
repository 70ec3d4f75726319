"""The worker pool keeps input order and never holds more than its bound of chunks."""

from __future__ import annotations

import os
import time

from cleaner.pipeline.pool import ordered_map


def _slow_for_even(n: int, lost: object = None) -> tuple[int, int]:
    time.sleep(0.02 if n % 2 == 0 else 0)
    return n, os.getpid()


def _noop() -> None:
    pass


def test_results_come_in_input_order_from_several_processes() -> None:
    results = list(ordered_map(_slow_for_even, range(40), workers=2, in_flight=4, initializer=_noop))
    assert [n for n, _ in results] == list(range(40))
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() not in pids


def test_at_most_in_flight_chunks_are_taken_ahead() -> None:
    taken: list[int] = []

    def source():  # type: ignore[no-untyped-def]
        for n in range(30):
            taken.append(n)
            yield n

    results = ordered_map(_slow_for_even, source(), workers=2, in_flight=3, initializer=_noop)
    for n, _ in results:
        assert len(taken) - n <= 3  # chunks sent but not yet yielded
    assert len(taken) == 30


def test_one_worker_runs_in_this_process() -> None:
    results = list(ordered_map(_slow_for_even, range(5), workers=1, in_flight=2, initializer=_noop))
    assert results == [(n, os.getpid()) for n in range(5)]
