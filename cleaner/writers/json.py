"""JSON and JSON Lines: `Article.to_dict()`, plus the kept blocks and the body as Markdown.

The blocks carry the structure (headings, lists, code, tables, spans) for consumers that
chunk or re-render; the Markdown is the body ready to read or train on. Today's keys come
first and keep their form, so a consumer of the older output reads the new one unchanged.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..io._json import dumps_line
from .markdown import render_markdown

if TYPE_CHECKING:
    from ..article import Article


def article_record(
    article: Article, *, blocks: bool = True, links: bool = False, images: bool = False
) -> dict[str, Any]:
    """The JSON object of an article; with `blocks`, ``blocks`` and ``markdown`` (body only:
    no title, no metadata block, both being fields of their own)."""
    data = article.to_dict()
    if blocks:
        data["blocks"] = [b.to_dict() for b in article.blocks]
        data["markdown"] = body_markdown(article, links=links, images=images)
    return data


def body_markdown(article: Article, *, links: bool = False, images: bool = False) -> str:
    """The body as Markdown, without the title and the metadata block."""
    return render_markdown(article, keep_title=False, links=links, images=images, front=False)


def render_json(article: Article, *, blocks: bool = True, links: bool = False, images: bool = False) -> str:
    return dumps(article_record(article, blocks=blocks, links=links, images=images), indent=2)


def render_jsonl(article: Article, *, blocks: bool = True, links: bool = False, images: bool = False) -> str:
    return dumps(article_record(article, blocks=blocks, links=links, images=images))


def dumps(record: dict[str, Any], *, indent: int | None = None) -> str:
    """One JSON document and a line break; non-ASCII text as itself, not as escapes. A line
    (no `indent`) is written as `cleaner clean in.jsonl` writes its records (`dumps_line`: orjson,
    compact, the stdlib in the same form for what orjson refuses); the record holds only what
    the cleaner made, so orjson may write it."""
    if indent is None:
        return dumps_line(record, plain=True).decode("utf-8", "surrogatepass")
    return json.dumps(record, ensure_ascii=False, indent=indent) + "\n"
