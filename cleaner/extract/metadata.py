"""What a page states about itself: JSON-LD, OpenGraph and <meta> tags, <time>, <title>, <h1>.

Read from the parsed page before the pre-pass prunes it. Stated values are preferred to
guessed ones; the text of the page is only looked at for a byline or a date when nothing is
stated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from .. import settings
from .author import person, read_author

_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})/(\d{1,2})/(?:(\d{1,2})/)?")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "jan january janvier januar enero gennaio",
            "feb february février fevrier februar febrero febbraio",
            "mar march mars märz marzo",
            "apr april avril abril aprile",
            "may mai mayo maggio",
            "jun june juin juni junio giugno",
            "jul july juillet juli julio luglio",
            "aug august août aout agosto",
            "sep sept september septembre septiembre settembre",
            "oct october octobre oktober octubre ottobre",
            "nov november novembre noviembre",
            "dec december décembre decembre dezember diciembre dicembre",
        ]
    )
    for m in names.split()
}
_TEXT_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\W\d_]{3,9})\.?,?\s+(\d{4})|([^\W\d_]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b"
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»«-]\s+|\s+::\s+")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published-date",
    "release_date",
    "citation_publication_date",
    "citation_date",
)
_DATE_CLASSES = ",".join(
    f'[class*="{c}" i]'
    for c in ("date", "publish", "posted", "byline", "post-meta", "entry-meta", "article-meta", "timestamp")
)


@dataclass
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    #: schema.org @type values the page states (JSON-LD and microdata).
    schema_types: list[str] = field(default_factory=list)
    #: JSON-LD objects of the page, flattened (@graph and lists opened).
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    #: The <h1> text, and how many <h1> the page has.
    h1: str | None = None


def read_metadata(tree: LexborHTMLParser, url: str | None) -> Metadata:
    meta = _meta_tags(tree)
    jsonld = _jsonld(tree)
    md = Metadata(jsonld=jsonld)
    md.schema_types = _schema_types(tree, jsonld)
    h1 = tree.css_first("h1")
    md.h1 = _clean(h1.text(deep=True)) if h1 is not None else None
    md.title = _title(tree, meta, jsonld, md.h1)
    md.date = _date(tree, meta, jsonld, url)
    md.sitename = _sitename(meta, jsonld, url)
    md.author = read_author(tree, meta, jsonld, md.sitename, url)
    md.language = _language(tree, meta)
    md.url = url or meta.get("og:url") or _canonical(tree)
    md.description = _first(*_ld_values(jsonld, "description"), meta.get("og:description"), meta.get("description"))
    return md


# --- sources ---------------------------------------------------------------------------------


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    """<meta name|property|itemprop=… content=…>, lower-cased keys, first value wins."""
    out: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        content = (attrs.get("content") or "").strip()
        if not content:
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                out.setdefault(name.strip().lower(), content)
    return out


def _jsonld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True).strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas and stray control characters are common
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
            except ValueError:
                continue
        _flatten(data, objects, 0)
    return objects


def _flatten(data: Any, out: list[dict[str, Any]], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            _flatten(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                _flatten(data[key], out, depth + 1)


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _schema_types(tree: LexborHTMLParser, jsonld: list[dict[str, Any]]) -> list[str]:
    found = [t for obj in jsonld for t in _types(obj)]
    for node in tree.css("[itemtype]")[:20]:
        found.append((node.attributes.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1])
    return [t for t in found if t]


def _ld_values(jsonld: list[dict[str, Any]], key: str, types: tuple[str, ...] = ()) -> list[Any]:
    return [obj[key] for obj in jsonld if key in obj and (not types or set(_types(obj)) & set(types))]


_CONTENT_TYPES = (
    "Article", "NewsArticle", "BlogPosting", "TechArticle", "Report", "ScholarlyArticle", "WebPage",
    "Product", "DiscussionForumPosting", "QAPage", "Question", "Recipe", "Review", "LiveBlogPosting",
    "OpinionNewsArticle", "AnalysisNewsArticle", "ReportageNewsArticle", "HowTo", "Course", "Event",
)  # fmt: skip


# --- fields ----------------------------------------------------------------------------------


def _title(tree: LexborHTMLParser, meta: dict[str, str], jsonld: list[dict[str, Any]], h1: str | None) -> str | None:
    """The page's own headline: an <h1> the <title> or og:title agrees with, else the stated one."""
    node = tree.css_first("title")
    doc_title = _clean(node.text()) if node is not None else None
    stated = _first(meta.get("og:title"), meta.get("twitter:title"), *_ld_values(jsonld, "headline"))
    if h1 and len(h1) < 300:
        key = _key(h1)
        for candidate in (stated, doc_title):
            if candidate and key and (key in _key(candidate) or _key(candidate) in key):
                return h1
    if stated and len(stated) < 300:
        return _strip_site(stated, meta)
    if doc_title:
        return _strip_site(doc_title, meta)
    return h1


