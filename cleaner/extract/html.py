"""`extract_html`: HTML → Article, by the pre-pass and one of two engines, then the text cleaner.

html ─ decode ─ pre-pass (parse, drop chrome, metadata, page type, container)
                  ├─ fast: block scorer on the container (selectolax only)
                  └─ best: trafilatura on the container's HTML (block scorer as a check)
     ─ clean_text (syndication rules) ─ Article (+ metadata, page_type, confidence)
"""

from __future__ import annotations

from ..article import Article
from ..clean.engine import RulesArg, clean_text
from ..errors import ExtractionError
from ._decode import decode_html
from ._rules import rules_for
from .best import trafilatura_lines
from .confidence import agreement, confidence
from .fast import fast_lines
from .metadata import Metadata
from .prepass import Prepass, run_prepass

ENGINES = ("best", "fast")


def extract_html(html: str | bytes, url: str | None = None, *, engine: str = "best", rules: RulesArg = None) -> Article:
    """Extract the main content and metadata of an HTML page and clean it.

    `engine` is ``best`` (pre-pass + trafilatura + the cleaner's rules, the default) or ``fast``
    (pre-pass + a block scorer, selectolax only); both return the same kind of Article, with
    `page_type` and `confidence` set. Raises ExtractionError for input that is not a web page.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if isinstance(html, bytes):
        if b"\x00" in html[:8192] and not html.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ExtractionError("looks like a binary file, not HTML", source=url)
        html = decode_html(html)
    if not html.strip():
        return Article(url=url, confidence=0.0)
    try:
        pre = run_prepass(html, url)
    except (RecursionError, MemoryError) as exc:
        raise ExtractionError(f"page too complex to parse ({type(exc).__name__})", source=url) from None
    lines, agree = _lines(pre, url, engine)
    lines = _add_stated(lines, pre)
    return _article(lines, pre, rules, agree)


def _lines(pre: Prepass, url: str | None, engine: str) -> tuple[list[str], float | None]:
    if pre.container is None:
        return [], None
    if engine == "fast":
        return fast_lines(pre.container, pre.profile), None
    container_html = pre.container.html or ""
    fast = fast_lines(pre.container, pre.profile)
    try:
        best = trafilatura_lines(container_html, pre.metadata.title, url, pre.profile)
    except Exception:  # trafilatura fails on some broken markup: the block scorer stands in
        return fast, None
    fast_text, best_text = "\n".join(fast), "\n".join(best)
    agree = agreement(fast_text, best_text)
    if not best:
        return fast, agree
    if pre.profile.spread and len(best_text.split()) < _min_recall() * len(fast_text.split()):
        return fast, agree
    return best, agree


def _min_recall() -> float:
    from .. import settings

    return settings.BEST_MIN_RECALL


def _add_stated(lines: list[str], pre: Prepass) -> list[str]:
    """Add what the page states only in JSON-LD: a product's description, an article body."""
    from .. import settings

    md = pre.metadata
    words = sum(len(line.split()) for line in lines)
    if words < 50:
        bodies = [str(o["articleBody"]) for o in md.jsonld if isinstance(o.get("articleBody"), str)]
        if bodies and len(bodies[0].split()) > words:
            return [p.strip() for p in bodies[0].splitlines() if p.strip()]
    desc = md.description
    if pre.page_type == "product" and desc and len(desc) >= settings.JSONLD_DESCRIPTION_MIN_CHARS:
        text = " ".join(lines).lower()
        if desc[:60].lower() not in text:
            return [*lines, desc]
    return lines


def _article(lines: list[str], pre: Prepass, rules: RulesArg, agree: float | None) -> Article:
    md: Metadata = pre.metadata
    title = md.title
    ruleset = rules_for(rules, positional=pre.profile.positional_rules)
    article = clean_text("\n".join(lines), rules=ruleset, title=title)
    if pre.profile.keep_title and md.h1 and not article.text.startswith(md.h1):
        article.text = f"{md.h1}\n\n{article.text}" if article.text else md.h1
    article.title = title or article.title
    article.author = md.author or article.author
    article.date = md.date
    article.url = md.url
    article.sitename = md.sitename
    article.language = md.language or article.language
    article.page_type = pre.page_type
    words = len(article.text.split())
    article.confidence = confidence(
        words=words,
        concentration=pre.container_prose / pre.page_prose if pre.page_prose else 0.0,
        link_share=pre.container_link_chars / pre.container_chars if pre.container_chars else 1.0,
        page_type=pre.page_type,
        semantic=pre.semantic,
        agree=agree,
    )
    return article
