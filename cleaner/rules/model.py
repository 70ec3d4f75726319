"""Rules as data, and the matcher that applies a whole set of phrase rules to a text's lines.

A rule is a name (the family it belongs to, e.g. ``byline``), a reason shown to the user, the
languages its wording covers, and either regex patterns matched at the start of a line or the
name of a predicate from `cleaner.rules.predicates` that judges a line in its context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from typing import Literal

from .. import _compiled, _core, settings
from ._prefilter import ANY_LINE, begins_anywhere, widened

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


@dataclass(frozen=True, slots=True, init=False)
class Hit:
    """A phrase rule that matched a line, with what its named groups captured (its
    `__init__` as `Removal`'s, for the same reason: one is made for every boilerplate line)."""

    rule: Rule
    captures: dict[str, str]

    def __init__(self, rule: Rule, captures: dict[str, str]) -> None:
        _set_rule(self, rule)
        _set_captures(self, captures)

    def __reduce__(self) -> tuple[type[Hit], tuple[Rule, dict[str, str]]]:
        return Hit, (self.rule, self.captures)  # as `Removal.__reduce__`


_set_rule = vars(Hit)["rule"].__set__
_set_captures = vars(Hit)["captures"].__set__


def match_key(line: str) -> str:
    """The form of a line that phrase patterns see: list markers and decoration ("♥ DONATE ♥",
    "👉 https://…") stripped, outer spaces too. Worked out by the compiled core
    (core/src/shapes.rs), the same function the cleaner's line shapes use."""
    return _compiled.match_key(line)


class PhraseMatcher:
    """Matches the lines of a text against every phrase pattern in two steps: the compiled core
    runs all the patterns over each line in one pass and names those that may match (widened
    forms of them, cleaner/rules/_prefilter.py), then `re` tries only those, in rule order, and
    the first that matches gives the hit with its named groups.

    The core also keeps an ``edge`` rule's patterns to the first and last lines and a rule's
    word limit; a rule's `contains` words are checked (in lower case) on the few lines named
    for it. A run of patterns from one source (the built-in packs, a user's file) is compiled
    once and shared by every rule set that holds the same run, and not before a rule set first
    matches a text.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self._entries: list[tuple[Rule, re.Pattern[str]]] = [(rule, p) for rule in rules for p in rule.compiled]
        #: Each entry's `contains` words in lower case (empty: no gate).
        self._contains = [tuple(w.lower() for w in rule.contains) for rule, _ in self._entries]
        #: The compiled sets: each run of entries from one source split into the patterns that
        #: may begin anywhere (with ``.*``, or gated by words) and those anchored to the line's
        #: first characters. Apart, each set's automaton stays small; joined, it was 3x slower.
        self._sets: list[tuple[tuple[int, ...], _SetKey]] = []
        for _, run in groupby(range(len(self._entries)), key=lambda j: _source(self._entries[j][0])):
            run_of = list(run)
            for loose in (False, True):
                indexes = tuple(
                    j for j in run_of if (bool(self._contains[j]) or begins_anywhere(*self._pattern(j))) == loose
                )
                if indexes:
                    key = (
                        tuple(widened(*self._pattern(j)) for j in indexes),
                        tuple(self._entries[j][0].where == "edge" for j in indexes),
                        tuple(self._entries[j][0].max_words for j in indexes),
                    )
                    self._sets.append((indexes, key))
        #: The sets compiled, each with the entry numbers of its patterns (at first use).
        self._compiled: _core.PrefilterSets | None = None

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the compiled sets (core objects; a copy compiles its own, or finds
        them already compiled in its process)."""
        return {**self.__dict__, "_compiled": None}

    def _pattern(self, index: int) -> tuple[str, int]:
        pattern = self._entries[index][1]
        return pattern.pattern, pattern.flags

    def build(self) -> _core.PrefilterSets:
        """Compile every set now rather than at first use (a fork server does, so that the
        workers it forks share them)."""
        self._compiled = _core.PrefilterSets([(_prefilter(key), list(indexes)) for indexes, key in self._sets])
        return self._compiled

    def match(self, key: str, words: int, *, edge: bool = True) -> Hit | None:
        """The first rule (in rule order) whose pattern matches `key` and whose word limit
        admits the line; `edge` says the line is among the text's first or last lines."""
        return self.match_lines([key], [words], 1 if edge else 0)[0]

    def match_lines(self, keys: list[str], words: list[int], edge_lines: int) -> list[Hit | None]:
        """Hits for every line of a text; `edge_lines` lines at each end are the text's edges."""
        out: list[Hit | None] = [None] * len(keys)
        if not keys or not self._sets:
            return out
        sets = self._compiled or self.build()
        confirm = self._confirm
        for line, found in _compiled.prefilter_sets(sets, keys, words, edge_lines, settings.RULE_MAX_CHARS):
            out[line] = confirm(keys[line], found)
        return out

    def _confirm(self, key: str, found: list[int]) -> Hit | None:
        """The hit of the first of the named patterns that `re` matches, its gate open."""
        lowered = None
        contains, entries = self._contains, self._entries
        for index in found:
            words = contains[index]
            if words:
                lowered = key.lower() if lowered is None else lowered
                if not any(word in lowered for word in words):
                    continue
            rule, pattern = entries[index]
            own = pattern.match(key)
            if own is not None:
                if not pattern.groupindex:
                    return Hit(rule, {})
                return Hit(rule, {k: v.strip() for k, v in own.groupdict().items() if v})
        return None


def _source(rule: Rule) -> str:
    """Where a rule comes from, for sharing compiled runs: the built-in packs are one source."""
    return "pack" if rule.origin.startswith("pack:") else rule.origin


_SetKey = tuple[tuple[str, ...], tuple[bool, ...], tuple[int | None, ...]]


@lru_cache(maxsize=1024)
def _prefilter(key: _SetKey) -> _core.Prefilter:
    """The compiled set of some widened patterns, built at its first use and shared (the
    built-in set is used on every text, so a profile's many site sets never evict it)."""
    sources, edge, max_words = key
    try:
        return _core.Prefilter(list(sources), list(edge), list(max_words))
    except ValueError:  # a widened pattern the engine rejects (its size, say): any line for it
        fixed = [source if _compiles(source) else ANY_LINE for source in sources]
        return _core.Prefilter(fixed, list(edge), list(max_words))


def _compiles(source: str) -> bool:
    try:
        _core.Prefilter([source], [False], [None])
    except ValueError:
        return False
    return True


class LayeredMatcher:
    """A site's own phrase rules tried before a shared matcher: the same hits as one matcher
    over the site's rules followed by the shared ones, while the shared matcher (and the
    regexes it compiled) serves every site.
    """

    def __init__(self, first: PhraseMatcher | LayeredMatcher, then: PhraseMatcher | LayeredMatcher) -> None:
        self.first, self.then = first, then

    def match(self, key: str, words: int, *, edge: bool = True) -> Hit | None:
        """As `PhraseMatcher.match`."""
        return self.first.match(key, words, edge=edge) or self.then.match(key, words, edge=edge)

    def match_lines(self, keys: list[str], words: list[int], edge_lines: int) -> list[Hit | None]:
        own = self.first.match_lines(keys, words, edge_lines)
        shared = self.then.match_lines(keys, words, edge_lines)
        return [a if a is not None else b for a, b in zip(own, shared, strict=True)]
