"""One connection pool per origin, behind one httpx transport.

httpcore's pool does work quadratic in its number of connections on every request (it rescans
them all, twice), so one pool shared by many hosts costs more CPU per page as the run spreads
over hosts. A pool per origin stays as small as the per-host limit. Pools are kept for the
`FETCH_OPEN_ORIGINS` most recently used origins; beyond that the least recently used idle one is
closed, so a crawl over many sites does not hold their sockets open.
"""

from __future__ import annotations

import ssl
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Callable

import httpx

from .. import settings

_Origin = tuple[str, str, int | None]


class _Tracked(httpx.AsyncByteStream):
    """A response body that tells its pool when it is closed (the request is then finished)."""

    def __init__(self, stream: httpx.AsyncByteStream, done: Callable[[], None]) -> None:
        self._stream, self._done = stream, done

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            done, self._done = self._done, lambda: None
            done()


class PerOriginTransport(httpx.AsyncBaseTransport):
    def __init__(self, *, http2: bool, per_host: int, ssl_context: ssl.SSLContext) -> None:
        self._http2, self._per_host, self._ssl = http2, per_host, ssl_context
        self._pools: OrderedDict[_Origin, httpx.AsyncHTTPTransport] = OrderedDict()
        self._busy: Counter[_Origin] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        origin = (request.url.scheme, request.url.host, request.url.port)
        pool = self._pools.get(origin)
        if pool is None:
            pool = self._pools[origin] = self._new_pool()
        self._pools.move_to_end(origin)
        self._busy[origin] += 1
        try:
            await self._evict()  # this origin is busy now: never its own pool
            response = await pool.handle_async_request(request)
        except BaseException:
            self._finished(origin)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Tracked(response.stream, lambda: self._finished(origin))
        return response

    def _new_pool(self) -> httpx.AsyncHTTPTransport:
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=self._per_host + 2)
        return httpx.AsyncHTTPTransport(verify=self._ssl, http2=self._http2, limits=limits)

    def _finished(self, origin: _Origin) -> None:
        self._busy[origin] -= 1
        if self._busy[origin] <= 0:
            del self._busy[origin]

    async def _evict(self) -> None:
        """Close least recently used idle pools while there are too many."""
        excess = len(self._pools) - settings.FETCH_OPEN_ORIGINS
        victims = [o for o in self._pools if o not in self._busy][: max(0, excess)]
        closing = [self._pools.pop(origin) for origin in victims]  # taken out before any await
        for pool in closing:
            await pool.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.aclose()
