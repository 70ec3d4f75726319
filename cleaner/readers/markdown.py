"""Markdown -> Document: markdown-it tells the structure, the source keeps the bytes.

markdown-it's block tokens carry `map`, the source lines they came from, so every leaf block
here gets the span of its whole source lines (a list item's paragraph includes its ``- ``
marker, a quote's its ``> ``) and writing a kept block back is a copy of the input. The lines
markdown-it gives no block are gaps (blank lines, a quote's bare ``>``), reference-style link
definitions (which the parser swallows without a token) or, past the nesting cap, text the
parser dropped: that text is kept as a plain paragraph and noted, never lost.

Decisions a reader of the output should know:

- `text` is what a reader sees: link anchor text (the target is a ``link`` mark), image alt
  text (an ``image`` mark), escapes and entities resolved, inline HTML dropped, whitespace
  runs one space. A hard break is a space as well: `text` is for judging, and the source span
  keeps the break for writing.
- A list item's first paragraph is a ``list_item`` with `depth` (0 for a top-level item),
  `ordered` and `number`. Any other leaf inside a list keeps its own kind; its `depth` is how
  many list items hold it (so a second paragraph of a top-level item has depth 1), except a
  leaf that opens an item (a fence right after ``1.``), which gets the item's depth and number.
- Front matter (YAML ``---`` or TOML ``+++``, closed within FRONT_MATTER_MAX_LINES lines and
  parsing to a mapping) is a ``front_matter`` block; its title, author, date and url go to
  `Document.metadata`. One that does not parse is read as ordinary Markdown.
- Hostile input is bounded, never refused: nesting past MARKDOWN_MAX_NESTING becomes plain
  text, inline parsing stops at MARKDOWN_INLINE_BUDGET (the rest is plain text), and each cap
  adds a line to `Document.notes`.
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference, unescapeAll
from markdown_it.token import Token

from cleaner import settings
from cleaner.document import Block, BlockKind, Document, Mark, MarkKind, join_texts, with_heading_paths

__all__ = ["read_markdown"]

# markdown-it counts lines by \n after turning \r\n and a lone \r into \n; nothing else breaks
# a line (str.splitlines would also split on \x0c, \x1c, \u2028 and shift every span after).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE = re.compile(r"\s+")
# Characters without which markdown-it's inline rules make nothing but text (a line break is
# a soft or hard break, both a space here): content without them skips the inline parser.
_INLINE_MARKUP = re.compile(r"[\\&*_`\[<~]")
_COSTLY = "[]!*_`<~&\\"
# Quote and list markers before the text of a line no block covers.
_CONTAINER = re.compile(r"[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))*")
_LINK_DEF = re.compile(
    r"[ ]{0,3}\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)"
    r"(?:[ \t]*\n?[ \t]*(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*"
)
_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_MARK_OPEN: dict[str, MarkKind] = {"em_open": "emphasis", "strong_open": "strong", "s_open": "strike"}
_MARK_CLOSE: dict[str, MarkKind] = {"em_close": "emphasis", "strong_close": "strong", "s_close": "strike"}

#: Front matter keys that fill `Document.metadata`, the first present winning (compared
#: case-insensitively).
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "author": ("author", "authors"),
    "date": ("date", "published", "pubdate"),
    "url": ("url", "link", "source", "original_url", "canonical_url"),
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": settings.MARKDOWN_MAX_NESTING})
    md.enable(["table", "strikethrough"])
    # The reader runs inline parsing itself, token by token, under a budget (see _Reader).
    md.disable("inline")
    return md


def read_markdown(source: str) -> Document:
    """Read Markdown into leaf blocks whose spans tile `source` (see the module docstring)."""
    return _Reader(source).read()


class _Lines:
    """Offsets of the source's lines, numbered as markdown-it numbers them."""

    def __init__(self, source: str) -> None:
        self.starts = [0]
        self.ends: list[int] = []
        for match in _LINE_BREAK.finditer(source):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(source))

    def __len__(self) -> int:
        return len(self.starts)


