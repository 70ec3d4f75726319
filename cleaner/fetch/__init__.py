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

from .config import FetchConfig, default_user_agent
from .result import FetchResult
from .run import afetch, fetch

__all__ = ["FetchConfig", "FetchResult", "afetch", "default_user_agent", "fetch"]
