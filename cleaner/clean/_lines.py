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
_SPACES = re.compile(r"[ \t\u00a0\u200b\u3000]+")
_ODD_BLANK = re.compile(r"[\u00a0\u200b\u3000]")


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

    @property
    def ends_with_colon(self) -> bool:
        return self.text.rstrip(_CLOSERS).endswith(":")


def split_lines(text: str) -> list[str]:
    """Non-empty lines, spaces collapsed; over-long lines cut so no line is unbounded."""
    out = []
    for raw in text.splitlines():
        line = (_SPACES.sub(" ", raw) if _needs_spacing(raw) else raw).strip()
        if len(line) > settings.MAX_LINE_CHARS:
            out.extend(_cut(line, settings.MAX_LINE_CHARS))
        elif line:
            out.append(line)
    return out


def _needs_spacing(raw: str) -> bool:
    """Whether a line has runs of spaces or odd blanks to collapse (most have none)."""
    return "  " in raw or "\t" in raw or (not raw.isascii() and _ODD_BLANK.search(raw) is not None)


def _cut(line: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at spaces where there are any."""
    pieces, start = [], 0
    while start < len(line):
        end = min(start + limit, len(line))
        if end < len(line):
            space = line.rfind(" ", start + limit // 2, end)
            end = space if space > 0 else end
        piece = line[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    return pieces


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


def join_wrapped(lines: list[str]) -> list[str]:
    """Put hard-wrapped paragraphs back together: a line that stops mid-sentence, followed
    by one that starts in lower case, is the same paragraph (up to the line-length limit)."""
    groups: list[list[str]] = []
    size = 0
    for line in lines:
        if (
            groups
            and line[:1].islower()
            and _continues(groups[-1][-1], line)
            and size + len(line) < settings.MAX_LINE_CHARS
        ):
            groups[-1].append(line)
            size += len(line) + 1
        else:
            groups.append([line])
            size = len(line)
    return [" ".join(group) for group in groups]


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on the sentence `previous` stopped in: `previous` has no closing
    punctuation and is long (cut by hard wrapping), or `line` is more than one word (a
    heading followed by a poster's name is not one sentence)."""
    tail = previous.rstrip(_CLOSERS)
    if not tail or tail[-1] in _SENTENCE_END or tail[-1] == ":" or previous.count(" ") < 3:
        return False
    return len(previous) >= settings.WRAP_MIN_CHARS or " " in line


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
