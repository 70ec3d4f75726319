"""Rules as data, and the matcher that applies a whole set of phrase rules in one regex pass.

A rule is a name (the family it belongs to, e.g. ``byline``), a reason shown to the user, the
languages its wording covers, and either regex patterns matched at the start of a line or the
name of a predicate from `cleaner.rules.predicates` that judges a line in its context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, Literal

import ahocorasick_rs

from .. import _compiled, settings
from ._firstchars import first_chars, heads, line_head

Where = Literal["any", "head", "tail", "outside", "edge"]
#: Predicates a rule may name; `cleaner.clean.predicates` implements each of them.
PREDICATE_NAMES: tuple[str, ...] = ("repeats-title", "repeated", "headline", "shouting", "beside-headline", "always")
WHERE_VALUES: tuple[str, ...] = ("any", "head", "tail", "outside", "edge")


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule.

    `where` limits the rule to part of the document: ``any`` line, the ``head`` before the
    body, the ``tail`` after it, anywhere ``outside`` the body region, or the ``edge``: the
    first and last few lines of the text. `ends_body` marks an
    end marker ("Source link", "Written by …"): body rarely follows it. A `barrier` is
    stronger: the body never spans it (the start of a comment section). `max_words` keeps a
    phrase rule off long sentences that merely start the same way; `contains` (lower-case
    words) lets patterns that can match anywhere in a line run only on lines that hold one of
    them. Named groups ``source`` and ``author`` in a pattern fill those fields of the article.
    `count` and `share` say, for a rule learned from a corpus, on how many documents of its
    site (and what share of them) the line was seen: shown to people, never used to match.
    """

    name: str
    reason: str
    patterns: tuple[str, ...] = ()
    predicate: str | None = None
    languages: tuple[str, ...] = ()
    where: Where = "any"
    ends_body: bool = False
    barrier: bool = False
    max_words: int | None = None
    contains: tuple[str, ...] = ()
    origin: str = "built-in"
    count: int | None = None
    share: float | None = None
    compiled: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)

    def fits(self, words: int) -> bool:
        """Whether a line of `words` words is short enough for this rule."""
        return self.max_words is None or words <= self.max_words

    def allows(self, position: str, edge: bool = False) -> bool:
        """Whether the rule reaches a line at `position` (``head``, ``body`` or ``tail``);
        `edge` says the line is among the first or last lines of the text."""
        if self.where == "any":
            return True
        if self.where == "outside":
            return position != "body"
        if self.where == "edge":
            return edge
        return self.where == position


@dataclass(frozen=True)
class Hit:
    """A phrase rule that matched a line, with what its named groups captured."""

    rule: Rule
    captures: dict[str, str]


_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def match_key(line: str) -> str:
    """The form of a line that phrase patterns see: list markers and decoration ("♥ DONATE ♥",
    "👉 https://…") stripped, outer spaces too. Worked out by the compiled core
    (core/src/shapes.rs), the same function the cleaner's line shapes use."""
    return _compiled.match_key(line)


