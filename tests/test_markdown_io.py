"""Markdown in, Markdown out, through the command: kept blocks byte for byte, boilerplate gone,
structure rendered from HTML; golden files hold whole outputs. After an intended change,
rewrite them with CLEANER_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import app

ROOT = Path(__file__).resolve().parent.parent
E2E = ROOT / "fixtures" / "markdown" / "e2e"
CLEAN = ROOT / "fixtures" / "markdown" / "clean"
HTML = ROOT / "fixtures" / "html" / "structure"
GOLDEN = Path(__file__).parent / "golden" / "markdown"
SEED = ROOT / "seeds" / "000_efd19878b02be60d.txt"


def _run(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, ["clean", *args], input=stdin)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CLEANER_UPDATE_GOLDEN"):
        path.write_text(output, "utf-8")
    assert output == path.read_text("utf-8")


def test_a_feed_post_comes_out_as_markdown_without_its_footer() -> None:
    source = (E2E / "feed-post.md").read_text("utf-8")
    output = _run(str(E2E / "feed-post.md"))
    _golden("feed-post.clean.md", output)
    lines = set(source.splitlines())
    assert all(line in lines for line in output.splitlines()), "a kept line was rewritten"
    assert "\tlet args = Args::parse();" in output  # the tab of the code block
    assert "appeared first on" not in output and "feedburner" not in output and "Share this" not in output


def test_what_was_removed_and_the_front_matter() -> None:
    article = clean_text((E2E / "feed-post.md").read_text("utf-8"))
    assert article.document is not None and article.document.format == "markdown"
    assert [r.rule for r in article.removed] == [
        "footer-rule", *["social-follow"] * 4, "share-links", "share-links", "source-attribution", "tracking-pixel",
    ]  # fmt: skip
    assert (article.title, article.author, article.date) == ("Shipping a tiny CLI in Rust", "Dana Ortiz", "2024-03-02")
    assert article.url == "https://blog.example.org/2024/03/tiny-cli/"
    assert article.blocks[0].kind == "front_matter"


def test_a_markdown_input_as_plain_text() -> None:
    _golden("feed-post.txt", _run(str(E2E / "feed-post.md"), "-f", "text"))


def test_json_of_a_markdown_input_carries_blocks_and_its_markdown() -> None:
    data = json.loads(_run(str(E2E / "feed-post.md"), "-f", "json"))
    kinds = [b["type"] for b in data["blocks"]]
    assert kinds[:5] == ["front_matter", "paragraph", "heading", "paragraph", "code"]
    code = next(b for b in data["blocks"] if b["type"] == "code")
    assert code["lang"] == "rust" and code["text"].startswith("fn main()")
    assert data["markdown"].startswith("Last month I rewrote")
    assert "[repo]: https://github.com/example/shipper" in data["markdown"]


@pytest.mark.parametrize("path", sorted(CLEAN.glob("*.md")), ids=lambda p: p.stem)
def test_a_clean_markdown_text_comes_back_byte_for_byte(path: Path) -> None:
    source = path.read_text("utf-8")
    output = _run(str(path))
    assert output.strip("\n") == source.strip("\n")
    assert _run("-", "--input-format", "markdown", stdin=output) == output  # and again


def test_cleaning_the_clean_output_changes_nothing() -> None:
    once = _run(str(E2E / "feed-post.md"))
    assert _run("-", "--input-format", "markdown", stdin=once) == once


def test_standard_input_is_sniffed() -> None:
    text = "# A title for the post\n\nA paragraph with [a link](https://a.example) and [another](https://b.example).\n"
    assert _run("-", stdin=text) == text


def test_crlf_and_tabs_come_back_as_they_were() -> None:
    # Through the API: typer's test runner translates line ends on the way out.
    text = "# Title of it\r\n\r\nA paragraph\twith a tab, long enough to be one.\r\n\r\n\tcode()\r\n"
    assert clean_text(text, format="markdown").to_markdown() == text


def test_the_seed_without_a_format_is_text() -> None:
    assert _run(str(SEED)) == (Path(__file__).parent / "golden" / "seed.txt").read_text("utf-8")


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda p: p.stem)
def test_html_structure_as_markdown(path: Path) -> None:
    _golden(f"{path.stem}.fast.md", _run(str(path), "-f", "markdown", "--engine", "fast"))


def test_html_code_keeps_its_lines_in_both_engines() -> None:
    for engine in ("fast", "best"):
        output = _run(str(HTML / "code.html"), "-f", "markdown", "--engine", engine)
        assert "```" in output
        fence = output.split("```", 2)[1]
        assert "\n" in fence.strip("\n"), f"{engine}: code folded into one line"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("unclosed-fence", "Intro paragraph of the post, long enough.\n\n```python\ndef f():\n    return 1\n"),
        ("nul-bytes", "A paragraph\x00 with NUL\x00 bytes in it, long enough to count.\n\n## Heading\x00\n"),
        ("many-rows", "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 100_000),
        ("long-line", "A paragraph " + "word " * 2_000_000 + "\n"),
    ],
)
def test_hostile_markdown_gives_a_result(name: str, text: str) -> None:
    output = _run("-", "--input-format", "markdown", "-f", "markdown", stdin=text)
    assert output.strip(), name
    if name == "unclosed-fence":
        assert "    return 1" in output
