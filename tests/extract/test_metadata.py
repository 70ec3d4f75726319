"""Metadata: what the page states (JSON-LD, OpenGraph, <meta>, <time>), ISO dates."""

from __future__ import annotations

import pytest
from _extract_pages import URLS, page

from cleaner import extract_html
from cleaner.extract.metadata import iso_date


@pytest.mark.parametrize("engine", ["best", "fast"])
def test_article_metadata(engine: str) -> None:
    article = extract_html(page("article"), URLS["article"], engine=engine)
    assert article.title == "Tidal Power Comes of Age"
    assert article.author == "Morwenna Pascoe"  # JSON-LD wins over <meta name=author>
    assert article.date == "2024-03-12"
    assert article.sitename == "The Coastal Review"
    assert article.language == "en"
    assert article.url == URLS["article"]


def test_canonical_url_when_none_is_given() -> None:
    article = extract_html(page("article"), engine="fast")
    assert article.url == "https://coastal.example.org/2024/03/12/tidal-power"


def test_meta_tags_without_json_ld() -> None:
    html = """<html lang="de-AT"><head><title>Neue Brücke eröffnet – Stadtblatt</title>
    <meta property="og:site_name" content="Stadtblatt"><meta name="author" content="Von Anna Huber">
    <meta property="article:published_time" content="2023-11-02T10:00:00+01:00"></head>
    <body><article><h1>Neue Brücke eröffnet</h1><p>Nach drei Jahren Bauzeit ist die neue Brücke über
    den Fluss am Samstag für den Verkehr freigegeben worden, zwei Monate früher als geplant.</p>
    </article></body></html>"""
    article = extract_html(html, "https://stadtblatt.example.at/lokal/bruecke", engine="fast")
    assert article.title == "Neue Brücke eröffnet"
    assert article.author == "Anna Huber"
    assert article.date == "2023-11-02"
    assert article.sitename == "Stadtblatt"
    assert article.language == "de"


def test_time_element_and_byline_class() -> None:
    html = """<html><head><title>Notes on moss | Garden diary</title></head><body><article>
    <h1>Notes on moss</h1><span class="byline">By Ellis Garth</span><time datetime="2022-06-30">June 30</time>
    <p>Moss grows where grass gives up: in shade, on compacted soil, and where the drainage is poor after rain.</p>
    </article></body></html>"""
    article = extract_html(html, engine="fast")
    assert article.author == "Ellis Garth"
    assert article.date == "2022-06-30"
    assert article.title == "Notes on moss"


def test_title_without_h1_drops_the_site_name() -> None:
    html = """<html><head><title>How to sharpen a chisel | Workshop Notes</title>
    <meta property="og:site_name" content="Workshop Notes"></head>
    <body><p>Flatten the back first, then hone the bevel on progressively finer stones until a burr
    forms.</p></body></html>"""
    assert extract_html(html, engine="fast").title == "How to sharpen a chisel"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-04T10:00:00Z", "2025-09-04"),
        ("2025/9/4", "2025-09-04"),
        ("4 September 2025", "2025-09-04"),
        ("Sep 4, 2025", "2025-09-04"),
        ("4. März 2025", "2025-03-04"),
        ("12 juillet 2021", "2021-07-12"),
        ("2025-13-40", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_an_author_the_page_states_in_quotes() -> None:
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "Disks keep getting bigger", "author": {"@type": "Person", "name": "\\"David Kim\\""}}
    </script></head><body><article><h1>Disks keep getting bigger</h1><p>A terabyte of storage cost
    a few hundred dollars a decade ago; today it costs less than a dinner for two in most cities.</p>
    </article></body></html>"""
    assert extract_html(html, engine="fast").author == "David Kim"
