"""Writers: an article's kept blocks as text, Markdown, JSON or JSON Lines.

Every writer reads the same `Article` (its kept `blocks`, its `document`). For a text or
Markdown input the text and Markdown writers copy the kept blocks out of the source
(`_splice`); otherwise they render the blocks (`text`, `markdown`). None imports
`cleaner.article` at run time: `Article.to_text()` and friends call into this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .json import dumps, render_json, render_jsonl
from .markdown import render_markdown
from .text import render_text

if TYPE_CHECKING:
    from ..article import Article

FORMATS = ("text", "json", "jsonl", "markdown")
_EXTENSIONS = {"text": "txt", "json": "json", "jsonl": "jsonl", "markdown": "md"}


def extension(fmt: str) -> str:
    """The file extension of an output format (``md`` for ``markdown``)."""
    return _EXTENSIONS[fmt]


def render(
    article: Article,
    fmt: str,
    *,
    keep_title: bool = True,
    links: bool = False,
    images: bool = False,
    blocks: bool = True,
) -> str:
    """The article in `fmt`. `keep_title` is for text and Markdown, `links` and `images` for
    Markdown (and the JSON formats' ``markdown``), `blocks` for the JSON formats."""
    if fmt == "text":
        return render_text(article, keep_title=keep_title)
    if fmt == "markdown":
        return render_markdown(article, keep_title=keep_title, links=links, images=images)
    if fmt == "json":
        return render_json(article, blocks=blocks, links=links, images=images)
    if fmt == "jsonl":
        return render_jsonl(article, blocks=blocks, links=links, images=images)
    raise ValueError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")


def error_record(name: str, kind: str, message: str, *, key: str = "input") -> dict[str, Any]:
    """``{key: name, "error": {"kind": ..., "message": ...}}``; `key` is ``url`` for fetched pages."""
    return {key: name, "error": {"kind": kind, "message": message}}


def render_error(name: str, kind: str, message: str, fmt: str, *, key: str = "input") -> str:
    """An error as a record in the JSON formats (so a batch keeps one line per input)."""
    return dumps(error_record(name, kind, message, key=key), indent=2 if fmt == "json" else None)


__all__ = [
    "FORMATS",
    "error_record",
    "extension",
    "render",
    "render_error",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_text",
]
