"""Who wrote the page: JSON-LD, <meta>, rel=author, itemprop=author and the byline in the markup.

What the page states is preferred to what its markup suggests, with one exception: a stated
author that is the site itself (``"author": {"@type": "Organization", "name": "Acme"}`` on
acme.com, or a login handle in ``<meta name="author">``) is what a CMS fills in by default, so
a person named in the page's byline beats it; the stated name stays when no byline names one.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

_META_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "byl",
    "og:article:author",
    "twitter:data1",
)
#: Keys whose every <meta> counts (papers list one tag per author).
_LIST_META_KEYS = ("citation_author", "dc.creator")
_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|authored|reported|words|story|text|article|post|recipe|insights|"
    r"contributed)\s+(?:by|from)|by|von|par|por|di|door|av|af|przez|автор|от|author|authors|"
    r"written by|posted by)\s*[:\-–—]?\s*",
    re.I,
)
_SPLIT = re.compile(r"\s+(?:\||–|—|-|·|•|»|/)\s+|\n|\s*\|\s*")
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december)\.?"
)
#: A date or a time after the name: "Luke Kim December 11, 2025", "Jane Doe on 3 May 2024".
_TRAILING_DATE = re.compile(
    rf"(?:,?\s+(?:on|at|updated|published|posted)\b.*|,?\s+{_MONTH}\s+\d.*|,?\s+\d{{1,2}}\s+{_MONTH}\b.*|"
    r",?\s+\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*|,?\s+\d+\s+(?:min|minute|minutes)\s+read\b.*)$",
    re.I,
)
#: Someone other than the author: "Reviewed by", "Fact checked by", "Edited by".
_NOT_AUTHOR = re.compile(
    r"\b(?:(?:medically\s+|expert\s+)?reviewed|fact[- ]?checked|edited|verified|illustrated|photographed|"
    r"photos?|images?)\s+by\b.*",
    re.I,
)
_DATE_START = re.compile(
    rf"^(?:{_MONTH}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH}|\d{{1,4}}[-/.]\d|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d|today\b|yesterday\b|\d+\s+(?:minutes?|hours?|days?)\s+ago)",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
#: Words that label a byline rather than name anyone.
_NOT_NAMES = frozenset(
    {
        "author", "authors", "by", "post", "posts", "posted", "written", "byline", "admin", "administrator",
        "unknown", "anonymous", "guest", "editor", "editors", "contributor", "contributors", "staff", "profile",
        "written by", "posted by", "view more posts", "view all posts", "read more", "about the author",
        "the author", "more posts", "updated", "sign in", "log in", "topic author", "original poster", "op",
        "share", "follow", "subscribe", "menu", "home", "search",
    }
)  # fmt: skip
_TEMPLATE = re.compile(r"\{\{|\}\}|\$\{|^[a-z]+(?:\.[a-z]{3,}){2,}$")
_DOM_SELECTOR = ",".join(
    (
        '[rel~="author"]',
        '[itemprop="author"]',
        '[class*="author" i]',
        '[class*="byline" i]',
        '[id*="author" i]',
        '[id*="byline" i]',
        '[class*="writer" i]',
        '[data-testid*="author" i]',
    )
)
_KEYWORD = re.compile(r"author|byline|writer", re.I)
#: What follows "author" in a class or id ("author-image", "author__bio") when the element is
#: something about the author other than the name.
_NOT_NAME_PART = re.compile(
    r"image|img|avatar|photo|picture|pic\b|thumb|icon|bio|desc|about|social|follow|title|job|role|position|"
    r"date|time|label|heading|more|count|list|comment|reply|box-wrapper|spotlight|tooltip|review",
    re.I,
)
#: What precedes it when the author is another page's or another person's ("comment-author",
#: "customer_review_author", "testimonial__author").
_NOT_PAGE_AUTHOR = re.compile(r"comment|review|testimonial|quote|reply", re.I)
_NAME_PART = re.compile(r"name|fn\b", re.I)
_SKIP_TAGS = frozenset({"style", "script", "link", "input", "img", "svg", "picture", "noscript", "textarea", "select"})
_MAX_DOM_NODES = 60
_ELSEWHERE = re.compile(
    r"(?:comments?|comment[-_](?:list|body|content|area|thread|item)s?|commentlist|replies|"
    r"related|sidebar|widget|recommend|site-footer|footer-widgets?)(?:[-_]\w*)?$"
)
_HANDLE = re.compile(r"[a-z0-9._]+")


def read_author(
    tree: LexborHTMLParser, meta: dict[str, str], jsonld: list[dict[str, Any]], site: str | None, url: str | None
) -> str | None:
    """The page's author, a name or several joined by "; "."""
    sites = _site_keys(site, meta, jsonld, url)
    stated = _from_jsonld(jsonld) or _from_meta(tree, meta)
    if stated is not None and not _weak(stated, sites):
        return stated[0]
    byline = _from_dom(tree, sites)
    if byline is not None:
        return byline
    return stated[0] if stated is not None else None


