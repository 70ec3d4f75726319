"""The cache: a second run downloads nothing, revalidating what has validators."""

from __future__ import annotations

from pathlib import Path

from conftest import FAST
from fetch_server import FaultServer

import cleaner
from cleaner.fetch.cache import DiskCache, Entry


def test_second_run_downloads_nothing(server: FaultServer, tmp_path: Path) -> None:
    urls = [server.url(p) for p in ("/plain", "/etag", "/modified", "/redirect/1", "/missing")]
    options = {**FAST, "cache": tmp_path / "cache"}
    first = list(cleaner.fetch(urls, **options))
    before = len(server.requests)
    second = list(cleaner.fetch(urls, **options))
    new = server.requests[before:]

    assert [r.to_dict() for r in second] == [r.to_dict() for r in first]
    assert [r.from_cache for r in second] == [True, True, True, True, False]
    # /plain (no validators) and the 301 are not asked for again; the others are revalidated
    assert sorted(r.path for r in new) == ["/etag", "/missing", "/modified", "/robots.txt"]
    by_path = {r.path: r for r in new}
    assert by_path["/etag"].headers["if-none-match"] == '"v1"'
    assert by_path["/modified"].headers["if-modified-since"] == "Mon, 18 Mar 2024 08:30:00 GMT"
    assert sum(r.nbytes for r in second[:4]) < 1000  # 304 answers carry no body
    assert sum(r.nbytes for r in first[:4]) > 5000


def test_a_changed_page_replaces_its_entry(server: FaultServer, tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    url = server.url("/etag")
    cache.store(Entry(url, 200, "text/html", etag='"v0"'), b"<html><body><p>stale</p></body></html>")
    [result] = cleaner.fetch([url], **{**FAST, "cache": tmp_path})
    assert result.article is not None and "sandbags" in result.article.text  # the server's 200, not the stale copy
    loaded = cache.load(url)
    assert loaded is not None and loaded[0].etag == '"v1"' and b"sandbags" in loaded[1]


def test_unreadable_entries_are_fetched_anew(server: FaultServer, tmp_path: Path) -> None:
    url = server.url("/plain")
    list(cleaner.fetch([url], **{**FAST, "cache": tmp_path}))
    for meta in tmp_path.rglob("*.json"):
        meta.write_text("{not json", "utf-8")
    [result] = cleaner.fetch([url], **{**FAST, "cache": tmp_path})
    assert result.ok and not result.from_cache and len(server.hits("/plain")) == 2


def test_only_pages_and_permanent_redirects_are_stored(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.store(Entry("https://a.example/404", 404), b"")
    cache.store(Entry("https://a.example/302", 302, location="/x"), b"")
    cache.store(Entry("https://a.example/301", 301, location="/x"), b"")
    assert cache.load("https://a.example/404") is None and cache.load("https://a.example/302") is None
    assert cache.load("https://a.example/301") is not None
