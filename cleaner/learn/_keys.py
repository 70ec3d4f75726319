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
from ..rules.loader import defines, expand

DATE_MARK, NAME_MARK, _WEEKDAY_MARK = "\x01", "\x02", "\x03"
_PARTICLES = "de|da|del|der|van|von|di|du|le|la|bin|al|el|dos|das|do"
#: Month names as the rules' {{MONTH}} define spells them (tests/learn check that it matches each).
MONTH_NAMES = frozenset({
    "jan", "january", "januar", "janvier", "feb", "february", "februar", "févr", "février", "mar", "march",
    "mars", "marzo", "märz", "apr", "april", "aprile", "avr", "avril", "may", "mai", "maggio", "mayo", "maio",
    "jun", "june", "juni", "junio", "junho", "juin", "giugno", "jul", "july", "juli", "julio", "julho",
    "juil", "juillet", "luglio", "aug", "august", "août", "agosto", "sep", "sept", "september", "septembre",
    "settembre", "septiembre", "setembro", "oct", "october", "octobre", "okt", "oktober", "ottobre",
    "outubro", "nov", "november", "novembre", "novembro", "dec", "december", "dez", "dezember", "dezembro",
    "déc", "décembre", "dic", "diciembre", "dicembre", "enero", "febrero", "abril", "janeiro",
    "fevereiro", "março", "gennaio", "febbraio",
})  # fmt: skip
#: Dates are folded in lines of at most this many words (bylines, datelines, footers): in a
#: longer line a date is part of what it says, and its digits are folded all the same.
_DATED_WORDS = 24
_NUMERIC_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_DAY_MONTH = re.compile(r"\d{1,2}\.?\s+(?:de\s+)?([^\W\d_]+)\.?(?:\s+(?:de\s+)?\d{4})?")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")
_MONTH_DAY = re.compile(r"[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|[^\W\d_]+\s+\d{4}")


class _Numeric:
    """`match` giving a span, like the other date finders."""

    @staticmethod
    def match(text: str, start: int) -> tuple[int, int] | None:
        found = _NUMERIC_DATE_RE.match(text, start)
        return found.span() if found is not None else None


_NUMERIC_DATE = _Numeric()
_HAS_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|"
    "samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|"
    "giovedì|venerdì|sabato|domenica|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira"
)


@cache
def _date() -> re.Pattern[str]:
    return re.compile(expand("{{DATE}}"), re.IGNORECASE)


@cache
def _name_run() -> re.Pattern[str]:
    """Capitalised words (a person, an outlet): the rules' own ``{{NAME}}``, so that a template
    and the pattern written for it agree. At the start of a line only two or more words are a
    name ("Jane Doe · 5 min read"): one capitalised word there starts a sentence."""
    word = rf"[{defines()['UPPER']}][\w'’.-]*"
    first = rf"^{word}(?:\s+(?:(?:{_PARTICLES})\s+)?{word}){{1,4}}"
    return re.compile(rf"(?<=[\s(]){expand('{{NAME}}')}|{first}")


@cache
def _weekday() -> re.Pattern[str]:
    """A weekday before a date ("Monday, July 8, 2018"), which is part of the date."""
    return re.compile(rf"\b(?:{WEEKDAYS})\b,?\s*(?={DATE_MARK})", re.IGNORECASE)


def _dates(key: str) -> str:
    """Dates (with their weekday) as one mark each. A date holds a digit, so the date pattern
    (long alternations of month names) only runs around the line's digits."""
    spans = _date_spans(key)
    if not spans:
        return key
    parts, start = [], 0
    for a, b in spans:
        parts += [key[start:a], DATE_MARK]
        start = b
    parts.append(key[start:])
    return _weekday().sub("", "".join(parts))


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Where the dates of a line are: the forms of the rules' ``{{DATE}}`` (2024-03-12,
    12/03/2024, 12 March 2024, March 12, 2024, March 2024), found from the line's digits with
    small patterns and a set of month names, which is many times faster than running
    ``{{DATE}}`` (long alternations of month names) along the line; a test checks that
    ``{{DATE}}`` matches every date found here, so the patterns written agree."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _DIGITS.finditer(text):
        start = m.start()
        if start < pos:
            continue
        found = _NUMERIC_DATE.match(text, start) or _month_after(text, start) or _month_before(text, start)
        if found is not None:
            spans.append(found)
            pos = found[1]
    return spans


def _month_after(text: str, start: int) -> tuple[int, int] | None:
    found = _DAY_MONTH.match(text, start)
    if found is None or found.group(1).lower() not in MONTH_NAMES:
        return None
    return found.span()


def _month_before(text: str, start: int) -> tuple[int, int] | None:
    before = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if before is None or before.group(1).lower() not in MONTH_NAMES:
        return None
    found = _MONTH_DAY.match(text, before.start(1))
    return found.span() if found is not None and found.end() > start else None


def fold(key: str) -> str:
    """A match key with case, digits and dates folded (spacing is already single)."""
    return keys(key, key.count(" ") + 1, shape=False)[0]


def template(key: str, words: int) -> str | None:
    """The line with its names folded, or None when it names no one, is too long to be a
    byline or credit, or has too little fixed wording to be a template (``How *``, ``The * of
    0`` are headlines, not templates)."""
    return keys(key, words)[1] if words <= settings.LEARN_TEMPLATE_MAX_WORDS else None


def keys(key: str, words: int, *, shape: bool = True) -> tuple[str, str | None]:
    """The folded key of a line and, when `shape` and it has one, its template."""
    if _HAS_DIGIT.search(key):
        key = _dates(key) if words <= _DATED_WORDS else key
        folded = _DIGITS.sub("0", key).lower()
    else:
        folded = key.lower()
    if not shape or words > settings.LEARN_TEMPLATE_MAX_WORDS or key == folded:
        return folded, None
    named, count = _name_run().subn(NAME_MARK, key)
    if not count or count > 2:
        return folded, None
    literal = [w for w in named.split() if w not in (DATE_MARK, NAME_MARK) and any(c.isalpha() for c in w)]
    if not any(len(w.strip(":,.;")) >= 4 for w in literal):
        return folded, None
    if len(literal) < 2 and not literal[0].endswith(":"):
        return folded, None
    return folded, _DIGITS.sub("0", named).lower()


def line_pattern(example: str) -> str:
    """A pattern matching every line whose key is the example's: the whole line, any case,
    digits and dates free."""
    return "^" + _literal(example, dates=example.count(" ") < _DATED_WORDS) + "$"


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
    """The text with each date's characters replaced by date marks, and those of a weekday
    before it by weekday marks (offsets kept)."""
    spans = _date_spans(text)
    if not spans:
        return text
    marked = list(text)
    for a, b in spans:
        marked[a:b] = DATE_MARK * (b - a)
    return _weekday().sub(lambda m: _WEEKDAY_MARK * len(m.group(0)), "".join(marked))


def _unmark(example: str, start: int, end: int | None) -> str:
    return example[start:end]


def _literal(text: str, *, dates: bool = True) -> str:
    """Text as a pattern: dates ``{{DATE}}``, digit runs ``\\d+``, the rest literal."""
    out = []
    marked = _with_dates_marked(text) if dates else text
    i = 0
    while i < len(text):
        if marked[i] in (DATE_MARK, _WEEKDAY_MARK) and text[i] != marked[i]:
            j = i
            while j < len(text) and marked[j] == marked[i]:
                j += 1
            out.append("{{DATE}}" if marked[i] == DATE_MARK else rf"(?:{WEEKDAYS}),?\s*")
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
