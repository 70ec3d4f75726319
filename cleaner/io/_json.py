"""JSON for record pipelines: orjson where it reads and writes the same values as the stdlib,
the stdlib for the few records where it would not.

Writing records as JSON took about 3% of a one-worker run of whole-page texts with the stdlib,
and orjson writes them over ten times as fast; the share grows as cleaning gets faster. What
orjson does differently, and what is done about it:

- it rejects lone surrogates (``"\\ud800"``), NaN and Infinity, non-string keys and integers
  beyond 64 bits, all of which the stdlib reads or writes: such a record is read and written
  by the stdlib, as before (lone surrogates written with ``surrogatepass``);
- it reads an integer beyond 64 bits as a float, silently: a value read with a float that
  large is read again by the stdlib;
- it writes NaN as ``null``, silently: only a record orjson read (which holds no NaN, orjson
  refusing to read one) is written by orjson;
- it writes without spaces after ``,`` and ``:``; so does the stdlib here, so that every line
  of an output has one form (the JSON Lines writer of `cleaner clean FILE -f jsonl` and
  `cleaner fetch -f jsonl` too).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

#: A float at least this large may be an integer orjson could not hold (it reads those as floats).
_HUGE = float(2**63)


def loads(line: bytes) -> tuple[Any, bool]:
    """The value of one JSON document, and whether orjson read it (so `dumps_line` may write
    it with orjson). Raises what `json.loads` raises for what neither reads."""
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line), False
    if _huge_float(value):
        return json.loads(line), False
    return value, True


def dumps_line(record: Any, *, plain: bool) -> bytes:
    """`record` as one line of UTF-8 JSON, non-ASCII text as itself. `plain`: the record holds
    only what orjson read and the cleaner added (no NaN), so orjson may write it."""
    if plain:
        try:
            return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
        except orjson.JSONEncodeError:  # a lone surrogate, a non-string key, an int beyond 64 bits
            pass
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass") + b"\n"


def dumps_text(value: Any) -> str:
    """`value` as JSON text (a Parquet column's string), by the same rules, for values the cleaner made."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False)


def _huge_float(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif kind is float and not -_HUGE < item < _HUGE:
            return True
    return False
