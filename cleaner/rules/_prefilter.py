"""A phrase pattern restated for the compiled core's regex engine, as a pattern that matches
wherever Python's `re` does and maybe more: the core runs every pattern of a rule set over a
line in one pass and names the few that may match; `re` confirms those.

Python's `re` has what the core's engine (Rust's regex crate) lacks: look-arounds, atomic groups
and possessive repeats, back-references, conditionals, and its own ideas of case and of `\\w`,
`\\s`, `\\b`. None of that has to be translated exactly, only widened: an assertion is dropped, an
atomic group or possessive repeat becomes a plain one, a back-reference any text, a conditional
either branch, a class the union of both engines' sets. So user rules keep the whole of Python's
syntax; a pattern the parser's tree has something unknown in becomes "any line" and is left to
`re` alone.

Case: with IGNORECASE, `re` takes two characters for one when their simple lower cases are
equal or they are in its table of extra cases (`re._casefix`); the regex crate uses simple case
folding. The two differ for a few characters (``İ`` is ``i`` to `re`, not to the crate): every
cased character whose lower case is a literal's, or falls in a class's range, is written into
the class as well. Reads the tree of Python's own parser (`re._parser`, stable since 3.11).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

try:  # the parser's modules as 3.11 names them; older Pythons are not supported by the project
    import _sre  # type: ignore[import-not-found]
    from re import _casefix  # type: ignore[attr-defined]
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    C = P = None

#: Matches every line: what a pattern becomes when its tree holds what this module does not know.
ANY_LINE = "(?s).*"
#: Counted repeats above this become open ones, so the compiled set stays small.
_MAX_COUNT = 20
#: Where cased characters live (none outside these; tests/clean/test_prefilter.py checks it for
#: the running Python): scanning only them keeps building the case table at a few milliseconds.
CASED_RANGES = ((0, 0x3400), (0xA000, 0xAC00), (0xD7A4, 0x20000))


class Untranslatable(Exception):
    """A pattern's tree holds an opcode or shape this module does not translate."""


def widened(pattern: str, flags: int = re.IGNORECASE) -> str:
    """The core's pattern for `pattern`: anchored at the line's start, case-insensitive, dot
    matching everything (lines hold no line break), matching every line `pattern` matches."""
    return _translated(pattern, flags)[0]


def begins_anywhere(pattern: str, flags: int = re.IGNORECASE) -> bool:
    """Whether `pattern` may begin with any run of characters (``.*``, ``.{0,80}``), or was
    left to `re` alone: its automaton then stays alive along the whole line, so it is better
    kept apart."""
    return _translated(pattern, flags)[1]


@lru_cache(maxsize=8192)
def _translated(pattern: str, flags: int) -> tuple[str, bool]:
    """The widened pattern, and whether it may begin anywhere (then compiled whole, not its
    head: a head of ``.*`` would name every line)."""
    if P is None:  # pragma: no cover
        return ANY_LINE, True
    try:
        items = list(P.parse(pattern, flags))
        loose = _loose(items)
        body = _seq(items) if loose else _head(items, PREFIX_CHARS)[0]
        return _PREFIX + body + ")", loose
    except (Untranslatable, RecursionError, re.error, ValueError, TypeError, IndexError, AttributeError):
        return ANY_LINE, True


_PREFIX = "(?is)^(?:"
#: How much of a pattern the core runs: its leading elements up to this many characters of
#: match (a line a pattern matches starts with a match of its head, so the head names at least
#: the lines the whole would). Matching whole patterns, the automaton's states for ~300 of them
#: over long lines needed 16 MB of cache per set and still gave up at 8; heads die within a
#: few characters. Patterns that may begin anywhere are kept whole (a head of ``.*`` names
#: every line).
PREFIX_CHARS = 12


def _loose(items: list[Any]) -> bool:
    """Whether the pattern may begin with a run of any characters."""
    if not items:
        return False
    op, av = items[0]
    return op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] == 0 and [i[0] for i in av[2]] == [C.ANY]


def _width(items: list[Any]) -> int:
    """The fewest characters a match of `items` takes."""
    return int(P.SubPattern(P.State(), list(items)).getwidth()[0])


def _head(items: list[Any], budget: int) -> tuple[str, bool]:
    """The leading elements of a sequence up to `budget` characters of match, going into
    groups and alternatives; and whether anything was left out."""
    out: list[str] = []
    for op, av in items:
        if budget <= 0:
            return "".join(out), True
        if op is C.SUBPATTERN:
            inner, cut = _head(list(av[-1]), budget)
            out.append("(?:" + inner + ")")
        elif op is C.BRANCH:
            heads = [_head(list(branch), budget) for branch in av[1]]
            out.append("(?:" + "|".join(h for h, _ in heads) + ")")
            cut = any(c for _, c in heads)
        else:
            out.append(_item(op, av))
            cut = False
        if cut:
            return "".join(out), True
        budget -= 1 if op is C.LITERAL else _width([(op, av)])  # most items: one character
    return "".join(out), False


