"""Where the pool's workers start from, seen from a fresh interpreter (tests/pipeline/test_pool.py).

    python -m tests.pipeline._pool_probe alone|thread|replaced|progress

prints a JSON object: this process's pid and what the workers said of their parent.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Mapping

from cleaner.pipeline.pool import started, worker_pool


def _noop() -> None:
    pass


def _parent(n: int, lost: object = None) -> int:
    return os.getppid()


def _die_once(n: int, lost: Mapping[int, str]) -> tuple[int, int]:
    started(0)
    if n == 3 and 0 not in lost:
        os._exit(1)  # a crash: the pool replaces the worker and resends the chunk
    return n, os.getppid()


def _record_run(out: dict[str, object]) -> None:
    """A record run with its progress bar on (the bar runs a thread): the start method its pool
    took, and the records written."""
    import tempfile
    from pathlib import Path

    from cleaner.pipeline import pool
    from cleaner.pipeline.run import RunConfig, run

    made = pool.process_context

    def watched(preload: list[str], **kwargs: bool) -> object:
        ctx = made(preload, **kwargs)
        out.setdefault("methods", []).append(ctx.get_start_method())  # type: ignore[union-attr]
        return ctx

    pool.process_context = watched  # type: ignore[assignment]
    text = "The council voted on Tuesday to expand the bus network across the city. " * 5
    with tempfile.TemporaryDirectory() as folder:
        src, dst = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        src.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in range(50)))
        summary = run(RunConfig([str(src)], dst, workers=2, progress=True))
        out["records"] = len(dst.read_text().splitlines())
        out["exit"] = summary.exit_code


def _parents(in_flight: int) -> list[int]:
    with worker_pool(_parent, workers=2, initializer=_noop) as results:
        return sorted(set(results(range(6), in_flight)))


def main(case: str) -> dict[str, object]:
    out: dict[str, object] = {"pid": os.getpid()}
    if case == "progress":
        _record_run(out)
        return out
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    try:
        if case == "alone":
            out["parents"] = _parents(2)
        elif case == "thread":
            thread.start()
            out["parents"] = _parents(2)
        else:
            results = []
            with worker_pool(_die_once, workers=2, initializer=_noop) as results_of:
                for n, parent in results_of(range(8), 1):
                    results.append((n, parent))
                    if n == 0:
                        thread.start()
            out.update(numbers=[n for n, _ in results], first=results[0][1], resent=results[3][1])
    finally:
        stop.set()
        if thread.is_alive():
            thread.join()
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
