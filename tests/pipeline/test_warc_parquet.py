"""WARC input (FastWARC) and Parquet in and out (pyarrow), through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import extract_html
from cleaner.pipeline import clean_records

from .conftest import PAGES, cleaner, fixture_records, many_records, read_jsonl, write_warc


@pytest.mark.parametrize("gz", [False, True])
def test_warc_pages_become_records_and_other_records_are_skipped(tmp_path: Path, gz: bool) -> None:
    pytest.importorskip("fastwarc")
    pytest.importorskip("warcio")
    src = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    urls = write_warc(src, gzip_records=gz)
    result = cleaner(src, "-o", tmp_path / "pages.jsonl", "--workers", "2")
    assert result.returncode == 0, result.stderr
    out = read_jsonl(tmp_path / "pages.jsonl")
    assert [o["url"] for o in out] == urls
    for page, record in zip(PAGES, out, strict=True):
        article = extract_html(page.read_text("utf-8"), url=record["url"])
        assert record["text"] == article.text and record["title"] == article.title
        assert record["status"] == 200
        assert record["warc_record_id"].startswith("<urn:uuid:") and record["warc_date"].endswith("Z")
        assert "__html__" not in record
    # warcinfo, 3 requests and an image are passed over and counted
    assert "3 records, 0 failed, 5 skipped (not HTML)" in result.stderr.decode()


def test_warc_flag_reads_a_file_without_the_extension(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    src = tmp_path / "crawl.bin"
    write_warc(src, gzip_records=True, extra=False)
    result = cleaner(src, "--warc", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.decode().splitlines()) == len(PAGES)


def test_parquet_in_parquet_out(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    records = many_records(2500)  # more than one read batch and one write batch
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet", row_group_size=700)
    result = cleaner(tmp_path / "in.parquet", "-o", tmp_path / "out.parquet", "--with-removed", "--workers", "2")
    assert result.returncode == 0, result.stderr
    table = pq.read_table(tmp_path / "out.parquet")
    rows = [{k: v for k, v in row.items() if k != "error"} for row in table.to_pylist()]
    assert rows == list(clean_records(records, with_removed=True))
    assert table.column("error").null_count == len(records)


def test_parquet_to_jsonl_and_jsonl_to_parquet_with_errors(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    records = [*fixture_records(), {"id": "bad", "text": None}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = cleaner(src, "-o", tmp_path / "out.parquet", "--workers", "1")
    assert result.returncode == 2
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["id"] for r in table] == ["a1", "a2", "a3", "bad"]
    assert table[3]["error"]["kind"] == "field" and table[3]["error"]["line"] == 4

    pq.write_table(pa.Table.from_pylist(fixture_records()), tmp_path / "in.parquet")
    result = cleaner(tmp_path / "in.parquet", "--output-field", "clean", "--workers", "1")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert out == list(clean_records(fixture_records(), output_field="clean"))
