"""A ready-to-use set of rules: built-in packs plus user files, minus what is switched off."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..errors import RulesError
from .loader import RuleFile, builtin_packs, load_rules_file
from .model import PhraseMatcher, Rule


class RuleSet:
    """Rules compiled once and applied to many texts.

    User rules come before built-in ones, so a user's reason wins where both match.
    """

    def __init__(self, rules: Iterable[Rule], disable: Iterable[str] = ()) -> None:
        self.disabled = frozenset(disable)
        self.rules = [r for r in rules if r.name not in self.disabled]
        self.phrases = PhraseMatcher([r for r in self.rules if r.compiled])
        self.predicates = [r for r in self.rules if r.predicate]

    @property
    def names(self) -> list[str]:
        return sorted({r.name for r in self.rules})

    @classmethod
    def default(cls) -> RuleSet:
        """The built-in rules, compiled once per process."""
        return _default()

    @classmethod
    def from_files(cls, *paths: str | Path, builtins: bool = True) -> RuleSet:
        """Built-in rules with the rules and `disable` lists of user files added."""
        files = [load_rules_file(p) for p in paths]
        return cls.combine(files, builtins=builtins)

    @classmethod
    def combine(cls, files: list[RuleFile], *, builtins: bool = True) -> RuleSet:
        known = {r.name for rules in builtin_packs().values() for r in rules}
        user = [r for f in files for r in f.rules]
        known |= {r.name for r in user}
        disable: set[str] = set()
        for f in files:
            unknown = f.disable - known
            if unknown:
                name = sorted(unknown)[0]
                raise RulesError(
                    f"cannot disable unknown rule {name!r} (known: {', '.join(sorted(known))})", source=f.source
                )
            disable |= f.disable
        base = [r for rules in builtin_packs().values() for r in rules] if builtins else []
        return cls(user + base, disable)


@cache
def _default() -> RuleSet:
    return RuleSet([r for rules in builtin_packs().values() for r in rules])


def resolve(rules: RuleSet | str | Path | Iterable[Rule] | None) -> RuleSet:
    """Accept what the API takes for `rules=`: nothing, a RuleSet, a rules file, or rules."""
    if rules is None:
        return RuleSet.default()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, str | Path):
        return RuleSet.from_files(rules)
    return RuleSet(list(rules) + RuleSet.default().rules)
