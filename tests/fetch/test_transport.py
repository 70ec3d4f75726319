"""One connection pool per origin; idle pools beyond the cap are closed, busy ones never."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fetch_server import FaultServer

from cleaner import settings
from cleaner.fetch._transport import PerOriginTransport


def test_pools_per_origin_are_capped_and_busy_ones_kept(hosts3: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "FETCH_OPEN_ORIGINS", 1)

    async def scenario() -> None:
        transport = PerOriginTransport(http2=False, per_host=2, ssl_context=httpx.create_ssl_context())
        async with httpx.AsyncClient(transport=transport) as client:
            request = client.build_request("GET", hosts3.url("/pages/article.html", host=0))
            busy = await client.send(request, stream=True)  # host 0 stays busy: its body is not read
            for host in (1, 2):
                assert (await client.get(hosts3.url("/pages/second.html", host=host))).status_code == 200
            hosts = [origin[1] for origin in transport._pools]
            assert hosts == ["127.0.0.1", "127.0.0.3"]  # 127.0.0.2 was idle and evicted; 127.0.0.1 is busy
            assert (await busy.aread()).startswith(b"<!DOCTYPE html>")
            await busy.aclose()
            await client.get(hosts3.url("/pages/second.html", host=1))
            assert [origin[1] for origin in transport._pools] == ["127.0.0.2"]

    asyncio.run(scenario())
