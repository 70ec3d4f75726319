"""The scoring of bench/structure.py on small hand-made pages, truths and outputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from _structure_scoring import (
    Truth,
    derive_truth,
    inline_text,
    key,
    line_prf,
    parse_markdown,
    plain_keys,
    score,
)

PAGE = """<html><head><title>Title | Site</title></head><body>
<nav><ul><li>Intro</li><li>Home</li></ul></nav>
<article>
<h1>Title</h1>
<h2>Intro</h2>
<p>Para <b>one</b>.</p>
<h3>It’s   the <em>details</em></h3>
<ul><li>Alpha <ul><li>Beta</li></ul></li><li>Gamma</li></ul>
<pre>
def f():
    return 1
</pre>
<pre>one line only</pre>
</article>
<aside><h2>Sidebar</h2><pre>not
in the truth</pre></aside>
</body></html>"""

TRUTH = """Intro

Para one.

It's the details

- Alpha
  - Beta
- Gamma

def f():
    return 1

one line only"""

GOOD = """---
title: Title
---

# Title

## Intro

Para **one**.

### It’s the *details*

- Alpha
  - Beta
- Gamma

```python
def f():
    return 1
```

one line only
"""


@pytest.fixture
def truth() -> Truth:
    return derive_truth(PAGE, TRUTH, "Title")


def test_truth_keeps_the_main_content_elements_only(truth: Truth) -> None:
    assert truth.headings == [("intro", 2), ("it's the details", 3)]  # the sidebar's h2 is not in the truth
    assert truth.title_h1 == 0  # the title is not a line of this truth
    assert truth.items == ["alpha", "beta", "gamma"]  # the menu's "Intro" is not a list line of the truth
    assert truth.code == [["def f():", "    return 1"]]  # one-line and sidebar <pre>s do not count


def test_a_faithful_markdown_scores_one_everywhere(truth: Truth) -> None:
    s = score(truth, GOOD)
    assert s.headings == (2, 2)
    assert s.headings_any_level == 2
    assert s.items == (3, 3)
    assert s.code == (1, 1)
    assert s.line == (1.0, 1.0, 1.0)  # front matter and the title line are not body lines


def test_the_title_is_left_out_where_the_truth_holds_it() -> None:
    t = derive_truth(PAGE, "Title\n\n" + TRUTH, "Title")
    assert t.title_h1 == 1
    assert t.headings == [("intro", 2), ("it's the details", 3)]
    assert score(t, GOOD).line == (1.0, 1.0, 1.0)
    assert score(t, GOOD.replace("# Title\n", "")).line == (1.0, 1.0, 1.0)


def test_plain_text_has_every_line_and_no_structure(truth: Truth) -> None:
    plain = "Intro\n\nPara one.\n\nIt's the details\n\nAlpha\nBeta\nGamma\n\ndef f():\n    return 1\n\none line only\n"
    s = score(truth, plain)
    assert s.headings == (0, 2)
    assert s.items == (0, 3)
    assert s.code == (0, 1)
    assert s.line == (1.0, 1.0, 1.0)


def test_empty_output_scores_zero(truth: Truth) -> None:
    s = score(truth, "")
    assert (s.headings[0], s.items[0], s.code[0]) == (0, 0, 0)
    assert s.line == (0.0, 0.0, 0.0)


def test_a_heading_at_the_wrong_level_is_not_marked(truth: Truth) -> None:
    s = score(truth, GOOD.replace("## Intro", "#### Intro"))
    assert s.headings == (1, 2)
    assert s.headings_any_level == 2


def test_code_that_lost_its_indentation_or_a_line_is_not_verbatim(truth: Truth) -> None:
    assert score(truth, GOOD.replace("    return 1", "return 1")).code == (0, 1)
    assert score(truth, GOOD.replace("    return 1\n", "")).code == (0, 1)
    unfenced = GOOD.replace("```python\n", "").replace("```\n", "")
    assert score(truth, unfenced).code == (0, 1)  # the lines are there, but not in a code block


def test_code_in_an_indented_fence_or_an_indented_block_is_verbatim(truth: Truth) -> None:
    in_item = "- Gamma\n\n   ```\n   def f():\n       return 1\n   ```\n"
    indented = "Some text.\n\n    def f():\n        return 1\n\nMore text.\n"
    assert score(truth, in_item).code == (1, 1)
    assert score(truth, indented).code == (1, 1)


def test_a_copy_of_a_heading_in_a_menu_counts_once() -> None:
    page = "<nav><h2>Intro</h2></nav><h2>Intro</h2><h2>Other</h2><p>x</p>"
    t = derive_truth(page, "Intro\n\nx", None)
    assert t.headings == [("intro", 2)]
    assert score(t, "## Intro\n\nx\n").headings == (1, 1)


def test_line_prf_on_multisets() -> None:
    assert line_prf(["a", "b"], ["a", "b"]) == (1.0, 1.0, 1.0)
    assert line_prf(["a", "b"], ["c"]) == (0.0, 0.0, 0.0)
    assert line_prf([], []) == (1.0, 1.0, 1.0)
    p, r, f = line_prf(["a", "a"], ["a"])
    assert (p, r) == (1.0, 0.5)
    assert f == pytest.approx(2 / 3)


def test_inline_markup_is_stripped_but_literal_characters_stay() -> None:
    assert inline_text("see [the docs](https://x.org/a_(b)) now") == "see the docs now"
    assert inline_text("an ![logo](i.png)image") == "an image"
    assert inline_text("**bold** and *it* and `code` and ~~gone~~") == "bold and it and code and gone"
    assert inline_text(r"1\. not a list, \*not emphasis\*") == "1. not a list, *not emphasis*"
    assert inline_text("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4"


def test_line_keys_strip_markup_from_markdown_and_only_markers_from_plain_text() -> None:
    md = "## A *b*\n\n  1. Item\n\n> - quoted item\n\n| a | **b** |\n|---|:--:|\n\n* * *\n\n```python\n# comment\n```\n"
    assert parse_markdown(md).lines == ["a b", "item", "quoted item", "a b", "# comment"]
    assert plain_keys("- Item\n\n| a | *b* |\n# comment\n2 * 3 * 4 = *24*\n---\n") == [
        "item", "a *b*", "# comment", "2 * 3 * 4 = *24*",
    ]  # fmt: skip
    assert key("It’s  “Fine”…") == key('it\'s "fine"...')


def test_an_escaped_number_in_a_heading_is_the_same_line_as_the_truths() -> None:
    t = derive_truth("<h2>1. Tip</h2><p>*Really* literal</p>", "1. Tip\n\n*Really* literal", None)
    s = score(t, "## 1\\. Tip\n\n\\*Really\\* literal\n")
    assert s.headings == (1, 1)
    assert s.line == (1.0, 1.0, 1.0)
    assert score(t, "1. Tip\n*Really* literal\n", markdown=False).line == (1.0, 1.0, 1.0)
    assert score(t, "Tip\nReally literal\n", markdown=False).line == (0.5, 0.5, 0.5)


def test_the_markdown_reader() -> None:
    parsed = parse_markdown(
        "Setext one\n===\n\nSetext two\n---\n\n# ATX #\n\n```\n# not a heading\n- not an item\n```\n\n"
        "* star\n  + nested\n3) third\n\n---\n\nafter a rule\n"
    )
    assert parsed.headings == [("setext one", 1), ("setext two", 2), ("atx", 1)]
    assert parsed.items == ["star", "nested", "third"]
    assert parsed.code == [["# not a heading", "- not an item"]]
    assert parse_markdown("- item\n\n    continued, not code\n").code == []
