"""Visible text written as Markdown must read back as the same text: the escaping of
`cleaner.writers._escape`, checked by rendering with markdown-it-py (CommonMark + GFM tables
and strikethrough) and reading the text of what it rendered."""

from __future__ import annotations

import pytest

from cleaner.article import Article
from cleaner.document import Block, Document
from cleaner.writers.markdown import render_markdown

from ._build import inline_text, parser, visible

TRICKY = [
    "*not emphasis*",
    "**not strong** either",
    "_not emphasis_",
    "a_b_c and snake_case_name",
    "__init__.py",
    "[not a link](x)",
    "![not an image](y.png)",
    "[^1] not a footnote",
    "# not a heading",
    "###### nor this",
    "#hashtag",
    "1. not a list",
    "2) nor this",
    "2024. A year",
    "- not a list",
    "+ not a list",
    "* not a list",
    "-",
    "> not a quote",
    "<div>not html</div>",
    "<https://example.com> not an autolink",
    "a <b> c",
    "&amp; &copy; &#169; &#xA9; stay as typed",
    "AT&T and R&D;",
    "`not code`",
    "``double``",
    "a ` lone backtick",
    "trailing backslash\\",
    "back\\slash and \\* and \\\\",
    "~~not struck~~",
    "~one tilde~",
    "a | b | c",
    "=====",
    "---",
    "***",
    "___",
    "- - -",
    "    four spaces would be code",
    "```not a fence",
    "~~~ nor this",
    "C# and F#",
    "ends with #",
    "line one\n# line two not a heading",
    "line one\n=====",
    "line one\n---",
    "line one\n- not an item",
    "line one\n1. not an item",
    "a | b\n--- | ---\nnot a table",
    "price: $5 * 3 = $15",
    "1.5 million",
    "100% <sure>",
    "x < y > z",
    "*",
    "_",
    "\\",
]


def _paragraph_markdown(text: str) -> str:
    doc = Document([Block("paragraph", text)], format="html")
    return render_markdown(Article(text=text, blocks=list(doc.blocks), document=doc), keep_title=False)


def _expected(text: str) -> str:
    # a renderer drops blanks at a line's start and end; nothing else may change
    return "\n".join(line.strip(" \t") for line in text.split("\n"))


@pytest.mark.parametrize("text", TRICKY)
def test_a_paragraph_reads_back_as_its_visible_text(text: str) -> None:
    markdown = _paragraph_markdown(text)
    tokens = parser().parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    assert visible(markdown) == _expected(text), markdown


@pytest.mark.parametrize("text", TRICKY)
def test_a_heading_reads_back_as_its_visible_text(text: str) -> None:
    doc = Document([Block("heading", text, level=2)], format="html")
    markdown = render_markdown(Article(blocks=list(doc.blocks), document=doc), keep_title=False)
    tokens = parser().parse(markdown)
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"], markdown
    assert visible(markdown) == " ".join(text.split()), markdown


@pytest.mark.parametrize("text", TRICKY)
def test_a_title_reads_back_as_itself(text: str) -> None:
    markdown = render_markdown(Article(title=text))
    assert visible(markdown) == " ".join(text.split()), markdown


@pytest.mark.parametrize("text", TRICKY)
def test_a_table_cell_reads_back_as_itself(text: str) -> None:
    doc = Document([Block("table", text, rows=(("head", "x"), (text, "y")), header=True)], format="html")
    markdown = render_markdown(Article(blocks=list(doc.blocks), document=doc), keep_title=False)
    tokens = parser().parse(markdown)
    cells = [inline_text(t.children or []) for t in tokens if t.type == "inline"]
    assert cells == ["head", "x", " ".join(text.split()), "y"], markdown


def test_ordinary_prose_is_left_readable() -> None:
    text = "snake_case, 5 - 3 = 2, C# 1.5 and 2024. It's 100% fine: a-b, x+y, a=b."
    assert _paragraph_markdown(text) == text + "\n"
