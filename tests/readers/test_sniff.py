"""sniff_format: Markdown only when the text clearly is; extractor output is always text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.readers.sniff import sniff_format

ROOT = Path(__file__).resolve().parent.parent.parent
SNIFF = ROOT / "fixtures" / "markdown" / "sniff"
READER = ROOT / "fixtures" / "markdown" / "reader"


@pytest.mark.parametrize("name", sorted(p.name for p in SNIFF.glob("*.md")))
def test_crawler_and_written_markdown_is_markdown(name: str) -> None:
    assert sniff_format((SNIFF / name).read_text(encoding="utf-8")) == "markdown"


@pytest.mark.parametrize("name", ["code.md", "lists.md", "links.md", "tables.md", "front_matter_toml.md"])
def test_reader_fixtures_are_markdown(name: str) -> None:
    assert sniff_format((READER / name).read_text(encoding="utf-8")) == "markdown"


def test_seed_text_is_text() -> None:
    assert sniff_format((ROOT / "seeds" / "000_efd19878b02be60d.txt").read_text(encoding="utf-8")) == "text"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Just one line.",
        # one paragraph a line, the shape of plain-text extractor output
        "\n".join(["A sentence that goes on for a while, like an article paragraph does. " * 3] * 5),
        # a plain-text list and a hashtag are not enough
        "Shopping:\n- eggs\n- milk\n- bread\n#1 seller this week\n",
        # long paragraphs with no blank line between them, whatever markup they hold
        ("# Title\n" + "\n".join(["A **strong** claim [x](https://x.example) in a long paragraph line. " * 3] * 4)),
    ],
)
def test_plain_text_is_text(text: str) -> None:
    assert sniff_format(text) == "text"


def test_front_matter_alone_decides() -> None:
    assert sniff_format("---\ntitle: A post\ndate: 2024-01-01\n---\n\nBody.\n") == "markdown"


def test_extractor_outputs_are_text(shared: Path) -> None:
    """Every ScrapingHub benchmark extractor output (articleBody) must sniff as text."""
    outputs = sorted((shared / "bench" / "scrapinghub" / "outputs").glob("*.json"))
    if not outputs:
        pytest.skip(f"no extractor outputs under {shared / 'bench' / 'scrapinghub' / 'outputs'}")
    wrong: list[str] = []
    count = 0
    for path in outputs:
        for page, record in json.loads(path.read_text(encoding="utf-8")).items():
            body = record.get("articleBody") or ""
            count += 1
            if sniff_format(body) != "text":
                wrong.append(f"{path.stem}/{page}")
    assert count > 100
    assert wrong == []


@pytest.mark.parametrize("text", ["[" * 10_000_000, "[a" * 5_000_000, "*" * 10_000_000, "- x\n" * 2_000_000])
def test_hostile_text_gets_an_answer(text: str) -> None:
    assert sniff_format(text) in ("markdown", "text")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a [link](http://x.y) here", True),
        ("plain words only", False),
        ("a\n# heading", True),
        ("ends with ~~", False),
        ("tilde fence\n~~~\ncode\n~~~", True),
        ("\ud800 lone surrogate then **strong**", True),  # the core cannot read it: Python's search does
        ("\ud800 lone surrogate, nothing else", False),
    ],
)
def test_marks_are_found_in_one_pass(text: str, found: bool) -> None:
    from cleaner.readers.sniff import _has_marks

    assert _has_marks(text) is found
