"""Every writer over one hand-built document of every kind of block (as an HTML page gives
them: no source spans), against golden files in tests/writers/golden/.

Golden files hold the whole output and the tests fail on any difference; after a deliberate
change, rewrite them with ``CLEANER_REGEN_GOLDEN=1 pytest tests/writers`` and review the diff.
"""

from __future__ import annotations

import json

import pytest
from markdown_it.token import Token

from cleaner.article import Article
from cleaner.document import Block, Document, Mark
from cleaner.writers import FORMATS, extension, render, render_error
from cleaner.writers.json import dumps

from ._build import check_golden, inline_text, parser

CODE = 'def main():\n\tprint("```")\n\n\n\treturn `x`  # tabs, blank lines, backticks\n'
LINKED = "Read the guide, then the API, in code: run() and more."


def _blocks() -> list[Block]:
    def at(text: str, part: str) -> tuple[int, int]:
        start = text.index(part)
        return start, start + len(part)

    return [
        Block("heading", "A page of everything", level=1, role="title"),
        Block("paragraph", "The opening paragraph, with *stars* and [brackets] typed by the author."),
        *[Block("heading", f"Heading of level {n}", level=n) for n in range(2, 7)],
        Block(
            "paragraph",
            LINKED,
            marks=(
                Mark("link", *at(LINKED, "the guide"), target="https://example.com/guide"),
                Mark("strong", *at(LINKED, "the API"), target=None),
                Mark("link", *at(LINKED, "the API"), target="https://example.com/api (v2)"),
                Mark("code", *at(LINKED, "run()")),
                Mark("emphasis", *at(LINKED, " and more")),
            ),
        ),
        Block("list_item", "fruit", depth=0),
        Block("list_item", "apple", depth=1),
        Block("list_item", "green", depth=2),
        Block("list_item", "pear", depth=1),
        Block("list_item", "vegetables", depth=0),
        Block("paragraph", "Steps:"),
        Block("list_item", "first", depth=0, ordered=True, number=1),
        Block("list_item", "second", depth=0, ordered=True, number=2),
        Block("list_item", "a sub-step", depth=1, ordered=True, number=1),
        Block("list_item", "an aside", depth=2),
        Block("list_item", "tenth", depth=0, ordered=True, number=10),
        Block("list_item", "under ten", depth=1),
        Block("code", CODE, lang="python"),
        Block(
            "table",
            "Name | Value",
            rows=(("Name", "Value"), ("pipe", "a | b"), ("empty", ""), ("short",)),
            header=True,
        ),
        Block("table", "no header", rows=(("x", "1"), ("y", "2")), header=False),
        Block("paragraph", "Quoted once.", quote=1),
        Block("paragraph", "Quoted twice.", quote=2),
        Block("paragraph", "Back to once.", quote=1),
        Block("quote", "A quote the reader did not take apart."),
        Block("image", "A diagram [v2]", src="https://example.com/a diagram.png"),
        Block("caption", "Figure 1: the diagram."),
        Block("rule", ""),
        Block("paragraph", "An inline image: logo here.", marks=(Mark("image", 17, 21, "logo.png"),)),
        Block("front_matter", "title: x"),
        Block("link_def", "[1]: https://example.com/", src="https://example.com/"),
        Block("html", "<div>raw</div>"),
        Block("paragraph", "The end."),
    ]


def _article() -> Article:
    document = Document(_blocks(), format="html")
    kept = list(document.blocks)
    return Article(
        text="(set by the cleaner)",
        title="A page of everything",
        author="Ann Author",
        date="2024-05-01",
        url="https://example.com/page",
        blocks=kept,
        document=document,
    )


@pytest.mark.parametrize(
    ("name", "fmt", "options"),
    [
        ("structured.txt", "text", {}),
        ("structured.no-title.txt", "text", {"keep_title": False}),
        ("structured.md", "markdown", {}),
        ("structured.links-images.md", "markdown", {"links": True, "images": True}),
        ("structured.json", "json", {}),
        ("structured.no-blocks.jsonl", "jsonl", {"blocks": False}),
    ],
)
def test_golden(name: str, fmt: str, options: dict[str, bool]) -> None:
    check_golden(name, render(_article(), fmt, **options))


def _tokens(markdown: str) -> list[Token]:
    return parser().parse(markdown)


def test_the_code_reads_back_exactly() -> None:
    fences = [t for t in _tokens(render(_article(), "markdown")) if t.type == "fence"]
    assert [(t.info, t.content) for t in fences] == [("python", CODE)]


