"""Plain text → Document: one block a line, each with the exact span of its source lines.

A scraper's text has no markup to say where a paragraph starts, so the cleaner judges lines,
as it always has: a line (or a group of hard-wrapped lines put back together, or a piece of an
over-long line) is one block. Its `text` is what the rules read — spaces collapsed, wrapped
lines joined — while its span covers whole source lines, so the writers copy the input's own
lines back out, indentation, tabs and trailing spaces included.

The per-line work runs in the compiled core (`cleaner._core.read_text`, core/src/text.rs):
lines end at CR, LF and CRLF only (`str.splitlines` also splits at form feeds and U+2028,
which scraped text has inside lines); a line's visible text drops control characters (NUL
among them, never from the source written back), collapses runs of spaces and odd blanks and
strips its ends; a line longer than `settings.MAX_LINE_CHARS` is cut at spaces into pieces, so
that no block is unbounded; a piece that carries on the previous one's sentence (see
`wrapped_groups`) joins its block.
"""

from __future__ import annotations

from .. import _compiled, settings
from ..document import Document, text_paragraph


def read_text(source: str) -> Document:
    """The blocks of a plain text."""
    pieces = _compiled.read_text(source, settings.MAX_LINE_CHARS, settings.WRAP_MIN_CHARS)
    blocks = [text_paragraph(text, start, end, line) for text, start, end, line in pieces]
    return Document(blocks, source=source, format="text")


def wrapped_groups(lines: list[str]) -> list[list[int]]:
    """Indexes of the lines that make one hard-wrapped paragraph: a line joins the one before
    when that one stops mid-sentence (no closing punctuation, at least four words, and long,
    cut by wrapping, unless the line is more than one word: a heading followed by a poster's
    name is not one sentence), it starts in lower case, and the paragraph stays under the
    line-length limit."""
    return _compiled.wrapped_groups(lines, settings.MAX_LINE_CHARS, settings.WRAP_MIN_CHARS)
