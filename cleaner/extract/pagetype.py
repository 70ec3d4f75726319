"""The kind of page, from cheap signals: the schema.org type it states, og:type, the shape of its
URL, code blocks and product marks. Each kind has a profile (patterns/page_types.toml) that
decides what extraction keeps: every post of a thread, every card of a listing, every section
of a service page, a product's description and specifications.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import settings
from ._patterns import patterns

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
#: When a page states several schema types, the first kind here wins.
_PRIORITY = ("forum", "product", "documentation", "article", "listing", "collection", "service")


@dataclass
class Signals:
    url: str | None
    schema_types: list[str] = field(default_factory=list)
    og_type: str | None = None
    code_blocks: int = 0
    product_marks: int = 0
    #: The largest group of same-shaped siblings: how many, their share of the page's text,
    #: and their mean size in characters.
    cards: int = 0
    card_share: float = 0.0
    card_chars: float = 0.0


def decide_page_type(s: Signals) -> str:
    p = patterns()
    stated = {p.schema_types[t] for t in s.schema_types if t in p.schema_types}
    for kind in _PRIORITY:
        if kind in stated and kind != "service":
            return kind
    by_url = _url_kind(s.url)
    if by_url in ("forum", "product", "documentation"):
        return by_url
    if s.og_type == "product" or (s.product_marks >= 3 and by_url != "article"):
        return "product"
    if s.code_blocks >= settings.DOC_MIN_CODE_BLOCKS and by_url != "article":
        return "documentation"
    if by_url is not None:
        return by_url
    if _listing(s):
        return "collection" if s.product_marks >= 3 else "listing"
    if s.og_type == "article":
        return "article"
    if "service" in stated:
        return "service"
    return "article"


def _listing(s: Signals) -> bool:
    return (
        s.cards >= settings.LISTING_MIN_CARDS
        and s.card_share >= settings.LISTING_MIN_SHARE
        and s.card_chars <= settings.LISTING_MAX_CARD_CHARS
    )


def _url_kind(url: str | None) -> str | None:
    if not url:
        return None
    path = urlsplit(url).path.lower()
    if path in ("", "/"):
        return "service"
    for kind, shape in patterns().url_shapes:
        if shape.search(path):
            return kind
    return None
