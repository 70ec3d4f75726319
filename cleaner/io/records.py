"""What record readers yield: one item per line or record, in input order.

A reader never parses more than it must: a JSONL reader hands on the raw line (the workers
parse it), Parquet and WARC readers hand on dicts. What a reader could not read becomes an
`Unreadable` in the record's place, so every input line still yields one output line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A line or record the reader could not read, and why (`kind` as in the error record)."""

    kind: str
    message: str
    #: What could be read of the record (a WARC record's URL and ids), kept in the error record.
    partial: dict[str, Any] | None = None


#: A raw JSON line, a record already read, or what stood in the way.
Payload = bytes | dict[str, Any] | Unreadable


@dataclass(frozen=True, slots=True)
class Item:
    """One input unit: its number (1-based line or record), payload, and size in bytes."""

    number: int
    payload: Payload
    size: int


class RecordReader(Protocol):
    """A file of records. Iterating yields `Item`s; a problem that ends the file early (a
    truncated file) is a last `Item` whose payload is an `Unreadable` of kind ``input``."""

    name: str
    #: What `Item.number` counts: ``line`` or ``record``.
    unit: str
    #: Records passed over on purpose (WARC requests, non-HTML responses).
    skipped: int

    def __iter__(self) -> Iterator[Item]: ...

    def position(self) -> int:
        """Bytes of the file on disk read so far (for progress)."""
        ...

    def close(self) -> None: ...
