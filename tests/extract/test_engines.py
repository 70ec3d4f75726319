"""Both engines on the fixture pages: what each page type must keep and must lose."""

from __future__ import annotations

import sys

import pytest
from _extract_pages import URLS, page

from cleaner import Article, extract_html
from cleaner.errors import ExtractionError

ENGINES = ("best", "fast")


def _extract(name: str, engine: str) -> Article:
    return extract_html(page(name), URLS[name], engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_article_keeps_the_body_and_drops_the_chrome(engine: str) -> None:
    text = _extract("article", engine).text
    for kept in ("For decades the tides", "A steady source", "bus.", "without a serious fault."):
        assert kept in text
    for dropped in (
        "cookies",
        "Share on",
        "newsletter",
        "More stories",
        "Offshore wind",
        "Most read",
        "All rights",
        "About us",
    ):
        assert dropped not in text
    assert not text.startswith("Tidal Power Comes of Age")  # the title lives in `title`


@pytest.mark.parametrize("engine", ENGINES)
def test_forum_keeps_every_post(engine: str) -> None:
    text = _extract("forum", engine).text
    for post in ("nail polish remover", "Not ruined at all", "a little rye flour", "bake my first loaf"):
        assert post in text
    assert "Similar threads" not in text and "Terms and rules" not in text


@pytest.mark.parametrize("engine", ENGINES)
def test_listing_keeps_every_card(engine: str) -> None:
    text = _extract("listing", engine).text
    for card in ("Cliff path to the lighthouse", "Around the reservoir", "Summit of the high fell", "16 km · hard"):
        assert card in text
    assert "Eight routes chosen" in text
    assert "Next page" not in text and "registered charity" not in text


@pytest.mark.parametrize("engine", ENGINES)
def test_product_keeps_description_and_specifications(engine: str) -> None:
    text = _extract("product", engine).text
    assert "ventilated back system" in text  # stated only in JSON-LD
    assert "Volume | 40 litres" in text
    assert "Back length | Adjustable, 42 to 52 cm" in text
    assert "You may also like" not in text and "Summit 55" not in text


@pytest.mark.parametrize("engine", ENGINES)
def test_documentation_keeps_code_and_drops_navigation(engine: str) -> None:
    text = _extract("docs", engine).text
    assert 'user_agent = "tidepool/2.1"' in text
    assert 'settings = load_config("tidepool.toml")' in text
    assert "returns a frozen settings object" in text
    assert "Installation" not in text and "Quickstart" not in text


@pytest.mark.parametrize("engine", ENGINES)
def test_service_page_keeps_every_section(engine: str) -> None:
    text = _extract("service", engine).text
    for section in ("Certified sweeps", "What a sweep includes", "twice a year", "sixty-five pounds"):
        assert section in text
    assert "mailing list" not in text and "Mill Lane" not in text


@pytest.mark.parametrize("name", sorted(URLS))
def test_both_engines_return_the_same_fields(name: str) -> None:
    best, fast = _extract(name, "best"), _extract(name, "fast")
    for article in (best, fast):
        assert article.text
        assert article.page_type is not None
        assert article.confidence is not None and 0.0 <= article.confidence <= 1.0
    assert (best.title, best.author, best.date, best.sitename, best.language, best.url, best.page_type) == (
        fast.title, fast.author, fast.date, fast.sitename, fast.language, fast.url, fast.page_type
    )  # fmt: skip


def test_confidence_ranks_a_clean_article_above_a_link_list() -> None:
    links = "".join(f'<li><a href="/p/{i}">Item number {i}</a></li>' for i in range(40))
    link_page = f"<html><body><ul>{links}</ul></body></html>"
    good = _extract("article", "fast").confidence or 0.0
    poor = extract_html(link_page, "https://example.org/x", engine="fast").confidence or 0.0
    assert good > 0.8 > poor


def test_the_text_cleaner_rules_apply_to_extracted_text() -> None:
    html = page("article").replace(
        b"without a serious fault.</p>",
        b"without a serious fault.</p><p>Follow us on Twitter and Facebook for more updates.</p>",
    )
    article = extract_html(html, URLS["article"], engine="fast")
    assert "Follow us on" not in article.text
    assert any("Follow us on" in r.text for r in article.removed)


def test_trafilatura_imports_in_this_install() -> None:
    """Its fallback (jusText) needs lxml_html_clean, which pip does not always bring along."""
    import trafilatura

    body = "A sentence of text. " * 20
    assert trafilatura.extract(f"<html><body><article><p>{body}</p></article></body></html>")


def test_a_broken_trafilatura_is_an_error_not_a_quiet_fast_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` raise ImportError
    with pytest.raises(ExtractionError, match="best engine needs trafilatura"):
        extract_html(page("article"), URLS["article"], engine="best")
    assert extract_html(page("article"), URLS["article"], engine="fast").text


def _news(dated: bool) -> str:
    stamp = '<time datetime="2025-06-02">2 June 2025</time>' if dated else ""
    line = "<p>The harbour board met on the quay for the {n}th time this year, and said so.</p>"
    body = "".join(line.format(n=n) for n in range(12))
    return (
        '<html><head><title>Harbour news</title><meta property="og:type" content="article"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Harbour news</h1>{stamp}{body}</article></body></html>"
    )


@pytest.mark.parametrize(("dated", "asked"), [(True, 1), (False, 0)])
def test_best_asks_trafilatura_only_on_articles_that_state_a_date(
    monkeypatch: pytest.MonkeyPatch, dated: bool, asked: int
) -> None:
    import cleaner.extract.html as extract

    calls: list[str] = []
    real = extract.trafilatura_blocks
    monkeypatch.setattr(extract, "trafilatura_blocks", lambda *a, **k: calls.append("asked") or real(*a, **k))
    article = extract_html(_news(dated), "https://harbour.example.org/news/board", engine="best")
    assert article.page_type == "article"
    assert (article.date is not None) is dated
    assert len(calls) == asked
    assert "the 11th time this year" in article.text


def test_best_asks_every_article_when_the_date_rule_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.extract.html as extract
    from cleaner import settings

    calls: list[str] = []
    real = extract.trafilatura_blocks
    monkeypatch.setattr(extract, "trafilatura_blocks", lambda *a, **k: calls.append("asked") or real(*a, **k))
    monkeypatch.setattr(settings, "SECOND_OPINION_NEEDS_DATE", False)
    extract_html(_news(False), "https://harbour.example.org/news/board", engine="best")
    assert calls == ["asked"]
