"""JSON lines read and written by orjson must mean what the stdlib read and wrote; what orjson
refuses or reads differently goes through the stdlib, one record at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.io._json import dumps_line, dumps_text, loads

from .conftest import cleaner, fixture_records

#: Lines orjson refuses or misreads, with the value the stdlib reads.
COMPAT = [
    b'{"id": "s", "note": "\\ud800 alone"}',  # a lone surrogate: orjson refuses it
    b'{"id": "n", "score": NaN, "top": Infinity, "low": -Infinity}',  # not JSON, but the stdlib reads it
    b'{"id": "b", "big": 123456789012345678901234567890}',  # orjson would read a float
    b'{"id": "m", "small": -9223372036854775809}',  # one below int64: orjson would read a float
    b'{"id": "i", "inf": 1e400}',  # orjson refuses it, the stdlib reads inf
]


def _stdlib_line(value: object) -> bytes:
    """The stdlib's line, as compact as orjson's (every line of an output has one form)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass") + b"\n"


@pytest.mark.parametrize("line", COMPAT)
def test_what_orjson_refuses_or_misreads_goes_through_the_stdlib(line: bytes) -> None:
    value, plain = loads(line)
    assert not plain
    assert repr(value) == repr(json.loads(line))  # repr: NaN is not equal to itself
    assert dumps_line(value, plain=plain) == _stdlib_line(value)


def test_a_big_integer_keeps_every_digit() -> None:
    value, _ = loads(b'{"big": 123456789012345678901234567890, "u64": 18446744073709551615}')
    assert value == {"big": 123456789012345678901234567890, "u64": 18446744073709551615}
    assert type(value["big"]) is int


def test_plain_json_is_read_by_orjson_and_written_as_the_same_value() -> None:
    record = {
        "id": "u",
        "text": 'Grüße, 東京, emoji 😀, quotes " and \\ and /, tab\t, nl\n, nul \x00, unit sep \x1f, DEL \x7f',
        "seps": "\u2028\u2029",
        "n": [0, -0.0, 1.5, 1e16, 2**63, -(2**63), 18446744073709551615, True, False, None],
        "nested": {"a": [{"b": {}}, []]},
    }
    value, plain = loads(_stdlib_line(record))
    assert plain and value == record
    line = dumps_line(value, plain=True)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == record
    assert "Grüße, 東京, emoji 😀".encode() in line  # UTF-8 as itself, not escaped
    assert loads(json.dumps(record).encode()) == (record, True)  # ASCII escapes, surrogate pairs among them


def test_a_record_orjson_cannot_write_is_written_by_the_stdlib() -> None:
    for record in ({"text": "lone \udc80 surrogate"}, {1: "int key"}, {"big": 2**64}, {"small": -(2**63) - 1}):
        assert dumps_line(record, plain=True) == _stdlib_line(record)
    assert dumps_text([{"text": "lone \ud800"}]) == json.dumps([{"text": "lone \ud800"}], ensure_ascii=False)
    assert json.loads(dumps_text([{"text": "é"}])) == [{"text": "é"}]


def test_a_plain_record_never_holds_nan_written_as_null() -> None:
    # orjson would write NaN as null: a record orjson did not read is written by the stdlib.
    assert dumps_line({"x": float("nan")}, plain=False) == b'{"x":NaN}\n'


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_command_keeps_records_orjson_refuses(tmp_path: Path, workers: str) -> None:
    text = fixture_records()[0]["text"]
    good = json.dumps({"id": "g", "text": text, "label": "Grüße 😀"}, ensure_ascii=False).encode()
    lone = json.dumps({"id": "s", "text": text, "tag": "\ud800"}).encode()  # written escaped: \ud800
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join([good, *COMPAT, lone]) + b"\n")
    result = cleaner(src, "-o", tmp_path / "out.jsonl", "--workers", workers)
    assert result.returncode == 2, result.stderr.decode()  # the COMPAT lines have no text field
    lines = (tmp_path / "out.jsonl").read_bytes().splitlines()
    out = [json.loads(line) for line in lines]
    assert [o["id"] for o in out] == ["g", "s", "n", "b", "m", "i", "s"]
    assert "error" not in out[0] and "error" not in out[-1]
    assert out[0]["label"] == "Grüße 😀" and "Grüße 😀".encode() in lines[0]
    assert out[-1]["tag"] == "\ud800" and out[-1]["text"]
    assert [o["error"]["kind"] for o in out[1:-1]] == ["field"] * 5  # failed, but came out whole
    assert out[1]["note"] == "\ud800 alone"
    assert repr(out[2]["score"]) == "nan" and out[2]["top"] == float("inf")
    assert out[3]["big"] == 123456789012345678901234567890
    assert out[4]["small"] == -9223372036854775809
