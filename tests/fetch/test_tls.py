"""HTTPS against a real local server: HTTP/2 where the server offers it, TLS failures kinded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FAST

import cleaner

h2_server = pytest.importorskip("h2_server", reason="trustme is needed for the TLS tests")


@pytest.fixture
def h2(tmp_path: Path) -> Iterator[h2_server.H2Server]:
    server = h2_server.H2Server(tmp_path)
    yield server
    server.stop()


def test_http2_where_the_server_offers_it(h2: h2_server.H2Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(h2.ca_file))  # trust the test CA (httpx reads it)
    [result] = cleaner.fetch([h2.url("/pages/article.html")], **FAST)
    assert result.ok and result.article is not None
    assert result.article.title == "River towns brace for the spring flood"
    assert ("h2", "/pages/article.html") in h2.seen and ("h2", "/robots.txt") in h2.seen


def test_untrusted_certificate_is_a_tls_error(h2: h2_server.H2Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    [direct] = cleaner.fetch([h2.url("/pages/article.html")], **{**FAST, "robots": False})
    assert direct.kind == "tls" and "CERTIFICATE_VERIFY_FAILED" in str(direct.error)
    [via_robots] = cleaner.fetch([h2.url("/pages/article.html")], **FAST)
    assert via_robots.kind == "tls" and "robots.txt" in str(via_robots.error)
    assert h2.seen == []  # no request got through
