"""Rules as data, and the matcher that applies a whole set of phrase rules in one regex pass.

A rule is a name (the family it belongs to, e.g. ``byline``), a reason shown to the user, the
languages its wording covers, and either regex patterns matched at the start of a line or the
name of a predicate from `cleaner.rules.predicates` that judges a line in its context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Where = Literal["any", "head", "tail", "outside", "edge"]
#: Predicates a rule may name; `cleaner.clean.predicates` implements each of them.
PREDICATE_NAMES: tuple[str, ...] = ("repeats-title", "repeated", "headline", "beside-headline", "always")
WHERE_VALUES: tuple[str, ...] = ("any", "head", "tail", "outside", "edge")

# Leading list markers and quote-less decoration that never change what a line says.
_LEAD = " \t\u00a0•·▪►▸*–—-»>|#"


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule.

    `where` limits the rule to part of the document: ``any`` line, the ``head`` before the
    body, the ``tail`` after it, anywhere ``outside`` the body region, or the ``edge``: outside
    it or among the first and last lines of the body. `ends_body` marks an
    end marker ("Source link", "Written by …"): body rarely follows it. A `barrier` is
    stronger: the body never spans it (the start of a comment section). `max_words` keeps a
    phrase rule off long sentences that merely start the same way. Named groups ``source`` and
    ``author`` in a pattern fill those fields of the article.
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
    origin: str = "built-in"
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
            return position != "body" or edge
        return self.where == position


@dataclass(frozen=True)
class Hit:
    """A phrase rule that matched a line, with what its named groups captured."""

    rule: Rule
    captures: dict[str, str]


_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def match_key(line: str) -> str:
    """The form of a line that phrase patterns see: list markers and outer spaces stripped."""
    return line.strip().lstrip(_LEAD).strip()


class PhraseMatcher:
    """Matches a line against every phrase pattern at once.

    All patterns are joined into one anchored alternation, one group per pattern, so a line
    costs one regex call however many rules there are; the rule's own pattern then runs only
    on a hit, to read its named groups.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self._entries: list[tuple[Rule, re.Pattern[str]]] = []
        parts = []
        for rule in rules:
            for pattern in rule.compiled:
                parts.append(f"(?P<_{len(self._entries)}>{_NAMED_GROUP.sub('(?:', pattern.pattern)})")
                self._entries.append((rule, pattern))
        self._combined = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def match(self, key: str, words: int) -> Hit | None:
        if self._combined is None:
            return None
        m = self._combined.match(key)
        if m is None:
            return None
        first = int((m.lastgroup or "_0")[1:])
        for rule, pattern in self._entries[first:]:
            if not rule.fits(words):
                continue
            own = pattern.match(key)
            if own is not None:
                captures = {k: v.strip() for k, v in own.groupdict().items() if v}
                return Hit(rule, captures)
        return None
