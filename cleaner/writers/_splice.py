"""The verbatim writer, shared by text and Markdown: kept blocks copied out of their source.

A text or Markdown input is written back as itself minus what was removed: each kept block is
its exact source (`Document.raw`), and between two kept blocks stands the source's own
separator, so tabs, hard breaks, a list's tightness and the author's blank lines survive.
Between neighbours that is the gap between them; where removed blocks lie in between, the gap
that followed the earlier kept block (the one the author put after it), never the removed
blocks' own. No gap leads; the output ends with exactly one line break.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import Block
from ._body import is_title, title_of

if TYPE_CHECKING:
    from ..article import Article


def splice(
    article: Article,
    *,
    keep_title: bool,
    lead: Callable[[str], str],
    front: bool = True,
) -> str:
    """The kept blocks of `article` as their source.

    A block taken for the title is written where it stands, or skipped without `keep_title`.
    When no block of the document is the title but the article has one, its line
    ``lead(title)`` and a blank line are written first (after the input's own front matter,
    which must stay on top), unless the first block is a heading saying the same. Without
    `front` a front matter block is left out (the body alone, for a JSON field beside the
    metadata).
    """
    document = article.document
    assert document is not None
    index = {id(block): i for i, block in enumerate(document.blocks)}
    in_source = [(index[id(b)], b) for b in article.blocks if id(b) in index]
    has_title_block = any(is_title(b) for _, b in in_source)
    written = [
        (i, b)
        for i, b in in_source
        if not (is_title(b) and not keep_title) and not (not front and b.kind == "front_matter")
    ]
    pieces = [list(piece) for piece in document.pieces(b for _, b in written)]
    title = title_of(article)
    own = document.metadata.get("title")  # stated by the input's own front matter: it is there
    if keep_title and title and not has_title_block and not (own and own.strip() == title.strip()):
        _lead(pieces, [b for _, b in written], title, lead(title))
    if not pieces:
        return ""
    return "".join(gap + text for gap, text in pieces).rstrip("\r\n") + _line_end(document.source or "")


def _lead(pieces: list[list[str]], blocks: list[Block], title: str, line: str) -> None:
    """Put the title line first, or right after a leading front matter block."""
    at = 1 if blocks and blocks[0].kind == "front_matter" else 0
    if at < len(blocks) and blocks[at].kind == "heading" and blocks[at].text.strip() == title.strip():
        return
    if at < len(pieces):
        pieces.insert(at, [pieces[at][0], line])
        pieces[at + 1][0] = "\n\n"
    else:
        pieces.append(["\n\n" if pieces else "", line])


def _line_end(source: str) -> str:
    """The source's own line break (its first), to end the output with: CRLF stays CRLF."""
    at = source.find("\n")
    return "\r\n" if at > 0 and source[at - 1] == "\r" else "\n"