@dataclass(slots=True)
class _Item:
    depth: int
    ordered: bool
    number: int | None
    started: bool = False


@dataclass(slots=True)
class _Text:
    """Visible text being built from inline tokens, whitespace collapsed as it comes."""

    parts: list[str]
    marks: list[Mark]
    length: int = 0
    space: bool = True  # the text so far ends in a space (or is empty): drop a leading one

    def add(self, text: str, *, collapse: bool = True) -> None:
        if collapse:
            text = _SPACE.sub(" ", text)
            if self.space and text.startswith(" "):
                text = text[1:]
        if text:
            self.parts.append(text)
            self.length += len(text)
            self.space = text.endswith(" ")

    def result(self) -> tuple[str, tuple[Mark, ...]]:
        text = "".join(self.parts).rstrip(" ")
        marks: list[Mark] = []
        for mark in self.marks:
            start, end = min(mark.start, len(text)), min(mark.end, len(text))
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            if start < end or mark.kind in ("link", "image"):
                marks.append(Mark(mark.kind, start, end, mark.target))
        marks.sort(key=lambda m: (m.start, -m.end))
        return text, tuple(marks)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = _Lines(source)
        self.blocks: list[Block] = []
        self.block_lines: list[tuple[int, int]] = []  # each block's [first, last) source lines
        self.metadata: dict[str, str] = {}
        self.notes: list[str] = []
        self.env: dict[str, Any] = {}
        self.budget = settings.MARKDOWN_INLINE_BUDGET
        self.plain_runs = 0
        self.quote = 0
        self.lists: list[bool] = []
        self.items: list[_Item] = []

    def read(self) -> Document:
        md = _parser()
        skipped = self._front_matter()
        text = self.source
        if skipped:
            # Blank the front matter's lines: markdown-it must not read them, and keeping the
            # line count keeps every token's map in step with the source.
            rest = self.source[self.lines.starts[skipped] :] if skipped < len(self.lines) else ""
            text = "\n" * skipped + rest
        text, cuts = self._cut_tables(text, skipped)
        tokens = md.parse(text, self.env)
        self._walk(tokens)
        self._long_tables(cuts)
        self._uncovered(tokens)
        order = sorted(range(len(self.blocks)), key=lambda i: self.block_lines[i][0])
        blocks = with_heading_paths(self.blocks[i] for i in order)
        if self.plain_runs:
            self.notes.append(
                f"markdown: inline markup past the budget of {settings.MARKDOWN_INLINE_BUDGET:,} "
                f"read as plain text in {self.plain_runs:,} block(s)"
            )
        return Document(blocks, self.source, "markdown", self.metadata, self.notes)

    # --- blocks ------------------------------------------------------------------------------

    def _add(self, kind: BlockKind, text: str, lines: list[int] | None, **fields: Any) -> None:
        if lines is None:
            return
        first = max(lines[0], self.block_lines[-1][1] if self.block_lines else 0)
        last = min(lines[1], len(self.lines))
        if first >= last:  # markdown-it gave two leaves one line: the earlier keeps it
            return
        if self.items:
            item = self.items[-1]
            opens = not item.started
            for held in self.items:
                held.started = True
            if opens and kind == "paragraph":
                kind = "list_item"
            fields.setdefault("ordered", item.ordered)
            fields.setdefault("depth", item.depth if opens else item.depth + 1)
            if opens:
                fields.setdefault("number", item.number)
        if self.quote:
            fields.setdefault("quote", self.quote)
        block = Block(
            kind,
            text,
            start=self.lines.starts[first],
            end=self.lines.ends[last - 1],
            line=first + 1,
            **fields,
        )
        self.blocks.append(block)
        self.block_lines.append((first, last))

    def _walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote = max(0, self.quote - 1)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(kind == "ordered_list_open")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                if self.lists:
                    self.lists.pop()
            elif kind == "list_item_open":
                ordered = self.lists[-1] if self.lists else False
                number = int(token.info) if ordered and token.info.isdigit() else None
                self.items.append(_Item(len(self.items), ordered, number))
            elif kind == "list_item_close":
                if self.items:
                    self.items.pop()
            elif kind == "paragraph_open" and i + 1 < len(tokens):
                self._paragraph(token, tokens[i + 1])
                i += 3
                continue
            elif kind == "heading_open" and i + 1 < len(tokens):
                text, marks = self._inline(tokens[i + 1])
                self._add("heading", text, token.map, level=_HEADING_TAGS.get(token.tag, 1), marks=marks)
                i += 3
                continue
            elif kind in ("fence", "code_block"):
                lang = token.info.split()[0] if token.info.strip() else None
                code = token.content[:-1] if token.content.endswith("\n") else token.content
                self._add("code", code, token.map, lang=lang)
            elif kind == "html_block":
                self._add("html", _visible_html(token.content), token.map)
            elif kind == "hr":
                self._add("rule", "", token.map)
            elif kind == "table_open":
                i = self._table(tokens, i)
                continue
            i += 1

    def _paragraph(self, token: Token, inline: Token) -> None:
        text, marks = self._inline(inline)
        image = _lone_image(inline.children or [])
        if image is not None and not (self.items and not self.items[-1].started):
            self._add("image", text, token.map, src=image.attrGet("src") or "", marks=marks)
        elif self.items or token.map is None or token.map[1] - token.map[0] < 2:
            self._add("paragraph", text, token.map, marks=marks)
        else:
            for lines, (part, part_marks) in self._line_groups(inline, token.map, (text, marks)):
                self._add("paragraph", part, lines, marks=part_marks)

    def _line_groups(
        self, inline: Token, span: list[int], read: tuple[str, tuple[Mark, ...]]
    ) -> list[tuple[list[int], tuple[str, tuple[Mark, ...]]]]:
        """A paragraph of several source lines, cut where a line starts after a finished
        sentence or where both lines are only a link (a footer line under the last sentence, a
        crawler's menu of one link a line), so that a rule can take one of them; an author's
        soft wraps stay one block. Only when no inline construct spans two lines (each line
        read alone says the same words as the paragraph); else the paragraph stays whole."""
        whole = [(span, read)]
        contents = inline.content.split("\n")
        if len(contents) != span[1] - span[0] or len(contents) > settings.MARKDOWN_MAX_SPLIT_LINES:
            return whole
        parts = [self._inline(_line_token(content)) for content in contents]
        if " ".join(text for text, _ in parts if text).split() != read[0].split():
            return whole
        groups = _sentence_groups(parts)
        if len(groups) < 2:
            return whole
        out = []
        for group in groups:
            lines = [span[0] + group[0], span[0] + group[-1] + 1]
            out.append((lines, join_texts(parts[i] for i in group)))
        return out

    def _table(self, tokens: list[Token], i: int) -> int:
        """Read the table opening at tokens[i]; the index after its close."""
        opening = tokens[i]
        rows: list[list[tuple[str, tuple[Mark, ...]]]] = []
        header = False
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                header = True
            elif token.type == "tr_open":
                rows.append([])
            elif token.type == "inline" and rows:
                rows[-1].append(self._inline(token))
            i += 1
        parts: list[str] = []
        marks: list[Mark] = []
        offset = 0
        for r, row in enumerate(rows):
            line = ""
            filled = len(row)
            while filled and not row[filled - 1][0]:  # empty cells at the end say nothing
                filled -= 1
            for c, (cell, cell_marks) in enumerate(row[:filled]):
                line += " | " if c else ""
                at = offset + len(line)
                marks.extend(Mark(m.kind, m.start + at, m.end + at, m.target) for m in cell_marks)
                line += cell
            parts.append(line + ("\n" if r + 1 < len(rows) else ""))
            offset += len(parts[-1])
        cells = tuple(tuple(cell for cell, _ in row) for row in rows)
        self._add("table", "".join(parts), opening.map, rows=cells, header=header, marks=tuple(marks))
        return i + 1

    def _cut_tables(self, text: str, first: int) -> tuple[str, list[tuple[int, int]]]:
        """Blank the rows of long tables past MARKDOWN_MAX_TABLE_ROWS (the line count kept).

        A run of lines with a ``|`` whose second line is a delimiter row is taken for a table;
        the blanked rows end markdown-it's table, and `_long_tables` reads them after."""
        if text.count("\n") < settings.MARKDOWN_MAX_TABLE_ROWS:
            return text, []
        lines, starts, ends = self.lines, self.lines.starts, self.lines.ends
        cuts: list[tuple[int, int]] = []
        n = first
        while n < len(lines):
            if "|" not in self.source[starts[n] : ends[n]]:
                n += 1
                continue
            run = n
            while n < len(lines) and "|" in self.source[starts[n] : ends[n]]:
                n += 1
            keep = run + 2 + settings.MARKDOWN_MAX_TABLE_ROWS
            if n > keep and _DELIMITER_ROW.fullmatch(self.source[starts[run + 1] : ends[run + 1]]):
                cuts.append((keep, n))
        if not cuts:
            return text, []
        shift = len(self.source) - len(text)  # what blanking the front matter took off
        parts: list[str] = []
        position = 0
        for cut, stop in cuts:
            parts.append(text[position : starts[cut] - shift])
            parts.append("\n" * (stop - cut))
            position = starts[stop] - shift if stop < len(lines) else len(text)
        parts.append(text[position:])
        return "".join(parts), cuts

    def _long_tables(self, cuts: list[tuple[int, int]]) -> None:
        """Give the tables `_cut_tables` cut their other rows, split into cells here."""
        by_end = {last: i for i, (_, last) in enumerate(self.block_lines) if self.blocks[i].kind == "table"}
        for cut, stop in cuts:
            i = by_end.get(cut)
            if i is None:  # not a table after all: _uncovered keeps the lines as plain text
                continue
            block = self.blocks[i]
            width = len(block.rows[0]) if block.rows else 1
            rows = list(block.rows)
            for n in range(cut, stop):
                line = self.source[self.lines.starts[n] : self.lines.ends[n]].strip()
                line = line[1:] if line.startswith("|") else line
                line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
                cells = [_SPACE.sub(" ", unescapeAll(c.replace("\\|", "|"))).strip() for c in _CELL_SPLIT.split(line)]
                rows.append(tuple((cells + [""] * width)[:width]))
            block.rows = tuple(rows)
            block.text = "\n".join(" | ".join(row) for row in rows)
            block.end = self.lines.ends[stop - 1]
            self.block_lines[i] = (self.block_lines[i][0], stop)
            self.notes.append(
                f"markdown: table at line {block.line}: rows past {settings.MARKDOWN_MAX_TABLE_ROWS:,} "
                "read as plain cells (no inline markup)"
            )

    # --- inline ------------------------------------------------------------------------------

    def _inline(self, token: Token) -> tuple[str, tuple[Mark, ...]]:
        content = token.content
        if not _INLINE_MARKUP.search(content):
            out = _Text([], [])
            out.add(content)
            return out.result()
        cost = len(content) + settings.MARKDOWN_INLINE_MARKUP_COST * sum(content.count(ch) for ch in _COSTLY)
        if cost > self.budget:
            self.plain_runs += 1
            out = _Text([], [])
            out.add(unescapeAll(content))
            return out.result()
        self.budget -= cost
        md = _parser()
        children: list[Token] = []
        md.inline.parse(content, md, self.env, children)
        token.children = children
        return _render(children)

    # --- what no block covers: link definitions, text past the nesting cap -----------------

    def _uncovered(self, tokens: list[Token]) -> None:
        covered = sorted(self.block_lines)
        gaps: list[tuple[int, int]] = []
        cursor = 0
        for first, last in covered:
            if first > cursor:
                gaps.append((cursor, first))
            cursor = max(cursor, last)
        if cursor < len(self.lines):
            gaps.append((cursor, len(self.lines)))
        references = self.env.get("references", {})
        leftover: list[tuple[int, int]] = []
        for first, last in gaps:
            line = first
            run_start: int | None = None
            while line < last:
                body = self._body(line)
                taken = 0
                if body.strip():
                    taken = self._link_def(line, last, references)
                if taken or not body.strip():
                    if run_start is not None:
                        leftover.append((run_start, line))
                        run_start = None
                    line += max(taken, 1)
                    continue
                if run_start is None:
                    run_start = line
                line += 1
            if run_start is not None:
                leftover.append((run_start, last))
        for first, last in leftover:
            text = _SPACE.sub(" ", " ".join(self._body(n) for n in range(first, last))).strip()
            start, end = self.lines.starts[first], self.lines.ends[last - 1]
            self.blocks.append(Block("paragraph", text, quote=self._quote(first), start=start, end=end, line=first + 1))
            self.block_lines.append((first, last))
        if leftover:
            capped = any(t.level >= settings.MARKDOWN_MAX_NESTING - 1 for t in tokens)
            why = f"nesting past {settings.MARKDOWN_MAX_NESTING} levels" if capped else "no block read them"
            where = ", ".join(f"{a + 1}-{b}" if b - a > 1 else f"{a + 1}" for a, b in leftover[:5])
            more = f" and {len(leftover) - 5} more" if len(leftover) > 5 else ""
            self.notes.append(f"markdown: lines {where}{more} kept as plain text ({why})")

    def _body(self, line: int) -> str:
        raw = self.source[self.lines.starts[line] : self.lines.ends[line]]
        match = _CONTAINER.match(raw)
        return raw[match.end() :] if match else raw

    def _quote(self, line: int) -> int:
        raw = self.source[self.lines.starts[line] : self.lines.ends[line]]
        match = _CONTAINER.match(raw)
        return raw[: match.end()].count(">") if match else 0

    def _link_def(self, line: int, last: int, references: dict[str, Any]) -> int:
        """How many lines from `line` a link definition markdown-it registered takes (0: none)."""
        joined, best, found = "", 0, None
        for count in range(1, min(3, last - line) + 1):
            joined = (joined + "\n" if joined else "") + self._body(line + count - 1)
            match = _LINK_DEF.fullmatch(joined)
            if match is not None:  # the longest wins: a title may stand on the next line
                best, found = count, match
        if found is None:
            return 0
        reference = references.get(normalizeReference(found.group(1)))
        if reference is None:
            return 0
        self.blocks.append(
            Block(
                "link_def",
                found.group(1),
                src=str(reference.get("href", "")),
                start=self.lines.starts[line],
                end=self.lines.ends[line + best - 1],
                line=line + 1,
                quote=self._quote(line),
            )
        )
        self.block_lines.append((line, line + best))
        return best

    # --- front matter ------------------------------------------------------------------------

    def _front_matter(self) -> int:
        """Read front matter at the top into a block and metadata; how many lines it takes."""
        lines = self.lines
        opening = self.source[: lines.ends[0]].lstrip("\ufeff").rstrip()
        closers = {"---": ("---", "..."), "+++": ("+++",)}.get(opening)
        if closers is None:
            return 0
        for n in range(1, min(len(lines), settings.FRONT_MATTER_MAX_LINES + 1)):
            if lines.ends[n] > settings.FRONT_MATTER_MAX_CHARS:
                return 0
            if self.source[lines.starts[n] : lines.ends[n]].rstrip() not in closers:
                continue
            body = self.source[lines.starts[1] : lines.ends[n - 1]] if n > 1 else ""
            data = _parse_front_matter(body, toml=opening == "+++")
            if data is None:
                return 0
            self.metadata.update(_metadata(data))
            self.blocks.append(Block("front_matter", body, start=0, end=lines.ends[n], line=1))
            self.block_lines.append((0, n + 1))
            return n + 1
        return 0


