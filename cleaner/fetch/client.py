"""`Fetcher`: one URL in, its final page (or a `FetchError`) out, politely.

Built on one `httpx.AsyncClient` (pooled connections, HTTP/2 where offered, gzip, brotli and
deflate). Redirects are followed here rather than by httpx, so that every hop passes robots.txt,
the host's politeness gate and the cache, and so that a loop is named as one. Each attempt runs
under one deadline (connect to last byte), and a body is read in chunks so that one over the limit
is cut off, not held.

Memory stays flat because a request takes one of `concurrency` slots and a page handed out with
``hold=True`` keeps its slot until the caller calls `Page.release` (when extraction has taken
the body): downloads then wait for extraction instead of piling pages up.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from .. import settings
from ..errors import (
    ConnectionFailed,
    DNSError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    NetworkError,
    NotHTML,
    ProtocolError,
    RedirectLoop,
    TLSError,
    TooLarge,
    TooManyRedirects,
)
from ..io.readers import looks_like_html
from ._ask import PAGE, Ask
from ._politeness import Politeness, Sent
from ._retry import backoff, retry_after, retryable_status
from ._robots import Robots
from ._transport import PerOriginTransport
from .cache import DiskCache, Entry
from .config import FetchConfig

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Types that say little: the body decides (servers send HTML as these by mistake).
_VAGUE_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})
#: How much of an error page is read so that its connection can be reused.
_ERROR_BODY = 64 * 1024
_RETRYABLE = (FetchTimeout, ConnectionFailed, ProtocolError)


@dataclass
class Page:
    """A final answer: 2xx, with its body."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes
    nbytes: int = 0
    from_cache: bool = False
    _release: Callable[[], None] | None = field(default=None, repr=False)

    def release(self) -> None:
        """Give back the fetch slot this page holds (``hold=True``); safe to call twice."""
        release = self._release
        self._release = None
        if release is not None:
            release()


@dataclass
class _Answer:
    url: str
    status: int
    reason: str = ""
    content_type: str | None = None
    location: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None
    body: bytes = b""
    nbytes: int = 0
    from_cache: bool = False
    retries: int = 0

    def entry(self) -> Entry:
        return Entry(self.url, self.status, self.content_type, self.etag, self.last_modified, self.location)

    @classmethod
    def cached(cls, entry: Entry, body: bytes, nbytes: int = 0) -> _Answer:
        return cls(
            entry.url,
            entry.status,
            content_type=entry.content_type,
            location=entry.location,
            body=body,
            nbytes=nbytes,
            from_cache=True,
        )


def check_url(url: str) -> str:
    """The URL without its fragment; InvalidURL unless it is an absolute http(s) URL."""
    url = urldefrag(url.strip())[0]
    try:
        parts = urlsplit(url)
        _ = parts.port  # out-of-range ports raise here
        httpx.URL(url)  # the checks httpx makes when sending (host characters, ...)
    except (ValueError, httpx.InvalidURL) as exc:
        raise InvalidURL(f"not a valid URL ({exc})", source=url) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidURL("not an http(s) URL", source=url or "(empty)")
    return url


