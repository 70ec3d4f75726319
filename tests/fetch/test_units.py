"""The small parts on their own: decoding, retry timing, error mapping, URL lists, file names."""

from __future__ import annotations

import socket
import ssl
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from cleaner import FetchConfig
from cleaner._output import safe_name, url_stem
from cleaner.errors import CleanerError, FetchError, InputError
from cleaner.fetch._decode import decode_html
from cleaner.fetch._retry import backoff, retry_after
from cleaner.fetch.client import check_url, network_error
from cleaner.io.urls import read_url_lines

TEXT = "<html><head><title>Crème brûlée</title></head><body><p>Là où l'été dure — “quoted” €5</p></body></html>"


@pytest.mark.parametrize(
    ("body", "content_type", "encoding"),
    [
        (TEXT.encode("utf-8"), "text/html; charset=utf-8", "utf-8"),
        (TEXT.encode("utf-8"), "text/html; charset=ISO-8859-1", "utf-8"),  # declared Latin-1, sent UTF-8
        (TEXT.encode("cp1252"), "text/html; charset=utf-8", "cp1252"),  # declared UTF-8, sent cp1252
        (TEXT.encode("cp1252"), "text/html; charset=windows-1252", "cp1252"),
        (TEXT.encode("utf-8"), "text/html; charset=no-such-charset", "utf-8"),
        (TEXT.encode("utf-8"), "text/html; charset=utf-16", "utf-8"),  # no BOM: not believed
        (TEXT.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252"), "text/html", "cp1252"),
        (TEXT.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252"), None, "cp1252"),  # meta lies
        (TEXT.encode("utf-8"), None, "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "text/html; charset=latin-1", "utf-8-sig"),  # the BOM wins
    ],
)
def test_decode_never_trusts_a_wrong_declaration(body: bytes, content_type: str | None, encoding: str) -> None:
    text, used = decode_html(body, content_type)
    assert used == encoding
    assert "Crème brûlée" in text and "€5" in text and "“quoted”" in text


def test_decode_detects_without_any_declaration() -> None:
    body = ("<html><body><p>" + "Déjà vu à l'école, être ou ne pas être. " * 20 + "</p></body></html>").encode("cp1252")
    text, _ = decode_html(body, "text/html")
    assert "Déjà vu à l'école" in text


def test_decode_never_raises_on_garbage() -> None:
    text, _ = decode_html(bytes(range(256)) * 10, "text/html; charset=utf-8")
    assert isinstance(text, str) and text


def test_backoff_grows_with_jitter_and_a_cap() -> None:
    waits = [backoff(n, 0.5) for n in range(4)]
    for n, wait in enumerate(waits):
        assert 0.25 * 2**n <= wait <= 0.5 * 2**n
    assert backoff(30, 0.5) <= 30.0
    assert len({backoff(3, 0.5) for _ in range(20)}) > 1


def test_retry_after_forms() -> None:
    now = datetime(2024, 3, 18, 8, 30, tzinfo=UTC)
    assert retry_after("120") == 120.0
    assert retry_after("Mon, 18 Mar 2024 08:31:00 GMT", now=now) == 60.0
    assert retry_after("Mon, 18 Mar 2024 08:00:00 GMT", now=now) == 0.0
    assert retry_after("soon") is None and retry_after(None) is None and retry_after("-5") is None


def _raised_from(cause: BaseException) -> httpx.ConnectError:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise httpx.ConnectError(str(inner)) from inner
    except httpx.ConnectError as exc:
        return exc


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (_raised_from(socket.gaierror(-2, "Name or service not known")), "dns"),
        (_raised_from(ssl.SSLCertVerificationError(1, "certificate verify failed")), "tls"),
        (_raised_from(ConnectionRefusedError(111, "Connection refused")), "connection"),
        (httpx.ReadTimeout("timed out"), "timeout"),
        (TimeoutError(), "timeout"),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), "protocol"),
        (httpx.ReadError("connection reset"), "connection"),
    ],
)
def test_network_failures_are_kinded(exc: BaseException, kind: str) -> None:
    mapped = network_error(exc, "https://a.example/x", 5.0)
    assert mapped is not None and mapped.kind == kind and mapped.source == "https://a.example/x"
    assert isinstance(mapped, FetchError) and isinstance(mapped, CleanerError)


def test_other_exceptions_are_not_mapped() -> None:
    assert network_error(ValueError("a bug"), "https://a.example/", 5.0) is None


def test_check_url() -> None:
    assert check_url("  https://a.example/x#part ") == "https://a.example/x"
    for bad in ("", "a.example/x", "mailto:me@a.example", "http://a.example:70000/"):
        with pytest.raises(FetchError):
            check_url(bad)


def test_url_lists(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text(
        "\ufeff# my list\nhttps://a.example/1\n\n  https://a.example/2#frag   # note\nhttps://a.example/3\t\n", "utf-8"
    )
    assert list(read_url_lines(str(path))) == ["https://a.example/1", "https://a.example/2#frag", "https://a.example/3"]
    with pytest.raises(InputError, match="no such file"):
        list(read_url_lines(str(tmp_path / "missing.txt")))
    with pytest.raises(InputError, match="directory"):
        list(read_url_lines(str(tmp_path)))


def test_url_file_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    names = [
        safe_name(url, "json", taken, stem=url_stem(url))
        for url in (
            "https://a.example/news/story.html",
            "https://a.example/news/story.html",
            "https://a.example/../../etc/passwd",
            "https://a.example/",
            "https://a.example/search?q=1",
            "https://a.example/" + "x" * 400,
        )
    ]
    assert names[:4] == [
        "a.example_news_story.html.json",
        "a.example_news_story.html-2.json",
        "a.example_.._.._etc_passwd.json",
        "a.example.json",
    ]
    assert names[4].startswith("a.example_search_") and len(names[5]) < 130
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_config_checks_its_options() -> None:
    with pytest.raises(TypeError, match=r"unknown fetch option.*per_hots"):
        FetchConfig.from_options({"per_hots": 2})
    with pytest.raises(ValueError, match="concurrency"):
        FetchConfig(concurrency=0)
    with pytest.raises(ValueError, match="engine"):
        FetchConfig(engine="fastest")
    assert FetchConfig(cache="x").cache == Path("x")  # type: ignore[arg-type]
    assert FetchConfig(cache=Path("~/c")).cache == Path.home() / "c"
    assert FetchConfig().user_agent.startswith("cleaner/")
