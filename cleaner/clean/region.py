"""Finding the article body: the contiguous run of lines that weighs the most.

Scraped pages put the body in one block with page furniture around it, so the body is found
the way Body Text Extraction finds it in HTML: weigh each line (sentences for, menu items and
headlines and rule hits against) and take the maximum-sum run. Position then decides what
the rules may do: a headline between two body paragraphs is a subheading, the same line in
the tail is another story's headline.

How each line is weighed: a rule hit pulls away (a barrier, before which any body must end,
and an end marker most), a sentence pulls by its words (from `settings.MIN_SENTENCE_WORDS`), a
long line without closing punctuation (or a table row, a list item) by half its words, a line
of code not at all, a short unpunctuated line (a menu item, a label) pushes away. The body is the
maximum-sum run before the first barrier that follows some body (a comment section is never the
article, however long); the whole text when no run stands out (`settings.MIN_BODY_WEIGHT`, or
less than `settings.MIN_BODY_SHARE` of all the positive weight: a listing's cards, a forum's
posts, no one body to frame).

Where each line then stands (``head``, ``body`` or ``tail``): in a whole page's text (the
page's interface shows through, `settings.PAGE_SIGNAL_RULES`, or `settings.PAGE_MIN_KINDS`
kinds of boilerplate at once) with a body of a few sentences, a long head or tail of
menu-shaped lines around the run is page furniture. In an extractor's output, lines outside
the run are furniture only when a rule hit says so: the head up to its last hit when no
sentence stands there, the tail from an end marker, or from a hit after which no sentence (nor
list item, nor table row) follows. Otherwise what lies outside the run is body: a closing list,
a table, a short last line.

The work runs in the compiled core (core/src/region.rs), over the lines' columns.
"""

from __future__ import annotations

from .. import _compiled, settings
from ..rules.model import WHERE_VALUES, Rule
from ..rules.ruleset import RuleSet, per_rule_set
from ._lines import Columns

#: A rule's where as the compiled core numbers it.
WHERE_CODES = {where: n for n, where in enumerate(WHERE_VALUES)}


class HitCodes:
    """A rule set's phrase rules as the core reads a line's hit: -1 for no hit, else bit 0
    barrier, bit 1 ends the body, bits 2-4 where the rule applies, the rest the number of its
    name (the kinds of boilerplate on a page are counted by name)."""

    def __init__(self, rules: list[Rule]) -> None:
        self.names: dict[str, int] = {}
        self._codes: dict[int, int] = {}
        self._rules = rules  # held, so that the ids the codes are kept under stay theirs
        for rule in rules:
            self._codes[id(rule)] = self._code(rule)

    def _code(self, rule: Rule) -> int:
        name = self.names.setdefault(rule.name, len(self.names))
        return int(rule.barrier) | int(rule.ends_body) << 1 | WHERE_CODES[rule.where] << 2 | name << 5

    def of(self, rule: Rule) -> int:
        code = self._codes.get(id(rule))
        return self._code(rule) if code is None else code  # a rule from outside the set: coded now


@per_rule_set
def hit_codes(ruleset: RuleSet) -> HitCodes:
    return HitCodes(ruleset.rules)


def find_body(codes: HitCodes, columns: Columns) -> tuple[list[float], int, int, list[str]]:
    """Each line's weight, the first and last index of the body (the last -1 for no lines),
    and each line's position, from the lines' columns (their hits coded by `codes`)."""
    signals = [codes.names[name] for name in settings.PAGE_SIGNAL_RULES if name in codes.names]
    limits = (  # as they are: the core takes an int where it reads a float
        (
            settings.BARRIER_PENALTY,
            settings.END_MARKER_PENALTY,
            settings.RULE_HIT_PENALTY,
            settings.MIN_SENTENCE_WORDS,
            settings.LONG_UNPUNCTUATED_WEIGHT,
            settings.LONG_LINE_WORDS,
            settings.SHORT_LINE_PENALTY,
            settings.BODY_BEFORE_BARRIER,
        ),
        (
            settings.MIN_BODY_WEIGHT,
            settings.MIN_BODY_SHARE,
            settings.MIN_BODY_SENTENCES,
            settings.FURNITURE_MIN_LINES,
            settings.FURNITURE_MIN_SHARE,
            settings.HEADLINE_MAX_WORDS,
            settings.PAGE_MIN_SIGNALS,
            settings.PAGE_MIN_KINDS,
        ),
    )
    return _compiled.body_region(columns.words, columns.terminal, columns.kinds, columns.hits, signals, limits)
