"""The region finder (core/src/region.rs through `cleaner.clean.region`): weights, the body
run and each line's position, from the lines' columns and their hit codes."""

from __future__ import annotations

import pytest

from cleaner import settings
from cleaner.clean._lines import Columns
from cleaner.clean.region import HitCodes, find_body
from cleaner.rules.model import Rule

MENU = Rule("page-chrome", "site menu")
END = Rule("source-attribution", "link back", ends_body=True)
COMMENTS = Rule("comments", "comment section", barrier=True)
CODES = HitCodes([MENU, END, COMMENTS])


def region(lines: list[tuple[int, bool, str, Rule | None]]) -> tuple[list[float], int, int, list[str]]:
    words = [w for w, _, _, _ in lines]
    terminal = [t for _, t, _, _ in lines]
    kinds = [k for _, _, k, _ in lines]
    hits = [-1 if r is None else CODES.of(r) for _, _, _, r in lines]
    return find_body(CODES, Columns([""] * len(lines), [""] * len(lines), words, terminal, kinds, hits))


def test_each_line_is_weighed_by_what_it_is() -> None:
    weights, *_ = region(
        [
            (5, False, "text", MENU),  # a hit: its penalty and its words
            (5, False, "text", END),  # an end marker
            (5, False, "text", COMMENTS),  # a barrier
            (12, True, "text", None),  # a sentence: its words
            (2, True, "text", None),  # too short for a sentence
            (30, False, "text", None),  # long without punctuation: half its words
            (6, False, "table", None),  # a table row: half its words
            (6, False, "code", None),  # code: nothing
            (3, False, "text", None),  # a menu item
        ]
    )
    assert weights == [
        -(settings.RULE_HIT_PENALTY + 5),
        -settings.END_MARKER_PENALTY,
        -settings.BARRIER_PENALTY,
        12.0,
        0.0,
        15.0,
        3.0,
        0.0,
        -settings.SHORT_LINE_PENALTY,
    ]


def test_an_extractors_output_loses_only_what_hits_frame() -> None:
    lines: list[tuple[int, bool, str, Rule | None]] = [
        (3, False, "text", MENU),
        (12, True, "text", None),
        (14, True, "text", None),
        (2, False, "text", None),  # a short last line of the article: body
        (4, False, "text", END),
        (10, True, "text", None),  # after the end marker: tail
    ]
    _, start, end, positions = region(lines)
    assert (start, end) == (1, 2)
    assert positions == ["head", "body", "body", "body", "tail", "tail"]


def test_no_body_runs_past_a_barrier_that_follows_enough_of_it() -> None:
    article: list[tuple[int, bool, str, Rule | None]] = [(30, True, "text", None)] * 2
    comments: list[tuple[int, bool, str, Rule | None]] = [(40, True, "text", None)] * 3
    _, start, end, positions = region([*article, (2, False, "text", COMMENTS), *comments])
    assert (start, end) == (0, 1)
    assert positions == ["body", "body", "tail", "tail", "tail", "tail"]


def test_a_whole_pages_menus_are_cut_around_the_body() -> None:
    menu: list[tuple[int, bool, str, Rule | None]] = [(2, False, "text", None)] * 10
    signals: list[tuple[int, bool, str, Rule | None]] = [(2, False, "text", MENU)] * 2
    body: list[tuple[int, bool, str, Rule | None]] = [(20, True, "text", None)] * 3
    _, start, end, positions = region([*signals, *menu, *body, *menu])
    assert (start, end) == (12, 14)
    assert positions == ["head"] * 12 + ["body"] * 3 + ["tail"] * 10


@pytest.mark.parametrize("lines", [[], [(3, False, "text", None)] * 4])
def test_no_run_that_stands_out_is_the_whole_text(lines: list[tuple[int, bool, str, Rule | None]]) -> None:
    _, start, end, positions = region(lines)
    assert (start, end) == (0, len(lines) - 1)
    assert positions == ["body"] * len(lines)


def test_a_bad_column_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        find_body(CODES, Columns([""], [""], [1], [False], ["poem"], [-1]))
    with pytest.raises(ValueError, match="differ in length"):
        find_body(CODES, Columns([""], [""], [1, 2], [False], ["text"], [-1]))
