"""`confidence.compare`, whose word counting is the compiled core's: it must count the words
Python's ``re`` ``\\w+`` finds in the lower-cased texts, on any text."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from cleaner._compiled import word_overlap
from cleaner.extract.confidence import compare

_WORD = re.compile(r"\w+")


def by_re(a: str, b: str) -> tuple[float, float]:
    """The definition, with `re` and a Counter (the Python code the core replaced)."""
    ca, cb = Counter(_WORD.findall(a.lower())), Counter(_WORD.findall(b.lower()))
    total_a, total_b = ca.total(), cb.total()
    overlap = sum(min(n, cb[w]) for w, n in ca.items() if w in cb)
    return (2 * overlap / (total_a + total_b) if total_a + total_b else 0.0, overlap / total_b if total_b else 0.0)


def test_agreement_and_containment() -> None:
    assert compare("The cat sat. The end", "the cat, the dog") == (0.6666666666666666, 0.75)
    assert compare("", "") == (0.0, 0.0)
    assert compare("words", "") == (0.0, 0.0)
    # a combining mark is no word character: İ lower-cases to i + U+0307, which splits the word
    assert compare("İstanbul", "stanbul") == by_re("İstanbul", "stanbul") == (2 / 3, 1.0)


def test_lone_surrogates_separate_words() -> None:
    assert compare("a\udc80b snake_case", "a b snake_case") == by_re("a\udc80b snake_case", "a b snake_case")


#: Any assigned character (the core's Unicode tables are newer than Python 3.11's: see below).
_ASSIGNED = st.text(st.characters(exclude_categories=["Cn", "Cs"]))


@given(_ASSIGNED, _ASSIGNED)
def test_same_as_re_on_any_text(a: str, b: str) -> None:
    assert compare(a, b) == by_re(a, b)


_PIECES = ["Ab", "ab", "ÉTÉ", "été", "ΣΑΣ", "σας", "_", "x1", "١٢", "日本", " ", ", ", "\u0301"]


@given(st.lists(st.sampled_from(_PIECES)))
def test_same_as_re_on_words_that_repeat(parts: list[str]) -> None:
    text = "".join(parts)
    assert compare(text, text[: len(text) // 2]) == by_re(text, text[: len(text) // 2])


def test_every_code_point_python_assigns_is_a_word_character_or_not_as_in_re() -> None:
    """Code points Python's Unicode leaves unassigned may be letters to the core's newer tables."""
    wrong = []
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if 0xD800 <= code < 0xE000 or unicodedata.category(c) == "Cn":
            continue
        if word_overlap(f" {c} ", "")[1] != len(_WORD.findall(f" {c} ")):
            wrong.append(hex(code))
    assert wrong == []
