"""Markdown: a Markdown input's kept blocks byte for byte; anything else as CommonMark + GFM.

Rendering works from the block model alone: headings by level, list items nested by `depth`
(each child under the content column of its parent's marker), fenced code exactly as it
stands, GFM tables, ``> `` for quoted blocks, inline emphasis and code from `marks`. Links and
images are written only when asked: most uses of an article's Markdown (reading, training
data) want the words, not the addresses. Everything else is escaped (see `_escape`) so that
a renderer shows the visible text and nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Block, Mark
from ._body import body_blocks, spliceable, title_of
from ._escape import (
    code_span,
    destination,
    escape_block,
    escape_cell,
    escape_heading,
    escape_inline,
    escape_line_start,
    fence_for,
    heading_line,
)
from ._splice import splice

if TYPE_CHECKING:
    from ..article import Article

#: Metadata shown in the front block, in this order.
FRONT = ("author", "date", "url", "sitename", "source", "language")
#: Blocks of a Markdown source that are not content once taken out of it.
_SKIPPED = frozenset({"front_matter", "link_def", "html"})
_WRAPS = {"emphasis": "*", "strong": "**", "strike": "~~"}
#: CommonMark reads at most nine digits as a list number.
_MAX_NUMBER = 999_999_999


def render_markdown(
    article: Article,
    *,
    keep_title: bool = True,
    links: bool = False,
    images: bool = False,
    front: bool = True,
) -> str:
    """The article as Markdown. Without `front` there is no metadata block (nor a Markdown
    input's own front matter): the body alone, for a field next to the metadata."""
    if spliceable(article, "markdown"):
        return splice(article, keep_title=keep_title, lead=lambda title: "# " + escape_heading(title), front=front)
    parts = []
    if front and (block := front_block(article)):
        parts.append(block)
    title = title_of(article) if keep_title else None
    if title:
        parts.append("# " + escape_heading(title))
    document = article.document
    if document is not None and document.format == "text":
        # a plain-text input has no markup to honour: each block is a paragraph of its own lines
        body = "\n\n".join(p for b in body_blocks(article) if (p := escape_block(document.raw(b))))
    else:
        body = render_blocks(body_blocks(article), links=links, images=images)
    if body:
        parts.append(body)
    return "\n\n".join(parts) + "\n"


def front_block(article: Article) -> str:
    """``---``, one ``key: "value"`` line per metadata field that has a value, ``---``."""
    values = [(key, getattr(article, key)) for key in FRONT]
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values if value]
    return "---\n" + "\n".join(lines) + "\n---" if lines else ""


def render_blocks(blocks: list[Block], *, links: bool = False, images: bool = False) -> str:
    """Blocks as CommonMark + GFM: the items of one list a line apart, other blocks a blank line."""
    state = _Lists()
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind != "list_item" or previous is None or previous.kind != "list_item":
            state = _Lists()
        rendered = _block(block, state, links=links, images=images)
        if rendered is None:
            continue
        quote = _quote_level(block)
        if previous is not None:
            out.append(_separator(previous, block))
        prefix = "> " * quote
        out.append("\n".join(prefix + line if line else prefix.rstrip() for line in rendered.split("\n")))
        previous = block
    return "".join(out)


def _quote_level(block: Block) -> int:
    return max(block.quote, 1) if block.kind == "quote" else block.quote


def _separator(previous: Block, block: Block) -> str:
    """A line break inside one list; else a blank line, itself quoted while both blocks are in
    one quote (an unquoted blank line would end it). A block of kind ``quote`` is a whole quote
    of its own, so the blank line next to it is not quoted."""
    whole = "quote" in (previous.kind, block.kind)
    shared = 0 if whole else min(_quote_level(previous), _quote_level(block))
    if previous.kind == "list_item" and block.kind == "list_item" and previous.quote == block.quote:
        return "\n"
    return "\n" + " ".join([">"] * shared) + "\n"


@dataclass
class _Lists:
    """Where the items of the list being written stand: per depth, the content column of the
    last item's marker (a child goes under it) and the last number given."""

    columns: list[int] = field(default_factory=list)
    numbers: dict[int, int] = field(default_factory=dict)
    ordered: dict[int, bool] = field(default_factory=dict)


def _block(block: Block, lists: _Lists, *, links: bool, images: bool) -> str | None:
    kind = block.kind
    if kind in _SKIPPED:
        return None
    if kind == "heading":
        level = min(max(block.level, 1), 6)
        text = _inline(block.text.replace("\n", " "), block.marks, links=links, images=images)
        return "#" * level + " " + heading_line(text)
    if kind == "list_item":
        return _list_item(block, lists, links=links, images=images)
    if kind == "code":
        return _code(block)
    if kind == "table":
        return _table(block) if any(block.rows) else _paragraph(block, links=links, images=images)
    if kind == "image":
        if not (images and block.src):
            return None
        return f"![{escape_inline(' '.join(block.text.split()))}]({destination(block.src)})"
    if kind == "rule":
        return "---"
    return _paragraph(block, links=links, images=images)


