"""The `best` engine: trafilatura reads the pre-pass's container (a much smaller document than
the page, so it is faster and cannot wander into the page's chrome)."""

from __future__ import annotations

import html as html_lib

from ._patterns import Profile


def trafilatura_lines(container_html: str, title: str | None, url: str | None, profile: Profile) -> list[str]:
    import trafilatura

    head = f"<title>{html_lib.escape(title)}</title>" if title else ""
    doc = f"<html><head>{head}</head><body>{container_html}</body></html>"
    text = trafilatura.extract(
        doc,
        url=url,
        fast=True,
        include_comments=profile.keep_comments,
        include_tables=True,
        deduplicate=False,
        with_metadata=False,
        favor_recall=profile.spread,
    )
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
