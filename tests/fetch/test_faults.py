"""Every fault of the issue against the real local server: each URL gives one result, rightly kinded."""

from __future__ import annotations

import pytest
from conftest import FAST
from fetch_server import FaultServer, Reply

import cleaner
from cleaner import FetchResult


def fetch_one(server: FaultServer, path: str, **options: object) -> FetchResult:
    results = list(cleaner.fetch([server.url(path)], **{**FAST, **options}))
    assert len(results) == 1
    return results[0]


def test_page_is_extracted_cleaned_and_has_its_metadata(server: FaultServer) -> None:
    result = fetch_one(server, "/pages/article.html")
    article = result.article
    assert result.ok and article is not None and result.error is None
    assert article.title == "River towns brace for the spring flood"
    assert article.author == "Maria Lindqvist"
    assert article.sitename == "The Valley Courier"
    assert article.date == "2024-03-18"
    assert article.language == "en"
    assert article.status == 200
    assert article.url == server.url("/pages/article.html")
    assert article.text.startswith("Residents of the three river towns")
    assert "Follow us on Facebook" not in article.text  # the cleaner's rules ran on the body
    assert any(r.rule == "social-follow" for r in article.removed)


def test_redirect_chain_gives_the_final_url(server: FaultServer) -> None:
    result = fetch_one(server, "/redirect/4")  # 302 -> 301 -> 302 -> 301 -> page
    assert result.ok and result.article is not None
    assert result.url == server.url("/redirect/4")
    assert result.article.url == server.url("/pages/article.html")
    assert [r.path for r in server.requests if r.path.startswith("/redirect/")] == [
        f"/redirect/{n}" for n in (4, 3, 2, 1)
    ]


def test_redirect_loop_is_named(server: FaultServer) -> None:
    result = fetch_one(server, "/loop/a")
    assert result.kind == "redirect-loop"
    assert "/loop/b" in str(result.error) and len(server.hits("/loop/a")) == 1


def test_more_than_ten_redirects_fail(server: FaultServer) -> None:
    assert fetch_one(server, "/redirect/11").kind == "too-many-redirects"
    assert fetch_one(server, "/redirect/10").ok


def test_404_is_an_http_error_and_not_retried(server: FaultServer) -> None:
    result = fetch_one(server, "/missing", retries=3)
    assert result.kind == "http"
    assert result.error is not None and getattr(result.error, "status", None) == 404
    assert "404" in result.error.reason
    assert len(server.hits("/missing")) == 1


def test_429_waits_for_retry_after(server: FaultServer) -> None:
    result = fetch_one(server, "/busy")
    assert result.ok
    first, second = server.hits("/busy")
    assert second.start - first.start >= 0.95  # Retry-After: 1


def test_retry_after_beyond_the_cap_is_not_waited_for(server: FaultServer) -> None:
    server.route("/go-away", Reply(429, headers={"Retry-After": "86400"}))
    result = fetch_one(server, "/go-away", retries=3)
    assert result.kind == "http" and "Retry-After 86400" in str(result.error)
    assert len(server.hits("/go-away")) == 1


def test_503_then_200_is_retried(server: FaultServer) -> None:
    result = fetch_one(server, "/flaky")
    assert result.ok and result.article is not None and result.article.status == 200
    assert len(server.hits("/flaky")) == 2


def test_5xx_until_retries_run_out(server: FaultServer) -> None:
    server.route("/down", Reply(503))
    result = fetch_one(server, "/down", retries=2)
    assert result.kind == "http" and "after 2 retries" in str(result.error)
    assert len(server.hits("/down")) == 3


def test_slower_than_the_timeout(server: FaultServer) -> None:
    result = fetch_one(server, "/slow", timeout=0.4, retries=0)
    assert result.kind == "timeout"
    assert "0.4 s" in str(result.error)


def test_body_over_max_bytes_with_content_length(server: FaultServer) -> None:
    result = fetch_one(server, "/big", max_bytes=50_000)
    assert result.kind == "too-large" and "50,000" in str(result.error)


def test_body_over_max_bytes_when_streamed_is_cut_off(server: FaultServer) -> None:
    result = fetch_one(server, "/big-chunked", max_bytes=50_000)
    assert result.kind == "too-large" and "cut off" in str(result.error)
    assert fetch_one(server, "/big-chunked", max_bytes=1_000_000).ok


@pytest.mark.parametrize(("path", "mime"), [("/report.pdf", "application/pdf"), ("/data.json", "application/json")])
def test_non_html_is_skipped(server: FaultServer, path: str, mime: str) -> None:
    result = fetch_one(server, path)
    assert result.kind == "not-html" and mime in str(result.error)


def test_html_without_content_type_is_sniffed(server: FaultServer) -> None:
    assert fetch_one(server, "/untyped").ok


@pytest.mark.parametrize("path", ["/gzip", "/brotli"])
def test_compressed_bodies(server: FaultServer, path: str) -> None:
    result = fetch_one(server, path)
    assert result.ok and result.article is not None and "sandbags" in result.article.text
    assert "br" in server.hits(path)[0].headers["accept-encoding"]


@pytest.mark.parametrize("path", ["/utf8-declared-latin1", "/latin1-declared-utf8"])
def test_wrong_charset_declarations_are_overruled(server: FaultServer, path: str) -> None:
    result = fetch_one(server, path)
    assert result.article is not None
    assert result.article.title == "Café et crème brûlée à la fête d'été"
    assert "La fête d'été du quartier a réuni" in result.article.text


@pytest.mark.parametrize("url", ["ftp://example.org/file", "not a url", "http://127.0.0.1:99999/", "http:///nohost"])
def test_invalid_urls_get_an_error_record(url: str) -> None:
    [result] = cleaner.fetch([url], **FAST)
    assert result.kind == "invalid-url" and result.url == url


def test_connection_refused(server: FaultServer) -> None:
    closed = "http://127.0.0.1:9/page"  # the discard port: nothing listens on it here
    [direct] = cleaner.fetch([closed], **{**FAST, "robots": False})
    assert direct.kind == "connection"
    [via_robots] = cleaner.fetch([closed], **FAST)  # robots.txt fails first: same kind, says so
    assert via_robots.kind == "connection" and "robots.txt" in str(via_robots.error)


def test_user_agent_names_the_tool(server: FaultServer) -> None:
    fetch_one(server, "/pages/article.html")
    agent = server.hits("/pages/article.html")[0].headers["user-agent"]
    assert agent.startswith(f"cleaner/{cleaner.__version__}")
    fetch_one(server, "/pages/second.html", user_agent="corpus-bot/2.0")
    assert server.hits("/pages/second.html")[0].headers["user-agent"] == "corpus-bot/2.0"


def test_error_record_shape(server: FaultServer) -> None:
    result = fetch_one(server, "/missing")
    assert result.to_dict() == {
        "url": server.url("/missing"),
        "error": {"kind": "http", "message": "HTTP 404 Not Found"},
    }
