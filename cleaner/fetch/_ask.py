"""`Ask`: how to fetch one URL (an article page, robots.txt, a sitemap or feed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import settings

#: What a caller wants: an HTML page (anything else is NotHTML), or any body (sitemaps, feeds).
Want = Literal["html", "any"]


@dataclass(frozen=True)
class Ask:
    """How to fetch a URL: what its body must be, how much of it to read, which helpers apply."""

    want: Want = "html"
    #: Byte limit (None: the configured max_bytes); over it, TooLarge, or cut off with `truncate`.
    limit: int | None = None
    truncate: bool = False
    robots: bool = True
    cache: bool = True


#: An article page.
PAGE = Ask()
#: robots.txt: any type, the first 500 KiB, and always the current one (never from the cache).
ROBOTS = Ask(want="any", limit=settings.ROBOTS_MAX_BYTES, truncate=True, robots=False, cache=False)
#: A sitemap or a feed.
LISTING = Ask(want="any", limit=settings.SITEMAP_MAX_BYTES)
