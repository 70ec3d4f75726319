"""Bad input: a result (possibly empty text) or a clear ExtractionError, never a crash or a hang."""

from __future__ import annotations

import pytest
from _extract_pages import URLS, page

from cleaner import Article, ExtractionError, extract_html

ENGINES = ("best", "fast")
PARAGRAPH = "<p>The harbour master said the new breakwater would protect the fleet from winter storms for decades.</p>"


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_string_gives_an_empty_article(engine: str) -> None:
    for empty in ("", "   \n", b""):
        article = extract_html(empty, "https://example.org/x", engine=engine)
        assert article.text == ""
        assert article.confidence == 0.0
        assert article.url == "https://example.org/x"


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_html_still_yields_its_text(engine: str) -> None:
    html = page("article").decode("utf-8")
    cut = html[: html.index("The costs remain high") + 40]  # ends inside a paragraph, tags left open
    article = extract_html(cut, URLS["article"], engine=engine)
    assert "first array of underwater turbines" in article.text
    assert "The costs remain high" in article.text


@pytest.mark.parametrize("engine", ENGINES)
def test_page_without_body_or_head(engine: str) -> None:
    article = extract_html(PARAGRAPH * 3, engine=engine)
    assert "new breakwater" in article.text
    bare = extract_html("<html><head><title>Only a title</title></head></html>", engine=engine)
    assert bare.text == ""
    assert bare.title == "Only a title"


@pytest.mark.parametrize("engine", ENGINES)
def test_twenty_megabyte_page(engine: str) -> None:
    """A big inline script (as single-page apps ship) and a long article: both survive."""
    script = "<script>var state = " + '"x",' * 4_000_000 + "];</script>"
    body = "".join(
        f"<p>Paragraph {i}: the harbour master spoke about the breakwater and the fleet.</p>" for i in range(2000)
    )
    html = f"<html><head>{script}</head><body><article>{body}</article></body></html>"
    assert len(html) > 16_000_000
    article = extract_html(html, engine=engine)
    assert "Paragraph 0:" in article.text
    assert "var state" not in article.text


@pytest.mark.parametrize("engine", ENGINES)
def test_ten_thousand_levels_of_nesting(engine: str) -> None:
    deep = "<div>" * 10_000 + PARAGRAPH * 3 + "</div>" * 10_000
    article = extract_html(f"<html><body>{deep}</body></html>", engine=engine)
    assert isinstance(article, Article)
    assert 0.0 <= (article.confidence or 0.0) <= 1.0


@pytest.mark.parametrize("engine", ENGINES)
def test_windows_1251_page_is_decoded(engine: str) -> None:
    article = extract_html(page("cp1251"), URLS["cp1251"], engine=engine)
    assert "подлёдного лова" in article.text
    assert article.title == "Зимняя рыбалка на озере"
    assert article.language == "ru"


@pytest.mark.parametrize("engine", ENGINES)
def test_shift_jis_page_is_decoded(engine: str) -> None:
    article = extract_html(page("shiftjis"), URLS["shiftjis"], engine=engine)
    assert "桜の開花が例年より一週間ほど早く" in article.text
    assert article.title == "桜の開花予想"
    assert article.language == "ja"


def test_undeclared_encoding_is_detected() -> None:
    raw = page("cp1251").replace(b"charset=windows-1251", b"")
    article = extract_html(raw, URLS["cp1251"], engine="fast")
    assert "подлёдного лова" in article.text


@pytest.mark.parametrize("engine", ENGINES)
def test_binary_document_is_a_clear_error(engine: str) -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\x03endstream"
    with pytest.raises(ExtractionError, match="binary file, not HTML") as caught:
        extract_html(pdf, "https://example.org/report.pdf", engine=engine)
    assert "https://example.org/report.pdf" in str(caught.value)


@pytest.mark.parametrize("engine", ENGINES)
def test_non_html_text_documents_give_a_result(engine: str) -> None:
    for doc in ('{"name": "a JSON document", "items": [1, 2, 3]}', "plain text, a single line without any markup."):
        article = extract_html(doc, engine=engine)
        assert isinstance(article, Article)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'turbo'"):
        extract_html("<p>x</p>", engine="turbo")


SENTENCES = (
    "<p>The harbour master said the new breakwater would protect the fleet from winter storms for decades.</p>"
    "<p>Engineers poured the last of the concrete blocks in March, two months ahead of the schedule.</p>"
)


@pytest.mark.parametrize("engine", ENGINES)
def test_hundred_thousand_levels_keep_their_sentences(engine: str) -> None:
    """Nesting beyond the cap is flattened before parsing (it made the parser quadratic): the
    sentences stay, each its own paragraph."""
    deep = "<div>" * 100_000 + SENTENCES + "</div>" * 100_000
    article = extract_html(f"<html><body>{deep}</body></html>", engine=engine)
    assert "protect the fleet from winter storms for decades." in article.text
    assert "two months ahead of the schedule." in article.text
    assert sum(1 for b in article.blocks if b.kind == "paragraph") == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_megabytes_of_unclosed_inline_tags_keep_their_words(engine: str) -> None:
    unit = "<b><i><span>harbour breakwater fleet "
    html = f"<html><body><article>{SENTENCES}{unit * 120_000}</article></body></html>"
    assert len(html) > 3_000_000
    article = extract_html(html, engine=engine)
    assert "two months ahead of the schedule." in article.text
    assert article.text.count("harbour breakwater fleet") >= 100_000


@pytest.mark.parametrize("engine", ENGINES)
def test_table_of_fifty_thousand_rows_is_kept(engine: str) -> None:
    rows = "".join(f"<tr><td>row {i}</td><td>{i * 7}</td></tr>" for i in range(50_000))
    html = f"<html><body><article>{SENTENCES}<table>{rows}</table></article></body></html>"
    article = extract_html(html, engine=engine)
    tables = [b for b in article.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert len(tables[0].rows) == 50_000
    assert tables[0].rows[-1] == ("row 49999", str(49_999 * 7))


@pytest.mark.parametrize("engine", ENGINES)
def test_nul_characters_between_words_are_dropped(engine: str) -> None:
    body = "".join(
        f"<p>The harbour\x00 master said\x00 in report {i} that the breakwater\x00 would protect the fleet.</p>"
        for i in range(20)
    )
    html = f"<html><body><article>{body}</article></body></html>"
    for page_input in (html, html.encode("utf-8")):
        article = extract_html(page_input, engine=engine)
        assert "\x00" not in article.text
        assert "The harbour master said in report 7 that the breakwater would protect the fleet." in article.text


@pytest.mark.parametrize("engine", ["best", "fast"])
def test_a_cap_that_cut_something_is_said_in_the_record(engine: str) -> None:
    deep = (
        "<html><body>" + "<div>" * 2_000 + "<p>The words at the bottom of a deep page are kept.</p>" + "</div>" * 2_000
    )
    article = extract_html(deep + "</body></html>", engine=engine)
    assert "The words at the bottom of a deep page are kept." in article.text
    assert any("nested deeper" in note for note in article.notes)
    assert article.to_dict()["notes"] == article.notes
    links = "".join(f'<a href="/{i}">link {i}</a> ' for i in range(6_000))
    article = extract_html(f"<html><body><article><p>{links}</p></article></body></html>", engine="fast")
    assert "link 5999" in article.text
    assert any("inline parts read as plain text" in note for note in article.notes)


def test_a_page_without_caps_says_nothing() -> None:
    article = extract_html("<html><body><p>A short page with one sentence of text in it.</p></body></html>")
    assert article.notes == [] and "notes" not in article.to_dict()
