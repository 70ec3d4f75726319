"""The compiled core's functions for any Python `str`, lone surrogates included.

The core reads UTF-8, and a `str` holding a lone surrogate (decoded with ``surrogateescape`` or
``surrogatepass``, or cut from a JSON string) has none. Such a text goes through with each
surrogate replaced by a stand-in from a private-use plane, which every test the core makes
treats the same way (not a space, letter, digit or word character), and the texts handed back
get their surrogates again. One code point for one, so every offset holds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from . import _core

_SURROGATES = 0xD800
_SPAN = 0x800  # U+D800..U+DFFF
_PLANE = 0x100000  # Supplementary Private Use Area-B: 32 windows of _SPAN


@lru_cache(maxsize=32)
def _tables(window: int) -> tuple[dict[int, int], dict[int, int]]:
    base = _PLANE + window * _SPAN
    there = {_SURROGATES + i: base + i for i in range(_SPAN)}
    return there, {v: k for k, v in there.items()}


def _stand_ins(*texts: str) -> tuple[dict[int, int], dict[int, int]]:
    """The tables for a window of stand-ins that none of `texts` uses itself."""
    used = {(ord(c) - _PLANE) // _SPAN for text in texts for c in text if ord(c) >= _PLANE}
    window = next((w for w in range(32) if w not in used), None)
    if window is None:  # every window in use: not a text anyone writes
        raise ValueError("a text with lone surrogates and characters in every private-use window")
    return _tables(window)


def _str_to_str(function: Callable[[str], str], text: str) -> str:
    """`function` of one text, whose result is text too (surrogates given back)."""
    try:
        return function(text)
    except UnicodeEncodeError:
        there, back = _stand_ins(text)
        return function(text.translate(there)).translate(back)


def read_text(source: str, limit: int, wrap_min: int) -> list[tuple[str, int, int, int]]:
    try:
        return _core.read_text(source, limit, wrap_min)
    except UnicodeEncodeError:
        there, back = _stand_ins(source)
        pieces = _core.read_text(source.translate(there), limit, wrap_min)
        return [(text.translate(back), start, end, line) for text, start, end, line in pieces]


def wrapped_groups(lines: list[str], limit: int, wrap_min: int) -> list[list[int]]:
    try:
        return _core.wrapped_groups(lines, limit, wrap_min)
    except UnicodeEncodeError:
        there, _ = _stand_ins(*lines)
        return _core.wrapped_groups([line.translate(there) for line in lines], limit, wrap_min)


def match_key(line: str) -> str:
    return _str_to_str(_core.match_key, line)


def line_shapes(texts: list[str], code_max: int, headline_max_words: int) -> list[tuple[str, int, bool, str, bool]]:
    try:
        return _core.line_shapes(texts, code_max, headline_max_words)
    except UnicodeEncodeError:
        there, back = _stand_ins(*texts)
        shapes = _core.line_shapes([text.translate(there) for text in texts], code_max, headline_max_words)
        return [(key.translate(back), words, terminal, kind, shaped) for key, words, terminal, kind, shaped in shapes]


def prefilter_sets(
    sets: _core.PrefilterSets, keys: list[str], words: list[int], edge_lines: int, max_chars: int
) -> list[tuple[int, list[int]]]:
    try:
        return sets.lines(keys, words, edge_lines, max_chars)
    except UnicodeEncodeError:
        there, _ = _stand_ins(*keys)
        return sets.lines([key.translate(there) for key in keys], words, edge_lines, max_chars)


def normalise(text: str) -> str:
    return _str_to_str(_core.normalise, text)


def title_key(text: str) -> str:
    return _str_to_str(_core.title_key, text)


def positional_rules(
    texts: list[str],
    keys: list[str],
    words: list[int],
    terminal: list[bool],
    kinds: list[str],
    hits: list[int],
    positions: list[str],
    title_keys: list[str],
    *rest: Any,
) -> list[int]:
    columns = (words, terminal, kinds, hits, positions)
    try:
        return _core.positional_rules(texts, keys, *columns, title_keys, *rest)
    except UnicodeEncodeError:
        there, _ = _stand_ins(*texts, *keys, *title_keys)
        mapped = [[t.translate(there) for t in column] for column in (texts, keys, title_keys)]
        return _core.positional_rules(mapped[0], mapped[1], *columns, mapped[2], *rest)


def body_region(
    words: list[int], terminal: list[bool], kinds: list[str], hits: list[int], signals: list[int], limits: Any
) -> tuple[list[float], int, int, list[str]]:
    return _core.body_region(words, terminal, kinds, hits, signals, limits)


def guess_language(stop: _core.StopWords, text: str, sample: int, min_hits: int) -> str | None:
    try:
        return stop.guess(text, sample, min_hits)
    except UnicodeEncodeError:
        there, _ = _stand_ins(text)
        return stop.guess(text.translate(there), sample, min_hits)


def word_overlap(a: str, b: str) -> tuple[int, int, int]:
    try:
        return _core.word_overlap(a, b)
    except UnicodeEncodeError:  # stand-ins are private-use characters: not word characters either
        there, _ = _stand_ins(a, b)
        return _core.word_overlap(a.translate(there), b.translate(there))


def may_nest_deeper(html: str, limit: int, slice_chars: int) -> bool:
    try:
        return _core.may_nest_deeper(html, limit, slice_chars)
    except UnicodeEncodeError:
        there, _ = _stand_ins(html)
        return _core.may_nest_deeper(html.translate(there), limit, slice_chars)


class Literals:
    """Fixed strings found together in one pass over a text (see the core's `Literals`)."""

    __slots__ = ("_core", "_needles")

    def __init__(self, needles: tuple[str, ...]) -> None:
        self._needles = needles
        self._core = _core.Literals(list(needles))

    def found_in(self, text: str) -> bool:
        try:
            return self._core.found_in(text)
        except UnicodeEncodeError:  # lone surrogates: no needle holds one, so Python's search
            return any(needle in text for needle in self._needles)


class Keywords:
    """Boilerplate keywords that a class or id value may name (see the core's `Keywords`)."""

    __slots__ = ("_core",)

    def __init__(self, words: frozenset[str]) -> None:
        self._core = _core.Keywords(sorted(words))

    def named_by(self, value: str) -> bool:
        try:
            return self._core.named_by(value)
        except UnicodeEncodeError:  # stand-ins are private-use characters: in no keyword, no separators
            there, _ = _stand_ins(value)
            return self._core.named_by(value.translate(there))