def _render(children: list[Token]) -> tuple[str, tuple[Mark, ...]]:
    out = _Text([], [])
    open_marks: list[tuple[MarkKind, int, str | None]] = []
    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            out.add(child.content)
        elif kind == "code_inline":
            start = out.length
            out.add(child.content, collapse=False)
            out.marks.append(Mark("code", start, out.length))
        elif kind in ("softbreak", "hardbreak"):
            out.add(" ")
        elif kind == "link_open":
            open_marks.append(("link", out.length, str(child.attrGet("href") or "")))
        elif kind in _MARK_OPEN:
            open_marks.append((_MARK_OPEN[kind], out.length, None))
        elif kind == "link_close" or kind in _MARK_CLOSE:
            wanted = "link" if kind == "link_close" else _MARK_CLOSE[kind]
            for n in range(len(open_marks) - 1, -1, -1):
                if open_marks[n][0] == wanted:
                    mark_kind, start, target = open_marks.pop(n)
                    out.marks.append(Mark(mark_kind, start, out.length, target))
                    break
        elif kind == "image":
            start = out.length
            out.add(_alt(child.children or []))
            out.marks.append(Mark("image", start, out.length, str(child.attrGet("src") or "")))
        elif kind == "html_inline":
            continue
        elif child.content:
            out.add(child.content)
    return out.result()


def _alt(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type == "image":
            parts.append(_alt(child.children or []))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type != "html_inline":
            parts.append(child.content)
    return "".join(parts)


def _lone_image(children: list[Token]) -> Token | None:
    """The image of a paragraph that is only an image (perhaps inside a link)."""
    images: list[Token] = []
    for child in children:
        if child.type == "image":
            images.append(child)
        elif child.type not in ("link_open", "link_close", "softbreak") and (
            child.type != "text" or child.content.strip()
        ):
            return None
    return images[0] if len(images) == 1 else None


def _visible_html(content: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", content))).strip()


def _parse_front_matter(body: str, *, toml: bool) -> dict[str, Any] | None:
    """The front matter as a mapping, or None when it is not one (then it is Markdown)."""
    try:
        data = tomllib.loads(body) if toml else yaml.safe_load(body)
    # YAML and TOML parsers raise more than their own errors on odd input (a date out of range
    # is a ValueError, deep nesting a RecursionError); any failure means "not front matter".
    except Exception:
        return None
    if data is None and not toml:
        return {}
    return data if isinstance(data, dict) else None


def _metadata(data: dict[str, Any]) -> dict[str, str]:
    lowered = {str(key).lower(): value for key, value in data.items()}
    out: dict[str, str] = {}
    for name, keys in _META_KEYS.items():
        for key in keys:
            value = _as_text(lowered.get(key))
            if value:
                out[name] = value
                break
    return out


def _as_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, str):
        return _SPACE.sub(" ", value).strip()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    if isinstance(value, list):
        return ", ".join(text for text in (_as_text(v) for v in value[:20]) if text)
    return ""


_SENTENCE_END = tuple(".!?…:。！？")
_CLOSERS = "\"'”’»)]*_ "


def _sentence_groups(parts: list[tuple[str, tuple[Mark, ...]]]) -> list[list[int]]:
    """Indexes of the lines that stay together (see `_Reader._line_groups`)."""
    groups: list[list[int]] = []
    for i, (text, marks) in enumerate(parts):
        if not text:
            return []
        if groups:
            previous, previous_marks = parts[i - 1]
            finished = previous.rstrip(_CLOSERS).endswith(_SENTENCE_END) and not text[:1].islower()
            if not (finished or (_only_link(previous, previous_marks) and _only_link(text, marks))):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def _only_link(text: str, marks: tuple[Mark, ...]) -> bool:
    return any(m.kind == "link" and m.start == 0 and m.end >= len(text.rstrip()) for m in marks)


def _line_token(content: str) -> Token:
    """An inline token for one line of a paragraph, to read it alone."""
    token = Token("inline", "", 0)
    token.content = content
    return token