def test_code_in_a_quote_reads_back_exactly() -> None:
    doc = Document([Block("code", CODE, quote=2), Block("paragraph", "after", quote=2)], format="html")
    out = render(Article(blocks=list(doc.blocks), document=doc), "markdown")
    tokens = _tokens(out)
    assert [t.content for t in tokens if t.type == "fence"] == [CODE]
    assert sum(t.type == "blockquote_open" for t in tokens) == 2


def test_the_lists_nest_as_the_blocks_say() -> None:
    tokens = _tokens(render(_article(), "markdown"))
    items: list[tuple[int, str]] = []
    depth = -1
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            items.append((depth, inline_text(tokens[i + 2].children or [])))
    expected = [(b.depth, b.text) for b in _blocks() if b.kind == "list_item"]
    assert items == expected
    numbers = [t.info for t in tokens if t.type == "list_item_open" and t.info]
    assert numbers == ["1", "2", "1", "10"]


def test_the_tables_read_back_cell_for_cell() -> None:
    tokens = _tokens(render(_article(), "markdown"))
    cells: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in ("th_open", "td_open"):
            cells.append(inline_text(tokens[i + 1].children or []))
    assert cells == ["Name", "Value", "pipe", "a | b", "empty", "", "short", "", "x", "1", "y", "2"]


def test_the_quotes_nest() -> None:
    out = render(_article(), "markdown")
    assert "> Quoted once.\n>\n> > Quoted twice.\n>\n> Back to once.\n\n> A quote the reader" in out


def test_links_and_images_only_when_asked() -> None:
    plain = render(_article(), "markdown")
    assert "](" not in plain
    assert "Read the guide, then **the API**, in code: `run()` *and more*." in plain
    rich = render(_article(), "markdown", links=True, images=True)
    assert "[the guide](https://example.com/guide)" in rich
    assert "**[the API](<https://example.com/api (v2)>)**" in rich
    assert "![A diagram \\[v2\\]](<https://example.com/a diagram.png>)" in rich
    assert "![logo](logo.png)" in rich
    links = [t.attrGet("href") for t in _tokens(rich) for t in (t.children or []) if t.type == "link_open"]
    assert links == ["https://example.com/guide", "https://example.com/api%20(v2)"]


def test_json_has_todays_keys_first_then_blocks_and_markdown() -> None:
    data = json.loads(render(_article(), "json"))
    today = list(Article().to_dict())
    assert list(data)[: len(today)] == today
    assert list(data)[len(today) :] == ["blocks", "markdown"]
    assert data["blocks"][0] == {"type": "heading", "text": "A page of everything", "level": 1, "role": "title"}
    assert data["markdown"].startswith("The opening paragraph")  # no front block, no title
    assert "blocks" not in json.loads(render(_article(), "jsonl", blocks=False))


def test_text_and_markdown_of_an_article_without_blocks() -> None:
    article = Article(text="One *line*.\n\n# Two", title="T", author="A")
    assert render(article, "text") == "T\n\nOne *line*.\n\n# Two\n"
    assert render(article, "markdown") == '---\nauthor: "A"\n---\n\n# T\n\nOne \\*line\\*.\n\n\\# Two\n'
    assert render(Article(), "text") == "\n"
    assert render(Article(), "markdown") == "\n"


def test_formats_extensions_and_errors() -> None:
    assert FORMATS == ("text", "json", "jsonl", "markdown")
    assert [extension(f) for f in FORMATS] == ["txt", "json", "jsonl", "md"]
    assert render_error("a.txt", "input", "no such file", "jsonl") == (
        '{"input":"a.txt","error":{"kind":"input","message":"no such file"}}\n'
    )
    assert json.loads(render_error("https://x/", "http", "404", "json", key="url"))["url"] == "https://x/"
    with pytest.raises(ValueError, match="unknown output format"):
        render(Article(), "html")


def test_a_json_line_is_compact_whoever_writes_it() -> None:
    """orjson writes the line; what it refuses (a lone surrogate) the stdlib writes in the same
    form, so that every line of a file reads alike (as `cleaner clean in.jsonl` writes them)."""
    assert dumps({"a": [1, "é"], "b": None}) == '{"a":[1,"é"],"b":null}\n'
    assert dumps({"a": "x\ud800"}) == '{"a":"x\ud800"}\n'
    assert dumps({"a": 1}, indent=2) == '{\n  "a": 1\n}\n'
