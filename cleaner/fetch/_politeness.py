"""Per-host politeness: at most `per_host` requests to a host at once, starts `delay` apart.

"Start" is when the request's headers left for the host, as the host sees it, not when the
request passed the gate: the first request to a host also opens a connection (and may resolve
the name, or shake hands for TLS), so counting from the gate would let a second request that
reuses a warm connection reach the host sooner than `delay` after the first. While a request
with a delay is on its way out, the next one waits at the gate.

A host's delay can grow at run time: robots.txt's crawl-delay raises it for good, a 429 or 503
with Retry-After holds every request to that host until the time it named.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

#: Called once the request's headers have been sent; later calls do nothing.
Sent = Callable[[], None]


@dataclass
class _Host:
    slots: asyncio.Semaphore
    delay: float
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Politeness:
    """The gates of all hosts seen in a run."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host, self.delay = per_host, delay
        self._hosts: dict[str, _Host] = {}

    def _host(self, host: str) -> _Host:
        gate = self._hosts.get(host)
        if gate is None:
            gate = self._hosts[host] = _Host(asyncio.Semaphore(self.per_host), self.delay)
        return gate

    def set_delay(self, host: str, delay: float) -> None:
        """Raise the host's delay (robots.txt crawl-delay); never lowers the configured one."""
        gate = self._host(host)
        gate.delay = max(gate.delay, delay)

    def hold(self, host: str, seconds: float) -> None:
        """No request to `host` starts for `seconds` (Retry-After)."""
        gate = self._host(host)
        gate.next_start = max(gate.next_start, time.monotonic() + seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[Sent]:
        """Wait for a free slot of `host` and for its next allowed start, then hold the slot.

        Yields `sent`, to call when the request's headers are out: the host's next start counts
        from then. Leaving the block without calling it counts from the leaving."""
        gate = self._host(host)
        async with gate.slots:
            await gate.lock.acquire()  # starts are spaced one after another, in arrival order
            open_ = True

            def sent() -> None:
                nonlocal open_
                if open_:
                    open_ = False
                    gate.next_start = max(gate.next_start, time.monotonic() + gate.delay)
                    gate.lock.release()

            try:
                await _until(gate)
                if gate.delay <= 0:
                    sent()  # nothing to space: let the next request through now
                yield sent
            finally:
                sent()


async def _until(gate: _Host) -> None:
    wait = gate.next_start - time.monotonic()
    while wait > 0:
        await asyncio.sleep(wait)
        wait = gate.next_start - time.monotonic()  # a Retry-After may have moved it
