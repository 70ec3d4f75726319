"""The Markdown reader: golden outputs, spans that tile the source, visible text, hostile input.

Golden files (tests/readers/golden/<fixture>.json) hold every block's `to_dict()`, the metadata
and the notes. After an intended change, rewrite them with CLEANER_UPDATE_GOLDEN=1 and review
the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cleaner import settings
from cleaner.document import Document, Mark
from cleaner.readers.markdown import read_markdown

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "fixtures" / "markdown" / "reader"
GOLDEN = Path(__file__).resolve().parent / "golden"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.md"))


def _source(name: str) -> str:
    # newline="" keeps CRLF and lone CR as they are in the file
    with open(FIXTURES / f"{name}.md", encoding="utf-8", newline="") as handle:
        return handle.read()


def _tiles(doc: Document) -> str:
    return "".join(doc.gap(i) + doc.raw(b) for i, b in enumerate(doc.blocks)) + doc.tail()


def _check_spans(doc: Document) -> None:
    assert doc.source is not None
    assert _tiles(doc) == doc.source
    previous = 0
    for block in doc.blocks:
        assert block.start is not None and block.end is not None
        assert previous <= block.start <= block.end, block
        # whole lines: a span starts after a line break and ends before one
        assert block.start == 0 or doc.source[block.start - 1] in "\r\n"
        assert block.end == len(doc.source) or doc.source[block.end] in "\r\n"
        previous = block.end


def test_fixtures_are_there() -> None:
    assert {"code", "crlf", "front_matter_toml", "front_matter_yaml", "links", "lists", "quotes", "tables"} <= set(
        NAMES
    )


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str) -> None:
    doc = read_markdown(_source(name))
    got = {"blocks": [b.to_dict() for b in doc.blocks], "metadata": doc.metadata, "notes": doc.notes}
    path = GOLDEN / f"{name}.json"
    if os.environ.get("CLEANER_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_spans_tile_the_source(name: str) -> None:
    source = _source(name)
    doc = read_markdown(source)
    assert doc.format == "markdown"
    assert doc.source is source
    assert doc.verbatim
    _check_spans(doc)


def test_visible_text_has_no_urls_or_markers() -> None:
    doc = read_markdown("The post [My Title](https://x.com/a) appeared first on [Site](https://x.com).\n")
    (block,) = doc.blocks
    assert block.text == "The post My Title appeared first on Site."
    assert block.marks == (Mark("link", 9, 17, "https://x.com/a"), Mark("link", 36, 40, "https://x.com"))
    assert block.text[9:17] == "My Title"

    (block,) = read_markdown("Some **bold**, _em_, ~~gone~~ and `x  y` here.\n").blocks
    assert block.text == "Some bold, em, gone and x  y here."
    assert [(m.kind, block.text[m.start : m.end]) for m in block.marks] == [
        ("strong", "bold"),
        ("emphasis", "em"),
        ("strike", "gone"),
        ("code", "x  y"),
    ]


def test_escapes_entities_breaks_and_inline_html() -> None:
    (block,) = read_markdown("a \\*b\\* &amp; &#169;   c<br>d\\\ne  \nf\ng <i>h</i>\n").blocks
    assert block.text == "a *b* & © cd e f g h"


def test_headings_give_heading_paths() -> None:
    doc = read_markdown("# A\n\ntext\n\n## B\n\nmore\n\n# C\n\nlast\n")
    assert [b.heading_path for b in doc.blocks] == [(), ("A",), ("A",), ("A", "B"), (), ("C",)]


def test_lists_carry_depth_order_and_number() -> None:
    doc = read_markdown("3. three\n   - inner\n\n     second paragraph\n4. four\n")
    kinds = [(b.kind, b.text, b.depth, b.ordered, b.number) for b in doc.blocks]
    assert kinds == [
        ("list_item", "three", 0, True, 3),
        ("list_item", "inner", 1, False, None),
        ("paragraph", "second paragraph", 2, False, None),
        ("list_item", "four", 0, True, 4),
    ]


def test_front_matter_is_metadata_not_body() -> None:
    doc = read_markdown("---\ntitle: Hello\nauthor: Me\nurl: https://a.example/p\n---\nBody text.\n")
    assert doc.metadata == {"title": "Hello", "author": "Me", "url": "https://a.example/p"}
    assert [b.kind for b in doc.blocks] == ["front_matter", "paragraph"]
    assert doc.raw(doc.blocks[0]).startswith("---\ntitle: Hello")
    assert "Hello" not in doc.blocks[1].text
    _check_spans(doc)


@pytest.mark.parametrize(
    "source",
    [
        "---\ntitle: [unclosed\n---\nx\n",  # YAML error
        "---\njust a sentence\n---\nx\n",  # YAML, but not a mapping: a rule and a setext heading
        "+++\ntitle = \n+++\nx\n",  # TOML error
        "---\ntitle: x\n",  # never closed
        "---\ndate: 2024-13-45\n---\n",  # a date out of range
    ],
)
def test_front_matter_that_does_not_parse_is_markdown(source: str) -> None:
    doc = read_markdown(source)
    assert doc.metadata == {}
    assert "front_matter" not in [b.kind for b in doc.blocks]
    _check_spans(doc)


def test_only_real_line_breaks_split_lines() -> None:
    # str.splitlines would also break at \x0c, \x1c and \u2028 and shift every span after them
    source = "para\x0cwith\u2028odd\x1cbreaks\r\n\r\n# next\rlast\n"
    doc = read_markdown(source)
    assert [(b.kind, b.line) for b in doc.blocks] == [("paragraph", 1), ("heading", 3), ("paragraph", 4)]
    assert doc.raw(doc.blocks[1]) == "# next"
    _check_spans(doc)


def test_link_definitions_in_a_quote_and_with_titles() -> None:
    source = '> [a]: https://a.example\n> "Title"\n\n[b]:\n  <https://b.example>\n\nUses [a] and [b].\n'
    doc = read_markdown(source)
    defs = [(b.text, b.src, b.quote, b.line) for b in doc.blocks if b.kind == "link_def"]
    assert defs == [("a", "https://a.example", 1, 1), ("b", "https://b.example", 0, 4)]
    assert doc.notes == []
    _check_spans(doc)


# --- hostile input: each must give a Document and never raise (no wall-clock assertions) ---


def _nested_lines(depth: int) -> str:
    return "".join("  " * i + "- x\n" for i in range(depth))


HOSTILE = {
    "unclosed_fence": "# T\n\n```python\n" + "x = 1\n" * 10_000,
    "table_100k_rows": "| a | b |\n|---|---|\n" + "| 1 | *2* |\n" * 100_000,
    "line_10mb": ("The *quick* [fox](http://x.com) jumps & runs. " * 220_000)[:10_000_000],
    "brackets_1mb": "[" * 1_000_000,
    "crlf_tabs": "# T\r\n\r\n\tcode\r\n\r\n- a\tb\r\n- c\r\n> q\tq\r\n" * 2_000,
    "nul": "a\0b\n\n\0\n```\n\0\n```\n" * 2_000,
    "quotes_10k": "> " * 10_000 + "x\n",
    "lists_10k": "- " * 10_000 + "x\n",
    "ordered_10k": "1. " * 10_000 + "x\n",
    "list_levels_1k": _nested_lines(1_000),
    "quote_levels_1k": "".join(">" * i + " x\n" for i in range(1, 1_001)),
    "emphasis_100k": "*" * 50_000 + "x" + "*" * 50_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input(name: str) -> None:
    source = HOSTILE[name]
    doc = read_markdown(source)
    assert doc.blocks
    _check_spans(doc)


def test_unclosed_fence_runs_to_the_end() -> None:
    doc = read_markdown(HOSTILE["unclosed_fence"])
    assert [b.kind for b in doc.blocks] == ["heading", "code"]
    assert doc.blocks[1].lang == "python"
    assert doc.blocks[1].text.count("x = 1") == 10_000


@pytest.mark.parametrize("name", ["quotes_10k", "lists_10k", "ordered_10k", "list_levels_1k", "quote_levels_1k"])
def test_deep_nesting_is_capped_and_noted(name: str) -> None:
    doc = read_markdown(HOSTILE[name])
    assert any(f"nesting past {settings.MARKDOWN_MAX_NESTING}" in note for note in doc.notes)
    # nothing is lost: the text past the cap is a plain paragraph
    assert sum(b.text.split().count("x") for b in doc.blocks) == max(1, HOSTILE[name].count("x"))


def test_long_table_keeps_every_row() -> None:
    doc = read_markdown(HOSTILE["table_100k_rows"])
    (table,) = doc.blocks
    assert table.kind == "table" and table.header
    assert len(table.rows) == 100_001
    assert table.rows[1] == ("1", "2") and table.rows[-1] == ("1", "*2*")
    assert any("table" in note for note in doc.notes)


def test_inline_budget_is_noted() -> None:
    doc = read_markdown(HOSTILE["line_10mb"])
    (block,) = doc.blocks
    assert block.text.startswith("The *quick* [fox](http://x.com) jumps & runs.")
    assert any("budget" in note for note in doc.notes)


def test_nul_and_crlf() -> None:
    doc = read_markdown("a\0b\r\n\r\n```\r\n\0x\r\n```\r\n")
    assert [b.text for b in doc.blocks] == ["a\ufffdb", "\ufffdx"]
    assert doc.raw(doc.blocks[1]) == "```\r\n\0x\r\n```"
    _check_spans(doc)


@pytest.mark.parametrize("source", ["", "\n", "\r\n\r\n", "   ", "-", ">", "#", "```", "|", "[a]:", "---", "+++"])
def test_tiny_inputs(source: str) -> None:
    doc = read_markdown(source)
    assert _tiles(doc) == source
