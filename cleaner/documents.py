"""The entry points for text of a known or unknown kind: the readers, then the cleaner.

clean_text(text)          plain text or Markdown (sniffed, or `format=`) → Article
clean_document(content)   the same, and HTML (extracted first) when it looks like HTML
"""

from __future__ import annotations

from ._timelimit import within
from .article import Article
from .clean.engine import RulesArg, clean_blocks
from .document import FORMATS
from .extract import extract_html
from .extract.html import SiteConfigArg
from .io.readers import looks_like_html
from .readers import read_document
from .rules.ruleset import resolve

#: What `format=` / `--input-format` take: a document's formats.
INPUT_FORMATS = FORMATS


def clean_text(
    text: str,
    *,
    rules: RulesArg = None,
    title: str | None = None,
    format: str | None = None,
    timeout: float | None = None,
    scorer: str | None = None,
) -> Article:
    """Remove syndication and scraping boilerplate from already-scraped text.

    `format` is ``text`` or ``markdown``, or None to tell them apart by the content. A Markdown
    input's front matter fills the title, author, date and URL it states (never the body), and
    its kept blocks come back byte for byte from `Article.to_markdown()`. `rules` is a
    `RuleSet`, a rules file or extra rules; `title`, when known, is kept once and its repeats
    removed. `timeout`: seconds it may take, else `TimeLimitExceeded` (see `clean_document`).
    `scorer`: ``rules`` or ``model`` (default `settings.BLOCK_SCORER`, see `clean_blocks`).
    """
    if timeout:
        return within(
            timeout, clean_text, text, rules=rules, title=title, format=format, scorer=scorer, what="cleaning the text"
        )
    doc = read_document(text, format)
    meta = doc.metadata
    article = clean_blocks(doc, rules=rules, title=title if title is not None else meta.get("title"), scorer=scorer)
    article.author = meta.get("author") or article.author
    article.date = meta.get("date") or article.date
    article.url = meta.get("url") or article.url
    return article


def clean_document(
    content: str | bytes,
    *,
    rules: RulesArg = None,
    url: str | None = None,
    engine: str = "best",
    site_config: SiteConfigArg = None,
    format: str | None = None,
    timeout: float | None = None,
    scorer: str | None = None,
) -> Article:
    """Clean `content`: run it through extraction first (with `engine`, and the site pattern
    files of `site_config`) when it is HTML (`format="html"`, or it looks like HTML when
    `format` is None). `url` (or, for HTML, the URL the page states) picks a profile's site
    rules and the site's pattern file.

    `timeout`: seconds the whole call may take (None or 0: no limit), else it raises
    `TimeLimitExceeded` (kind ``timeout``). On the main thread (Unix) the limit is a SIGALRM
    timer, unless the program already uses SIGALRM; elsewhere a watchdog thread raises in the
    calling thread (CPython). Both interrupt Python code only: a single call into C that runs
    long (a regex, the HTML parser) is stopped when it returns. To bound untrusted HTML hard, run
    it in worker processes: `cleaner clean --workers N` and `cleaner fetch` kill and replace a
    worker still busy past the limit.
    """
    if timeout:
        return within(
            timeout,
            clean_document,
            content,
            rules=rules,
            url=url,
            engine=engine,
            site_config=site_config,
            format=format,
            scorer=scorer,
            what="cleaning the document",
        )
    if format not in (None, *INPUT_FORMATS):
        raise ValueError(f"unknown input format {format!r} (known: {', '.join(INPUT_FORMATS)})")
    if format == "html" or (format is None and looks_like_html(content)):
        return extract_html(content, url=url, rules=rules, engine=engine, site_config=site_config, scorer=scorer)
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    article = clean_text(content, rules=resolve(rules).for_url(url), format=format, scorer=scorer)
    article.url = url or article.url
    return article
