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
from itertools import accumulate
from typing import Literal

from .. import settings
from ._firstchars import first_chars, heads, line_head

Where = Literal["any", "head", "tail", "outside", "edge"]
#: Predicates a rule may name; `cleaner.clean.predicates` implements each of them.
PREDICATE_NAMES: tuple[str, ...] = ("repeats-title", "repeated", "headline", "shouting", "beside-headline", "always")
WHERE_VALUES: tuple[str, ...] = ("any", "head", "tail", "outside", "edge")

# Leading list markers and quote-less decoration that never change what a line says.
_LEAD = " \t\u00a0•·▪►▸*–—-»>|#"
#: Leading characters that patterns read (brackets, ©, @, quotes, currency); other leading
#: symbols are decoration.
_KEEP_LEADING = "[(©ⓒ@$€£\"'“‘«<"
_DECORATION = re.compile(r"^[^\w\[(©ⓒ@$€£\"'“‘«<]+")


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
    """The form of a line that phrase patterns see: list markers, decoration ("♥ DONATE ♥",
    "👉 https://…") and outer spaces stripped."""
    key = line.strip().lstrip(_LEAD).strip()
    if key and not key[0].isalnum() and key[0] not in _KEEP_LEADING:
        key = _DECORATION.sub("", key)
    return key


