"""`cleaner clean` on record files: the real command, with real worker processes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleaner.pipeline import clean_records

from .conftest import cleaner, fixture_records, many_records, read_jsonl, write_jsonl


def test_jsonl_with_two_workers_equals_the_api_in_input_order(tmp_path: Path) -> None:
    records = many_records(700)  # several chunks, so order across workers matters
    src = write_jsonl(tmp_path / "in.jsonl", records)
    result = cleaner(src, "-o", tmp_path / "out.jsonl", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert read_jsonl(tmp_path / "out.jsonl") == list(clean_records(records))
    summary = result.stderr.decode()
    assert "700 records, 0 failed" in summary and "MB/s" in summary
    assert not (tmp_path / ".out.jsonl.partial").exists()


def test_stdin_with_jsonl_to_stdout() -> None:
    records = fixture_records()
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    result = cleaner("-", "--jsonl", "--workers", "1", stdin=data)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert out == list(clean_records(records))


def _pack(data: bytes, suffix: str) -> bytes:
    if suffix.endswith(".gz"):
        return gzip.compress(data)
    zstd = pytest.importorskip("zstandard")
    return bytes(zstd.ZstdCompressor().compress(data))


def _unpack(data: bytes, suffix: str) -> bytes:
    if suffix.endswith(".gz"):
        return gzip.decompress(data)
    zstd = pytest.importorskip("zstandard")
    return b"".join(zstd.ZstdDecompressor().read_to_iter(data))


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_in_and_out(tmp_path: Path, suffix: str) -> None:
    records = many_records(300)
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    (tmp_path / f"in{suffix}").write_bytes(_pack(data, suffix))
    result = cleaner(tmp_path / f"in{suffix}", "-o", tmp_path / f"out{suffix}", "--workers", "2")
    assert result.returncode == 0, result.stderr
    lines = _unpack((tmp_path / f"out{suffix}").read_bytes(), suffix).decode().splitlines()
    assert [json.loads(line) for line in lines] == list(clean_records(records))


def test_field_options(tmp_path: Path) -> None:
    records = [{"id": 1, "body": fixture_records()[0]["text"]}]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    result = cleaner(src, "--text-field", "body", "--output-field", "clean", "--with-removed", "--workers", "1")
    assert result.returncode == 0, result.stderr
    (out,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert out["body"] == records[0]["body"]
    (api,) = clean_records(records, text_field="body")
    assert out["clean"] == api["body"]
    assert [r["rule"] for r in out["removed"]] == ["social-follow", "social-follow"]


def test_html_field(tmp_path: Path) -> None:
    from .conftest import PAGES

    records = [{"url": f"https://gazette.example/{p.stem}", "html": p.read_text("utf-8")} for p in PAGES]
    src = write_jsonl(tmp_path / "pages.jsonl", records)
    result = cleaner(src, "--html-field", "html", "--output-field", "text", "--workers", "2")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert out == list(clean_records(records, html_field="html", output_field="text"))
    assert [o["author"] for o in out] == ["Lena Marsh", "Omar Haddad", "Grace Okafor"]


def test_bad_lines_are_reported_in_place_and_exit_2(tmp_path: Path) -> None:
    good = fixture_records()
    lines = [json.dumps(good[0]), "{not json", json.dumps({"id": "no-text"}), json.dumps(good[1])]
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cleaner(src, "--workers", "2")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(out) == 4
    assert out[0]["id"] == "a1" and out[3]["id"] == "a2" and "error" not in out[0]
    assert out[1]["error"]["kind"] == "json" and out[1]["error"]["line"] == 2
    assert out[1]["error"]["message"].startswith(f"{src}:2: is not valid JSON")
    assert out[2] == {
        "id": "no-text",
        "error": {"kind": "field", "message": f"{src}:3: has no field 'text'", "line": 3},
    }
    assert "4 records, 2 failed" in result.stderr.decode()


def test_errors_file_takes_the_failed_records(tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps(fixture_records()[0]) + "\n[]\n", encoding="utf-8")
    result = cleaner(src, "-o", tmp_path / "out.jsonl", "--errors", tmp_path / "bad.jsonl", "--workers", "1")
    assert result.returncode == 2
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["a1"]
    (bad,) = read_jsonl(tmp_path / "bad.jsonl")
    assert bad["error"]["line"] == 2 and bad["error"]["kind"] == "record"


def test_all_failed_exits_1(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1}, {"id": 2}])
    assert cleaner(src, "--workers", "1").returncode == 1


def test_rules_reach_the_workers(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rule]]\nname = "bakery-plug"\nreason = "test rule"\nphrases = ["The owners said"]\n', encoding="utf-8"
    )
    records = many_records(600)
    src = write_jsonl(tmp_path / "in.jsonl", records)
    result = cleaner(src, "--rules", rules, "--workers", "2", "-o", tmp_path / "out.jsonl")
    assert result.returncode == 0, result.stderr
    out = read_jsonl(tmp_path / "out.jsonl")
    assert out == list(clean_records(records, rules=[rules]))
    assert not any("The owners said" in r["text"] for r in out)


def test_broken_rules_file_stops_before_writing(tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text("[[rule]\nname = 1\n", encoding="utf-8")
    src = write_jsonl(tmp_path / "in.jsonl", fixture_records())
    result = cleaner(src, "--rules", rules, "-o", tmp_path / "out.jsonl")
    assert result.returncode == 1
    assert str(rules) in result.stderr.decode()
    assert not (tmp_path / "out.jsonl").exists()


def test_missing_input_is_one_error_record_and_the_others_run(tmp_path: Path, records_file: Path) -> None:
    result = cleaner(tmp_path / "nope.jsonl", records_file, "--workers", "1")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert out[0]["error"]["kind"] == "input" and "nope.jsonl: no such file" in out[0]["error"]["message"]
    assert [r["id"] for r in out[1:]] == ["a1", "a2", "a3"]
    assert "nope.jsonl: no such file" in result.stderr.decode()


def test_text_files_still_take_the_text_path(tmp_path: Path) -> None:
    txt = tmp_path / "article.txt"
    txt.write_text(fixture_records()[0]["text"], encoding="utf-8")
    result = cleaner(txt)
    assert result.returncode == 0
    assert "Follow us" not in result.stdout.decode() and not result.stdout.decode().startswith("{")
