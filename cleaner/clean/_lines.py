"""Lines of a text and the cheap shape features the region finder and predicates read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import settings
from ..rules.model import Hit, match_key

_CLOSERS = "\"'”’»)]›」』*_ \u00a0"
_SENTENCE_END = frozenset(".!?…。！？")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LIST_ITEM = re.compile(r"^(?:\(?\d{1,3}[.)]|[a-z][.)]|[ivx]{1,4}[.)])\s+\S")
_CODE = re.compile(
    r"^(?:>>>|\$ |#include|(?:def|class|import|from|return|fn|let|const|var|function|if|for|while|else|elif|"
    r"try|except|catch|public|private|static|async|await|pub|use|package|func|SELECT|INSERT|UPDATE|CREATE)\b)"
    r"|[{};]\s*$|^\s*[}\])]|\w\(.*\)\s*$|^[\w.]+\s*[+\-*/]?=\s*\S|</?\w+[^>]*>"
)


@dataclass(slots=True)
class Line:
    """A non-empty line of the input with its shape."""

    index: int
    text: str
    key: str
    words: int
    terminal: bool
    hit: Hit | None = None
    weight: float = 0.0
    kind: str = "text"
    #: A heading's level where the markup says the line is one (0: not a heading).
    level: int = 0

    @property
    def ends_with_colon(self) -> bool:
        return self.text.rstrip(_CLOSERS).endswith(":")


def make_line(index: int, text: str) -> Line:
    stripped = text.rstrip(_CLOSERS)
    terminal = bool(stripped) and stripped[-1] in _SENTENCE_END
    line = Line(index, text, match_key(text), count_words(text), terminal)
    if text.startswith("|") or text.endswith("|"):
        line.kind = "table"
    elif _LIST_ITEM.match(text):
        line.kind = "list"
    elif not terminal and len(text) <= settings.CODE_MAX_CHARS and _CODE.search(text):
        line.kind = "code"
    return line


def count_words(text: str) -> int:
    """Words separated by spaces; in Chinese and Japanese, where nothing separates them, two
    characters count as a word."""
    words = text.count(" ") + 1
    if not text.isascii():
        cjk = len(_CJK.findall(text))
        if cjk:
            words += cjk // 2
    return words


def is_headline_shaped(line: Line) -> bool:
    """Short and without closing punctuation: a headline, a menu item, a label."""
    if line.words > settings.HEADLINE_MAX_WORDS:
        return False
    return not line.terminal or line.text.rstrip(_CLOSERS).endswith(("?", "!"))


_NORM = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Letters and digits only, lower case: for comparing a line with the title."""
    return _NORM.sub(" ", text.lower()).strip()
