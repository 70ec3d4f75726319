"""Sitemaps (https://www.sitemaps.org/protocol.html) → page URLs.

A sitemap is a ``<urlset>`` of page URLs, a ``<sitemapindex>`` of further sitemaps, or a plain
text list of URLs; any of them may be gzipped (as a ``.xml.gz`` file, not just in transit).
Malformed XML (an unescaped ``&`` is common) falls back to reading the ``<loc>`` elements.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

from .. import settings
from ..errors import NotASitemap, TooLarge

_LOC = re.compile(rb"<loc>\s*(?:<!\[CDATA\[)?\s*(.*?)\s*(?:\]\]>)?\s*</loc>", re.S | re.I)
_INDEX = re.compile(rb"<(?:\w+:)?sitemapindex\b", re.I)


@dataclass
class Sitemap:
    """What one sitemap file lists: pages, or (an index) more sitemaps."""

    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def gunzip(data: bytes, url: str, limit: int = settings.SITEMAP_MAX_BYTES) -> bytes:
    """Decompress gzip data (a ``.gz`` file), refusing to grow past `limit` bytes."""
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise NotASitemap(f"broken gzip data: {exc}", source=url) from None
    if len(out) > limit:
        raise TooLarge(f"uncompresses to more than {limit:,} bytes", source=url)
    return out


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    """The URLs listed in one sitemap file (gzipped or not); NotASitemap when it is none."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, url)
    head = data.lstrip()[:1]
    if head and head != b"<":
        pages = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
        pages = [p for p in pages if p.startswith(("http://", "https://"))]
        if not pages:
            raise NotASitemap("neither XML nor a list of URLs", source=url)
        return Sitemap(pages=pages)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return _parse_loose(data, url)
    kind = root.tag.rsplit("}", 1)[-1].lower()
    if kind not in ("urlset", "sitemapindex"):
        raise NotASitemap(f"the document is <{kind}>, not <urlset> or <sitemapindex>", source=url)
    locs = [(el.text or "").strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1].lower() == "loc"]
    locs = [loc for loc in locs if loc]
    return Sitemap(sitemaps=locs) if kind == "sitemapindex" else Sitemap(pages=locs)


def _parse_loose(data: bytes, url: str) -> Sitemap:
    locs = [html.unescape(m.group(1).decode("utf-8", "replace")) for m in _LOC.finditer(data)]
    if not locs:
        raise NotASitemap("not well-formed XML and no <loc> elements", source=url)
    return Sitemap(sitemaps=locs) if _INDEX.search(data[:4096]) else Sitemap(pages=locs)
