"""What a line is counted as: its key, folded so that what changes from page to page of one
template does not count, and its template, with names folded too.

    "Posted on March 3, 2024 by Jane Doe"   key:      "posted on \x01 by jane doe"
                                            template: "posted on \x01 by \x02"

Case and spacing are folded, digits become ``0``, dates ``\x01``, runs of capitalised words
after the first word ``\x02``. Patterns are written from an example line the same way, so a
rule matches every line with the key (or template) it was learned from.
"""

from __future__ import annotations

import re
from functools import cache

from .. import settings
from ..rules.loader import expand

DATE_MARK, NAME_MARK = "\x01", "\x02"
_HAS_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")


@cache
def _date() -> re.Pattern[str]:
    return re.compile(expand("{{DATE}}"), re.IGNORECASE)


@cache
def _name_run() -> re.Pattern[str]:
    """Capitalised words after the first word of a line (a person, an outlet): the rules'
    own ``{{NAME}}``, so that a template and the pattern written for it agree."""
    return re.compile(r"(?<=[\s(])" + expand("{{NAME}}"))


def fold(key: str) -> str:
    """A match key with case, digits and dates folded (spacing is already single)."""
    if _HAS_DIGIT.search(key):
        key = _DIGITS.sub("0", _date().sub(DATE_MARK, key))
    return key.lower()


def template(key: str, words: int) -> str | None:
    """The line with its names folded, or None when it names no one, is too long to be a
    byline or credit, or has too little fixed wording to be a template (``How *``, ``The * of
    0`` are headlines, not templates)."""
    if words > settings.LEARN_TEMPLATE_MAX_WORDS:
        return None
    if _HAS_DIGIT.search(key):
        key = _date().sub(DATE_MARK, key)
    folded, count = _name_run().subn(NAME_MARK, key)
    if not count or count > 2:
        return None
    literal = [w for w in folded.split() if w not in (DATE_MARK, NAME_MARK) and any(c.isalpha() for c in w)]
    if not any(len(w.strip(":,.;")) >= 4 for w in literal):
        return None
    if len(literal) < 2 and not literal[0].endswith(":"):
        return None
    return _DIGITS.sub("0", folded).lower()


def line_pattern(example: str) -> str:
    """A pattern matching every line whose key is the example's: the whole line, any case,
    digits and dates free."""
    return "^" + _literal(example) + "$"


def template_pattern(example: str) -> str:
    """A pattern matching every line with the example's template: names are ``{{NAME}}``."""
    parts = []
    start = 0
    for m in _name_run().finditer(_with_dates_marked(example)):
        parts.append(_literal(_unmark(example, start, m.start())))
        parts.append("{{NAME}}")
        start = m.end()
    parts.append(_literal(_unmark(example, start, None)))
    return "^" + "".join(parts) + "$"


def _with_dates_marked(text: str) -> str:
    """The text with each date replaced by as many marks as it has characters (offsets kept)."""
    if not _HAS_DIGIT.search(text):
        return text
    return _date().sub(lambda m: DATE_MARK * len(m.group(0)), text)


def _unmark(example: str, start: int, end: int | None) -> str:
    return example[start:end]


def _literal(text: str) -> str:
    """Text as a pattern: dates ``{{DATE}}``, digit runs ``\\d+``, the rest literal."""
    out = []
    marked = _with_dates_marked(text)
    i = 0
    while i < len(text):
        if marked[i] == DATE_MARK and text[i] != DATE_MARK:
            j = i
            while j < len(text) and marked[j] == DATE_MARK:
                j += 1
            out.append("{{DATE}}")
            i = j
        elif text[i].isdigit():
            m = _DIGITS.match(text, i)
            assert m is not None
            out.append(r"\d+")
            i = m.end()
        else:
            out.append(_SPECIAL.sub(lambda m: "\\" + m.group(0), text[i]))
            i += 1
    return "".join(out)
