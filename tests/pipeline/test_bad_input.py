"""Bad input: each named plainly (file and line or record), the other records still processed,
and nothing written half way without saying so."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from .conftest import cleaner, fixture_records, many_records, read_jsonl, write_warc


def _lines(records: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def test_truncated_gzip(tmp_path: Path) -> None:
    records = many_records(2000)
    packed = gzip.compress(_lines(records))
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(packed[: len(packed) // 2])
    result = cleaner(src, "-o", tmp_path / "out.jsonl", "--workers", "2")
    assert result.returncode == 2
    out = read_jsonl(tmp_path / "out.jsonl")
    *good, last = out
    assert good and len(good) < len(records)
    assert [r["id"] for r in good] == [r["id"] for r in records[: len(good)]]
    assert last["error"]["kind"] == "input" and last["error"]["line"] == len(good) + 1
    message = (
        f"{src}: file is truncated (compressed stream ended early) after line {len(good)}; the lines after it are lost"
    )
    assert last["error"]["message"] == message
    assert message in result.stderr.decode()


def test_truncated_zstd(tmp_path: Path) -> None:
    zstd = pytest.importorskip("zstandard")
    records = many_records(2000)
    packed = zstd.ZstdCompressor().compress(_lines(records))
    src = tmp_path / "cut.jsonl.zst"
    src.write_bytes(packed[: len(packed) // 2])
    result = cleaner(src, "--workers", "1")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    *good, last = out
    # The last line read before the cut may be partial: it is then reported as bad JSON.
    assert all(r.get("error") is None or r["error"]["kind"] == "json" for r in good)
    assert last["error"]["kind"] == "input" and "file is truncated" in last["error"]["message"]
    assert f"{src}: file is truncated" in result.stderr.decode()


def test_utf8_bom_on_the_first_line(tmp_path: Path) -> None:
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + _lines(fixture_records()))
    result = cleaner(src, "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.decode().splitlines()] == ["a1", "a2", "a3"]


def test_blank_line_keeps_its_place(tmp_path: Path) -> None:
    a1, a2, _ = (json.dumps(r) for r in fixture_records())
    src = tmp_path / "blank.jsonl"
    src.write_text(f"{a1}\n\n{a2}\n", encoding="utf-8")
    result = cleaner(src, "--workers", "1")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert out[0]["id"] == "a1" and out[2]["id"] == "a2"
    assert out[1] == {"error": {"kind": "json", "message": f"{src}:2: is blank", "line": 2}}


def test_a_100_mb_record_is_skipped_unread(tmp_path: Path) -> None:
    a1, a2, _ = (json.dumps(r) for r in fixture_records())
    src = tmp_path / "huge.jsonl"
    with src.open("w", encoding="utf-8") as f:
        f.write(a1 + "\n")
        f.write('{"id": "huge", "text": "')
        chunk = "All work and no play makes a dull record. " * 25_000
        for _ in range(100_000_000 // len(chunk) + 1):
            f.write(chunk)
        f.write('"}\n')
        f.write(a2 + "\n")
    result = cleaner(src, "--workers", "2")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o.get("id") for o in out] == ["a1", None, "a2"]
    assert out[1]["error"]["kind"] == "too-large" and out[1]["error"]["line"] == 2
    size = src.stat().st_size - len(a1) - len(a2) - 2
    assert out[1]["error"]["message"] == f"{src}:2: is {size / 1e6:.1f} MB, over the 32 MB limit for one record"


def test_warc_with_a_truncated_record(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    whole = tmp_path / "whole.warc"
    urls = write_warc(whole, gzip_records=False, extra=False)
    data = whole.read_bytes()
    src = tmp_path / "cut.warc"
    src.write_bytes(data[: len(data) - 600])  # cuts into the last page's HTML
    result = cleaner(src, "--workers", "1")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["url"] for o in out] == urls
    assert "error" not in out[0] and "error" not in out[1]
    error = out[2]["error"]
    assert error["kind"] == "warc" and error["record"] == 3
    assert error["message"].startswith(f"{src}: record 3 (<urn:uuid:")
    assert "record is truncated" in error["message"]


def test_gzipped_warc_cut_inside_a_record(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    whole = tmp_path / "whole.warc.gz"
    urls = write_warc(whole, gzip_records=True, extra=False)
    data = whole.read_bytes()
    src = tmp_path / "cut.warc.gz"
    src.write_bytes(data[: len(data) - 300])
    result = cleaner(src, "--workers", "1")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o.get("url") for o in out[:2]] == urls[:2] and "error" not in out[1]
    assert out[-1]["error"]["kind"] == "warc" and "truncated" in out[-1]["error"]["message"]


def test_parquet_without_the_named_column(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": [1, 2], "body": ["a", "b"]}), tmp_path / "nocol.parquet")
    pq.write_table(pa.Table.from_pylist(fixture_records()), tmp_path / "good.parquet")
    result = cleaner(tmp_path / "nocol.parquet", tmp_path / "good.parquet", "--workers", "1")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    message = f"{tmp_path / 'nocol.parquet'}: has no column 'text' (columns: id, body)"
    assert out[0]["error"] == {"kind": "input", "message": message, "record": 0}
    assert [o["id"] for o in out[1:]] == ["a1", "a2", "a3"]
    assert message in result.stderr.decode()


def _workers(pid: int) -> list[int]:
    """The record workers among the run's descendants: those without children of their own (a
    fork server has them), multiprocessing's resource tracker aside."""
    children = _children()
    out = []
    for child in _descendants(pid, children):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in command and not children.get(child):
            out.append(child)
    return out


def _children() -> dict[int, list[int]]:
    """Each process's children, read from /proc once."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


def _descendants(pid: int, children: dict[int, list[int]]) -> list[int]:
    """Child processes, grandchildren included."""
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_killed_worker_is_replaced_and_costs_at_most_the_record_it_was_on(tmp_path: Path) -> None:
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in.jsonl"
    src.write_bytes(_lines(many_records(20_000)))
    cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(tmp_path / "out.jsonl"), "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    partial = tmp_path / ".out.jsonl.partial"
    # A worker is killed once the run is under way (2 workers up, forked from the run's process
    # on Linux, the first results written), not after a fixed sleep: a faster cleaner once
    # finished first.
    while time.monotonic() < deadline and (
        len(_workers(proc.pid)) < 2 or not partial.exists() or partial.stat().st_size == 0
    ):
        time.sleep(0.01)
    workers = _workers(proc.pid)
    assert workers, "the run ended before a worker could be killed"
    os.kill(max(workers), signal.SIGKILL)
    proc.communicate(timeout=120)
    assert proc.returncode in (0, 2)  # 2: one record failed
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert len(lines) == 20_000
    errors = [json.loads(line)["error"] for line in lines if '"error"' in line]
    assert len(errors) <= 1 and all(e["kind"] == "worker" for e in errors)
