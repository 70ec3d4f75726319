"""The text reader and line shapes, as the compiled core works them out: offsets in code
points, Python's own character classes, lone surrogates."""

from __future__ import annotations

import pytest

from cleaner import _compiled, _core, settings
from cleaner.clean._lines import make_lines
from cleaner.readers.text import read_text, wrapped_groups
from cleaner.rules.model import match_key


def spans(source: str) -> list[tuple[str, str]]:
    return [(b.text, source[b.start : b.end]) for b in read_text(source).blocks]


def test_lines_end_at_cr_lf_and_crlf_only() -> None:
    source = "one\r\ntwo\rthree\nfour\x0cstill four\u2028and this"
    assert [t for t, _ in spans(source)] == ["one", "two", "three", "four still four\u2028and this"]


def test_offsets_count_code_points_not_bytes() -> None:
    source = "日本語の見出し\n\n  Ünïcödé   line  \t\n😀 emoji line"
    blocks = read_text(source).blocks
    assert [(b.text, b.line) for b in blocks] == [("日本語の見出し", 1), ("Ünïcödé line", 3), ("😀 emoji line", 4)]
    assert [source[b.start : b.end] for b in blocks] == ["日本語の見出し", "  Ünïcödé   line  \t", "😀 emoji line"]


def test_visible_text_drops_controls_and_collapses_odd_blanks() -> None:
    assert spans("a\x00b\u3000\u200b c\x1c\n") == [("a b c", "a\x00b\u3000\u200b c\x1c")]
    # Python's strip() strips the information separators and U+2003 too, inside they stay
    assert spans("\u2003x\u2003y\u2003") == [("x\u2003y", "\u2003x\u2003y\u2003")]


def test_hard_wrapped_lines_join_their_paragraph() -> None:
    source = "This long sentence was wrapped by a mail client at some\nwidth and goes on here.\nNext one."
    assert [b.text for b in read_text(source).blocks] == [
        "This long sentence was wrapped by a mail client at some width and goes on here.",
        "Next one.",
    ]
    assert wrapped_groups(["Short title here now", "by someone", "Another"]) == [[0, 1], [2]]
    # a heading followed by a poster's name is not one sentence
    assert wrapped_groups(["Short title here now", "someone"]) == [[0], [1]]


def test_an_over_long_line_is_cut_at_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_LINE_CHARS", 10)
    source = "aaaa bbbb cccc dddd"
    blocks = read_text(source).blocks
    assert [b.text for b in blocks] == ["aaaa bbbb", "cccc dddd"]
    assert [(b.start, b.end) for b in blocks] == [(0, 9), (9, 19)]


def test_line_shapes() -> None:
    lines = make_lines(["• Read more", "def main():", "1. First item", "| a | b |", "日本語です", "It ended.”", "x"])
    assert [line.key for line in lines[:2]] == ["Read more", "def main():"]
    assert [line.kind for line in lines] == ["text", "code", "list", "table", "text", "text", "text"]
    assert [line.words for line in lines] == [3, 2, 3, 5, 3, 2, 1]
    assert [line.terminal for line in lines] == [False, False, False, False, False, True, False]
    assert [line.index for line in lines] == list(range(7))


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("  • Read more  ", "Read more"),
        ("♥ DONATE ♥", "DONATE ♥"),
        ("👉 https://example.com", "https://example.com"),
        ("(AP) — story", "(AP) — story"),
        ("_private", "_private"),
        ("\u0301combining first", "combining first"),  # a mark is not a word character in `re`
        ("Ⓐ circled", "circled"),  # nor is a circled letter (a symbol, though Rust calls it alphabetic)
        ("\x1cseparated\x1f", "separated"),  # str.strip() strips the information separators
    ],
)
def test_match_key(line: str, key: str) -> None:
    assert match_key(line) == key


def test_a_key_equal_to_its_line_is_the_same_object() -> None:
    line = "Nothing to strip"
    assert _core.match_key(line) is line


def test_lone_surrogates_go_through_and_come_back() -> None:
    source = "Caf\udce9 menu\n\nBody \ud800 text, with words enough to read."
    blocks = read_text(source).blocks
    assert [b.text for b in blocks] == ["Caf\udce9 menu", "Body \ud800 text, with words enough to read."]
    assert [source[b.start : b.end] for b in blocks] == [b.text for b in blocks]
    assert match_key("• \udce9 x") == "x"  # a surrogate is decoration, as in `re`
    lines = make_lines(["\udc80 Share this", "ok"])
    assert lines[0].key == "Share this" and lines[0].words == 3
    assert wrapped_groups(["a \ud800 b c d e f", "goes on \udfff here"]) == [[0, 1]]


def test_stand_ins_avoid_private_use_characters_the_text_has() -> None:
    text = "\U00100000 and \ud800"  # the first window's first stand-in is in the text
    there, back = _compiled._stand_ins(text)
    assert there[0xD800] != 0x100000
    assert text.translate(there).translate(back) == text
    assert match_key(text) == "and \ud800"


@pytest.mark.parametrize(
    ("line", "visible"),
    [
        ("Already visible, one space apart.", "Already visible, one space apart."),
        ("Curly ’quotes’ and “more” stay", "Curly ’quotes’ and “more” stay"),
        ("two  spaces", "two spaces"),
        ("a\u00a0no-break space", "a no-break space"),
        ("a\u200bzero-width space", "a zero-width space"),
        ("an\u3000ideographic space", "an ideographic space"),
        ("\u2003em space at the ends\u2003", "em space at the ends"),
        ("em\u2003space inside stays", "em\u2003space inside stays"),
        ("a\x7fdelete", "a delete"),
        ("\u00e9t\u00e9 \u00e0 Paris", "\u00e9t\u00e9 \u00e0 Paris"),
    ],
)
def test_a_line_already_visible_comes_back_as_it_is(line: str, visible: str) -> None:
    """Most lines need no change, and the core hands them back whole; the rest are rebuilt."""
    [(text, _, _, _)] = _compiled.read_text(line, 10_000, 50)
    assert text == visible
