"""The extraction side of a fetch run: what runs in each worker process (or thread).

Light to import: the parent process imports it only to name these functions. The heavy part
(trafilatura, the compiled built-in rules) is `_warm`, which the forkserver imports once before
forking workers.

Each page runs under the run's time limit (`_timelimit.within`), and says which page it is on
and since when: in a worker process, in memory shared with the parent (a slot of three numbers:
token, start, pid); in a thread of the parent, in a dict by thread. The parent's supervisor
reads them to find a page stuck where the limit cannot interrupt it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

from .._timelimit import within
from ..article import Article
from ..clean.engine import RulesArg
from ..errors import ExtractionError, TimeLimitExceeded
from ..extract import extract_html
from ..rules.ruleset import resolve
from ._decode import decode_html

_state: dict[str, Any] = {"engine": "best", "rules": None, "site_config": None, "timeout": None, "scorer": None}


def init(
    engine: str,
    rules: RulesArg,
    site_config: Any = None,
    *,
    in_process: bool = False,
    timeout: float | None = None,
    shared: Any = None,
    counter: Any = None,
    threads: dict[int, tuple[int, float]] | None = None,
    scorer: str | None = None,
) -> None:
    """Set up a worker: the engine, rules, site pattern files and time limit every job uses, and
    where it reports progress; Ctrl-C is the parent's to handle."""
    if not in_process:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state["engine"], _state["rules"], _state["site_config"] = engine, resolve(rules), site_config
    _state["timeout"], _state["threads"], _state["shared"] = timeout, threads, shared
    _state["scorer"] = scorer
    if shared is not None and counter is not None:
        with counter.get_lock():
            _state["slot"] = counter.value
            counter.value += 1
        shared[3 * _state["slot"] + 2] = os.getpid()


def ready() -> bool:
    """A no-op job: the pool answers it once its workers have started."""
    return True


def extract(body: bytes, content_type: str | None, url: str, token: int = 0) -> Article | tuple[str, str]:
    """One page: decode, extract, clean, within the time limit. Failures come back as
    (kind, message), never raised, so that nothing about them needs to survive pickling."""
    _report(token, time.monotonic())
    try:
        return within(_state["timeout"], _extract, body, content_type, url, what="extracting the page")
    except TimeLimitExceeded as exc:
        return exc.kind, exc.reason
    finally:
        _report(0, 0.0)


def _extract(body: bytes, content_type: str | None, url: str) -> Article | tuple[str, str]:
    try:
        html, _ = decode_html(body, content_type)
        return extract_html(
            html,
            url=url,
            engine=_state["engine"],
            rules=_state["rules"],
            site_config=_state["site_config"],
            scorer=_state["scorer"],
        )
    except ExtractionError as exc:
        return exc.kind, exc.reason
    except Exception as exc:  # a bug in a parser must cost one page, not the run
        return "extraction", f"extraction failed: {type(exc).__name__}: {exc}"


def _report(token: int, since: float) -> None:
    shared, threads = _state.get("shared"), _state.get("threads")
    if shared is not None:
        slot = _state["slot"]
        shared[3 * slot + 1] = since
        shared[3 * slot] = token
    elif threads is not None:
        threads[threading.get_ident()] = (token, since)
