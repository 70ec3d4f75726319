"""`cleaner site-config test DIR`: do a directory's site pattern files still fit their sites?

Each file's ``test_url`` is fetched (politely, through `cleaner.fetch`, into a cache) when the
network allows; otherwise the copy a cache directory already holds is read. The file is then
applied to the page: which of its rules still match anything, and whether the article holds
each ``test_contains`` text.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CleanerError
from ..extract import extract_html
from ..extract._decode import decode_html
from ..fetch import fetch
from ..fetch.cache import DiskCache
from .apply import Match, apply_site_config, parse_page
from .config import Directive, SiteConfig, SiteConfigs, SiteTest

#: Redirects followed inside the cache (a cached 301 points at the entry of its target).
_CACHE_HOPS = 5


@dataclass
class SiteCheck:
    """One test page of one file: where the page came from and what the rules found on it."""

    config: SiteConfig
    test: SiteTest
    #: ``fetched``, ``cached`` (read from the cache: the network did not give it) or ``missing``.
    page: str = "missing"
    problem: str | None = None
    matches: list[Match] = field(default_factory=list)
    missing: list[Directive] = field(default_factory=list)

    @property
    def body_matched(self) -> bool:
        bodies = [m for m in self.matches if m.directive == "body"]
        return not bodies or any(m.found for m in bodies)

    @property
    def ok(self) -> bool:
        return self.problem is None and self.body_matched and not self.missing


def check_site_configs(
    configs: SiteConfigs,
    *,
    cache: Path | None = None,
    offline: bool = False,
    engine: str = "best",
    fetch_options: dict[str, Any] | None = None,
) -> list[SiteCheck]:
    """Test every file of `configs` that names a test_url. `cache` is a `cleaner fetch --cache`
    directory (fetched pages are kept there); `offline` reads only what it holds."""
    tests = [(config, test) for config in configs.configs.values() for test in config.tests]
    with _cache_dir(cache) as root:
        fetched = {} if offline else _fetch(sorted({t.url for _, t in tests}), root, fetch_options or {})
        store = DiskCache(root)
        return [_outcome(configs, config, test, store, fetched, engine) for config, test in tests]


@contextmanager
def _cache_dir(given: Path | None) -> Iterator[Path]:
    """The given cache directory, or a temporary one for this run."""
    if given is not None:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="cleaner-site-test-") as tmp:
        yield Path(tmp)


def _fetch(urls: list[str], root: Path, options: dict[str, Any]) -> dict[str, str | None]:
    """Fetch the test pages into the cache; per URL, None or why it failed."""
    settings: dict[str, Any] = {"workers": 0, "retries": 1, "timeout": 15.0, **options, "cache": root}
    out: dict[str, str | None] = {}
    results = fetch(urls, **settings)
    try:
        for result in results:
            out[result.url] = None if result.ok else f"{result.kind}: {result.error.reason if result.error else ''}"
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    return out


def _outcome(
    configs: SiteConfigs,
    config: SiteConfig,
    test: SiteTest,
    store: DiskCache,
    fetched: dict[str, str | None],
    engine: str,
) -> SiteCheck:
    outcome = SiteCheck(config, test)
    body = _cached_body(store, test.url)
    why = fetched.get(test.url, "not fetched (offline)")
    if body is None:
        outcome.problem = f"no page: {why}" if why else "no page: the server's answer was not kept"
        return outcome
    outcome.page = "fetched" if test.url in fetched and why is None else "cached"
    html = decode_html(body)
    doc = parse_page(html)
    if doc is None:
        outcome.problem = "the page could not be parsed"
        return outcome
    outcome.matches = apply_site_config(config, doc).matches
    try:
        text = " ".join(extract_html(html, url=test.url, engine=engine, site_config=configs).text.split())
    except CleanerError as exc:
        outcome.problem = f"extraction failed: {exc.reason}"
        return outcome
    outcome.missing = [d for d in test.contains if " ".join(d.value.split()) not in text]
    return outcome


def _cached_body(store: DiskCache, url: str) -> bytes | None:
    """The cached page for `url`, following cached redirects."""
    for _ in range(_CACHE_HOPS + 1):
        found = store.load(url)
        if found is None:
            return None
        entry, body = found
        if entry.status == 200:
            return body
        if not entry.location:
            return None
        url = entry.location
    return None