def _seq(items: list[Any]) -> str:
    return "".join(_item(op, av) for op, av in items)


def _item(op: Any, av: Any) -> str:
    if op is C.LITERAL:
        return _literal(av)
    if op is C.NOT_LITERAL:
        return _class([(C.LITERAL, av)], negate=True)
    if op is C.ANY:
        return "."
    if op is C.IN:
        negate = bool(av) and av[0][0] is C.NEGATE
        return _class(av[1:] if negate else av, negate=negate)
    if op is C.BRANCH:
        return "(?:" + "|".join(_seq(list(branch)) for branch in av[1]) + ")"
    if op is C.SUBPATTERN:
        return "(?:" + _seq(list(av[-1])) + ")"
    if op is C.ATOMIC_GROUP:
        return "(?:" + _seq(list(av)) + ")"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, inner = av
        body = "(?:" + _seq(list(inner)) + ")"
        low = min(low, _MAX_COUNT)
        if high is C.MAXREPEAT or high > _MAX_COUNT:
            return f"{body}{{{low},}}"
        return f"{body}{{{low},{high}}}"
    if op is C.AT:
        if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return "^"
        if av in (C.AT_END, C.AT_END_STRING):  # lines hold no line break: `$` is the end
            return "$"
        return ""  # \b, \B, line anchors of MULTILINE: dropped, which only widens
    if op in (C.ASSERT, C.ASSERT_NOT):
        return ""
    if op is C.GROUPREF:
        return ".*"
    if op is C.GROUPREF_EXISTS:
        _, yes, no = av
        return "(?:" + _seq(list(yes)) + "|" + (_seq(list(no)) if no is not None else "") + ")"
    if op is C.CATEGORY:
        return _class([(C.CATEGORY, av)], negate=False)
    raise Untranslatable(str(op))


#: Python's `\w` is letters, numbers and "_"; the crate's adds marks and connectors. Wide forms
#: hold at least Python's set, narrow ones at most, so a negated class never excludes more than
#: `re` does. `\s` is Python's str.isspace: Unicode White_Space and \x1c-\x1f.
_WIDE = {
    "CATEGORY_WORD": r"[^\s\x1c-\x1f]",
    "CATEGORY_NOT_WORD": "[^{WORD}]",
    "CATEGORY_DIGIT": r"\p{Nd}",
    "CATEGORY_NOT_DIGIT": "[^{DIGIT}]",
    "CATEGORY_SPACE": r"\s\x1c-\x1f",
    "CATEGORY_NOT_SPACE": r"[^\s\x1c-\x1f]",
}
_NARROW = {
    "CATEGORY_WORD": "{WORD}",
    "CATEGORY_NOT_WORD": r"[^\p{L}\p{N}\p{M}\p{Pc}_]",
    "CATEGORY_DIGIT": "{DIGIT}",
    "CATEGORY_NOT_DIGIT": r"\P{Nd}",
    "CATEGORY_SPACE": r"\s\x1c-\x1f",
    "CATEGORY_NOT_SPACE": r"[^\s\x1c-\x1f]",
}


@lru_cache(maxsize=4096)
def _literal(code: int) -> str:
    """One character as a class (most of a pattern's items: worked out once per character)."""
    return _class([(C.LITERAL, code)], negate=False)


def _category(code: Any, wide: bool) -> str:
    table = _WIDE if wide else _NARROW
    name = str(code).replace("UNI_", "")
    if name not in table:
        raise Untranslatable(name)
    out = table[name]
    if "{WORD}" in out:
        out = out.replace("{WORD}", _python_ranges(r"\w"))
    if "{DIGIT}" in out:
        out = out.replace("{DIGIT}", _python_ranges(r"\d"))
    return out


@lru_cache(maxsize=2)
def _python_ranges(category: str) -> str:
    """`re`'s own set of a category, as the crate's class ranges. The crate's Unicode is newer
    than the running Python's: where a class is negated, its letters and digits would exclude
    characters `re` does not know as either (U+1C89, a letter since Unicode 16)."""
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    found = [ord(m.group()) for m in re.finditer(category, every)]
    ranges: list[tuple[int, int]] = []
    for code in found:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(_char(low) if low == high else _char(low) + "-" + _char(high) for low, high in ranges)


