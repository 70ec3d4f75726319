"""Lines of a text and the cheap shape features the region finder and predicates read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .. import _compiled, settings
from ..rules.model import Hit

_CLOSERS = "\"'”’»)]›」』*_ \u00a0"


@dataclass(slots=True)
class Line:
    """A non-empty line of the input with its shape."""

    index: int
    text: str
    key: str
    words: int
    terminal: bool
    kind: str = "text"
    #: Short and without closing punctuation (a question or exclamation aside): a headline,
    #: a menu item, a label (at most `settings.HEADLINE_MAX_WORDS` words).
    shaped: bool = False
    hit: Hit | None = None
    weight: float = 0.0
    #: A heading's level where the markup says the line is one (0: not a heading).
    level: int = 0

    @property
    def ends_with_colon(self) -> bool:
        return self.text.rstrip(_CLOSERS).endswith(":")


def make_lines(texts: list[str]) -> list[Line]:
    """The lines of `texts`, numbered from 0, with their shapes: the match key, the words (in
    Chinese and Japanese, where nothing separates them, two characters count as a word),
    whether the line ends a sentence, whether it is headline-shaped, and whether it reads as
    a table row, a numbered list item or a line of code (a keyword or prompt first, a brace or
    semicolon last, a call, an assignment, a tag; only when it does not end a sentence and is
    at most `settings.CODE_MAX_CHARS` long). The compiled core works these out
    (core/src/shapes.rs)."""
    shapes = _compiled.line_shapes(texts, settings.CODE_MAX_CHARS, settings.HEADLINE_MAX_WORDS)
    # The shapes come in the order of Line's fields, passed by position (over a quarter cheaper
    # than by keyword, for an object made for every line).
    return [Line(n, text, *shape) for n, (text, shape) in enumerate(zip(texts, shapes, strict=True))]


def normalise(text: str) -> str:
    """Letters and digits only, lower case, one space between runs: for comparing a line with
    the title (the compiled core's, the one the positional rules use)."""
    return _compiled.normalise(text)


class Columns(NamedTuple):
    """The lines' fields the compiled core reads, one list each, made once per text for the
    region finder and the positional rules. `hits` are the lines' hit codes
    (`cleaner.clean.region.HitCodes`)."""

    texts: list[str]
    keys: list[str]
    words: list[int]
    terminal: list[bool]
    kinds: list[str]
    hits: list[int]