class Fetcher:
    """Fetches URLs under one configuration; use as ``async with Fetcher(config) as f``."""

    def __init__(self, config: FetchConfig) -> None:
        self.config = config
        transport = PerOriginTransport(
            http2=config.http2, per_host=config.per_host, ssl_context=httpx.create_ssl_context()
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(config.timeout),
            headers={"User-Agent": config.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
        )
        self._slots = asyncio.Semaphore(config.concurrency)
        self.politeness = Politeness(config.per_host, config.delay)
        self.robots = Robots(self._body, self.politeness, config.user_agent) if config.robots else None
        self.cache = DiskCache(config.cache) if config.cache is not None else None

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.robots is not None:
            await self.robots.close()
        await self._client.aclose()

    async def get(self, url: str, ask: Ask = PAGE, *, hold: bool = False) -> Page:
        """The final page of `url` after redirects; raises a `FetchError` naming `url`."""
        start = url
        chain = [check_url(url)]
        nbytes = 0
        while True:
            answer = await self._get_once(chain[-1], ask)
            nbytes += answer.nbytes
            if answer.status in _REDIRECTS and answer.location:
                self._slots.release()
                chain.append(_next_hop(start, chain, answer.location, self.config.max_redirects))
                continue
            if not 200 <= answer.status < 300:
                self._slots.release()
                note = f" after {answer.retries} retries" if answer.retries else ""
                message = f"HTTP {answer.status} {answer.reason}".rstrip() + note
                raise HTTPStatusError(message, source=start, status=answer.status)
            page = Page(start, chain[-1], answer.status, answer.content_type, answer.body, nbytes, answer.from_cache)
            if hold:
                page._release = self._slots.release
            else:
                self._slots.release()
            return page

    async def _body(self, url: str, ask: Ask) -> bytes:
        """The final page's body alone: what robots.txt is read with."""
        return (await self.get(url, ask)).body

    async def _get_once(self, url: str, ask: Ask) -> _Answer:
        """One hop: from the cache, or a request with retries. Returns holding a slot."""
        cache = self.cache if ask.cache else None
        cached = await asyncio.to_thread(cache.load, url) if cache is not None else None
        if cached is not None and not cached[0].validators:
            await self._slots.acquire()
            return _Answer.cached(*cached)
        if ask.robots and self.robots is not None:
            await self.robots.check(url)
        headers = cached[0].validators if cached is not None else {}
        host = urlsplit(url).hostname or ""
        attempt = 0
        while True:
            try:
                answer = await self._attempt(url, headers, ask)
            except _RETRYABLE:
                if attempt >= self.config.retries:
                    raise
                await asyncio.sleep(backoff(attempt, self.config.backoff))
                attempt += 1
                continue
            answer.retries = attempt
            if answer.status == 304 and cached is not None:
                return _Answer.cached(*cached, nbytes=answer.nbytes)
            if retryable_status(answer.status) and attempt < self.config.retries:
                wait = retry_after(answer.retry_after)
                if wait is not None and wait > settings.FETCH_MAX_RETRY_AFTER:
                    cap = settings.FETCH_MAX_RETRY_AFTER
                    answer.reason += f" (Retry-After {wait:.0f} s is over the {cap:.0f} s we wait)"
                    return answer
                self._slots.release()
                # the whole host waits: it said it is busy
                self.politeness.hold(host, wait if wait is not None else backoff(attempt, self.config.backoff))
                attempt += 1
                continue
            if cache is not None:
                await asyncio.to_thread(cache.store, answer.entry(), answer.body)
            return answer

    async def _attempt(self, url: str, headers: dict[str, str], ask: Ask) -> _Answer:
        """One request under the host's gate and one deadline; returns holding a slot."""
        async with self.politeness.slot(urlsplit(url).hostname or "") as sent:
            await self._slots.acquire()
            try:
                async with asyncio.timeout(self.config.timeout):
                    return await self._exchange(url, headers, ask, sent)
            except BaseException as exc:
                self._slots.release()
                if isinstance(exc, FetchError):
                    raise
                mapped = network_error(exc, url, self.config.timeout)
                if mapped is None:
                    raise
                raise mapped from exc

    async def _exchange(self, url: str, headers: dict[str, str], ask: Ask, sent: Sent) -> _Answer:
        request = self._client.build_request("GET", url, headers=headers, extensions={"trace": _on_sent(sent)})
        response = await self._client.send(request, stream=True)
        try:
            answer = _Answer(
                url,
                response.status_code,
                response.reason_phrase,
                response.headers.get("content-type"),
                response.headers.get("location"),
                response.headers.get("etag"),
                response.headers.get("last-modified"),
                response.headers.get("retry-after"),
            )
            if 200 <= response.status_code < 300:
                mime = (answer.content_type or "").split(";")[0].strip().lower()
                if ask.want == "html" and mime not in _HTML_TYPES | _VAGUE_TYPES:
                    raise NotHTML(f"content type {mime}, not HTML", source=url, status=response.status_code)
                answer.body = await _read_body(response, url, ask.limit or self.config.max_bytes, ask.truncate)
                if ask.want == "html" and mime in _VAGUE_TYPES and not looks_like_html(answer.body):
                    raise NotHTML(f"content type {mime or '(none)'} and the body does not look like HTML", source=url)
            else:
                await _drain(response)
            answer.nbytes = response.num_bytes_downloaded
            return answer
        finally:
            await response.aclose()


def _on_sent(sent: Sent) -> Callable[[str, dict[str, Any]], Awaitable[None]]:
    """An httpcore trace hook that calls `sent` once the request's headers are out."""

    async def trace(event: str, info: dict[str, Any]) -> None:
        if event.endswith("send_request_headers.complete"):
            sent()

    return trace


def _next_hop(start: str, chain: list[str], location: str, max_redirects: int) -> str:
    target = urldefrag(urljoin(chain[-1], location))[0]
    if target in chain:
        hops = " -> ".join([*chain, target])
        raise RedirectLoop(f"redirect loop: {hops}", source=start)
    if len(chain) > max_redirects:
        raise TooManyRedirects(f"more than {max_redirects} redirects", source=start)
    try:
        return check_url(target)
    except InvalidURL:
        raise InvalidURL(f"redirected to {target}, not an http(s) URL", source=start) from None


async def _read_body(response: httpx.Response, url: str, limit: int, truncate: bool) -> bytes:
    """The decoded body, up to `limit` bytes: over it, cut off (TooLarge unless `truncate`)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and not truncate:
        raise TooLarge(f"body of {int(declared):,} bytes is over the {limit:,}-byte limit; not downloaded", source=url)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            if truncate:
                return b"".join(chunks)[:limit]
            raise TooLarge(f"body over the {limit:,}-byte limit; cut off", source=url)
    return b"".join(chunks)


async def _drain(response: httpx.Response) -> None:
    """Read a small error body so the connection can be reused; close it when large."""
    size = 0
    async for chunk in response.aiter_raw():
        size += len(chunk)
        if size > _ERROR_BODY:
            return


def network_error(exc: BaseException, url: str, timeout: float) -> NetworkError | None:
    """The `NetworkError` for an exception of httpx (or the deadline); None for anything else."""
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return FetchTimeout(f"no complete answer within {timeout:g} s", source=url)
    if not isinstance(exc, httpx.TransportError | ssl.SSLError | OSError | BaseExceptionGroup):
        return None
    causes = list(_causes(exc))
    if any(isinstance(c, socket.gaierror) for c in causes):
        return DNSError(f"host name not found ({urlsplit(url).hostname})", source=url)
    if any(isinstance(c, ssl.SSLError) for c in causes):
        tls = next(c for c in causes if isinstance(c, ssl.SSLError))
        return TLSError(f"TLS failed: {getattr(tls, 'reason', None) or tls}", source=url)
    if isinstance(exc, httpx.DecodingError | httpx.RemoteProtocolError | httpx.LocalProtocolError):
        return ProtocolError(f"bad response: {exc}", source=url)
    return ConnectionFailed(f"connection failed: {_describe(causes)}", source=url)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what caused it, and so on (exception groups included)."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
        stack.extend(c for c in (current.__cause__, current.__context__) if c is not None)


def _describe(causes: list[BaseException]) -> str:
    for cause in reversed(causes):
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror.lower()
    return str(causes[0]) or type(causes[0]).__name__