# --- JSON-LD -------------------------------------------------------------------------------------


_CONTENT_SUFFIXES = ("Article", "Posting", "Page", "Report", "Review", "Recipe", "HowTo", "Question", "Work")


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _from_jsonld(jsonld: list[dict[str, Any]]) -> tuple[str, bool] | None:
    """The names of the author of the page's main object, and whether all are organisations."""
    by_id = {obj["@id"]: obj for obj in jsonld if isinstance(obj.get("@id"), str)}
    ranked = sorted(
        (o for o in jsonld if "author" in o or "creator" in o),
        key=lambda o: 0 if any(t.endswith(_CONTENT_SUFFIXES) for t in _types(o)) else 1,
    )
    for obj in ranked:
        for key in ("author", "creator"):
            found: list[tuple[str, bool]] = []
            _ld_names(obj.get(key), by_id, found, 0)
            if found:
                names = list(dict.fromkeys(n for n, _ in found))
                return "; ".join(names), all(org for _, org in found)
    return None


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]], out: list[tuple[str, bool]], depth: int) -> None:
    if depth > 4 or value is None:
        return
    if isinstance(value, list):
        for item in value[:20]:
            _ld_names(item, by_id, out, depth + 1)
        return
    if isinstance(value, str):
        name = person(value)
        if name:
            out.append((name, False))
        return
    if not isinstance(value, dict):
        return
    if "name" not in value and isinstance(value.get("@id"), str) and value["@id"] in by_id:
        value = by_id[value["@id"]]
    raw = value.get("name")
    if isinstance(raw, list | dict):
        _ld_names(raw, by_id, out, depth + 1)
        return
    if not isinstance(raw, str):
        parts = [value.get("givenName"), value.get("familyName")]
        raw = " ".join(p for p in parts if isinstance(p, str))
    name = person(raw)
    if name:
        out.append((name, "Organization" in _types(value) or any(t.endswith("Organization") for t in _types(value))))


# --- <meta> --------------------------------------------------------------------------------------


def _from_meta(tree: LexborHTMLParser, meta: dict[str, str]) -> tuple[str, bool] | None:
    for key in _LIST_META_KEYS:
        values = [
            n.attributes.get("content") or ""
            for n in tree.css(f'meta[name="{key}" i][content]')[:20]
        ]  # fmt: skip
        names = list(dict.fromkeys(p for p in (person(v) for v in values) if p))
        if len(names) > 1:
            return "; ".join(names), False
    for key in _META_KEYS:
        value = meta.get(key)
        if key == "twitter:data1" and (meta.get("twitter:label1") or "").lower() not in ("written by", "author"):
            continue
        name = person(value)
        if name:
            return name, False
    return None


# --- the byline in the markup --------------------------------------------------------------------


def _from_dom(tree: LexborHTMLParser, sites: set[str]) -> str | None:
    """The first name a byline element gives: an element whose class says it holds the name
    ("author-name", "byline__author") before the wrapper around name, picture and date, and a
    person before the site's own name ("By Acme Staff")."""
    found: list[tuple[int, str]] = []
    for node in tree.css(_DOM_SELECTOR)[:_MAX_DOM_NODES]:
        if node.tag in _SKIP_TAGS or _in_skipped(node):
            continue
        role = _role(node)
        if role is None:
            continue
        name = _node_name(node)
        if name:
            found.append(((2 if _is_site(name, sites) else 0) + (0 if role == "name" else 1), name))
    return min(found, key=lambda f: f[0])[1] if found else None


