"""Page-type decisions: on whole fixture pages, and on the signals one at a time."""

from __future__ import annotations

import pytest
from _extract_pages import URLS, page

from cleaner import extract_html
from cleaner.extract.pagetype import Signals, decide_page_type

EXPECTED = {
    "article": "article",
    "forum": "forum",
    "listing": "listing",
    "product": "product",
    "docs": "documentation",
    "service": "service",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("engine", ["best", "fast"])
def test_fixture_page_type(name: str, engine: str) -> None:
    assert extract_html(page(name), URLS[name], engine=engine).page_type == EXPECTED[name]


def test_listing_is_recognised_by_its_cards_without_url() -> None:
    assert extract_html(page("listing"), engine="fast").page_type == "listing"


@pytest.mark.parametrize(
    ("signals", "expected"),
    [
        (Signals(url=None, schema_types=["NewsArticle"]), "article"),
        (Signals(url=None, schema_types=["WebPage", "Product", "Organization"]), "product"),
        (Signals(url=None, schema_types=["QAPage"]), "forum"),
        (Signals(url=None, schema_types=["BlogPosting", "DiscussionForumPosting"]), "forum"),
        (Signals(url=None, schema_types=["TechArticle"]), "documentation"),
        (Signals(url=None, schema_types=["CollectionPage"]), "collection"),
        (Signals(url="https://example.org/forums/topic/123-help"), "forum"),
        (Signals(url="https://example.org/docs/install"), "documentation"),
        (Signals(url="https://example.org/products/blue-kettle"), "product"),
        (Signals(url="https://example.org/2024/05/06/storm"), "article"),
        (Signals(url="https://example.org/"), "service"),
        (Signals(url="https://example.org/services/roof-repair"), "service"),
        (Signals(url="https://example.org/x", og_type="product"), "product"),
        (Signals(url="https://example.org/x", code_blocks=4), "documentation"),
        (Signals(url="https://example.org/2024/05/06/x", code_blocks=4), "article"),
        (Signals(url="https://example.org/x", product_marks=5), "product"),
        (Signals(url="https://example.org/x", cards=12, card_share=0.7, card_chars=120), "listing"),
        (Signals(url="https://example.org/x", cards=12, card_share=0.7, card_chars=120, product_marks=3), "product"),
        (Signals(url="https://example.org/x", cards=12, card_share=0.7, card_chars=2000), "article"),
        (Signals(url="https://example.org/x", cards=12, card_share=0.1, card_chars=120), "article"),
        (Signals(url=None), "article"),
    ],
)
def test_signals(signals: Signals, expected: str) -> None:
    assert decide_page_type(signals) == expected
