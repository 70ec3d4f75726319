"""The scoring helpers of bench/wholepage.py on tiny hand-made inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from _wholepage_scoring import Tally, lines_in_order, markup, visible_text

SOURCE = """[Home](https://example.org/) | [About](/about)

# The headline

Body text with a [link to more](https://example.org/more "title") and an ![alt words](pic.png).

- item one
- item two

Copyright 2024 Example Inc
"""


def test_visible_text_keeps_anchors_and_drops_targets() -> None:
    words = visible_text(SOURCE).split()
    assert "link" in words and "more" in words and "headline" in words
    assert not any("example.org" in w or "png" in w or "/about" in w for w in words)
    assert "https://example.org/more" not in visible_text(SOURCE)
    assert "alt" not in words  # an image's alt text is not shown


def test_lines_in_order() -> None:
    kept = "# The headline\n\n- item one\n- item two\n"
    assert lines_in_order(SOURCE, kept)
    assert not lines_in_order(SOURCE, "- item two\n\n# The headline\n")  # out of order
    assert not lines_in_order(SOURCE, "The headline\n")  # markup lost: not the source's line
    assert lines_in_order(SOURCE, "")


def test_markup_counts_headings_and_links() -> None:
    assert markup(SOURCE) == (1, 3)
    assert markup("#hashtag is not a heading\n    # nor indented code") == (0, 0)


def test_tally_scores_pages_by_group() -> None:
    truth = {"main_content": "The headline\n\nBody text", "with": ["body text"], "without": ["copyright 2024"]}
    tally = Tally()
    tally.add_page("s", ["all", "fold 1"], truth, "The headline. Body text. Copyright 2024")
    tally.add_page("s", ["all", "fold 2"], truth, "")
    assert tally.mean("s", "fold 1", "r") == 1.0
    assert tally.mean("s", "fold 1", "p") == pytest.approx(4 / 6)
    assert tally.mean("s", "fold 1", "leak") == 1.0
    assert tally.mean("s", "fold 2", "f") == 0.0
    assert tally.mean("s", "all", "with") == 0.5
    assert tally.count("s", "all") == 2
    assert tally.mean("s", "fold 3", "f") is None
