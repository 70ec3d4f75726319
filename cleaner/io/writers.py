"""Writing articles in the four output formats; every format is one small function."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..article import Article

FORMATS = ("text", "json", "jsonl", "markdown")
_EXTENSIONS = {"text": "txt", "json": "json", "jsonl": "jsonl", "markdown": "md"}
#: Metadata shown in Markdown's front block, in this order.
_FRONT = ("author", "date", "url", "sitename", "source", "language")


def extension(fmt: str) -> str:
    return _EXTENSIONS[fmt]


def text(article: Article, *, keep_title: bool = True) -> str:
    """The title (unless not wanted), a blank line, the body."""
    parts = [article.title] if keep_title and article.title else []
    if article.text:
        parts.append(article.text)
    return "\n\n".join(parts) + "\n"


def as_json(article: Article, *, keep_title: bool = True) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n"


def as_jsonl(article: Article, *, keep_title: bool = True) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False) + "\n"


def markdown(article: Article, *, keep_title: bool = True) -> str:
    """A front block of metadata, the title as a heading, the body."""
    front = [
        f"{key}: {json.dumps(getattr(article, key), ensure_ascii=False)}" for key in _FRONT if getattr(article, key)
    ]
    parts = ["---\n" + "\n".join(front) + "\n---"] if front else []
    if keep_title and article.title:
        parts.append(f"# {article.title}")
    if article.text:
        parts.append(article.text)
    return "\n\n".join(parts) + "\n"


_RENDERERS: dict[str, Callable[..., str]] = {"text": text, "json": as_json, "jsonl": as_jsonl, "markdown": markdown}


def render(article: Article, fmt: str, *, keep_title: bool = True) -> str:
    return _RENDERERS[fmt](article, keep_title=keep_title)


def error_record(name: str, kind: str, message: str, *, key: str = "input") -> dict[str, Any]:
    """``{key: name, "error": {"kind": ..., "message": ...}}``; `key` is ``url`` for fetched pages."""
    return {key: name, "error": {"kind": kind, "message": message}}


def render_error(name: str, kind: str, message: str, fmt: str, *, key: str = "input") -> str:
    """An error as a record in the JSON formats (so a batch keeps one line per input)."""
    record = error_record(name, kind, message, key=key)
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(record, ensure_ascii=False) + "\n"
