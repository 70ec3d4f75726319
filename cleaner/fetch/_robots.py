"""robots.txt, fetched once per origin and shared by every URL of it (RFC 9309, via Protego).

What an unreadable robots.txt means follows the RFC: a 4xx answer (none there) allows
everything; a 5xx answer or a network failure, after retries, disallows the whole origin for the
run. A 5xx makes its URLs fail with kind ``robots``; a network failure with the failure's own kind
(``dns``, ``timeout``, ...), since that is what a user must fix. Its crawl-delay
(or request-rate) raises the host's delay between requests, capped by
`settings.FETCH_MAX_CRAWL_DELAY`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from protego import Protego

from .. import settings
from ..errors import FetchError, HTTPStatusError, RobotsDisallowed
from ._ask import ROBOTS, Ask
from ._politeness import Politeness

#: Reads a URL as `ask` says and returns its final page's body; a non-2xx answer raises
#: HTTPStatusError, any other failure its FetchError. The fetcher passes its own `get` (body only)
#: so that robots.txt is fetched like any page (redirects, retries) without importing the fetcher.
Read = Callable[[str, Ask], Awaitable[bytes]]

_CLOSED = "the site is treated as disallowed (RFC 9309)"


class _Verdict:
    """What one origin's robots.txt says: rules, or why the origin is closed for this run
    (`closed`, or `failure` when robots.txt could not be fetched at all)."""

    def __init__(
        self, rules: Protego | None = None, closed: str | None = None, failure: FetchError | None = None
    ) -> None:
        self.rules, self.closed, self.failure = rules, closed, failure


class Robots:
    def __init__(self, read: Read, politeness: Politeness, user_agent: str) -> None:
        self.read = read
        #: Where a crawl-delay goes: the gate every request of the host passes.
        self.politeness = politeness
        #: The product token robots.txt groups are matched against ("cleaner" in "cleaner/0.1").
        self.agent = user_agent.split("/")[0].split()[0] if user_agent.strip() else "*"
        self._origins: dict[str, asyncio.Task[_Verdict]] = {}

    async def check(self, url: str) -> None:
        """Return when `url` may be fetched; raise RobotsDisallowed otherwise."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        task = self._origins.get(origin)
        if task is None:  # the first URL of an origin fetches; the others wait for the same task
            task = self._origins[origin] = asyncio.create_task(self._load(origin, parts.hostname or ""))
        verdict = await asyncio.shield(task)
        if verdict.failure is not None:  # the host is unreachable: say so, in the failure's own kind
            failure = verdict.failure
            raise type(failure)(f"{origin}/robots.txt: {failure.reason}", source=url, status=failure.status)
        if verdict.closed is not None:
            raise RobotsDisallowed(verdict.closed, source=url)
        if verdict.rules is not None and not verdict.rules.can_fetch(url, self.agent):
            raise RobotsDisallowed(f"disallowed by {origin}/robots.txt", source=url)

    async def close(self) -> None:
        """Stop robots.txt fetches still running (the run ended or was cancelled)."""
        for task in self._origins.values():
            task.cancel()
        await asyncio.gather(*self._origins.values(), return_exceptions=True)

    async def _load(self, origin: str, host: str) -> _Verdict:
        robots_url = f"{origin}/robots.txt"
        try:
            body = await self.read(robots_url, ROBOTS)
        except HTTPStatusError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return _Verdict()
            return _Verdict(closed=f"{robots_url} answered {exc.status}: {_CLOSED}")
        except FetchError as exc:
            return _Verdict(failure=exc)
        rules = Protego.parse(body.decode("utf-8-sig", errors="replace"))
        delay = rules.crawl_delay(self.agent)
        rate = rules.request_rate(self.agent)
        if rate is not None and rate.requests:
            delay = max(delay or 0.0, rate.seconds / rate.requests)
        if delay:
            self.politeness.set_delay(host, min(float(delay), settings.FETCH_MAX_CRAWL_DELAY))
        return _Verdict(rules)
