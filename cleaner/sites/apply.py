"""Applying a site pattern file to a page, before the generic extractor sees it.

    page ─ strip, strip_id_or_class, strip_image_src ─ title, author, date ─ body
         └ body matched:  the page's <head> and the body elements, for the generic extractor
                          (prune: yes, the default) or to be read as they are (prune: no)
         └ no match:      the stripped page, for the generic extractor (or a failure, with
                          autodetect_on_failure: no)

lxml parses the page here (XPath needs it); the rest of extraction keeps its own parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .config import SiteConfig, SiteConfigs

_STRIP_WORD = "//*[contains(@class, $word) or contains(@id, $word)]"
_STRIP_IMAGE = "//img[contains(@src, $word)]"
_CANONICAL = "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"


@dataclass
class Match:
    """How many elements (or values) one directive found on the page."""

    directive: str
    value: str
    line: int
    found: int


@dataclass
class SitePage:
    """A page after its site's rules: what the extractor reads, and what the rules found."""

    config: SiteConfig
    #: The page to extract from: stripped, and cut to <head> + body when the body matched.
    html: str
    #: The body elements' HTML when a body XPath matched.
    body: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    matches: list[Match] = field(default_factory=list)

    @property
    def prune(self) -> bool:
        return self.config.prune


def site_page(configs: SiteConfigs, html: str, url: str | None) -> SitePage | None:
    """The page with its site's rules applied, or None when no file is for its site (the URL,
    or the address the page states for itself, decides) or the page cannot be parsed."""
    config = configs.for_url(url) if url else None
    doc = None
    if config is None and not url and len(configs):
        doc = parse_page(html)
        stated = _first_text(doc.xpath(_CANONICAL)) if doc is not None else None
        config = configs.for_url(stated) if stated else None
    if config is None:
        return None
    if doc is None:
        doc = parse_page(html)
    return apply_site_config(config, doc) if doc is not None else None


def apply_site_config(config: SiteConfig, doc: Any) -> SitePage:
    """Apply `config` to a parsed page (lxml.html), which is changed in place."""
    from lxml import etree
    from lxml import html as lhtml

    matches: list[Match] = []
    for d in config.directives:
        if d.name == "strip":
            found = [n for n in _run(config.xpath(d), doc) if isinstance(n, etree._Element)]
        elif d.name in ("strip_id_or_class", "strip_image_src"):
            xpath = _STRIP_WORD if d.name == "strip_id_or_class" else _STRIP_IMAGE
            found = list(doc.xpath(xpath, word=d.value))
        else:
            continue
        _drop(found, doc)
        matches.append(Match(d.name, d.value, d.line, len(found)))
    page = SitePage(config, "")
    for name in ("title", "author", "date"):
        values: list[str] = []
        for d in config.all(name):
            texts = _texts(_run(config.xpath(d), doc))
            matches.append(Match(name, d.value, d.line, len(texts)))
            if texts and not values:
                values = texts
        if values:
            setattr(page, name, ", ".join(dict.fromkeys(values)) if name == "author" else values[0])
    bodies: list[Any] = []
    for d in config.all("body"):
        found = _outermost([n for n in _run(config.xpath(d), doc) if isinstance(n, etree._Element)])
        matches.append(Match("body", d.value, d.line, len(found)))
        if found and not bodies:
            bodies = found
    page.matches = matches
    if bodies:
        page.body = "".join(lhtml.tostring(n, encoding="unicode") for n in bodies)
        head = doc.find("head")
        head_html = lhtml.tostring(head, encoding="unicode") if head is not None else "<head></head>"
        page.html = f"<!DOCTYPE html><html>{head_html}<body>{page.body}</body></html>"
    else:
        page.html = lhtml.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>")
    return page


def body_failed(page: SitePage) -> bool:
    """The file names a body, none matched, and it says not to fall back to autodetection."""
    return page.body is None and not page.config.autodetect and bool(page.config.all("body"))


def parse_page(html: str) -> Any:
    """The page as lxml.html parses it, or None when it cannot."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        return lhtml.document_fromstring(html.encode("utf-8", "replace"), parser=_parser())
    except (etree.ParserError, ValueError):
        return None


_PARSER: list[Any] = []


def _parser() -> Any:
    if not _PARSER:
        from lxml import html as lhtml

        _PARSER.append(lhtml.HTMLParser(encoding="utf-8", remove_comments=True))
    return _PARSER[0]


def _run(xpath: Any, doc: Any) -> list[Any]:
    """An XPath's result as a list (a string or number result is one value)."""
    from lxml import etree

    try:
        result = xpath(doc)
    except etree.XPathEvalError:
        return []
    if isinstance(result, list):
        return result
    return [result] if result not in (None, "", False) else []


def _texts(found: list[Any]) -> list[str]:
    from lxml import etree

    out = []
    for item in found:
        text = item.text_content() if isinstance(item, etree._Element) else str(item)
        text = " ".join(text.split())
        if text:
            out.append(text)
    return out


def _first_text(found: Any) -> str | None:
    texts = _texts(found if isinstance(found, list) else [found])
    return texts[0] if texts else None


def _drop(nodes: list[Any], doc: Any) -> None:
    """Remove elements, keeping the text that follows each (lxml's drop_tree)."""
    for node in nodes:
        if node is doc or node.getparent() is None:
            continue
        node.drop_tree()


def _outermost(nodes: list[Any]) -> list[Any]:
    """The nodes that are not inside another of them, in document order."""
    chosen = {id(n) for n in nodes}
    out = []
    for node in nodes:
        parent = node.getparent()
        while parent is not None and id(parent) not in chosen:
            parent = parent.getparent()
        if parent is None:
            out.append(node)
    return out