def _role(node: LexborNode) -> str | None:
    """ "name" for an element whose class or id says it holds the author's name, "byline" for
    one around it (name, picture, date), None for one about something else."""
    attrs = node.attributes
    if attrs.get("rel") == "author" or attrs.get("itemprop") == "author":
        return "name"
    tokens = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('data-testid') or ''}".split()
    role = None
    for token in tokens:
        m = _KEYWORD.search(token)
        if m is None:
            continue
        before, after = token[: m.start()], token[m.end() :]
        if _NOT_PAGE_AUTHOR.search(before):
            return None
        if _NAME_PART.search(after):
            return "name"
        if not _NOT_NAME_PART.search(after):
            role = "byline"
    return role


def _in_skipped(node: LexborNode) -> bool:
    """Inside a comment, a list of related posts, a sidebar widget or the page's footer:
    another page's or another person's name."""
    parent = node.parent
    for _ in range(15):
        if parent is None or parent.tag in ("article", "main", "body"):
            return False
        if parent.tag == "nav":
            return True
        marks = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}".lower().split()
        if any(_ELSEWHERE.match(m) for m in marks):
            return True
        parent = parent.parent
    return False


def _node_name(node: LexborNode) -> str | None:
    if node.tag == "meta":
        return person(node.attributes.get("content"))
    inner = node.css_first('[itemprop="name"]')
    if inner is not None and inner is not node:
        name = person(inner.attributes.get("content") or inner.text(deep=True, separator=" "))
        if name:
            return name
    text = node.text(deep=True, separator=" ")
    if len(text) > 200:
        return None
    return person(text)


# --- names ---------------------------------------------------------------------------------------


def person(value: str | None) -> str | None:
    """A byline reduced to a name; None for URLs, handles, dates, labels and sentences."""
    if not value or not isinstance(value, str):
        return None
    value = " ".join(html.unescape(value[:400]).split())  # a name is short; a huge attribute is not one
    emails = _EMAIL.findall(value)
    if emails:
        inside = re.search(r"\(([^()@]+)\)", value)  # "jane@example.com (Jane Doe)"
        value = inside.group(1) if inside else _EMAIL.sub("", value)
    value = _NOT_AUTHOR.sub("", value)
    for _ in range(2):
        value = _PREFIX.sub("", value)
    value = _SPLIT.split(value)[0].strip(" ,;:")
    if _DATE_START.match(value):  # "Sat, 20 Dec, 2025": a date where the name should be
        return None
    value = _TRAILING_DATE.sub("", value).strip(" ,;:")
    value = value.strip("\"'“”«»").strip()
    if not value or len(value) > 80 or "://" in value or value.startswith(("@", "www.", "/")):
        return None
    if len(value.split()) > 8 or _TEMPLATE.search(value) or value.lower() in _NOT_NAMES or _DATE_START.match(value):
        return None
    if not any(c.isalpha() for c in value) or (value.endswith((".", "!", "?")) and len(value.split()) > 4):
        return None
    return value


def _key(text: str) -> str:
    return "".join(re.findall(r"\w+", text.lower()))


def _site_keys(site: str | None, meta: dict[str, str], jsonld: list[dict[str, Any]], url: str | None) -> set[str]:
    keys = {site, meta.get("og:site_name"), meta.get("application-name")}
    for obj in jsonld:
        types = _types(obj)
        if "WebSite" in types or "Organization" in types:
            keys.add(obj.get("name") if isinstance(obj.get("name"), str) else None)
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            keys.add(publisher["name"])
    host = urlsplit(url).hostname if url else None
    if host:
        labels = host.removeprefix("www.").split(".")
        keys.add(max(labels[:-1] or labels, key=len))
    return {_key(k) for k in keys if isinstance(k, str) and _key(k)}


def _is_site(name: str, sites: set[str]) -> bool:
    """ "Acme", "Acme News", "acme.com" on acme.com: the site, not a person."""
    key = _key(name)
    return any(key == s or (len(s) >= 4 and s in key and len(key) <= len(s) + 12) for s in sites)


def _weak(found: tuple[str, bool], sites: set[str]) -> bool:
    """A stated author that is an organisation, the site itself or a login handle ("jdoe"):
    a CMS's default, which a person named in the byline beats."""
    name, organisation = found
    return organisation or _key(name) in sites or _HANDLE.fullmatch(name) is not None
