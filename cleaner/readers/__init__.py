"""Readers: every input format becomes a `Document` here (HTML through `cleaner.extract`).

read_document(text, format=None)   text or Markdown → Document (format sniffed when None)
"""

from __future__ import annotations

from ..document import Document
from .sniff import sniff_format
from .text import read_text

#: What `--input-format` / `format=` take for text inputs (HTML goes through extraction).
TEXT_FORMATS = ("text", "markdown")


def read_document(text: str, format: str | None = None) -> Document:
    """`text` as a Document: ``text`` (one block a line), ``markdown`` (CommonMark + GFM), or
    sniffed from the content when `format` is None."""
    if format is None:
        format = sniff_format(text)
    if format == "markdown":
        from .markdown import read_markdown  # markdown-it and yaml (26 ms): when a Markdown input comes

        return read_markdown(text)
    if format == "text":
        return read_text(text)
    raise ValueError(f"unknown input format {format!r} (known: {', '.join(TEXT_FORMATS)})")
