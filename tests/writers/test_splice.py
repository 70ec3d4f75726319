"""The verbatim writer: a text or Markdown input's kept blocks copied out of the source, with the
source's own separators (`cleaner.writers._splice`)."""

from __future__ import annotations

from pathlib import Path

from cleaner.article import Article
from cleaner.document import Block, Document
from cleaner.writers import render
from cleaner.writers.markdown import render_markdown
from cleaner.writers.text import render_text

from ._build import check_golden, keep, spanned

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "seeds" / "000_efd19878b02be60d.txt"
SEED_GOLDEN = ROOT / "tests" / "golden"
TITLE = "US confirms death of ISIS leader after drone attack"


def _seed_article() -> Article:
    """The seed as the cleaner should leave it: its first line the title block, the repeated
    title and everything after the article removed (as tests/golden/seed.txt shows)."""
    source = SEED.read_text("utf-8")
    blocks: list[Block] = []
    at = 0
    for line in source.split("\n"):
        if line:
            blocks.append(Block("paragraph", line, start=at, end=at + len(line)))
        at += len(line) + 1
    blocks[0].role = "title"
    document = Document(blocks, source=source, format="text")
    kept = [blocks[0], *blocks[2:8]]
    return Article(
        text="\n\n".join(b.text for b in kept[1:]),
        title=TITLE,
        author="Editor TLN",
        language="en",
        source="Voice of America",
        blocks=kept,
        document=document,
    )


def test_the_seed_spliced_is_the_golden_text() -> None:
    article = _seed_article()
    assert render_text(article) == (SEED_GOLDEN / "seed.txt").read_text("utf-8")
    assert article.to_text() == (SEED_GOLDEN / "seed.txt").read_text("utf-8")


def test_the_seed_as_markdown_is_the_golden_markdown() -> None:
    assert render_markdown(_seed_article()) == (SEED_GOLDEN / "seed.md").read_text("utf-8")


def test_the_seed_without_its_title() -> None:
    golden = (SEED_GOLDEN / "seed.txt").read_text("utf-8")
    assert render_text(_seed_article(), keep_title=False) == golden.split("\n\n", 1)[1]


SOURCE = "one\n\ntwo\nstill two\n\n\n\nthree\t\n\nfour"


def _plain() -> Document:
    return spanned(SOURCE, "text", [("one", {}), ("two\nstill two", {}), ("three\t", {}), ("four", {})])


def test_neighbours_keep_the_gap_between_them() -> None:
    assert render_text(keep(_plain(), [1, 2])) == "two\nstill two\n\n\n\nthree\t\n"


def test_a_removed_block_between_leaves_the_gap_after_the_earlier_kept_block() -> None:
    # the gap after "one" is one blank line; the removed block's own (three blank lines) is gone
    assert render_text(keep(_plain(), [0, 2])) == "one\n\nthree\t\n"
    assert render_text(keep(_plain(), [1, 3])) == "two\nstill two\n\n\n\nfour\n"


def test_no_leading_gap_and_one_final_line_break() -> None:
    source = "\n\n  \nfirst\n\nlast\n\n\n"
    doc = spanned(source, "text", [("first", {}), ("last", {})])
    assert render_text(keep(doc, [0, 1])) == "first\n\nlast\n"
    assert render_text(keep(doc, [])) == ""


def test_a_title_block_is_written_in_place_or_skipped() -> None:
    doc = _plain()
    doc.blocks[1].role = "title"
    article = keep(doc, [0, 1, 2], title="two still two")
    assert render_text(article) == "one\n\ntwo\nstill two\n\n\n\nthree\t\n"
    assert render_text(article, keep_title=False) == "one\n\nthree\t\n"


def test_a_title_without_a_block_leads() -> None:
    article = keep(_plain(), [0, 3], title="A *title*")
    assert render_text(article) == "A *title*\n\none\n\nfour\n"
    assert render_text(article, keep_title=False) == "one\n\nfour\n"
    assert render_text(keep(_plain(), [], title="Only a title")) == "Only a title\n"


MARKDOWN = """\
---
title: The page
---

# Heading one

A paragraph with *emphasis*{HARD}
and a hard break.

- first item
- second item
  - nested item
- third item

```python
def f():
\treturn "`"

\tpass
```

[1]: https://example.com/
""".replace("{HARD}", "  ")  # two spaces: a hard line break


CODE = 'def f():\n\treturn "`"\n\n\tpass\n'


def _markdown() -> Document:
    return spanned(
        MARKDOWN,
        "markdown",
        [
            ("---\ntitle: The page\n---", {"kind": "front_matter"}),
            ("# Heading one", {"kind": "heading", "text": "Heading one", "level": 1}),
            (
                "A paragraph with *emphasis*  \nand a hard break.",
                {"text": "A paragraph with emphasis\nand a hard break."},
            ),
            ("- first item", {"kind": "list_item", "text": "first item"}),
            ("- second item", {"kind": "list_item", "text": "second item"}),
            ("  - nested item", {"kind": "list_item", "text": "nested item", "depth": 1}),
            ("- third item", {"kind": "list_item", "text": "third item"}),
            (
                '```python\ndef f():\n\treturn "`"\n\n\tpass\n```',
                {"kind": "code", "lang": "python", "text": 'def f():\n\treturn "`"\n\n\tpass\n'},
            ),
            ("[1]: https://example.com/", {"kind": "link_def", "src": "https://example.com/"}),
        ],
    )


def test_a_markdown_input_with_everything_kept_is_itself() -> None:
    doc = _markdown()
    assert render_markdown(keep(doc, list(range(len(doc))))) == MARKDOWN


def test_a_tight_list_with_an_item_removed_stays_tight() -> None:
    doc = _markdown()
    out = render_markdown(keep(doc, [0, 1, 2, 3, 5, 6, 7]))
    assert "- first item\n  - nested item\n- third item\n\n```python" in out
    check_golden("spliced.md", out)


def test_a_markdown_input_keeps_its_own_front_matter_and_no_second_one() -> None:
    doc = _markdown()
    out = render_markdown(keep(doc, [0, 2], author="Someone", title="The page"))
    assert out == "---\ntitle: The page\n---\n\n# The page\n\nA paragraph with *emphasis*  \nand a hard break.\n"
    assert out.count("---\n") == 2


def test_a_title_heading_already_first_is_not_repeated() -> None:
    doc = _markdown()
    out = render_markdown(keep(doc, [0, 1, 2], title="Heading one"))
    assert out.count("Heading one") == 1
    doc.blocks[1].role = "title"
    assert render_markdown(keep(doc, [0, 1, 2], title="Heading one"), keep_title=False).startswith(
        "---\ntitle: The page\n---\n\nA paragraph"
    )


def test_the_json_markdown_body_leaves_out_front_matter_and_title() -> None:
    doc = _markdown()
    doc.blocks[1].role = "title"
    article = keep(doc, [0, 1, 2], title="Heading one")
    assert article.to_dict(markdown=True)["markdown"] == "A paragraph with *emphasis*  \nand a hard break.\n"


def test_a_markdown_input_as_text_is_its_visible_text() -> None:
    doc = _markdown()
    doc.blocks[1].role = "title"
    out = render(keep(doc, list(range(len(doc))), title="Heading one"), "text")
    check_golden("markdown-input.txt", out)
    assert out.startswith("Heading one\n\nA paragraph with emphasis\nand a hard break.\n\n- first item\n")
