"""A parsed HTML node → the `Block`s a reader of the page sees, in reading order.

One walk over the tree with an explicit stack (a page may nest deeper than Python recurses),
each node visited once, so the time is linear in the page. What makes a block:

- ``<pre>`` is a code block with its text exactly as it stands (``<br>`` inside is a line
  break; the parser already drops the newline right after ``<pre>``, as browsers do);
- ``<h1>``–``<h6>`` headings; ``<li>`` list items with the depth, kind and number of their
  list (``start`` respected); a ``<p>`` inside an ``<li>`` is the item's text, a nested list
  gives deeper items after it, and text of the item after a nested list (or code, or a table)
  is a paragraph of its own;
- ``<table>`` one table block (a header when the first row is ``<th>`` cells or in
  ``<thead>``; a nested table is flattened into its cell's text). A *layout* table, one with a
  cell that holds block elements (paragraphs, lists, headings) and at least
  `settings.LAYOUT_TABLE_CELL_CHARS` characters, is page structure, not data: its cells are
  read as the blocks they hold, the way a reader sees them;
- ``<blockquote>`` raises the quote level of what it holds; ``<figcaption>``/``<caption>``
  are captions; ``<img>`` an image block (its alt text is the block's text, which no plain
  text or judgement reads); ``<hr>`` a rule; ``<br>`` ends a paragraph (inside a heading, a
  list item or a caption it is a space);
- the same text twice in a row (a card's title as its image link and its heading link) is one
  block, as it always was;
- everything else is inline: its text joins the paragraph with whitespace collapsed, and
  links, emphasis, strong and inline code become `Mark`s over it.

Elements nested deeper than `settings.HTML_MAX_DEPTH` are not walked: their text is added to
the paragraph they are in, so content is flattened, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from selectolax.lexbor import LexborNode

from .. import settings
from ..document import WHERE_DEPTH_SHIFT, WHERE_TAGS, WHERE_WIDE, Block, Mark, MarkKind
from ._patterns import patterns

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE_MARKS: dict[str, MarkKind] = {
    "a": "link",
    "em": "emphasis",
    "i": "emphasis",
    "strong": "strong",
    "b": "strong",
    "code": "code",
    "s": "strike",
    "del": "strike",
    "strike": "strike",
}
#: Never text a reader sees (the pre-pass drops them from a page; a site file's body keeps all).
_SKIP = frozenset({"script", "style", "template", "head", "title", "-comment", "-doctype", "noscript"})
#: What a table cell holds when it is page layout rather than data.
_CELL_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"})
_LANG = re.compile(r"(?:^|\s)(?:language|lang|highlight|sourceCode)-([\w+#.-]+)|brush:\s*([\w+#-]+)", re.I)
_NOT_LANGS = frozenset({"none", "text", "plain", "plaintext", "nohighlight", "default"})


#: How many named elements, and how much of each one's class and id, a block's trail keeps.
_TRAIL_ELEMENTS = 8
_TRAIL_CHARS = 120
_WHERE_DEPTH_MAX = 255


@cache
def _breaks() -> frozenset[str]:
    """Tags that end the text before them (the block tags of patterns/containers.toml)."""
    return frozenset(patterns().block_tags) | {"li", "dt", "dd", "figure", "figcaption", "caption", "td", "th", "tr"}


def node_blocks(node: LexborNode, notes: list[str] | None = None, flags: dict[int, int] | None = None) -> list[Block]:
    """The blocks of `node` (a container, a body, a site file's body element); what a cap
    cut is said in `notes`. With `flags` (element ``mem_id`` -> ``WHERE_*`` bits), every block
    also says where it stood (`Block.where`): the elements flagged around it, the tags of
    `WHERE_TAGS` around it, its depth."""
    walk = _Walk(flags=flags)
    walk.run(node)
    if notes is not None:
        notes.extend(walk.notes)
    return walk.blocks


@dataclass
class _Leaf:
    """What the text being gathered becomes when it ends."""

    kind: str = "paragraph"
    level: int = 0
    depth: int = 0
    ordered: bool = False
    number: int | None = None
    #: A list item's own text is out; more text of the item is a paragraph.
    used: bool = False


@dataclass
class _List:
    ordered: bool
    next: int


#: One entry of the walk's stack: (node, depth) to enter, or (None, what undoes an element) to leave it.
_Step = tuple[LexborNode | None, object]


@dataclass
class _Walk:
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    size: int = 0
    space: bool = False
    marks: list[Mark] = field(default_factory=list)
    #: Marks opened and not closed: [kind, start or None until text comes, target].
    open: list[list[object]] = field(default_factory=list)
    images: list[Block] = field(default_factory=list)
    leaf: _Leaf = field(default_factory=_Leaf)
    quote: int = 0
    lists: list[_List] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Class and id tokens of the elements the walk is in (see `Block.trail`).
    trail: list[str] = field(default_factory=list)
    #: Element ``mem_id`` -> ``WHERE_*`` bits (None: blocks do not say where they stood).
    flags: dict[int, int] | None = None
    #: The bits and depth of the elements the walk is in (`Block.where` of what it emits now).
    where: int = 0

    # --- gathering text --------------------------------------------------------------------

    def text(self, raw: str) -> None:
        if not raw:
            return
        words = raw.split()
        if not words:
            self.space = self.space or self.size > 0
            return
        if self.size and (self.space or raw[0].isspace()):
            self.parts.append(" ")
            self.size += 1
        for mark in self.open:
            if mark[1] is None:
                mark[1] = self.size
        joined = " ".join(words)
        self.parts.append(joined)
        self.size += len(joined)
        self.space = raw[-1].isspace()

    def open_mark(self, kind: MarkKind, target: str | None) -> list[object]:
        mark: list[object] = [kind, None, target]
        self.open.append(mark)
        return mark

    def close_mark(self, mark: list[object]) -> None:
        if mark in self.open:
            self.open.remove(mark)
        start = mark[1]
        if isinstance(start, int) and start < self.size:
            kind = mark[0]
            target = mark[2]
            self.marks.append(Mark(kind, start, self.size, target if isinstance(target, str) else None))  # type: ignore[arg-type]

    def flush(self) -> None:
        """The gathered text becomes a block of the current leaf's kind."""
        if self.size:
            text = "".join(self.parts)
            for mark in self.open:  # marks that go on into the next block end here
                start = mark[1]
                if isinstance(start, int) and start < self.size:
                    target = mark[2]
                    self.marks.append(Mark(mark[0], start, self.size, target if isinstance(target, str) else None))  # type: ignore[arg-type]
                mark[1] = None
            marks = tuple(sorted(self.marks, key=lambda m: (m.start, -m.end)))
            block = self._block(text, marks)
            block.trail = self.trail_text()
            block.where = self.where
            last = self.blocks[-1] if self.blocks else None
            if last is None or last.text != text or last.kind != block.kind:  # a card's title twice over
                self.blocks.append(block)
            self.parts, self.size, self.space, self.marks = [], 0, False, []
        if self.images:
            self.blocks.extend(self.images)
            self.images = []

    def _block(self, text: str, marks: tuple[Mark, ...]) -> Block:
        leaf = self.leaf
        if leaf.kind == "list_item" and not leaf.used:
            leaf.used = True
            return Block(
                "list_item",
                text,
                depth=leaf.depth,
                ordered=leaf.ordered,
                number=leaf.number,
                quote=self.quote,
                marks=marks,
            )
        if leaf.kind == "heading":
            return Block("heading", text, level=leaf.level, quote=self.quote, marks=marks)
        if leaf.kind == "caption":
            return Block("caption", text, quote=self.quote, marks=marks)
        return Block("paragraph", text, quote=self.quote, marks=marks)

    def emit(self, block: Block) -> None:
        self.flush()
        if block.trail is None:
            block.trail = self.trail_text()
        if self.flags is not None:
            block.where = self.where
        self.blocks.append(block)

    def trail_text(self) -> str:
        return " ".join(self.trail[-_TRAIL_ELEMENTS:])

    # --- the walk --------------------------------------------------------------------------

    def run(self, root: LexborNode) -> None:
        breaks = _breaks()
        limit = settings.HTML_MAX_DEPTH
        flags = self.flags
        if flags is not None:
            self.where = WHERE_WIDE | flags.get(root.mem_id, 0)
        #: (node, depth) to enter, or (None, restore) to leave an element.
        stack: list[tuple[LexborNode | None, object]] = [(root, 0)]
        while stack:
            node, extra = stack.pop()
            if node is None:
                if callable(extra):
                    extra()
                continue
            depth = extra if isinstance(extra, int) else 0
            tag = node.tag or ""
            if tag == "-text":
                self.text(node.text_content or "")
                continue
            if tag in _SKIP:
                continue
            if depth > limit:
                self.text(_flat_text(node, breaks))
                continue
            if tag == "pre":
                self.emit(code_block(node))
                continue
            if tag == "table":
                self._table(node, depth, stack)
                continue
            if tag == "img":
                self._image(node)
                continue
            if tag == "br":
                if self.leaf.kind == "paragraph" or (self.leaf.kind == "list_item" and self.leaf.used):
                    self.flush()
                else:
                    self.space = True
                continue
            if tag == "hr":
                self.emit(Block("rule", "", quote=self.quote))
                continue
            children = list(node.iter(include_text=True))
            if len(children) > settings.HTML_MAX_INLINE_CHILDREN and not any(
                (child.tag or "") in breaks for child in children
            ):
                # One run of inline markup of this many parts (a paragraph of 100,000 links):
                # its text in one call, without the marks of its parts.
                self.notes.append(f"<{tag}> of {len(children):,} inline parts read as plain text")
                self.text(node.text(deep=True, separator=""))
                continue
            if flags is not None:
                self._locate(node, tag, depth, flags, stack)
            leave = self._enter(node, tag, breaks)
            attrs = node.attributes
            named = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip() if attrs else ""
            if named:
                self.trail.append(named[:_TRAIL_CHARS].lower())
                stack.append((None, self.trail.pop))
            stack.append((None, leave))
            for child in reversed(children):
                stack.append((child, depth + 1))
        self.flush()

    def _locate(self, node: LexborNode, tag: str, depth: int, flags: dict[int, int], stack: list[_Step]) -> None:
        """Set where the walk is inside `node` (its flags, its tag, its depth) until it leaves."""
        saved = self.where
        bits = (saved | flags.get(node.mem_id, 0) | WHERE_TAGS.get(tag, 0)) & ((1 << WHERE_DEPTH_SHIFT) - 1)
        self.where = bits | (min(depth, _WHERE_DEPTH_MAX) << WHERE_DEPTH_SHIFT)

        def leave() -> None:
            self.where = saved

        stack.append((None, leave))

    def _enter(self, node: LexborNode, tag: str, breaks: frozenset[str]) -> object:
        """Set up what `node` changes and return what undoes it when the walk leaves it."""
        mark_kind = _INLINE_MARKS.get(tag)
        if mark_kind is not None:
            target = node.attributes.get("href") if tag == "a" else None
            if tag == "a" and not target:
                return None
            mark = self.open_mark(mark_kind, target)
            return lambda: self.close_mark(mark)
        if tag not in breaks:
            return None
        self.flush()
        saved_leaf, saved_quote, saved_lists = self.leaf, self.quote, len(self.lists)
        if tag in _HEADINGS:
            self.leaf = _Leaf("heading", level=_HEADINGS[tag])
        elif tag in ("figcaption", "caption"):
            self.leaf = _Leaf("caption")
        elif tag == "blockquote":
            self.quote += 1
            self.leaf = _Leaf()
        elif tag in ("ul", "ol", "menu"):
            ordered = tag == "ol"
            self.lists.append(_List(ordered, _start(node) if ordered else 1))
        elif tag == "li":
            current = self.lists[-1] if self.lists else _List(False, 1)
            number = None
            if current.ordered:
                number = _int(node.attributes.get("value"), current.next)
                current.next = number + 1
            self.leaf = _Leaf("list_item", depth=max(0, len(self.lists) - 1), ordered=current.ordered, number=number)
        elif tag in ("dt", "dd"):
            self.leaf = _Leaf()

        def leave() -> None:
            self.flush()
            self.leaf, self.quote = saved_leaf, saved_quote
            del self.lists[saved_lists:]

        return leave

    def _image(self, node: LexborNode) -> None:
        attrs = node.attributes
        src = attrs.get("src") or attrs.get("data-src") or ""
        block = Block("image", " ".join((attrs.get("alt") or "").split()), src=src, quote=self.quote)
        block.where = self.where
        if self.size:
            self.images.append(block)  # inside a paragraph: after it, so that it does not cut it
        else:
            self.emit(block)

    def _table(self, node: LexborNode, depth: int, stack: list[tuple[LexborNode | None, object]]) -> None:
        table = _read_table(node)
        if table is None:  # layout: walk it as any other element
            breaks = _breaks() | {"table"}
            leave = self._enter(node, "div", breaks)
            stack.append((None, leave))
            for child in reversed(list(node.iter(include_text=True))):
                stack.append((child, depth + 1))
            return
        caption, rows, header = table
        if caption:
            self.emit(Block("caption", caption, quote=self.quote))
        if rows:
            text = "\n".join(" | ".join(row) for row in rows)
            self.emit(Block("table", text, rows=rows, header=header, quote=self.quote))


def _read_table(node: LexborNode) -> tuple[str, tuple[tuple[str, ...], ...], bool] | None:
    """(caption, rows, header) of a data table; None for a layout table."""
    rows: list[tuple[str, ...]] = []
    row: list[str] | None = None
    cell: list[str] | None = None
    cell_blocks = False
    caption: list[str] = []
    in_caption = False
    header = False
    first_heads: bool | None = None  # whether the first row is all <th>
    row_heads = True
    head_rows = 0
    in_head = False
    #: (node, nesting of tables) to enter, or (None, tag) to leave.
    stack: list[tuple[LexborNode | None, object]] = [
        (child, 0) for child in reversed(list(node.iter(include_text=True)))
    ]
    threshold = settings.LAYOUT_TABLE_CELL_CHARS

    def end_cell() -> bool:
        nonlocal cell, cell_blocks
        if cell is None or row is None:
            return False
        text = " ".join("".join(cell).split())
        row.append(text)
        layout = cell_blocks and len(text) >= threshold
        cell, cell_blocks = None, False
        return layout

    def end_row() -> None:
        nonlocal row, first_heads, row_heads, head_rows
        if row is not None and any(row):
            if not rows:
                first_heads = row_heads
            if in_head:
                head_rows += 1
            rows.append(tuple(row))
        row, row_heads = None, True

    while stack:
        item, extra = stack.pop()
        if item is None:
            tag = extra
            if tag in ("td", "th"):
                if end_cell():
                    return None
            elif tag == "tr":
                if end_cell():
                    return None
                end_row()
            elif tag == "caption":
                in_caption = False
            elif tag == "thead":
                in_head = False
            continue
        nest = extra if isinstance(extra, int) else 0
        tag = item.tag or ""
        if tag == "-text":
            text = item.text_content or ""
            if in_caption:
                caption.append(text)
            elif cell is not None:
                cell.append(text)
            continue
        if tag in _SKIP:
            continue
        if nest == 0 and tag in ("tr", "td", "th", "caption", "thead"):
            if tag == "tr":
                if end_cell():
                    return None
                end_row()
                row = []
            elif tag in ("td", "th"):
                if end_cell():
                    return None
                if row is None:
                    row = []
                row_heads = row_heads and tag == "th"
                cell = []
            elif tag == "caption":
                in_caption = True
            else:
                in_head = True
            stack.append((None, tag))
        elif cell is not None:
            if tag in _CELL_BLOCKS:
                cell_blocks = True
            if tag in ("br", "p", "div", "li", "tr", "td", "th", "table"):
                cell.append(" ")
            if tag == "img":
                continue
        inner = nest + 1 if tag == "table" else nest
        for child in reversed(list(item.iter(include_text=True))):
            stack.append((child, inner))
    if end_cell():
        return None
    end_row()
    header = bool(rows) and (head_rows > 0 or bool(first_heads))
    return " ".join("".join(caption).split()), tuple(rows), header


def _flat_text(node: LexborNode, breaks: frozenset[str]) -> str:
    """All the text of `node`, a space where a block or a line break stood."""
    return " " + "".join(_text_parts(node, br=" ", breaks=breaks)) + " "


def _text_parts(node: LexborNode, *, br: str, breaks: frozenset[str] = frozenset()) -> list[str]:
    """The text nodes under `node` in order (an explicit stack, however deep), `br` for a
    line break and a space where an element of `breaks` starts."""
    parts: list[str] = []
    stack: list[LexborNode] = [node]
    while stack:
        item = stack.pop()
        tag = item.tag or ""
        if tag == "-text":
            parts.append(item.text_content or "")
        elif tag == "br":
            parts.append(br)
        elif tag not in _SKIP:
            if tag in breaks:
                parts.append(" ")
            stack.extend(reversed(list(item.iter(include_text=True))))
    return parts


def code_block(node: LexborNode) -> Block:
    """A <pre> as it stands: its text, <br> as a line break, trailing blank lines dropped."""
    text = "".join(_text_parts(node, br="\n")).replace("\r\n", "\n").replace("\x00", "").rstrip()
    text = text.lstrip("\n") if not text.strip("\n").strip() else text
    return Block("code", text, lang=code_lang(node))


def code_lang(node: LexborNode) -> str | None:
    """The language a <pre> (or its <code>, or the highlighter's wrapper around it) names."""
    candidates = [node]
    child = node.child
    while child is not None and len(candidates) < 4:
        if child.tag == "code":
            candidates.append(child)
            break
        child = child.next
    parent = node.parent
    for _ in range(2):  # Sphinx and Pygments name the language on wrappers: div.highlight-python
        if parent is None:
            break
        candidates.append(parent)
        parent = parent.parent
    for candidate in candidates:
        attrs = candidate.attributes
        stated = attrs.get("data-lang") or attrs.get("data-language")
        if stated and stated.lower() not in _NOT_LANGS:
            return stated.lower()
        match = _LANG.search(attrs.get("class") or "")
        if match:
            lang = (match.group(1) or match.group(2) or "").lower()
            if lang and lang not in _NOT_LANGS:
                return lang
    return None


def _start(node: LexborNode) -> int:
    return _int(node.attributes.get("start"), 1)


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default
