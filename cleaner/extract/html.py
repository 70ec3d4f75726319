"""`extract_html`: trafilatura finds the main text and metadata; `clean_text` strips the
syndication boilerplate that extraction leaves in."""

from __future__ import annotations

import re
from typing import Any

from ..article import Article
from ..clean.engine import RulesArg, clean_text
from ..errors import ExtractionError

_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)


ENGINES = ("best", "fast")


def extract_html(html: str | bytes, url: str | None = None, *, engine: str = "best", rules: RulesArg = None) -> Article:
    """Extract the article of an HTML page and clean it.

    `engine` is ``best`` (the default) or ``fast``; both return the same kind of Article.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    import trafilatura

    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html.strip():
        return Article(url=url)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise ExtractionError(f"extraction failed: {exc}", source=url) from exc
    meta: dict[str, Any] = doc.as_dict() if doc is not None else {}
    article = clean_text(meta.get("text") or "", rules=rules, title=meta.get("title"))
    article.author = article.author or meta.get("author")
    article.date = meta.get("date")
    article.url = meta.get("url") or url
    article.sitename = meta.get("sitename")
    article.language = meta.get("language") or _html_lang(html) or article.language
    return article


def _html_lang(html: str) -> str | None:
    found = _LANG.search(html[:5000].encode("utf-8", "replace"))
    return found.group(1).decode().lower() if found else None
