"""Hand-built documents and articles for the writer tests: the cleaner is not asked anything."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cleaner.article import Article
from cleaner.document import Block, Document, Format

GOLDEN = Path(__file__).parent / "golden"
#: Set to 1 to rewrite the golden files from the current output (then review the diff).
REGEN = os.environ.get("CLEANER_REGEN_GOLDEN") == "1"


def check_golden(name: str, output: str) -> None:
    """`output` must equal golden file `name` byte for byte (rewritten with CLEANER_REGEN_GOLDEN=1)."""
    path = GOLDEN / name
    if REGEN:
        path.write_bytes(output.encode("utf-8"))
    assert path.exists(), f"{path} missing: run with CLEANER_REGEN_GOLDEN=1"
    assert output == path.read_bytes().decode("utf-8"), f"{name} differs (CLEANER_REGEN_GOLDEN=1 rewrites it)"


def spanned(source: str, fmt: Format, parts: list[tuple[str, dict[str, Any]]]) -> Document:
    """A document of `source` whose blocks are `parts`: each an exact piece of the source (found
    in order) and the block's fields; `text` defaults to the piece itself."""
    blocks: list[Block] = []
    at = 0
    for raw, fields in parts:
        start = source.index(raw, at)
        end = start + len(raw)
        fields = {"kind": "paragraph", "text": raw, **fields}
        blocks.append(Block(start=start, end=end, line=source.count("\n", 0, start) + 1, **fields))
        at = end
    return Document(blocks, source=source, format=fmt)


def keep(document: Document, indexes: list[int], **fields: Any) -> Article:
    """An article of `document` keeping the blocks at `indexes` (the very objects)."""
    blocks = [document.blocks[i] for i in indexes]
    text = "\n\n".join(b.text for b in blocks if b.role != "title")
    return Article(text=text, blocks=blocks, document=document, **fields)


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def visible(markdown: str) -> str:
    """What a CommonMark renderer shows of `markdown`'s inline content, blocks joined by a blank line."""
    out: list[str] = []
    for token in parser().parse(markdown):
        if token.type == "inline":
            out.append(inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            out.append(token.content)
    return "\n\n".join(out)


def inline_text(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.type == "image":
            parts.append(inline_text(token.children or []))
        elif token.type == "html_inline":
            parts.append(token.content)
    return "".join(parts)
