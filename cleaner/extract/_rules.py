"""The text cleaner's rules as extraction applies them, per page type.

Rules of position and shape (a menu before the body, headlines after it, repeated lines) are
made for an article's text; on a thread, a listing or a product page the content itself is
short repeated lines, and the container the pre-pass found already leaves the page's chrome
out. For those page types only the phrase rules (and the repeated-title rule) apply.
"""

from __future__ import annotations

from ..clean.engine import RulesArg
from ..rules.ruleset import RuleSet, resolve

_PHRASES_ONLY: dict[int, tuple[RuleSet, RuleSet]] = {}


def rules_for(rules: RulesArg, *, positional: bool) -> RuleSet:
    ruleset = resolve(rules)
    if positional:
        return ruleset
    cached = _PHRASES_ONLY.get(id(ruleset))
    if cached is not None and cached[0] is ruleset:
        return cached[1]
    derived = ruleset.only(lambda r: not r.predicate or r.predicate == "repeats-title")
    if len(_PHRASES_ONLY) > 16:
        _PHRASES_ONLY.clear()
    _PHRASES_ONLY[id(ruleset)] = (ruleset, derived)
    return derived
