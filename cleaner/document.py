"""The document model: the one thing that flows from the readers through the cleaner to the writers.

A `Document` is a list of leaf `Block`s in reading order. Every reader (plain text, Markdown,
HTML through the extractor) makes one; the cleaner only decides which blocks to keep and never
edits one; every writer (text, Markdown, JSON) renders the kept ones. Two things make that
possible:

- `Block.text` is the *visible* text, what a reader of the page sees (a link's anchor text, not
  its URL; emphasis markers, escapes and entities resolved). Rules and scorers judge only this,
  so a phrase rule works the same on plain text, Markdown and HTML.
- For text and Markdown inputs each block also carries its exact source span (`start`, `end`:
  character offsets into `Document.source`), and `Document.gap(i)` is the source between block
  ``i - 1`` and block ``i``. Writing a kept block back out is a copy of its span, so what is
  kept is never rewritten, code whitespace, tabs and hard breaks included.

Spans of one document never overlap and are in order. Containers (a list, a block quote) are
not blocks of their own: their leaves carry what the container says (`depth`, `ordered`,
`quote`), which is what the writers need to render them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any, Literal, get_args

#: What a block is. ``front_matter`` is the YAML/TOML block at the top of a Markdown file;
#: ``link_def`` a reference-style link definition (``[1]: https://…``); ``html`` a raw HTML
#: block of a Markdown file; ``rule`` a horizontal rule.
BlockKind = Literal[
    "heading",
    "paragraph",
    "list_item",
    "code",
    "table",
    "quote",
    "caption",
    "image",
    "rule",
    "front_matter",
    "link_def",
    "html",
]

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[str, ...] = get_args(Format)

MarkKind = Literal["link", "emphasis", "strong", "code", "image", "strike"]


#: Where a block of the wide candidate set stood (`Block.where`): read that way at all, inside
#: the container the pre-pass chose, inside a group `cleaner.extract.fast.link_groups` would drop, inside a
#: class or id the pre-pass calls boilerplate (only when it is kept to be judged), and inside
#: elements whose tag says what they are.
WHERE_WIDE = 1
WHERE_CONTAINER = 2
WHERE_LINK_GROUP = 4
WHERE_BOILERPLATE = 8
WHERE_TAGS: dict[str, int] = {
    "header": 16,
    "nav": 32,
    "footer": 64,
    "aside": 128,
    "form": 256,
    "article": 512,
    "main": 1024,
    "li": 2048,
    "a": 4096,
}
WHERE_DEPTH_SHIFT = 16


@dataclass(frozen=True, slots=True)
class Mark:
    """Inline markup over `Block.text[start:end]`: a link (with its `target`), emphasis,
    inline code, an inline image (its alt text is the span, its source the `target`)."""

    kind: MarkKind
    start: int
    end: int
    target: str | None = None

    def __reduce__(self) -> tuple[type[Mark], tuple[MarkKind, int, int, str | None]]:
        # A frozen dataclass with slots pickles through `dataclasses.fields` on every object,
        # four times slower; an extracted page's marks cross from its worker process.
        return Mark, (self.kind, self.start, self.end, self.target)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.kind, "start": self.start, "end": self.end}
        if self.target is not None:
            out["target"] = self.target
        return out


@dataclass(slots=True)
class Block:
    """One leaf block of a document.

    `level` is a heading's level (1–6); `depth` a list item's nesting (0 for a top-level item)
    and `ordered`/`number` its marker; `quote` how many block quotes hold the block (a quote's
    paragraph is a ``paragraph`` with ``quote >= 1``; kind ``quote`` is a quote whose parts the
    reader did not tell apart). `lang` is a code block's language. `rows` are a table's cells,
    the first row the header when `header`. `src` is an image's address or a link definition's
    target. `start`/`end` are the source span (None for HTML, whose source is not written
    back); `line` the 1-based source line where the block starts. `heading_path` holds the
    texts of the headings above the block, outermost first, so that later work can chunk by
    section. `role` is what the cleaner made of a kept block (``title``).
    """

    kind: BlockKind
    text: str
    level: int = 0
    depth: int = 0
    ordered: bool = False
    number: int | None = None
    quote: int = 0
    lang: str | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = False
    src: str | None = None
    marks: tuple[Mark, ...] = ()
    start: int | None = None
    end: int | None = None
    line: int | None = None
    heading_path: tuple[str, ...] = ()
    role: str | None = None
    #: Where the block came from when it is not the source itself (``jsonld``, ``metadata``).
    origin: str | None = None
    #: For an HTML block, the class and id tokens of the elements around it (innermost last):
    #: what the learned block scorer reads of the markup. Not rendered, not compared.
    trail: str | None = field(default=None, compare=False, repr=False)
    #: For an HTML block read from the whole page (the wide candidate set of the learned block
    #: scorer), where it stood: a bit set of the ``WHERE_*`` flags above and, from
    #: bit 16 up, its element depth under the body. 0 when not read that way. Not rendered.
    where: int = field(default=0, compare=False, repr=False)

    def __reduce__(self) -> tuple[type[Block], tuple[Any, ...]]:
        # Its fields in order, as the constructor takes them: half the size and twice as fast
        # as pickle's default for slots (a name with every value), for the blocks of every
        # page that comes back from an extraction worker.
        return Block, _block_fields(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: `type` and `text` always, the other fields where they say something."""
        out: dict[str, Any] = {"type": self.kind, "text": self.text}
        if self.kind == "heading":
            out["level"] = self.level
        if self.kind == "list_item":
            out["depth"] = self.depth
            out["ordered"] = self.ordered
            if self.number is not None:
                out["number"] = self.number
        if self.quote:
            out["quote"] = self.quote
        if self.lang:
            out["lang"] = self.lang
        if self.kind == "table":
            out["rows"] = [list(row) for row in self.rows]
            out["header"] = self.header
        if self.src is not None:
            out["src"] = self.src
        if self.marks:
            out["marks"] = [m.to_dict() for m in self.marks]
        if self.line is not None:
            out["line"] = self.line
        if self.start is not None and self.end is not None:
            out["span"] = [self.start, self.end]
        if self.heading_path:
            out["heading_path"] = list(self.heading_path)
        if self.role:
            out["role"] = self.role
        return out