def _paragraph(block: Block, *, links: bool, images: bool) -> str | None:
    return _lines(_inline(block.text, block.marks, links=links, images=images, pipes="\n" in block.text)) or None


def _lines(inline: str) -> str:
    return "\n".join(escape_line_start(line).rstrip(" \t") for line in inline.split("\n"))


def _list_item(block: Block, lists: _Lists, *, links: bool, images: bool) -> str:
    depth = min(max(block.depth, 0), len(lists.columns))
    indent = lists.columns[depth - 1] if depth else 0
    if block.ordered:
        if block.number is not None:
            number = block.number
        elif lists.ordered.get(depth):
            number = lists.numbers.get(depth, 0) + 1
        else:
            number = 1
        number = min(max(number, 0), _MAX_NUMBER)
        lists.numbers[depth] = number
        marker = f"{number}."
    else:
        marker = "-"
    lists.ordered[depth] = block.ordered
    for deeper in [d for d in lists.numbers if d > depth]:
        del lists.numbers[deeper], lists.ordered[deeper]
    content = indent + len(marker) + 1
    lists.columns = [*lists.columns[:depth], content]
    text = _lines(_inline(block.text, block.marks, links=links, images=images, pipes="\n" in block.text))
    first, *rest = text.split("\n")
    lines = [" " * indent + marker + (" " + first if first else "")]
    lines += [" " * content + line if line else "" for line in rest]
    return "\n".join(lines)


def _code(block: Block) -> str:
    code = block.text
    lang = " ".join((block.lang or "").split())
    fence = fence_for(code, lang)
    body = code if not code or code.endswith("\n") else code + "\n"
    return f"{fence}{lang}\n{body}{fence}"


def _table(block: Block) -> str:
    """A GFM table; its first row is the header whether or not the source said so (GFM has no
    table without one)."""
    width = max(len(row) for row in block.rows)
    rows = [[escape_cell(cell) for cell in row] + [""] * (width - len(row)) for row in block.rows]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join(" --- " for _ in range(width)) + "|")
    return "\n".join(lines)


def _inline(text: str, marks: tuple[Mark, ...], *, links: bool, images: bool, pipes: bool = False) -> str:
    """`text` with its marks written as Markdown and everything else escaped.

    Marks that cross another are dropped (Markdown can only nest), as are marks inside inline
    code or a link inside a link. Emphasis keeps its delimiters next to its words, blanks
    outside, or a renderer would not read it as emphasis.
    """
    tree = _nest(text, marks)

    def esc(lo: int, hi: int) -> str:
        return escape_inline(text[lo:hi], pipes=pipes)

    def render(lo: int, hi: int, nodes: list[_Node], in_link: bool) -> str:
        out: list[str] = []
        pos = lo
        for node in nodes:
            out.append(esc(pos, node.mark.start))
            out.append(wrap(node, in_link))
            pos = node.mark.end
        out.append(esc(pos, hi))
        return "".join(out)

    def wrap(node: _Node, in_link: bool) -> str:
        mark = node.mark
        if mark.kind == "code":
            return code_span(text[mark.start : mark.end].replace("\n", " "))
        inner_link = in_link or mark.kind == "link"
        inner = render(mark.start, mark.end, node.children, inner_link)
        if mark.kind in _WRAPS:
            return _WRAPS[mark.kind] + inner + _WRAPS[mark.kind]
        if mark.kind == "link" and links and mark.target and not in_link:
            return f"[{inner}]({destination(mark.target)})"
        if mark.kind == "image" and images and mark.target:
            return f"![{inner}]({destination(mark.target)})"
        return inner

    return render(0, len(text), tree, False)


@dataclass
class _Node:
    mark: Mark
    children: list[_Node] = field(default_factory=list)


def _nest(text: str, marks: tuple[Mark, ...]) -> list[_Node]:
    """The marks as a tree of properly nested spans, in order."""
    usable: list[Mark] = []
    for mark in marks:
        start, end = max(mark.start, 0), min(mark.end, len(text))
        if mark.kind in _WRAPS:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if start < end:
            usable.append(Mark(mark.kind, start, end, mark.target))
    usable.sort(key=lambda m: (m.start, -m.end))
    roots: list[_Node] = []
    stack: list[_Node] = []
    for mark in usable:
        while stack and stack[-1].mark.end <= mark.start:
            stack.pop()
        if stack and (mark.end > stack[-1].mark.end or stack[-1].mark.kind == "code"):
            continue  # crosses its parent, or sits inside inline code
        node = _Node(mark)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots
