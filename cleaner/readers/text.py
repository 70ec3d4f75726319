"""Plain text → Document: one block a line, each with the exact span of its source lines.

A scraper's text has no markup to say where a paragraph starts, so the cleaner judges lines,
as it always has: a line (or a group of hard-wrapped lines put back together, or a piece of an
over-long line) is one block. Its `text` is what the rules read — spaces collapsed, wrapped
lines joined — while its span covers whole source lines, so the writers copy the input's own
lines back out, indentation, tabs and trailing spaces included.
"""

from __future__ import annotations

import re

from .. import settings
from ..document import Block, Document

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"[ \t\u00a0\u200b\u3000]+")
_ODD_BLANK = re.compile(r"[\u00a0\u200b\u3000]")
_CLOSERS = "\"'”’»)]›」』*_ \u00a0"
_SENTENCE_END = frozenset(".!?…。！？")


def line_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break. Only CR, LF and CRLF end a line:
    `str.splitlines` also splits at form feeds and U+2028, which scraped text has inside lines."""
    spans: list[tuple[int, int]] = []
    start = 0
    if "\r" not in source:  # the common case: split at LF in C, offsets by running sum
        for line in source.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        if spans and spans[-1][0] == spans[-1][1] == len(source):
            spans.pop()  # the final line break ends the last line, it starts none
        return spans
    for match in _NEWLINE.finditer(source):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(source):
        spans.append((start, len(source)))
    return spans


def read_text(source: str) -> Document:
    """The blocks of a plain text. NUL and other control characters are dropped from the
    text rules read (never from the source written back)."""
    blocks: list[Block] = []
    # One pass: a piece that carries on the previous one's sentence joins its block (the
    # grouping `wrapped_groups` describes), any other starts a block of its own.
    texts: list[str] = []
    start = end = line = size = 0
    for text, piece_start, piece_end, number in _pieces(source):
        if texts and carries_on(texts[-1], text, size):
            texts.append(text)
            end = piece_end
            size += len(text) + 1
            continue
        if texts:
            joined = texts[0] if len(texts) == 1 else " ".join(texts)
            blocks.append(Block("paragraph", joined, start=start, end=end, line=line))
        texts, start, end, line, size = [text], piece_start, piece_end, number, len(text)
    if texts:
        joined = texts[0] if len(texts) == 1 else " ".join(texts)
        blocks.append(Block("paragraph", joined, start=start, end=end, line=line))
    return Document(blocks, source=source, format="text")


def _pieces(source: str) -> list[tuple[str, int, int, int]]:
    """(visible text, start, end, 1-based line) of each non-blank line; an over-long line in
    pieces cut at spaces, so that no block is unbounded."""
    limit = settings.MAX_LINE_CHARS
    out: list[tuple[str, int, int, int]] = []
    for number, (start, end) in enumerate(line_spans(source), 1):
        if end - start <= limit:
            text = visible(source[start:end])
            if text:
                out.append((text, start, end, number))
            continue
        cut = start
        while cut < end:
            stop = min(cut + limit, end)
            if stop < end:
                space = source.rfind(" ", cut + limit // 2, stop)
                stop = space if space > cut else stop
            text = visible(source[cut:stop])
            if text:
                out.append((text, cut, stop, number))
            elif out and out[-1][2] == cut:  # blank piece: extend the previous one over it
                out[-1] = (out[-1][0], out[-1][1], stop, out[-1][3])
            cut = stop
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def visible(raw: str) -> str:
    """A line as rules read it: control characters (NUL among them) dropped, runs of spaces
    and odd blanks collapsed, ends stripped. Most lines have none of these and come back as
    they are without a regex call (`isprintable` is false for tabs, controls and odd blanks)."""
    if raw.isprintable():
        return raw.strip() if "  " not in raw else _SPACES.sub(" ", raw).strip()
    if _CONTROL.search(raw):
        raw = _CONTROL.sub(" ", raw)
    return _SPACES.sub(" ", raw).strip()


def wrapped_groups(lines: list[str]) -> list[list[int]]:
    """Indexes of the lines that make one hard-wrapped paragraph (see `carries_on`)."""
    groups: list[list[int]] = []
    size = 0
    for i, line in enumerate(lines):
        if groups and carries_on(lines[groups[-1][-1]], line, size):
            groups[-1].append(i)
            size += len(line) + 1
        else:
            groups.append([i])
            size = len(line)
    return groups


def carries_on(previous: str, line: str, size: int) -> bool:
    """Whether `line` is the same hard-wrapped paragraph as the one `previous` ends (`size`
    characters so far): `previous` stops mid-sentence and `line` starts in lower case, up to
    the line-length limit."""
    return line[:1].islower() and size + len(line) < settings.MAX_LINE_CHARS and _continues(previous, line)


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the sentence `previous` stopped in: `previous` has no closing
    punctuation and is long (cut by hard wrapping), or `line` is more than one word (a
    heading followed by a poster's name is not one sentence)."""
    tail = previous.rstrip(_CLOSERS)
    if not tail or tail[-1] in _SENTENCE_END or tail[-1] == ":" or previous.count(" ") < 3:
        return False
    return len(previous) >= settings.WRAP_MIN_CHARS or " " in line
