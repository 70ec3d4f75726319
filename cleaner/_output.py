"""Where results go: stdout, one file, or one file per input inside a directory."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TextIO

_UNSAFE = re.compile(r"[^\w.-]+")


def safe_name(name: str, ext: str, taken: set[str]) -> str:
    """A file name for input `name`: its base name, made safe, never a path, unique in `taken`."""
    stem = "stdin" if name == "-" else Path(name).name
    stem = _UNSAFE.sub("_", Path(stem).stem if Path(stem).suffix else stem).strip("._") or "input"
    candidate, n = f"{stem}.{ext}", 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}.{ext}", n + 1
    taken.add(candidate)
    return candidate


class Sink:
    """Collects rendered results: a stream, a single file, or a directory of files."""

    def __init__(self, output: Path | None, *, directory: bool, ext: str) -> None:
        self.output, self.directory, self.ext = output, directory, ext
        self._taken: set[str] = set()
        self._stream: TextIO | None = None
        if output is not None and directory:
            output.mkdir(parents=True, exist_ok=True)

    def stream(self) -> TextIO:
        if self._stream is None:
            if self.output is None:
                self._stream = sys.stdout
            else:
                self.output.parent.mkdir(parents=True, exist_ok=True)
                self._stream = self.output.open("w", encoding="utf-8")
        return self._stream

    def write_one(self, name: str, rendered: str) -> Path:
        """Write one input's result to its own file inside the output directory."""
        assert self.output is not None
        path = self.output / safe_name(name, self.ext, self._taken)
        path.write_text(rendered, encoding="utf-8")
        return path

    def close(self) -> None:
        if self._stream is not None and self._stream is not sys.stdout:
            self._stream.close()
        elif self._stream is sys.stdout:
            sys.stdout.flush()
