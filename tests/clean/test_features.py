"""Block features of the learned scorer: one row per judged block, the columns they name."""

from __future__ import annotations

import numpy as np

from cleaner.clean.engine import judge
from cleaner.clean.features import FEATURES, block_features, stoplists
from cleaner.document import Block, Document, Mark
from cleaner.extract._blocks import node_blocks
from cleaner.rules.ruleset import resolve


def _doc() -> Document:
    menu = Block("list_item", "Home", marks=(Mark("link", 0, 4, "/"),), trail="site-nav menu")
    return Document(
        [
            menu,
            Block("heading", "A headline about things", level=1),
            Block("paragraph", "The council said on Monday that the new bridge will open in 2026, after delays."),
            Block("image", "", src="x.png"),
            Block("paragraph", "It is the first of three bridges that the city has planned for the river."),
            Block("paragraph", "Share this article on Facebook", trail="share-bar"),
        ],
        format="html",
    )


def _column(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, FEATURES.index(name)]


def test_one_row_per_judged_block() -> None:
    doc = _doc()
    verdict = judge(doc, resolve(None))
    X = block_features(doc, verdict)
    assert X.shape == (5, len(FEATURES)) and X.dtype == np.float32  # the image is not judged
    assert len(set(FEATURES)) == len(FEATURES)
    assert _column(X, "kind_list_item")[0] == 1 and _column(X, "kind_heading")[1] == 1
    assert _column(X, "link_share")[0] == 1 and _column(X, "link_share")[2] == 0
    assert _column(X, "terminal")[2] == 1 and _column(X, "terminal")[1] == 0
    assert _column(X, "trail_nav")[0] == 1 and _column(X, "trail_share")[4] == 1
    assert _column(X, "trail_share")[2] == 0
    assert _column(X, "prev_link_share")[1] == 1 and _column(X, "prev_link_share")[0] == 0
    assert _column(X, "next_terminal")[2] == 1  # the paragraph after the image
    assert _column(X, "rel_pos")[0] == 0 and _column(X, "rel_pos")[4] == 1
    # The English stop list: "the", "that", "will", "on" ... in the sentences, not "headline".
    assert _column(X, "stop_share")[2] > 0.3 and _column(X, "stop_share")[1] < _column(X, "stop_share")[2]


def test_rule_hits_are_features() -> None:
    doc = _doc()
    verdict = judge(doc, resolve(None))
    X = block_features(doc, verdict)
    removed = [i for i, rule in enumerate(verdict.rules) if rule is not None]
    assert removed, "the share line is a named rule's"
    for i in removed:
        assert _column(X, "rule_removed")[i] == 1


def test_empty_document() -> None:
    doc = Document([], format="text")
    assert block_features(doc, judge(doc, resolve(None))).shape == (0, len(FEATURES))


def test_stoplists_cover_many_languages() -> None:
    index, matrix, languages = stoplists()
    assert len(languages) >= 50 and "English" in languages
    assert matrix[index["the"], languages.index("English")]


def test_walker_records_class_and_id_names() -> None:
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser(
        '<div class="Post-Content"><p>Hello <span class="x">there</span>.</p>'
        '<aside id="share"><ul><li>Facebook</li></ul></aside></div><p>Out.</p>'
    ).body
    assert body is not None
    trails = [(b.text, b.trail) for b in node_blocks(body)]
    assert trails == [("Hello there.", "post-content"), ("Facebook", "post-content share"), ("Out.", "")]