class PhraseMatcher:
    """Matches the lines of a text against every phrase pattern, trying only those a line could
    match.

    Patterns that start with literal words are indexed by their head (the leading word cut to
    four letters), the others by the characters they can start with; a line is tried against
    the anchored alternation of its head's patterns and that of its first character's. Patterns
    of rules that name `contains` words run only on lines holding one of them, found in one
    Aho-Corasick pass over the whole text (every rule's words, user rules' too, in one automaton
    built here); patterns of ``edge`` rules only on the first and last lines. Every
    alternation is compiled here, when the rule set is built, never while cleaning. A line so
    costs a dictionary lookup and, for the few that could be boilerplate, a regex call or two;
    on a hit, the rule's own pattern reads its named groups.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self._entries: list[tuple[Rule, re.Pattern[str]]] = []
        by_head: dict[str, list[int]] = {}
        by_char: dict[str, list[int]] = {}
        always: list[int] = []
        edge: list[int] = []
        gated: dict[tuple[str, ...], list[int]] = {}
        for rule in rules:
            for pattern in rule.compiled:
                index = len(self._entries)
                self._entries.append((rule, pattern))
                if rule.contains:
                    gated.setdefault(rule.contains, []).append(index)
                elif rule.where == "edge":
                    edge.append(index)
                else:
                    _index(index, pattern.pattern, by_head, by_char, always)
        patterns = [pattern.pattern for _, pattern in self._entries]
        #: The alternation of each head's patterns, and of each first character's (with the
        #: patterns that may start anywhere); a character of its own uses `_anywhere`.
        self._heads = {head: _Alternation(ix, patterns) for head, ix in by_head.items()}
        self._chars = {char: _Alternation(ix + always, patterns) for char, ix in by_char.items()}
        self._anywhere = _Alternation(always, patterns) if always else None
        self._edge = _Alternation(edge, patterns) if edge else None
        #: One alternation per `contains` list; each gate word names the lists it opens.
        self._gates = [_Alternation(ix, patterns) for ix in gated.values()]
        self._gate_words: dict[str, tuple[int, ...]] = {}
        for gate, words in enumerate(gated):
            for word in words:
                # Lines are matched in lower case: a word is looked for in lower case too.
                key = word.lower()
                if key not in self._gate_words or gate not in self._gate_words[key]:
                    self._gate_words[key] = (*self._gate_words.get(key, ()), gate)
        #: The gates each word opens, in the automaton's word order.
        self._word_gates = list(self._gate_words.values())
        self._scan = _automaton(self._gate_words)
        limits = [rule.max_words for rule, _ in self._entries]
        self._max_words = max((w for w in limits if w is not None), default=0) if None not in limits else None

    def _first_candidate(self, key: str) -> int | None:
        """Index of the first pattern (in rule order) among the line's candidates that matches:
        those of its head, of its first character, and those that may start anywhere."""
        heads = self._heads.get(line_head(key))
        chars = self._chars.get(key[0].lower(), self._anywhere)
        first = heads.first(key) if heads is not None else None
        if chars is not None and (first is None or chars.lowest < first):
            other = chars.first(key)
            if other is not None and (first is None or other < first):
                first = other
        return first

    def match(self, key: str, words: int, *, edge: bool = True, extra: tuple[int, ...] | None = None) -> Hit | None:
        """The first rule (in rule order) whose pattern matches `key` and whose word limit
        admits the line. `edge` says the line is among the text's first or last lines; `extra`
        the gates (`contains` lists) the line opens (None: work them out from the line)."""
        if not key or len(key) > settings.RULE_MAX_CHARS:
            return None
        if self._max_words is not None and words > self._max_words:
            return None
        if extra is None:
            extra = self._gated_lines([key]).get(0, ())
        first = self._first_candidate(key)
        for alternation in [self._gates[g] for g in extra] + ([self._edge] if edge and self._edge else []):
            if first is None or alternation.lowest < first:
                found = alternation.first(key)
                if found is not None and (first is None or found < first):
                    first = found
        return self._hit(key, words, first)

    def _hit(self, key: str, words: int, first: int | None) -> Hit | None:
        """The hit of the first pattern from `first` on whose rule admits the line."""
        if first is None:
            return None
        for rule, pattern in self._entries[first:]:
            if rule.fits(words):
                own = pattern.match(key)
                if own is not None:
                    return Hit(rule, {k: v.strip() for k, v in own.groupdict().items() if v})
        return None

    def match_lines(self, keys: list[str], words: list[int], edge_lines: int) -> list[Hit | None]:
        """Hits for every line of a text. The `contains` words are found in one scan of the
        whole text; a line that no gate or edge concerns takes the fast path, its candidate
        regex looked up by its first characters."""
        gated = self._gated_lines(keys)
        last = len(keys) - edge_lines
        limit = self._max_words if self._max_words is not None else max(words, default=0)
        max_chars = settings.RULE_MAX_CHARS
        out: list[Hit | None] = []
        for i, key in enumerate(keys):
            if not key or words[i] > limit or len(key) > max_chars:
                out.append(None)
            elif i < edge_lines or i >= last or i in gated:
                out.append(self.match(key, words[i], edge=i < edge_lines or i >= last, extra=gated.get(i, ())))
            else:
                first = self._first_candidate(key)
                out.append(self._hit(key, words[i], first) if first is not None else None)
        return out

    def _gated_lines(self, keys: list[str]) -> dict[int, tuple[int, ...]]:
        """For each line holding a `contains` word, the gates it opens: every word is found in
        one pass of the automaton over the whole text, each hit filed under the line its offset
        falls in (no word holds a line break, so a hit never spans two lines)."""
        scan = self._scan
        if scan is None:
            return {}
        text = "\n".join(keys).lower()
        hits = _find(scan, text)
        if not hits:
            return {}
        starts = _line_starts(keys, len(text))
        gates = self._word_gates
        found: dict[int, set[int]] = {}
        next_start = -1
        opened: set[int] = set()
        for word, start, _ in hits:  # in order of where they end, hence of lines
            if start >= next_start:  # a later line than the last hit's
                line = bisect_right(starts, start) - 1
                next_start = starts[line + 1]
                opened = found.setdefault(line, set())
            opened.update(gates[word])
        return {line: tuple(sorted(gates)) for line, gates in found.items()}

    def __getstate__(self) -> dict[str, Any]:
        """Pickled for worker processes without the automaton (it cannot be); rebuilt there."""
        state = dict(self.__dict__)
        state["_scan"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._scan = _automaton(self._gate_words)


def _line_starts(keys: list[str], length: int) -> list[int]:
    """Where each line starts in the lower-cased text joined by line breaks, and where the one
    after the last would. Lower-casing may lengthen a line ("İ" becomes two characters): then
    the lines' own lower-case lengths give the offsets."""
    starts = list(accumulate((len(k) + 1 for k in keys), initial=0))
    if starts[-1] - 1 != length:
        starts = list(accumulate((len(k.lower()) + 1 for k in keys), initial=0))
    return starts


