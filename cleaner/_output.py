"""Where results go: stdout, one file, or one file per input inside a directory."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[^\w.-]+")
#: File names stay well below the 255 bytes file systems allow.
_MAX_STEM = 100


def safe_name(name: str, ext: str, taken: set[str], *, stem: str | None = None) -> str:
    """A file name for input `name` (or the given `stem`): made safe, never a path, unique in `taken`."""
    if stem is None:
        stem = "stdin" if name == "-" else Path(name).name
        stem = Path(stem).stem if Path(stem).suffix else stem
    stem = _UNSAFE.sub("_", stem).strip("._") or "input"
    candidate, n = f"{stem}.{ext}", 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}.{ext}", n + 1
    taken.add(candidate)
    return candidate


def url_stem(url: str) -> str:
    """A file stem for a URL: host and path made safe, long ones cut and told apart by a hash."""
    parts = urlsplit(url)
    stem = _UNSAFE.sub("_", f"{parts.hostname or ''}{parts.path.removesuffix('/')}").strip("._") or "page"
    if parts.query or len(stem) > _MAX_STEM:
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
        stem = f"{stem[:_MAX_STEM]}_{digest}"
    return stem


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

    def write_one(self, name: str, rendered: str, *, stem: str | None = None, ext: str | None = None) -> Path:
        """Write one input's result to its own file inside the output directory (named with
        `ext` where the format differs from one input to the next)."""
        assert self.output is not None
        path = self.output / safe_name(name, ext or self.ext, self._taken, stem=stem)
        path.write_text(rendered, encoding="utf-8")
        return path

    def close(self) -> None:
        if self._stream is None:
            return
        if self._stream is sys.stdout:
            self._stream.flush()
        else:
            self._stream.close()