class PhraseMatcher:
    """Matches the lines of a text against every phrase pattern, trying only those a line could
    match.

    Patterns that start with literal words are indexed by their head (the leading word cut to
    four letters), the others by the characters they can start with; a line is tried against
    one anchored alternation of its candidates, built on first use and kept. Patterns of rules
    that name `contains` words run only on lines holding one of them, found in one scan of the
    whole text; patterns of ``edge`` rules only on the first and last lines. A line so costs a
    dictionary lookup and, for the few that could be boilerplate, one regex call; on a hit, the
    rule's own pattern reads its named groups.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self._entries: list[tuple[Rule, re.Pattern[str]]] = []
        self._by_head: dict[str, list[int]] = {}
        self._by_char: dict[str, list[int]] = {}
        self._always: list[int] = []
        self._edge: list[int] = []
        gated: dict[tuple[str, ...], list[int]] = {}
        for rule in rules:
            for pattern in rule.compiled:
                index = len(self._entries)
                self._entries.append((rule, pattern))
                if rule.contains:
                    gated.setdefault(rule.contains, []).append(index)
                elif rule.where == "edge":
                    self._edge.append(index)
                else:
                    self._index(index, pattern.pattern)
        self._gate_words: dict[str, set[int]] = {}
        for words, ix in gated.items():
            for word in words:
                self._gate_words.setdefault(word, set()).update(ix)
        self._compiled: dict[tuple[str, str], tuple[int, ...]] = {}
        self._uses: dict[tuple[str, str], int] = {}
        self._joined: dict[tuple[str, str], re.Pattern[str] | None] = {}
        self._extras: dict[tuple[int, ...], re.Pattern[str] | None] = {}
        limits = [rule.max_words for rule, _ in self._entries]
        self._max_words = max((w for w in limits if w is not None), default=0) if None not in limits else None

    def _index(self, index: int, pattern: str) -> None:
        words = heads(pattern)
        chars = None if words else first_chars(pattern)
        if words:
            for head in words:
                self._by_head.setdefault(head, []).append(index)
        elif chars:
            for char in chars:
                self._by_char.setdefault(char, []).append(index)
        else:
            self._always.append(index)

    def _join(self, indexes: Iterable[int]) -> re.Pattern[str] | None:
        """One anchored alternation of the given patterns, a named group each, in rule order."""
        parts = [f"(?P<_{i}>{_NAMED_GROUP.sub('(?:', self._entries[i][1].pattern)})" for i in sorted(set(indexes))]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def _first_candidate(self, key: str) -> int | None:
        """Index of the first pattern (in rule order) among the line's candidates that matches.

        Candidates come by the line's head and first character. A head seen often gets its
        candidates joined into one alternation, so hot heads cost one regex call; a rare one
        tries its few patterns in turn and costs no compiling.
        """
        head, char = line_head(key), key[0].lower()
        if head not in self._by_head:
            head = ""  # no pattern starts with this word: the first character decides
        slot = (head, char)
        if slot in self._joined:
            joined = self._joined[slot]
            m = joined.match(key) if joined is not None else None
            return _group(m) if m is not None else None
        indexes = self._compiled.get(slot)
        if indexes is None:
            indexes = self._compiled[slot] = tuple(
                sorted({*self._by_head.get(head, ()), *self._by_char.get(char, ()), *self._always})
            )
        uses = self._uses[slot] = self._uses.get(slot, 0) + 1
        if uses >= settings.HOT_HEAD_USES:
            self._joined[slot] = self._join(indexes)
        entries = self._entries
        return next((i for i in indexes if entries[i][1].match(key)), None)

    def _extra_regex(self, extra: tuple[int, ...]) -> re.Pattern[str] | None:
        """The gated and edge patterns a line qualifies for: a few combinations, kept apart from
        the head index so that the number of regexes built stays small."""
        found = self._extras.get(extra, _MISSING)
        if found is _MISSING:
            found = self._extras[extra] = self._join(extra)
        return found  # type: ignore[return-value]

    def match(self, key: str, words: int, *, edge: bool = True, extra: tuple[int, ...] | None = None) -> Hit | None:
        """The first rule (in rule order) whose pattern matches `key` and whose word limit
        admits the line. `edge` says the line is among the text's first or last lines; `extra`
        the gated patterns the line qualifies for (None: work it out from the line)."""
        if not key or len(key) > settings.RULE_MAX_CHARS:
            return None
        if self._max_words is not None and words > self._max_words:
            return None
        if extra is None:
            lower = key.lower()
            extra = tuple(sorted({i for word, ix in self._gate_words.items() if word in lower for i in ix}))
        if edge:
            extra = (*extra, *self._edge)
        first = self._first_candidate(key)
        regex = self._extra_regex(extra) if extra else None
        m = regex.match(key) if regex is not None else None
        if m is not None and (first is None or _group(m) < first):
            first = _group(m)
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
        out: list[Hit | None] = []
        for i, key in enumerate(keys):
            if not key or words[i] > limit or len(key) > settings.RULE_MAX_CHARS:
                out.append(None)
            elif i < edge_lines or i >= last or i in gated:
                out.append(self.match(key, words[i], edge=i < edge_lines or i >= last, extra=gated.get(i, ())))
            else:
                hit = self._first_candidate(key) is not None
                out.append(self.match(key, words[i], edge=False, extra=()) if hit else None)
        return out

    def _gated_lines(self, keys: list[str]) -> dict[int, tuple[int, ...]]:
        """For each line holding a `contains` word, the gated patterns it qualifies for: each
        word is looked for in the whole text at once (str.find runs at memory speed)."""
        if not self._gate_words:
            return {}
        text = "\n".join(keys).lower()
        starts: list[int] = []
        found: dict[int, set[int]] = {}
        for word, ix in self._gate_words.items():
            at = text.find(word)
            while at >= 0:
                starts = starts or list(accumulate((len(k) + 1 for k in keys), initial=0))
                line = bisect_right(starts, at) - 1
                found.setdefault(line, set()).update(ix)
                at = text.find(word, starts[line + 1] if line + 1 < len(starts) else len(text))
        return {line: tuple(sorted(ix)) for line, ix in found.items()}


class LayeredMatcher:
    """A site's own phrase rules tried before a shared matcher: the same hits as one matcher
    over the site's rules followed by the shared ones, while the shared matcher (and the
    regexes it has built and cached) serves every site.
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


def _group(m: re.Match[str]) -> int:
    """The index in a group name like ``_12``: which alternative of a combined regex matched."""
    return int((m.lastgroup or "_0")[1:])


_MISSING = object()
