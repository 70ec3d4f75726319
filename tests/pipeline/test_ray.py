"""`--executor ray` on a local Ray with 2 CPUs writes the same records as the local executor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import cleaner, many_records, read_jsonl, write_jsonl


def test_ray_executor_equals_local_executor(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="needs Ray: pip install 'cleaner[ray]'")
    records = many_records(40)
    records[7] = {"id": "r7", "text": None}  # a failing record travels the same way
    src = write_jsonl(tmp_path / "in.jsonl", records)
    local = cleaner(src, "-o", tmp_path / "local.jsonl", "--workers", "2")
    assert local.returncode == 2, local.stderr
    ray = cleaner(src, "--executor", "ray", "--workers", "2", "-o", tmp_path / "ray_out")
    assert ray.returncode == 2, ray.stderr
    assert "40 records, 1 failed" in ray.stderr.decode()
    files = sorted((tmp_path / "ray_out").glob("*.json*"))
    assert files
    ray_rows = [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines()]
    local_rows = read_jsonl(tmp_path / "local.jsonl")
    assert len(ray_rows) == len(local_rows) == 40
    by_id = {r["id"]: r for r in ray_rows}
    for want in local_rows:
        got = by_id[want["id"]]
        if "error" in want:  # a failed record: same kind of error (Ray numbers records by batch)
            assert got["error"]["kind"] == want["error"]["kind"] == "field"
            assert got["error"]["message"].endswith("field 'text' is null, not a string")
            assert (got["id"], got["text"]) == (want["id"], want["text"])
        else:  # Ray writes a column for every field, so a good row has a null error
            assert {k: v for k, v in got.items() if not (k == "error" and v is None)} == want


def test_ray_executor_needs_an_output_directory(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", many_records(2))
    result = cleaner(src, "--executor", "ray")
    assert result.returncode == 1
    assert "--executor ray writes a directory of files: give one with -o DIR" in result.stderr.decode()