def _strip_site(title: str, meta: dict[str, str]) -> str:
    """ "Headline | Site" → "Headline": the longest part when the title has separators."""
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site = _key(meta.get("og:site_name") or "")
    parts = [p for p in parts if _key(p) != site] or parts
    return max(parts, key=len).strip()


def _date(tree: LexborHTMLParser, meta: dict[str, str], jsonld: list[dict[str, Any]], url: str | None) -> str | None:
    """The publication date as ISO 8601 (YYYY-MM-DD)."""
    for value in _ld_values(jsonld, "datePublished") + _ld_values(jsonld, "dateCreated"):
        found = iso_date(value) if isinstance(value, str) else None
        if found:
            return found
    for key in _DATE_META:
        found = iso_date(meta.get(key.lower()))
        if found:
            return found
    for node in tree.css("time[datetime], [itemprop=datePublished]")[:5]:
        attrs = node.attributes
        found = iso_date(attrs.get("datetime") or attrs.get("content") or node.text(deep=True))
        if found:
            return found
    if url:
        m = _URL_DATE.search(urlsplit(url).path)
        if m and m.group(3):
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for value in _ld_values(jsonld, "dateModified"):
        found = iso_date(value) if isinstance(value, str) else None
        if found:
            return found
    modified = iso_date(meta.get("article:modified_time"))
    if modified:
        return modified
    first_time = tree.css_first("time")
    found = iso_date(first_time.text(deep=True)) if first_time is not None else None
    if found:
        return found
    for node in tree.css(_DATE_CLASSES)[:12]:  # "Posted on July 8, 2025" in a byline or meta line
        text = node.text(deep=True)
        if len(text) < 200:
            found = iso_date(text)
            if found:
                return found
    return None


def date_near_title(text: str, h1: str | None) -> str | None:
    """A written date ("December 15, 2025") shortly after the headline in the page's text."""
    start = text.find(h1) if h1 else -1
    start = max(start, 0)
    m = _TEXT_DATE.search(text, start, start + settings.DATE_SEARCH_CHARS)
    return iso_date(m.group(0)) if m else None


def iso_date(value: str | None) -> str | None:
    """ "2025-09-04T10:00:00Z", "2025/9/4", "4 September 2025", "Sep 4, 2025" → "2025-09-04"."""
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _TEXT_DATE.search(value)
    if m:
        if m.group(1):
            day, month, year = m.group(1), m.group(2), m.group(3)
        else:
            month, day, year = m.group(4), m.group(5), m.group(6)
        number = _MONTHS.get(month.lower())
        if number:
            return _valid(int(year), number, int(day))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    if 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _sitename(meta: dict[str, str], jsonld: list[dict[str, Any]], url: str | None) -> str | None:
    for obj in jsonld:
        if "WebSite" in _types(obj) and isinstance(obj.get("name"), str):
            return _clean(obj["name"])
    publisher = _ld_values(jsonld, "publisher")
    first = publisher[0] if publisher else None
    name = first.get("name") if isinstance(first, dict) else first
    stated = person(name) if isinstance(name, str) else None
    site = _first(meta.get("og:site_name"), meta.get("application-name"), stated)
    if site:
        return site
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _language(tree: LexborHTMLParser, meta: dict[str, str]) -> str | None:
    html = tree.css_first("html")
    value = html.attributes.get("lang") if html is not None else None
    value = value or meta.get("content-language") or meta.get("og:locale") or meta.get("language")
    if not value:
        return None
    code = re.split(r"[-_,;\s]", value.strip())[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def _canonical(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first('link[rel="canonical"]')
    href = node.attributes.get("href") if node is not None else None
    return href if href and href.startswith("http") else None


# --- helpers ---------------------------------------------------------------------------------


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _first(*values: Any) -> str | None:
    for value in values:
        cleaned = _clean(value)
        if cleaned:
            return cleaned
    return None


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
