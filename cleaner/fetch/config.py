"""`FetchConfig`: every option of a fetch run, checked once, with defaults from `settings`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .. import settings
from ..clean.engine import RulesArg, resolve_scorer
from ..sites.config import SiteConfigs, resolve_site_configs


def default_user_agent() -> str:
    """Names the tool and its version, so site owners can tell who is fetching."""
    from importlib.metadata import PackageNotFoundError, version  # 17 ms: only when asked

    try:
        ver = version("cleaner")
    except PackageNotFoundError:  # running from a source tree that is not installed
        ver = "0"
    return f"cleaner/{ver} (article fetcher; +https://pypi.org/project/cleaner/)"


def _default_workers() -> int:
    return os.cpu_count() or 1


@dataclass(frozen=True)
class FetchConfig:
    """Options of `cleaner.fetch` / `cleaner.afetch`; pass them as keyword arguments.

    concurrency: requests in flight over all hosts. per_host: at once to one host. delay:
    seconds between requests to one host, counted from when each was sent. timeout: seconds per
    attempt. retries: attempts after the first (backoff with jitter; Retry-After honoured).
    max_bytes: larger bodies are cut off and reported. robots: honour robots.txt (and its
    crawl-delay). cache: a directory of raw responses, revalidated with ETag/Last-Modified. ordered:
    results in input order (False: as they finish). engine/rules: passed to `extract_html`, and
    site_config (a directory of site pattern files, or `SiteConfigs`). workers: extraction
    processes (0 extracts in this process, in a thread). record_timeout: seconds one page's
    extraction may take (None or 0: no limit); past it the page's result is an error of kind
    ``timeout``, and a worker process still busy `settings.RECORD_TIMEOUT_GRACE` later is killed
    and replaced (with workers=0 the stuck thread is left behind and a new one takes over).
    """

    concurrency: int = settings.FETCH_CONCURRENCY
    per_host: int = settings.FETCH_PER_HOST
    delay: float = settings.FETCH_DELAY
    timeout: float = settings.FETCH_TIMEOUT
    retries: int = settings.FETCH_RETRIES
    backoff: float = settings.FETCH_BACKOFF
    max_bytes: int = settings.FETCH_MAX_BYTES
    max_redirects: int = settings.FETCH_MAX_REDIRECTS
    user_agent: str = field(default_factory=default_user_agent)
    robots: bool = True
    cache: Path | None = None
    ordered: bool = True
    engine: str = "best"
    #: What decides the blocks no rule names (None: `settings.BLOCK_SCORER`).
    scorer: str | None = None
    rules: RulesArg = None
    site_config: SiteConfigs | str | Path | None = None
    workers: int = field(default_factory=_default_workers)
    window: int = settings.FETCH_WINDOW
    http2: bool = True
    record_timeout: float | None = settings.RECORD_TIMEOUT

    def __post_init__(self) -> None:
        for name in ("concurrency", "per_host", "max_bytes", "window"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        for name in ("delay", "retries", "backoff", "max_redirects", "workers"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, not {getattr(self, name)}")
        if self.record_timeout is not None and self.record_timeout < 0:
            raise ValueError(f"record_timeout must not be negative, not {self.record_timeout}")
        object.__setattr__(self, "record_timeout", self.record_timeout or None)
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")
        if self.engine not in ("best", "fast"):
            raise ValueError(f"unknown engine {self.engine!r} (known: best, fast)")
        if self.scorer is not None:
            resolve_scorer(self.scorer)  # a misspelt scorer fails here, not once per page
        if self.cache is not None:
            object.__setattr__(self, "cache", Path(self.cache).expanduser())
        object.__setattr__(self, "site_config", resolve_site_configs(self.site_config))

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> FetchConfig:
        """Build from keyword options, naming any that does not exist."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown fetch option(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**options)