def _class(items: list[Any], negate: bool) -> str:
    """A class of the crate's syntax. A positive one holds each item and the characters `re`
    takes for it ignoring case that the crate's folding may not; a negated one excludes only
    the items as written (case sensitively, narrow categories): no more than `re` excludes."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    #: Negated categories of a positive class, matched case-sensitively on their own: under
    #: (?i) the crate closes a class over case before negating it ([^\p{L}] would lose U+0345,
    #: which folds to a letter).
    apart: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            parts.append(_char(av))
            spans.append((av, av))
        elif op is C.RANGE:
            low, high = av
            parts.append(_char(low) + "-" + _char(high))
            spans.append((low, high))
        elif op is C.CATEGORY:
            category = _category(av, wide=not negate)
            (apart if category.startswith("[^") and not negate else parts).append(category)
        else:
            raise Untranslatable(str(op))
    if negate:
        return "(?-i:[^" + "".join(parts) + "])"
    mates = _case_mates(tuple(spans)) if spans else frozenset()
    if len(parts) == 1 and not mates and not apart and len(items) == 1 and items[0][0] is C.LITERAL:
        return parts[0]
    branches = ["(?-i:" + category + ")" for category in apart]
    if parts or mates:
        branches.insert(0, "[" + "".join(parts) + "".join(_char(code) for code in sorted(mates)) + "]")
    return branches[0] if len(branches) == 1 and not apart else "(?:" + "|".join(branches) + ")"


def _char(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate: the core's text never holds one
        raise Untranslatable("surrogate")
    if code < 128 and chr(code).isalnum():
        return chr(code)
    return f"\\x{{{code:x}}}"


@lru_cache(maxsize=4096)
def _case_mates(spans: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Characters `re` (IGNORECASE) takes for a member of `spans` beyond the members' own upper
    and lower case (which the crate's folding matches too). Only cased characters have any."""
    cased = _cased()
    out: set[int] = set()
    for low, high in spans:
        for code in cased[bisect_left(cased, low) : bisect_right(cased, high)]:
            out |= _char_mates(code)
    return frozenset(out)


@lru_cache(maxsize=1)
def _cased() -> tuple[int, ...]:
    """Every character with another case or an extra case, as `re` sees them."""
    lower, upper = _case_table()
    extra = {code for codes in _casefix._EXTRA_CASES.values() for code in codes} | set(_casefix._EXTRA_CASES)
    return tuple(sorted(set(lower) | set(lower.values()) | set(upper) | extra))


@lru_cache(maxsize=4096)
def _char_mates(code: int) -> frozenset[int]:
    """What `re` takes for `code` ignoring case, less its own one-character upper and lower
    case: the characters of the same simple lower case, those of its extra cases, and those
    whose lower case's upper case it is."""
    lower, _ = _case_table()
    by_lower, by_upper = _inverse()
    low = lower.get(code, code)
    lows = {low, *_casefix._EXTRA_CASES.get(low, ())}
    out = set(lows)
    for each in lows:
        out.update(by_lower.get(each, ()))
    for each in by_upper.get(code, ()):
        out.add(each)
        out.update(by_lower.get(each, ()))
    plain = {code, ord(chr(code).lower()) if len(chr(code).lower()) == 1 else code}
    plain.add(ord(chr(code).upper()) if len(chr(code).upper()) == 1 else code)
    return frozenset(out - plain)


@lru_cache(maxsize=1)
def _inverse() -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
    """The characters of each simple lower case, and the lower-case characters of each upper."""
    lower, upper = _case_table()
    by_lower: dict[int, list[int]] = {}
    by_upper: dict[int, list[int]] = {}
    for code, low in lower.items():
        by_lower.setdefault(low, []).append(code)
    for code, up in upper.items():
        by_upper.setdefault(up, []).append(code)
    return {k: tuple(v) for k, v in by_lower.items()}, {k: tuple(v) for k, v in by_upper.items()}


@lru_cache(maxsize=1)
def _case_table() -> tuple[dict[int, int], dict[int, int]]:
    """The simple lower case of every character that has another, as `re` sees it, and the
    upper case (one character) of every lower-case one."""
    lower: dict[int, int] = {}
    upper: dict[int, int] = {}
    for start, end in CASED_RANGES:
        for code in range(start, end):
            low = _sre.unicode_tolower(code)
            if low != code:
                lower[code] = low
            else:
                up = chr(code).upper()
                if len(up) == 1 and up != chr(code):
                    upper[code] = ord(up)
    return lower, upper