def _automaton(words: dict[str, tuple[int, ...]]) -> ahocorasick_rs.AhoCorasick | None:
    """An Aho-Corasick automaton over the gate words (in the dictionary's order: a hit names
    its word by position); None when no rule names a word. One pass of it over a text reports
    every occurrence of every word, overlapping ones included (ahocorasick-rs: Rust's
    aho-corasick crate, several times faster than pyahocorasick over our texts)."""
    if not words:
        return None
    return ahocorasick_rs.AhoCorasick(list(words), matchkind=ahocorasick_rs.MatchKind.Standard)


def _index(
    index: int, pattern: str, by_head: dict[str, list[int]], by_char: dict[str, list[int]], always: list[int]
) -> None:
    """File a pattern under the heads it can start with, else its first characters, else
    among those tried on every line."""
    words = heads(pattern)
    chars = None if words else first_chars(pattern)
    if words:
        for head in words:
            by_head.setdefault(head, []).append(index)
    elif chars:
        for char in chars:
            by_char.setdefault(char, []).append(index)
    else:
        always.append(index)


class _Alternation:
    """Some patterns joined into one anchored regex whose match tells the first of them (in rule
    order) that matches. The regex is compiled once per distinct source and shared by every
    rule set that joins the same patterns (a derived or layered set reuses the built-in ones)."""

    __slots__ = ("indexes", "lowest", "regex")

    def __init__(self, indexes: Iterable[int], patterns: list[str]) -> None:
        self.indexes = tuple(sorted(set(indexes)))
        self.lowest = self.indexes[0] if self.indexes else len(patterns)
        parts = (f"(?P<_{n}>{_NAMED_GROUP.sub('(?:', patterns[i])})" for n, i in enumerate(self.indexes))
        self.regex = _joined("|".join(parts))

    def first(self, key: str) -> int | None:
        m = self.regex.match(key)
        return self.indexes[int((m.lastgroup or "_0")[1:])] if m is not None else None


@lru_cache(maxsize=4096)
def _joined(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


class LayeredMatcher:
    """A site's own phrase rules tried before a shared matcher: the same hits as one matcher
    over the site's rules followed by the shared ones, while the shared matcher (and the
    regexes it compiled) serves every site.
    """

    def __init__(self, first: PhraseMatcher | LayeredMatcher, then: PhraseMatcher | LayeredMatcher) -> None:
        self.first, self.then = first, then

    def match(self, key: str, words: int, *, edge: bool = True, extra: tuple[int, ...] | None = None) -> Hit | None:
        """As `PhraseMatcher.match`; `extra` only concerns the shared matcher's own gates."""
        return self.first.match(key, words, edge=edge) or self.then.match(key, words, edge=edge, extra=extra)

    def match_lines(self, keys: list[str], words: list[int], edge_lines: int) -> list[Hit | None]:
        own = self.first.match_lines(keys, words, edge_lines)
        shared = self.then.match_lines(keys, words, edge_lines)
        return [a if a is not None else b for a, b in zip(own, shared, strict=True)]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _find(scan: Any, text: str) -> list[tuple[int, int, int]]:
    """Every (word, start, end) of the automaton in `text`, overlapping. The automaton reads
    UTF-8, which a lone surrogate (text decoded with ``surrogateescape``, a broken JSON escape)
    cannot be: each is read as U+FFFD, one character for one, so the offsets stay the text's."""
    try:
        return list(scan.find_matches_as_indexes(text, overlapping=True))
    except UnicodeEncodeError:
        return list(scan.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True))