_block_fields = attrgetter(*(f.name for f in fields(Block)))


def text_paragraph(text: str, start: int, end: int, line: int) -> Block:
    """A paragraph of a plain text with its span: what the text reader makes of every line.
    Its fields are passed by position, a quarter cheaper than by keyword for the object made
    most often (tests/test_document.py checks it against the keyword form)."""
    return Block("paragraph", text, 0, 0, False, None, 0, None, (), False, None, (), start, end, line)


@dataclass
class Document:
    """Blocks in reading order, and for text and Markdown inputs the source they were read from.

    `metadata` holds what the input states about itself (a Markdown file's front matter: title,
    author, date, url; an HTML page's metadata), never body text. `notes` records what a reader
    had to do to a hostile input (a cap that cut something), for the record's log.
    """

    blocks: list[Block] = field(default_factory=list)
    source: str | None = None
    format: Format = "text"
    metadata: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)

    @property
    def verbatim(self) -> bool:
        """Whether blocks can be written back as their source (text and Markdown inputs)."""
        return self.source is not None and all(b.start is not None for b in self.blocks)

    def raw(self, block: Block) -> str:
        """The block exactly as it stands in the source (its visible text where there is none)."""
        if self.source is None or block.start is None or block.end is None:
            return block.text
        return self.source[block.start : block.end]

    def gap(self, i: int) -> str:
        """The source between block ``i - 1`` and block ``i`` (before the first block for 0)."""
        if self.source is None:
            return ""
        start = 0 if i == 0 else (self.blocks[i - 1].end or 0)
        end = self.blocks[i].start if i < len(self.blocks) else len(self.source)
        return self.source[start : end if end is not None else start]

    def pieces(self, blocks: Iterable[Block]) -> list[tuple[str, str]]:
        """(separator before, source) of each of `blocks`: two neighbours are separated by the
        text between them, blocks with removed ones between by the separator that followed the
        earlier one (the one its author put after it); the first has none. A block that is not
        from this document (one a stage added) is its text, set off by a blank line."""
        index = {id(b): i for i, b in enumerate(self.blocks)}
        out: list[tuple[str, str]] = []
        run: list[int] = []
        for block in blocks:
            i = index.get(id(block))
            if i is None:
                out.extend(self.pieces_at(run, first=not out))
                run = []
                out.append(("\n\n" if out else "", block.text))
            else:
                run.append(i)
        out.extend(self.pieces_at(run, first=not out))
        return out

    def pieces_at(self, indices: list[int], *, first: bool = True) -> list[tuple[str, str]]:
        """`pieces` of the blocks at `indices` (in order): the separator rule on positions."""
        source, blocks = self.source, self.blocks
        if source is None:
            return [("" if first and n == 0 else "\n\n", blocks[i].text) for n, i in enumerate(indices)]
        out: list[tuple[str, str]] = []
        previous = -2
        for i in indices:
            block = blocks[i]
            start, end = block.start, block.end
            raw = block.text if start is None or end is None else source[start:end]
            if previous == -2:
                out.append(("" if first else "\n\n", raw))
            else:  # the gap after the previous block: `gap(previous + 1)`, inlined (most lines)
                after = blocks[previous].end or 0
                following = blocks[previous + 1].start if previous + 1 < len(blocks) else len(source)
                out.append((source[after : following if following is not None else after], raw))
            previous = i
        return out

    def tail(self) -> str:
        """The source after the last block (usually the final newline)."""
        if self.source is None:
            return ""
        if not self.blocks:
            return self.source
        return self.source[self.blocks[-1].end or 0 :]


