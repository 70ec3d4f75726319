"""Reading one input (a file or stdin) as text, with the problems users hit named plainly."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..readers.sniff import looks_binary
from ._errors import reading

#: How much of the start of a file decides whether it is binary.
_SNIFF_BYTES = 8192
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S)
_BODY_TAG = re.compile(rb"<body\b", re.I)


@dataclass
class Input:
    """An input read into memory: its name (path or ``-``), raw bytes and decoded text."""

    name: str
    data: bytes
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return looks_like_html(self.data)


def looks_like_html(data: bytes | str) -> bool:
    """A doctype or ``<html`` at the start, or a ``<body>`` tag near it."""
    head = (data if isinstance(data, bytes) else data.encode("utf-8", "replace"))[:_SNIFF_BYTES]
    return bool(_HTML_START.match(head) or _BODY_TAG.search(head))


def read_input(name: str) -> Input:
    """Read a path, or standard input for ``-``; raise InputError with the reason."""
    data = _read_bytes(name)
    if not data.strip():
        raise InputError("is empty", source=name)
    if looks_binary(data[:_SNIFF_BYTES]):
        raise InputError("looks like a binary file, not text or HTML", source=name)
    item = Input(name, data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        item.text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        item.text = data.decode("utf-8", errors="replace")
        item.warnings.append(f"not valid UTF-8 (first bad byte at offset {exc.start}); undecodable bytes replaced")
    return item


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    with reading(name):
        return path.read_bytes()
