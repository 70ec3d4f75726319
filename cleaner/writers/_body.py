"""What every writer asks of an article: its title, its body blocks, whether it can be spliced."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Block

if TYPE_CHECKING:
    from ..article import Article


def is_title(block: Block) -> bool:
    return block.role == "title"


def title_of(article: Article) -> str | None:
    """The title a writer leads with: the article's, else the text of the block taken for it."""
    if article.title:
        return article.title
    for block in article.blocks:
        if is_title(block) and block.text.strip():
            return block.text.strip()
    return None


def body_blocks(article: Article) -> list[Block]:
    """The kept blocks without the title block.

    An article made without blocks (by code that sets only `text`) gets one paragraph per
    blank-line-separated part of its text, so that every writer still has blocks to render.
    """
    if article.blocks:
        return [b for b in article.blocks if not is_title(b)]
    return [Block("paragraph", part) for part in article.text.split("\n\n") if part.strip()]


def spliceable(article: Article, fmt: str) -> bool:
    """Whether the kept blocks can be written as their own source: a text or Markdown input
    whose every block has a span, and every kept block among them (a title the cleaner took
    from elsewhere, metadata say, may stand apart: it is written as a leading title)."""
    document = article.document
    if document is None or document.format != fmt or not document.verbatim:
        return False
    if not article.blocks and article.text:
        return False  # made by code that sets only `text`: there is nothing to copy
    ids = {id(b) for b in document.blocks}
    return all(id(b) in ids or is_title(b) for b in article.blocks)
