"""How a pattern can start: the index that lets the phrase matcher try only the rules a line
could match, instead of every rule on every line.

`heads` gives the leading words a match can begin with (cut to a few letters), for patterns
that start with literal words; `first_chars` the characters any pattern can start with.

Reads the parse tree of Python's own regex parser (`re._parser`, stable since 3.11); whatever
it cannot reason about counts as "any character", which is always safe.
"""

from __future__ import annotations

import re
import string
from typing import Any

try:  # the parser's module names changed in 3.11; older ones are not supported by the project
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    C = P = None

_MAX_RANGE = 400


def first_chars(pattern: str) -> frozenset[str] | None:
    """Lower-case characters a match of `pattern` (case-insensitive) can start with, or None
    when it may start with almost anything."""
    if P is None:
        return None
    try:
        chars = _first(list(P.parse(pattern, re.IGNORECASE)))
    except Exception:  # an unexpected tree shape: be safe
        return None
    return frozenset(chars) if chars else None


def _first(items: list[Any]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL:
            out.add(chr(av).lower())
            return out
        if op is C.IN:
            chars = _in(av)
            return None if chars is None else out | chars
        if op is C.CATEGORY:
            chars = _category(av)
            return None if chars is None else out | chars
        if op is C.SUBPATTERN:
            inner = list(av[-1])
            sub = _first(inner)
            if sub is None:
                return None
            out |= sub
            if not _nullable(inner):
                return out
            continue
        if op is C.BRANCH:
            for branch in av[1]:
                sub = _first(list(branch))
                if sub is None:
                    return None
                out |= sub
            if not any(_nullable(list(b)) for b in av[1]):
                return out
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            sub = _first(list(av[2]))
            if sub is None:
                return None
            out |= sub
            if av[0] > 0:
                return out
            continue
        return None
    return None  # the whole pattern can match the empty string


def _in(av: list[Any]) -> set[str] | None:
    chars: set[str] = set()
    for op, a in av:
        if op is C.LITERAL:
            chars.add(chr(a).lower())
        elif op is C.RANGE and a[1] - a[0] < _MAX_RANGE:
            chars |= {chr(c).lower() for c in range(a[0], a[1] + 1)}
        elif op is C.CATEGORY and _category(a) is not None:
            chars |= _category(a) or set()
        else:
            return None
    return chars


def _category(a: Any) -> set[str] | None:
    if a is C.CATEGORY_DIGIT:
        return set(string.digits)
    if a is C.CATEGORY_SPACE:
        return set(string.whitespace)
    return None


def _nullable(items: list[Any]) -> bool:
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0:
            continue
        if op is C.SUBPATTERN and _nullable(list(av[-1])):
            continue
        if op is C.BRANCH and any(_nullable(list(b)) for b in av[1]):
            continue
        return False
    return True


#: A head is a leading word cut to this many letters.
HEAD_LETTERS = 4
_MAX_HEADS = 256


def line_head(key: str) -> str:
    """The head of a line, spelled like a pattern's head: its first letters in lower case,
    ``|`` marking a word that ended before the head was full; "" when it starts otherwise."""
    first = key[:HEAD_LETTERS]
    if first.isalpha():  # the common case, without a loop over the letters
        return first.lower() if len(first) == HEAD_LETTERS else first.lower() + "|"
    end = 0
    while end < len(key) and end < HEAD_LETTERS and key[end].isalpha():
        end += 1
    if end == 0:
        return ""
    return key[:end].lower() + ("" if end == HEAD_LETTERS else "|")


def heads(pattern: str) -> frozenset[str] | None:
    """The heads a match of `pattern` can start with, or None when it does not start with a
    literal word (a bracket, a digit, a class of letters)."""
    if P is None:
        return None
    try:
        found = _heads(list(P.parse(pattern, re.IGNORECASE)), {""})
    except _Unknown:
        return None
    except Exception:
        return None
    if not found or "" in found:
        return None
    return frozenset(found)


class _Unknown(Exception):
    """The pattern's start cannot be spelled out."""


def _heads(items: list[Any], prefixes: set[str]) -> set[str]:
    """Extend each unfinished prefix through `items`; finished ones (a full head, or a word
    that ended) come back unchanged. An empty prefix at a non-letter cannot be indexed."""
    done = {p for p in prefixes if _finished(p)}
    open_ = prefixes - done
    for i, (op, av) in enumerate(items):
        if not open_:
            break
        rest = items[i + 1 :]
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL:
            ch = chr(av).lower()
            if ch.isalpha():
                grown = {p + ch for p in open_}
            else:
                if "" in open_:
                    raise _Unknown
                grown = {p + "|" for p in open_}
            return done | _heads(rest, grown)
        if op is C.SUBPATTERN:
            return done | _heads(list(av[-1]) + rest, open_)
        if op is C.BRANCH:
            out = set(done)
            for branch in av[1]:
                out |= _heads(list(branch) + rest, open_)
                if len(out) > _MAX_HEADS:
                    raise _Unknown
            return out
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, high, body = av[0], av[1], list(av[2])
            out = set(done)
            if low == 0:
                out |= _heads(rest, open_)
            if high != 0:
                out |= _heads(
                    body
                    + (
                        [(op, (max(low - 1, 0), high - 1 if high != P.MAXREPEAT else high, av[2]))]
                        if (high == P.MAXREPEAT or high > 1)
                        else []
                    )
                    + rest,
                    open_,
                )
            if len(out) > _MAX_HEADS:
                raise _Unknown
            return out
        if op is C.IN or op is C.CATEGORY:
            chars = _in(av) if op is C.IN else _category(av)
            if chars is None or any(c.isalpha() for c in chars) or "" in open_:
                raise _Unknown
            return done | {p + "|" for p in open_}
        raise _Unknown
    return done | {p + "|" for p in open_}


def _finished(prefix: str) -> bool:
    return prefix.endswith("|") or len(prefix) >= HEAD_LETTERS
