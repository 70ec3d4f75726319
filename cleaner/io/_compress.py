"""Opening files that may be gzip or zstd compressed, by their name, for reading and writing.

The standard `gzip` module reports a truncated file (``EOFError``); zstandard's stream reader
does not, so zstd input goes through `_ZstdReader`, which checks that the last frame ended.
"""

from __future__ import annotations

import gzip
import io
import sys
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, cast

from .._optional import optional
from ._errors import reading

_CHUNK = 1 << 16


def compression(name: str) -> str | None:
    """``gzip``, ``zstd`` or None, from the file name's last suffix."""
    lower = name.lower()
    if lower.endswith(".gz"):
        return "gzip"
    if lower.endswith((".zst", ".zstd")):
        return "zstd"
    return None


_zstandard = partial(optional, "zstandard", "zstd files need the zstandard package", "zstd")


class _ZstdReader(io.RawIOBase):
    """Decompresses zstd frames one after another; raises EOFError when the input ends mid-frame."""

    def __init__(self, raw: BinaryIO, name: str) -> None:
        self._raw, self._zstd = raw, _zstandard(name)
        self._dobj = self._zstd.ZstdDecompressor().decompressobj()
        self._pending = b""
        self._in_frame = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            data = self._raw.read(_CHUNK)
            if not data:
                if self._in_frame:
                    raise EOFError("compressed file ended before the end of its last zstd frame")
                return 0
            self._feed(data)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _feed(self, data: bytes) -> None:
        out = []
        while data:
            self._in_frame = True
            out.append(self._dobj.decompress(data))
            if not self._dobj.eof:
                break
            self._in_frame = False
            data = self._dobj.unused_data
            self._dobj = self._zstd.ZstdDecompressor().decompressobj()
        self._pending += b"".join(out)

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_read(name: str) -> tuple[BinaryIO, BinaryIO]:
    """The decompressed stream of `name` (``-`` is stdin) and the raw file under it (for progress)."""
    with reading(name):
        raw = sys.stdin.buffer if name == "-" else cast(BinaryIO, open(name, "rb"))  # noqa: SIM115
    kind = compression(name)
    if kind == "gzip":
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb")), raw
    if kind == "zstd":
        return cast(BinaryIO, io.BufferedReader(_ZstdReader(raw, name), _CHUNK)), raw
    return raw, raw


def bytes_read(raw: BinaryIO) -> int:
    """How far into the file on disk `raw` is (for progress); 0 where it cannot tell (a pipe)."""
    try:
        return raw.tell()
    except (OSError, ValueError):
        return 0


def open_write(path: Path, *, like: str | None = None) -> BinaryIO:
    """A binary stream writing `path`, compressed as its name (or the name `like`) says."""
    kind = compression(like or path.name)
    if kind == "gzip":
        return cast(BinaryIO, gzip.open(path, "wb", compresslevel=6))
    raw = cast(BinaryIO, open(path, "wb"))  # noqa: SIM115
    if kind == "zstd":
        zstd = _zstandard(str(path))
        return cast(BinaryIO, zstd.ZstdCompressor(level=3).stream_writer(raw, closefd=True))
    return raw
