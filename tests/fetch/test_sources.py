"""Sitemaps and feeds expand to the URLs they list, served by the real server; parsers on their own."""

from __future__ import annotations

import gzip

import pytest
from conftest import FAST
from fetch_server import FaultServer, Reply

import cleaner
from cleaner.errors import NotAFeed, NotASitemap, TooLarge
from cleaner.fetch.feeds import parse_feed
from cleaner.fetch.sitemaps import gunzip, parse_sitemap


def test_sitemap_index_with_a_plain_and_a_gzipped_sitemap(server: FaultServer) -> None:
    results = list(cleaner.fetch(sitemaps=[server.url("/sitemap_index.xml")], **FAST))
    assert [r.url for r in results] == [
        server.url("/pages/article.html"),
        server.url("/pages/second.html"),
        server.url("/pages/accents.html?from=archive&page=1"),  # &amp; unescaped
    ]
    assert all(r.ok for r in results)
    assert len(server.hits("/sitemap-archive.xml.gz")) == 1


def test_rss_and_atom_feeds(server: FaultServer) -> None:
    results = list(cleaner.fetch(feeds=[server.url("/feed.rss"), server.url("/feed.atom")], **FAST))
    assert [r.url for r in results] == [
        server.url("/pages/article.html"),
        server.url("/pages/second.html"),
        server.url("/pages/second.html"),
        server.url("/pages/accents.html"),  # a relative link, made absolute
    ]
    assert [r.article.title for r in results if r.article] == [
        "River towns brace for the spring flood",
        "Library reopens after two years of repairs",
        "Library reopens after two years of repairs",
        "Café et crème brûlée à la fête d'été",
    ]


def test_urls_then_sitemaps_then_feeds_and_failed_sources_get_a_record(server: FaultServer) -> None:
    results = list(
        cleaner.fetch(
            [server.url("/pages/second.html")],
            sitemaps=[server.url("/missing"), server.url("/pages/article.html")],
            feeds=[server.url("/pages/article.html"), server.url("/feed.rss")],
            **FAST,
        )
    )
    assert [(r.url.removeprefix(server.base), r.kind) for r in results] == [
        ("/pages/second.html", None),
        ("/missing", "http"),
        ("/pages/article.html", "not-sitemap"),
        ("/pages/article.html", "not-feed"),
        ("/pages/article.html", None),
        ("/pages/second.html", None),
    ]


def test_a_broken_child_sitemap_gets_its_own_record(server: FaultServer) -> None:
    index = b"<sitemapindex><sitemap><loc>%s</loc></sitemap><sitemap><loc>%s</loc></sitemap></sitemapindex>" % (
        server.url("/gone.xml").encode(),
        server.url("/sitemap-news.xml").encode(),
    )
    server.route("/index.xml", Reply(body=index, headers={"Content-Type": "text/xml"}))
    results = list(cleaner.fetch(sitemaps=[server.url("/index.xml")], **FAST))
    assert [r.kind for r in results] == ["http", None, None]
    assert results[0].url == server.url("/gone.xml")


def test_sitemap_parser_kinds() -> None:
    urlset = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc> https://a.example/1 </loc></url></urlset>"
    )
    assert parse_sitemap(urlset, "s").pages == ["https://a.example/1"]
    assert parse_sitemap(gzip.compress(urlset), "s").pages == ["https://a.example/1"]
    index = b"<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>"
    assert parse_sitemap(index, "s").sitemaps == ["https://a.example/s1.xml"]
    text = b"https://a.example/1\n\nhttps://a.example/2\n"
    assert parse_sitemap(text, "s").pages == ["https://a.example/1", "https://a.example/2"]
    broken = b"<urlset><url><loc>https://a.example/?a=1&b=2</loc></url><url><loc>https://a.example/3</loc>"
    assert parse_sitemap(broken, "s").pages == ["https://a.example/?a=1&b=2", "https://a.example/3"]
    with pytest.raises(NotASitemap):
        parse_sitemap(b"<html><body>hello</body></html>", "s")
    with pytest.raises(NotASitemap):
        parse_sitemap(b"\x1f\x8bnot gzip at all", "s")


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"\0" * 2_000_000)
    with pytest.raises(TooLarge):
        gunzip(bomb, "s", limit=1_000_000)


def test_feed_parser() -> None:
    rss = (
        b"<rss version='2.0'><channel><item><link>https://a.example/1</link></item>"
        b"<item><title>no link</title></item></channel></rss>"
    )
    assert parse_feed(rss, "https://a.example/feed") == ["https://a.example/1"]
    empty = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
    assert parse_feed(empty, "https://a.example/feed") == []
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><body><p>a page</p></body></html>", "https://a.example/")
    # a feed parser given a string opens it as a file or a URL: ours never passes one
    with pytest.raises(NotAFeed):
        parse_feed(b"/etc/passwd", "https://a.example/")
