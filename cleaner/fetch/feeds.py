"""RSS and Atom feeds → the URLs of their entries, parsed by feedparser (every RSS and Atom
version, and the malformed feeds found in the wild)."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urljoin

import feedparser

from ..errors import NotAFeed


def parse_feed(data: bytes, url: str) -> list[str]:
    """The entry links of a feed, relative ones made absolute; NotAFeed when it is none."""
    # a stream, never a str: feedparser would take a str for a URL or a file name to open
    parsed: Any = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed("not an RSS or Atom feed", source=url)
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), None)
        if link:
            links.append(urljoin(url, link))
    return links
