"""Reading lists of URLs: one a line, ``#`` starts a comment, ``-`` is standard input."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ._errors import reading

_COMMENT = re.compile(r"(?:^|\s)#.*$")


def read_url_lines(name: str) -> Iterator[str]:
    """The URLs of a list file, lazily; blank lines and comments skipped.

    A ``#`` starts a comment at the start of a line or after a space (a ``#`` inside a URL is
    its fragment). Raises InputError, naming the file, when it cannot be opened.
    """
    if name == "-":
        yield from _urls(sys.stdin)
        return
    path = Path(name)
    if path.is_dir():
        raise InputError("is a directory, not a list of URLs", source=name)
    with reading(name):
        handle = path.open(encoding="utf-8-sig", errors="replace")
    with handle:
        yield from _urls(handle)


def _urls(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        url = _COMMENT.sub("", line).strip()
        if url:
            yield url
