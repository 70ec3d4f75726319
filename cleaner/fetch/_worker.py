"""The extraction side of a fetch run: what runs in each worker process (or thread).

Light to import: the parent process imports it only to name these functions. The heavy part
(trafilatura, the compiled built-in rules) is `_warm`, which the forkserver imports once before
forking workers.
"""

from __future__ import annotations

import signal
from typing import Any

from ..article import Article
from ..clean.engine import RulesArg
from ..errors import ExtractionError
from ..extract import extract_html
from ..rules.ruleset import resolve
from ._decode import decode_html

_state: dict[str, Any] = {"engine": "best", "rules": None, "site_config": None}


def init(engine: str, rules: RulesArg, site_config: Any = None, *, in_process: bool = False) -> None:
    """Set up a worker: the engine, rules and site pattern files every job uses; Ctrl-C is the
    parent's to handle."""
    if not in_process:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state["engine"], _state["rules"], _state["site_config"] = engine, resolve(rules), site_config


def ready() -> bool:
    """A no-op job: the pool answers it once its workers have started."""
    return True


def extract(body: bytes, content_type: str | None, url: str) -> Article | tuple[str, str]:
    """One page: decode, extract, clean. Failures come back as (kind, message), never raised,
    so that nothing about them needs to survive pickling."""
    try:
        html, _ = decode_html(body, content_type)
        return extract_html(
            html, url=url, engine=_state["engine"], rules=_state["rules"], site_config=_state["site_config"]
        )
    except ExtractionError as exc:
        return exc.kind, exc.reason
    except Exception as exc:  # a bug in a parser must cost one page, not the run
        return "extraction", f"extraction failed: {type(exc).__name__}: {exc}"
