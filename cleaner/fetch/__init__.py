"""Fetching pages politely and turning them into articles: `fetch`, `afetch` and their results.

client.py       one URL → its final page: redirects, retries, limits, robots, cache
_ask.py         what a fetch is for: a page, robots.txt, a sitemap or feed
_politeness.py  per-host concurrency and delay
_robots.py      robots.txt per origin, crawl-delay
_retry.py       backoff with jitter, Retry-After
cache.py        raw responses on disk, revalidated
_decode.py      bytes → text (header, <meta>, detection)
_extract.py     the extraction pool; _worker.py runs in it, _warm.py is what it preloads
sitemaps.py     sitemap files → URLs; feeds.py: RSS/Atom → URLs
run.py          the run: admission window, ordering, fetch/afetch
result.py       FetchResult; summary.py: the counts shown at the end of a run
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import FetchConfig, default_user_agent
from .result import FetchResult

if TYPE_CHECKING:
    from .run import afetch, fetch


def __getattr__(name: str) -> Any:
    """`fetch` and `afetch`, with httpx, asyncio and feedparser (a tenth of a second), loaded at
    their first use: a run that only cleans (`cleaner clean`, its worker processes) never needs
    them."""
    if name in ("fetch", "afetch"):
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FetchConfig", "FetchResult", "afetch", "default_user_agent", "fetch"]
