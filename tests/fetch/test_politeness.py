"""Politeness as the server saw it: per-host limits, delays, robots.txt and its crawl-delay."""

from __future__ import annotations

import asyncio
import socket
import time
from itertools import pairwise
from typing import Any

import pytest
from conftest import FAST
from fetch_server import FaultServer, Reply

import cleaner
from cleaner.fetch._politeness import Politeness


def starts(server: FaultServer, host: str, prefix: str) -> list[float]:
    return sorted(r.start for r in server.requests if r.host == host and r.path.startswith(prefix))


@pytest.mark.parametrize("per_host", [1, 2])
def test_per_host_limit_holds_on_every_host(hosts3: FaultServer, per_host: int) -> None:
    urls = [hosts3.url(f"/hold?{i}", host=i % 3) for i in range(24)]
    results = list(cleaner.fetch(urls, **{**FAST, "per_host": per_host, "concurrency": 16}))
    assert all(r.ok for r in results)
    # the limit is reached (so the test can fail) and never passed
    assert dict(hosts3.peak) == {f"127.0.0.{n}": per_host for n in (1, 2, 3)}


def test_global_concurrency_holds_across_hosts(hosts3: FaultServer) -> None:
    urls = [hosts3.url(f"/hold?{i}", host=i % 3) for i in range(18)]
    assert all(r.ok for r in cleaner.fetch(urls, **{**FAST, "per_host": 4, "concurrency": 3}))
    assert hosts3.peak_total == 3


def test_delay_spaces_requests_to_one_host(hosts3: FaultServer) -> None:
    urls = [hosts3.url(f"/pages/second.html?{i}", host=i % 2) for i in range(8)]
    assert all(r.ok for r in cleaner.fetch(urls, **{**FAST, "delay": 0.25, "per_host": 2}))
    for host in ("127.0.0.1", "127.0.0.2"):
        times = starts(hosts3, host, "/")  # robots.txt included: it passes the same gate
        assert len(times) == 5
        gaps = [b - a for a, b in pairwise(times)]
        assert min(gaps) >= 0.2, gaps  # 0.25 s apart when sent; arrival jitters a little
    # the two hosts were served side by side, not one after the other
    assert abs(starts(hosts3, "127.0.0.1", "/")[0] - starts(hosts3, "127.0.0.2", "/")[0]) < 0.2


def test_delay_counts_from_when_the_request_left() -> None:
    # the first request spends 0.3 s getting out (a connection to open); the second, 0.2 s behind
    # at the gate, must still reach the host 0.2 s after the first, not before it
    left: dict[str, float] = {}

    async def request(gates: Politeness, name: str, on_the_way: float) -> None:
        async with gates.slot("host") as sent:
            await asyncio.sleep(on_the_way)
            left[name] = time.monotonic()
            sent()

    async def run() -> None:
        gates = Politeness(per_host=2, delay=0.2)
        await asyncio.gather(request(gates, "first", 0.3), request(gates, "second", 0.0))

    asyncio.run(run())
    assert left["second"] - left["first"] >= 0.2


def test_slow_first_connection_does_not_shorten_the_delay(server: FaultServer, monkeypatch: Any) -> None:
    # name resolution happens after the gate; a slow one must not bring robots.txt and the
    # first page (over the warm connection) closer together than the delay
    real = socket.getaddrinfo
    calls: list[str] = []

    def slow_first(host: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(host)
        if len(calls) == 1:
            time.sleep(0.4)
        return [a for a in real(host, *args, **kwargs) if a[0] == socket.AF_INET]

    monkeypatch.setattr(socket, "getaddrinfo", slow_first)
    url = server.url("/pages/second.html").replace("127.0.0.1", "localhost")
    assert all(r.ok for r in cleaner.fetch([url], **{**FAST, "delay": 0.25}))
    assert calls and calls[0] in ("localhost", b"localhost")  # the slow path was taken
    robots, page = starts(server, "127.0.0.1", "/")
    assert page - robots >= 0.2, page - robots


def test_robots_txt_disallows_a_path(server: FaultServer) -> None:
    urls = [server.url("/private/secret.html"), server.url("/pages/article.html")]
    blocked, allowed = cleaner.fetch(urls, **FAST)
    assert blocked.kind == "robots" and "robots.txt" in str(blocked.error)
    assert allowed.ok
    assert server.hits("/private/secret.html") == []
    assert len(server.hits("/robots.txt")) == 1  # fetched once per host, shared by its URLs


def test_ignore_robots(server: FaultServer) -> None:
    [result] = cleaner.fetch([server.url("/private/secret.html")], **{**FAST, "robots": False})
    assert result.ok and server.hits("/robots.txt") == []


def test_robots_wildcards_and_agent_groups(server: FaultServer) -> None:
    rules = b"User-agent: cleaner\nDisallow: /*.html$\nAllow: /pages/second.html\n\nUser-agent: *\nDisallow: /\n"
    server.route("/robots.txt", Reply(body=rules, headers={"Content-Type": "text/plain"}))
    urls = [server.url(p) for p in ("/pages/article.html", "/pages/second.html", "/gzip")]
    results = list(cleaner.fetch(urls, **FAST))
    assert [r.kind for r in results] == ["robots", None, None]


def test_crawl_delay_is_respected(server: FaultServer) -> None:
    server.route(
        "/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.3\n", headers={"Content-Type": "text/plain"})
    )
    urls = [server.url(f"/pages/second.html?{i}") for i in range(3)]
    assert all(r.ok for r in cleaner.fetch(urls, **{**FAST, "delay": 0}))
    times = starts(server, "127.0.0.1", "/pages/")
    assert min(b - a for a, b in pairwise(times)) >= 0.25


def test_robots_5xx_closes_the_site(server: FaultServer) -> None:
    server.route("/robots.txt", Reply(503))
    [result] = cleaner.fetch([server.url("/pages/article.html")], **FAST)
    assert result.kind == "robots" and "503" in str(result.error)
    assert server.hits("/pages/article.html") == []


def test_robots_404_allows_everything(server: FaultServer) -> None:
    server.route("/robots.txt", Reply(404))
    [result] = cleaner.fetch([server.url("/private/secret.html")], **FAST)
    assert result.ok


def test_429_holds_the_whole_host(server: FaultServer) -> None:
    urls = [server.url("/busy"), server.url("/pages/second.html")]
    assert all(r.ok for r in cleaner.fetch(urls, **{**FAST, "per_host": 1}))
    told_to_wait = server.hits("/busy")[0].start
    [other] = server.hits("/pages/second.html")
    assert other.start - told_to_wait >= 0.95  # Retry-After: 1 held the host, not just /busy
