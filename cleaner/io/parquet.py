"""Parquet in and out with pyarrow, a batch of rows at a time (`pip install 'cleaner[parquet]'`).

The output schema is fixed by the first batch written: fields that first appear later are
dropped with a warning, so a file is never written half way with a silent change of shape.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from .. import settings
from .._optional import optional
from ..errors import InputError
from .records import Item, Unreadable

_pyarrow = partial(optional, "pyarrow.parquet", "Parquet needs pyarrow", "parquet")


class ParquetReader:
    """The rows of a Parquet file as dicts, read in batches; fails at once if a needed column is missing."""

    unit = "record"

    def __init__(
        self, name: str, *, columns: tuple[str, ...] = (), batch_rows: int = settings.PARQUET_BATCH_ROWS
    ) -> None:
        pa = _pyarrow(name)
        self.name, self.skipped, self.batch_rows = name, 0, batch_rows
        try:
            self._file = pa.parquet.ParquetFile(name)
            have = self._file.schema_arrow.names
        except FileNotFoundError:
            raise InputError("no such file", source=name) from None
        except (OSError, ValueError, pa.ArrowException) as exc:  # ValueError: a column name not UTF-8
            raise InputError(f"not a readable Parquet file ({exc})", source=name) from None
        for column in columns:
            if column not in have:
                raise InputError(f"has no column {column!r} (columns: {', '.join(have)})", source=name)
        self._done = 0

    def position(self) -> int:
        rows = self._file.metadata.num_rows or 1
        size = Path(self.name).stat().st_size
        return int(size * self._done / rows)

    def __iter__(self) -> Iterator[Item]:
        number = 0
        try:
            for batch in self._file.iter_batches(batch_size=self.batch_rows):
                size = batch.nbytes // max(batch.num_rows, 1)
                for row in batch.to_pylist():
                    number += 1
                    yield Item(number, row, size)
                self._done = number
        except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
            message = f"{self.name}: cannot read past record {number} ({exc}); the records after it are lost"
            yield Item(number + 1, Unreadable("input", message), 0)

    def close(self) -> None:
        self._file.close()


class ParquetWriter:
    """Writes records to a Parquet file in batches; the first batch fixes the schema."""

    def __init__(self, path: Path, *, like: str | None = None, batch_rows: int = settings.PARQUET_BATCH_ROWS) -> None:
        self.pa = _pyarrow(str(path))
        self.path, self.batch_rows = path, batch_rows
        self._rows: list[dict[str, Any]] = []
        self._writer: Any = None
        self._schema: Any = None
        self._dropped: set[str] = set()

    def write_records(self, records: list[dict[str, Any]]) -> None:
        self._rows.extend(records)
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        pa = self.pa
        if self._writer is None:
            self._schema = _with_error_column(pa, table_of(pa, self._rows).schema)
            self._writer = pa.parquet.ParquetWriter(self.path, self._schema)
        names = set(self._schema.names)
        for row in self._rows:
            extra = row.keys() - names - self._dropped
            for key in extra:
                self._dropped.add(key)
                print(
                    f"cleaner: {self.path}: field {key!r} first appears after the schema was fixed; dropped",
                    file=sys.stderr,
                )
        try:
            table = pa.Table.from_pylist(self._rows, schema=self._schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise InputError(
                f"records do not fit the Parquet schema of the first batch ({exc})", source=str(self.path)
            ) from None
        self._writer.write_table(table)
        self._rows = []

    def close(self) -> None:
        self._flush()
        if self._writer is None:  # no records: still write a valid, empty file
            self.pa.parquet.write_table(self.pa.table({}), self.path)
        else:
            self._writer.close()


def table_of(pa: Any, rows: list[dict[str, Any]]) -> Any:
    """A table of every field of every row (pyarrow's `from_pylist` looks at the first row only)."""
    keys = list(dict.fromkeys(k for row in rows for k in row))
    return pa.Table.from_pydict({k: [row.get(k) for row in rows] for k in keys})


def _with_error_column(pa: Any, schema: Any) -> Any:
    """Every output file can hold error records, whether or not the first batch had one."""
    error = pa.struct([("kind", pa.string()), ("message", pa.string()), ("line", pa.int64()), ("record", pa.int64())])
    removed = pa.list_(pa.struct([("text", pa.string()), ("rule", pa.string()), ("reason", pa.string())]))
    fields = []
    for f in schema:
        if f.name == "removed":
            fields.append(f.with_type(removed))
        elif f.name != "error":
            fields.append(f.with_type(pa.string()) if pa.types.is_null(f.type) else f)
    return pa.schema([*fields, pa.field("error", error)])
