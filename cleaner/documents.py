"""One entry point for a document of unknown kind: HTML is extracted, text is cleaned."""

from __future__ import annotations

from .article import Article
from .clean.engine import RulesArg, clean_text
from .extract import extract_html
from .extract.html import SiteConfigArg
from .io.readers import looks_like_html
from .rules.ruleset import resolve


def clean_document(
    content: str | bytes,
    *,
    rules: RulesArg = None,
    url: str | None = None,
    engine: str = "best",
    site_config: SiteConfigArg = None,
) -> Article:
    """Clean `content`: run it through extraction first (with `engine`, and the site pattern
    files of `site_config`) when it looks like HTML. `url` (or, for HTML, the URL the page
    states) picks a profile's site rules and the site's pattern file."""
    if looks_like_html(content):
        return extract_html(content, url=url, rules=rules, engine=engine, site_config=site_config)
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    article = clean_text(content, rules=resolve(rules).for_url(url))
    article.url = url
    return article
