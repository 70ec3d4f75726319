"""Which class and id values name boilerplate: the compiled core's tokens must be the ones the
pattern ``[\\s_\\-]+|(?<=[a-z])(?=[A-Z])`` splits a value into, lower-cased, on any value."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner.extract._patterns import patterns
from cleaner.extract.prepass import _names_boilerplate

_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_WORDS = frozenset({"share", "related-posts", "newsletter", "ad", "σας"})


def by_re(value: str, words: frozenset[str]) -> bool:
    """The definition (the Python code the core replaced)."""
    tokens = [t.lower() for t in _SPLIT.split(value) if t]
    pairs = itertools.pairwise(tokens)
    return any(t in words for t in tokens) or any(f"{a}-{b}" in words or f"{a}{b}" in words for a, b in pairs)


def test_tokens_and_joined_neighbours() -> None:
    assert _names_boilerplate("post shareBar", _WORDS)
    assert _names_boilerplate("related_posts", _WORDS) and _names_boilerplate("relatedPosts", _WORDS)
    assert _names_boilerplate("news\u00a0letter", _WORDS)  # a no-break space is whitespace too
    assert not _names_boilerplate("HEADER", _WORDS) and not _names_boilerplate("adSlot", frozenset({"slot-ad"}))
    assert not _names_boilerplate("shared", _WORDS) and not _names_boilerplate("", _WORDS)
    assert not _names_boilerplate(None, _WORDS)
    assert _names_boilerplate("x\udc80 ad", _WORDS)  # a lone surrogate stays inside its token


_PIECES = ["share", "Share", "SHARE", "related", "Posts", "news", "letter", "ad", "AD", "ΣΑΣ", "x", "İ", "Ü"]
_SEPARATORS = ["", " ", "_", "-", "--", "\t", "\u00a0", "\x1c", "\u2003", "1", "\udc80"]


@given(st.lists(st.sampled_from(_PIECES + _SEPARATORS), max_size=8))
def test_same_as_the_pattern_on_keyword_like_values(parts: list[str]) -> None:
    value = "".join(parts)
    assert _names_boilerplate(value, _WORDS) == by_re(value, _WORDS)


@given(st.text(st.characters(exclude_categories=["Cn"]), max_size=30))
def test_same_as_the_pattern_with_the_shipped_keywords(value: str) -> None:
    p = patterns()
    for words in (p.keywords, p.comment_keywords, p.protect):
        assert _names_boilerplate(value, words) == by_re(value, words)
