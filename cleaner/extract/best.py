"""The `best` engine's second opinion: trafilatura on the whole page, asked only where the
pre-pass and block scorer are unsure (low confidence), and taken when it finds more text.

Asking it on every page would cost more than the whole fast engine and, measured on WCXB dev,
changes little where the block scorer is confident; where it is not, trafilatura's own
heuristics and fallbacks (readability, jusText) often recover content the scorer missed.
"""

from __future__ import annotations

from .. import settings
from ._patterns import Profile


def trafilatura_lines(html: str, url: str | None, profile: Profile) -> list[str]:
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url,
        include_comments=profile.keep_comments,
        include_tables=True,
        deduplicate=False,
        with_metadata=False,
        fast=settings.SECOND_OPINION_FAST,
    )
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
