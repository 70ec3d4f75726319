"""When to try a URL again and how long to wait: exponential backoff with jitter, Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from .. import settings


def backoff(attempt: int, base: float) -> float:
    """Seconds to wait before attempt `attempt + 1`: ``base * 2**attempt``, capped, half jitter.

    Half the wait is fixed and half random, so retries are never immediate yet clients that
    failed together do not come back together.
    """
    wait: float = min(settings.FETCH_BACKOFF_MAX, base * 2.0**attempt)
    return wait / 2 + random.uniform(0, wait / 2)


def retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date; None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def retryable_status(status: int) -> bool:
    return status in settings.FETCH_RETRY_STATUSES
