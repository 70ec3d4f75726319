"""The block walk: what the golden files cannot say in one line each."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner import extract_html, settings
from cleaner.document import plain_text
from cleaner.extract._blocks import node_blocks
from cleaner.extract._nesting import cap_nesting
from cleaner.extract._patterns import patterns
from cleaner.extract.best import trafilatura_blocks


def _blocks(html: str):  # type: ignore[no-untyped-def]
    body = LexborHTMLParser(html).body
    assert body is not None
    return node_blocks(body)


def test_marks_cover_their_words() -> None:
    (block,) = _blocks('<p>See <a href="/x">the <em>new</em> page</a> and <code>run()</code>.</p>')
    spans = {(m.kind, block.text[m.start : m.end], m.target) for m in block.marks}
    assert spans == {("link", "the new page", "/x"), ("emphasis", "new", None), ("code", "run()", None)}


def test_images_add_no_words() -> None:
    blocks = _blocks('<p>Before <img src="/a.png" alt="a long alt text"> after.</p>')
    assert [b.kind for b in blocks] == ["paragraph", "image"]
    assert plain_text(blocks) == "Before after."
    article = extract_html(
        '<article><p>The harbour master said the new breakwater would protect the fleet.</p><img src="/b.png" '
        'alt="many words of alternative text here"></article>',
        engine="fast",
    )
    assert "alternative" not in article.text


def test_content_deeper_than_the_cap_is_flattened_not_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "HTML_MAX_DEPTH", 5)
    html = "<div>" * 10 + "<p>first <b>para</b></p><p>second</p>" + "</div>" * 10
    blocks = _blocks(html)
    assert [b.text for b in blocks] == ["first para second"]


def test_nesting_cap_keeps_text_and_paragraph_breaks() -> None:
    html = "<div>" * 50 + "<p>one</p><p>two</p>" + "</div>" * 50 + "<p>after</p>"
    capped = cap_nesting(html, limit=10)
    assert capped.count("<div>") == 10 and capped.count("</div>") == 10
    assert [b.text for b in _blocks(capped)] == ["one", "two", "after"]
    assert cap_nesting("<p>shallow</p>" * 1000, limit=10) == "<p>shallow</p>" * 1000


def test_a_layout_table_reads_as_its_blocks() -> None:
    long = "A paragraph long enough to be the prose of the page rather than a value in a grid. " * 3
    blocks = _blocks(f"<table><tr><td><h2>Title</h2><p>{long}</p></td><td>side</td></tr></table>")
    assert [b.kind for b in blocks] == ["heading", "paragraph", "paragraph"]


def test_flask_quickstart_code_keeps_its_lines(shared: Path) -> None:
    """WCXB dev page 0662: the first example's lines apart, the indentation kept (both engines
    and trafilatura's own cut)."""
    wcxb = shared / "bench" / "wcxb"
    html = gzip.decompress((wcxb / "html" / "0662.html.gz").read_bytes()).decode("utf-8")
    url = json.loads((wcxb / "ground-truth.json").read_text(encoding="utf-8"))["0662"]["url"]
    results = [extract_html(html, url, engine=engine).blocks for engine in ("best", "fast")]
    results.append(trafilatura_blocks(html, url, patterns().profiles["article"], LexborHTMLParser(html).body))
    for blocks in results:
        code = next(b for b in blocks if b.kind == "code" and "from flask import Flask" in b.text)
        lines = code.text.splitlines()
        assert lines[0] == "from flask import Flask"
        assert "app = Flask(__name__)" in lines
        assert any(line.startswith("    return ") for line in lines)


def test_an_html_article_s_blocks_carry_their_heading_path() -> None:
    html = """<html><body><article><h1>Guide</h1><p>An opening paragraph that is long enough to count.</p>
    <h2>Install</h2><p>Run the installer and follow what it says on the screen, step by step.</p>
    <h3>On Linux</h3><p>Use the package manager of your distribution to install it instead.</p>
    <h2>Use</h2><p>Start the program from the menu and open a file to begin working on it.</p>
    </article></body></html>"""
    blocks = extract_html(html, engine="fast").blocks
    path = {b.text[:9]: b.heading_path for b in blocks if b.kind == "paragraph"}
    assert path == {
        "An openin": ("Guide",),
        "Run the i": ("Guide", "Install"),
        "Use the p": ("Guide", "Install", "On Linux"),
        "Start the": ("Guide", "Use"),
    }
