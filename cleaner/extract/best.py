"""The `best` engine's second opinion: trafilatura on the whole page, asked only where the
pre-pass and block scorer are unsure (low confidence), and taken when it finds more text.

Asking it on every page would cost more than the whole fast engine and, measured on WCXB dev,
changes little where the block scorer is confident; where it is not, trafilatura's own
heuristics and fallbacks (readability, jusText) often recover content the scorer missed.
"""

from __future__ import annotations

from types import ModuleType

from .. import settings
from ..errors import ExtractionError
from ._patterns import Profile


def _trafilatura() -> ModuleType:
    """Imported on first use (it is slow to load and the fast engine never needs it). A broken
    install must say so, not quietly turn `best` into `fast`."""
    try:
        import trafilatura
    except ImportError as exc:
        raise ExtractionError(
            f"the best engine needs trafilatura, which cannot be imported ({exc}); "
            "reinstall cleaner or use --engine fast"
        ) from None
    return trafilatura


def trafilatura_lines(html: str, url: str | None, profile: Profile) -> list[str]:
    text = _trafilatura().extract(
        html,
        url=url,
        include_comments=profile.keep_comments,
        include_tables=True,
        deduplicate=False,
        with_metadata=False,
        fast=settings.SECOND_OPINION_FAST,
    )
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