def with_heading_paths(blocks: Iterable[Block]) -> list[Block]:
    """Set every block's `heading_path`: the texts of the headings above it, by level."""
    out: list[Block] = []
    path: list[tuple[int, str]] = []
    for block in blocks:
        if block.kind == "heading":
            level = block.level or 1
            path = [(lvl, text) for lvl, text in path if lvl < level]
            block.heading_path = tuple(text for _, text in path)
            path.append((level, block.text))
        else:
            block.heading_path = tuple(text for _, text in path)
        out.append(block)
    return out


def join_texts(parts: Iterable[tuple[str, tuple[Mark, ...]]]) -> tuple[str, tuple[Mark, ...]]:
    """Texts joined by a space, each one's marks moved along with it: pieces a reader cut apart
    (lines of one paragraph, halves of a sentence a ``<br>`` broke) read as one."""
    marks: list[Mark] = []
    texts: list[str] = []
    offset = 0
    for text, part_marks in parts:
        marks.extend(Mark(m.kind, m.start + offset, m.end + offset, m.target) for m in part_marks)
        texts.append(text)
        offset += len(text) + 1
    return " ".join(texts), tuple(marks)


def copy_block(block: Block, **changes: Any) -> Block:
    """A copy of `block` with `changes` (blocks are shared between a document and its article)."""
    return replace(block, **changes)


def plain_text(blocks: Iterable[Block], source: str | None = None) -> str:
    """The blocks as plain text, the canonical text form of a document: a heading's text on
    its own line, list items with ``- `` or ``1. `` (indented two spaces a level), code as it
    stands, a table's rows with cells separated by `` | ``; blocks separated by a blank line,
    the items of one list and the lines of one paragraph of `source` by a line break. Front
    matter, link definitions, raw HTML, images and rules are not text a reader sees."""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        rendered = _plain(block)
        if not rendered:
            continue
        if parts:
            same_list = previous is not None and previous.kind == "list_item" and block.kind == "list_item"
            parts.append("\n" if same_list or _next_line(previous, block, source) else "\n\n")
        parts.append(rendered)
        previous = block
    return "".join(parts)


def _next_line(previous: Block | None, block: Block, source: str | None) -> bool:
    """Whether `block` starts on the source line right after `previous` ends: the lines of one
    paragraph that a reader cut apart for judging, written as one paragraph again."""
    if source is None or previous is None or previous.end is None or block.start is None:
        return False
    if previous.kind != "paragraph" or block.kind != "paragraph":
        return False
    return source[previous.end : block.start] in ("\n", "\r\n", "\r")


_SILENT = frozenset({"front_matter", "link_def", "html", "image", "rule"})


def _plain(block: Block) -> str:
    if block.kind in _SILENT:
        return ""
    if block.kind == "list_item":
        marker = f"{block.number if block.number is not None else 1}. " if block.ordered else "- "
        return "  " * block.depth + marker + block.text
    if block.kind == "table" and block.rows:
        return "\n".join(" | ".join(cell for cell in row) for row in block.rows)
    if block.kind == "code":
        return block.text.rstrip("\n")  # the line break that ends the last line is not a line
    return block.text
