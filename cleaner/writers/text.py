"""Plain text: a text input's kept lines as they came in; anything else in the canonical text
form of its blocks (`cleaner.document.plain_text`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import plain_text
from ._body import body_blocks, spliceable, title_of
from ._splice import splice

if TYPE_CHECKING:
    from ..article import Article


def render_text(article: Article, *, keep_title: bool = True) -> str:
    """The title (unless not wanted), a blank line, the body; one line break at the end."""
    if spliceable(article, "text"):
        return splice(article, keep_title=keep_title, lead=lambda title: title)
    title = title_of(article) if keep_title else None
    parts = [title] if title else []
    source = article.document.source if article.document is not None else None
    body = plain_text(body_blocks(article), source) if article.blocks else article.text
    if body:
        parts.append(body)
    return "\n\n".join(parts) + "\n"
