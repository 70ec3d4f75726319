"""The time limit per record in record mode: the limit inside a worker, the supervisor that
replaces a worker stuck where the limit cannot reach, and `--record-timeout` end to end.

Each test is bounded by the limit it sets (plus the grace), never by a clock assertion.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from cleaner._timelimit import within
from cleaner.errors import TimeLimitExceeded
from cleaner.pipeline import RecordOptions, RunConfig, run
from cleaner.pipeline.pool import started, worker_pool

#: Backtracks for ever on 'aaa…ab'; Python's regex engine checks for signals, so the limit stops it.
CATASTROPHIC = """
# (a look-ahead: the compiled prefilter drops it and names the pattern for every line, so `re`
# backtracks; `^(a+)+$` alone is ruled out by the prefilter, linear in the line)
[[rule]]
name = "catastrophic"
reason = "a regex that backtracks for ever"
patterns = ['^(?=(a+)+c)']
"""
FINE = "A normal sentence that is long enough to be kept as the body of an article here."


def _items(chunk: list[str], lost: Mapping[int, str]) -> list[tuple[str, str, int]]:
    """Items: ``ok``; ``slow`` spins in Python (the limit inside the worker stops it); ``stuck``
    blocks the alarm and sleeps, as a call into C would (only the supervisor stops it)."""
    out = []
    for i, item in enumerate(chunk):
        started(i)
        if i in lost:
            out.append((item, lost[i], os.getpid()))
            continue
        try:
            out.append((item, within(0.3, _work, item), os.getpid()))
        except TimeLimitExceeded:
            out.append((item, "timeout", os.getpid()))
    return out


def _work(item: str) -> str:
    if item == "slow":
        while True:
            pass
    if item == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            time.sleep(0.05)
    return "done"


def _noop() -> None:
    pass


def test_a_slow_item_is_stopped_inside_its_worker_and_a_stuck_one_costs_its_worker() -> None:
    chunks = [["ok", "ok"], ["ok", "slow", "ok"], ["ok", "stuck", "ok"], ["ok"], ["ok", "ok"]]
    with worker_pool(_items, workers=2, initializer=_noop, limit=0.3) as results_of:
        results = list(results_of(chunks, 4))
    flat = [(item, outcome) for chunk in results for item, outcome, _ in chunk]
    assert flat == [
        ("ok", "done"), ("ok", "done"),
        ("ok", "done"), ("slow", "timeout"), ("ok", "done"),
        ("ok", "done"), ("stuck", "timeout"), ("ok", "done"),
        ("ok", "done"),
        ("ok", "done"), ("ok", "done"),
    ]  # fmt: skip
    slow_pid = results[1][1][2]
    assert results[1][0][2] == slow_pid == results[1][2][2]  # the slow item's worker lived on
    stuck_chunk = results[2]
    assert len({pid for _, _, pid in stuck_chunk}) == 1  # redone whole by the fresh worker


def _run(tmp_path: Path, records: list[dict[str, object]], workers: int, rules: str = CATASTROPHIC) -> list[dict]:
    src, out, rules_file = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "rules.toml"
    src.write_text("".join(json.dumps(r) + "\n" for r in records))
    rules_file.write_text(rules)
    options = RecordOptions(timeout=0.5)
    summary = run(RunConfig([str(src)], out, options, rules=[rules_file], workers=workers, progress=False))
    assert summary.records == len(records)
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_record_over_the_limit_gets_a_timeout_error_and_the_run_goes_on(tmp_path: Path, workers: int) -> None:
    records: list[dict[str, object]] = [{"text": FINE, "id": i} for i in range(6)]
    records.insert(2, {"text": "a" * 40 + "b", "id": "slow"})
    out = _run(tmp_path, records, workers)
    assert [r["id"] for r in out] == [0, 1, "slow", 2, 3, 4, 5]
    assert [r.get("error", {}).get("kind") for r in out] == [None, None, "timeout", None, None, None, None]
    error = out[2]["error"]
    assert error["line"] == 3 and error["message"].startswith(f"{tmp_path / 'in.jsonl'}:3: took longer")
    assert out[2]["text"] == "a" * 40 + "b"  # the record as it came, as every error record


def test_record_timeout_on_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    src, rules = tmp_path / "in.jsonl", tmp_path / "rules.toml"
    src.write_text(json.dumps({"text": FINE}) + "\n" + json.dumps({"text": "a" * 40 + "b"}) + "\n")
    rules.write_text(CATASTROPHIC)
    args = ["clean", str(src), "--rules", str(rules), "--workers", "1", "--record-timeout", "0.3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r.get("error", {}).get("kind") for r in lines] == [None, "timeout"]
    assert "0.3 s per record" in lines[1]["error"]["message"]


def test_a_chunk_sent_ahead_to_a_worker_that_gets_stuck_is_redone_whole() -> None:
    # The pool fills the first worker first: chunks 0 and 1 go to it, 1 waiting in its pipe
    # while 0 is stuck. Killing that worker must cost the stuck item only, never chunk 1.
    chunks = [["stuck", "ok"], ["ok", "ok"], ["ok"], ["ok"], ["ok", "ok"]]
    with worker_pool(_items, workers=2, initializer=_noop, limit=0.3) as results_of:
        results = list(results_of(chunks, 8))
    outcomes = [[outcome for _, outcome, _ in chunk] for chunk in results]
    assert outcomes == [["timeout", "done"], ["done", "done"], ["done"], ["done"], ["done", "done"]]
