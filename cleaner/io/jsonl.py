"""JSON Lines in and out, plain or compressed (.gz, .zst).

The reader hands on raw lines, bounded in size: a line longer than `MAX_RECORD_BYTES` is
skipped in pieces (never held whole in memory) and reported in its place.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .. import settings
from ._compress import bytes_read, open_read, open_write
from .records import Item, Unreadable

_BOM = b"\xef\xbb\xbf"


class JsonlReader:
    """The lines of a JSONL file (or stdin, ``-``), numbered from 1."""

    unit = "line"

    def __init__(self, name: str, *, max_bytes: int = settings.MAX_RECORD_BYTES) -> None:
        self.name, self.max_bytes, self.skipped = name, max_bytes, 0
        self._stream, self._raw = open_read(name)

    def position(self) -> int:
        return bytes_read(self._raw)

    def __iter__(self) -> Iterator[Item]:
        number = 0
        try:
            while True:
                line = self._stream.readline(self.max_bytes + 1)
                if not line:
                    return
                number += 1
                if number == 1 and line.startswith(_BOM):
                    line = line[len(_BOM) :]
                if len(line) > self.max_bytes and not line.endswith(b"\n"):
                    size = len(line) + self._skip_rest()
                    mb = size / 1e6
                    why = f"is {mb:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB limit for one record"
                    yield Item(number, Unreadable("too-large", f"{self.name}:{number}: {why}"), size)
                    continue
                yield Item(number, line, len(line))
        except (EOFError, zlib.error, OSError) as exc:
            where = f"after line {number}" if number else "before the first line"
            message = f"{self.name}: {_reason(exc)} {where}; the lines after it are lost"
            yield Item(number + 1, Unreadable("input", message), 0)

    def _skip_rest(self) -> int:
        """Read past the rest of an over-long line, piece by piece; return its size."""
        size = 0
        while True:
            piece = self._stream.readline(1 << 20)
            size += len(piece)
            if not piece or piece.endswith(b"\n"):
                return size

    def close(self) -> None:
        self._stream.close()
        if self._raw is not self._stream:
            self._raw.close()


def _reason(exc: Exception) -> str:
    if isinstance(exc, EOFError):
        return "file is truncated (compressed stream ended early)"
    return f"cannot decompress ({exc})"


class JsonlWriter:
    """Writes encoded JSON lines to a file (compressed as its name says) or to a binary stream."""

    def __init__(self, target: Path | BinaryIO, *, like: str | None = None) -> None:
        self._own = isinstance(target, Path)
        self._out = open_write(target, like=like) if isinstance(target, Path) else target

    def write_lines(self, lines: list[bytes]) -> None:
        self._out.write(b"".join(lines))

    def close(self) -> None:
        if self._own:
            self._out.close()
        else:
            self._out.flush()
