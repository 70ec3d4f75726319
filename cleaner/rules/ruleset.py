"""A ready-to-use set of rules: built-in packs plus user files, minus what is switched off."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar
from weakref import WeakKeyDictionary

from ..errors import RulesError
from .loader import RuleFile, builtin_packs, load_rules_file
from .model import LayeredMatcher, PhraseMatcher, Rule
from .sites import host_keys, host_of

#: Hosts whose site rule set is remembered (a crawl of many hosts stays bounded).
_HOSTS_KEPT = 4096


class RuleSet:
    """Rules compiled once and applied to many texts.

    User rules come before built-in ones, so a user's reason wins where both match. A profile
    adds rules per site: `for_url` gives the rule set for a page, its site's rules first.
    """

    def __init__(
        self, rules: Iterable[Rule], disable: Iterable[str] = (), sites: Mapping[str, RuleFile] | None = None
    ) -> None:
        self.disabled = frozenset(disable)
        self.rules = [r for r in rules if r.name not in self.disabled]
        self.phrases: PhraseMatcher | LayeredMatcher = PhraseMatcher([r for r in self.rules if r.compiled])
        self.predicates = [r for r in self.rules if r.predicate]
        #: Per-site rules and switches (a profile's ``[sites."…"]`` tables), by site key.
        self.sites: dict[str, RuleFile] = dict(sites or {})
        self._by_site: dict[str, RuleSet] = {}
        self._by_host: dict[str, RuleSet] = {}

    @property
    def names(self) -> list[str]:
        return sorted({r.name for r in self.rules})

    @classmethod
    def default(cls) -> RuleSet:
        """The built-in rules, compiled once per process."""
        return _default()

    @classmethod
    def from_files(cls, *paths: str | Path, builtins: bool = True) -> RuleSet:
        """Built-in rules with the rules and `disable` lists of user files (profiles too) added."""
        files = [load_rules_file(p) for p in paths]
        return cls.combine(files, builtins=builtins)

    @classmethod
    def combine(cls, files: list[RuleFile], *, builtins: bool = True) -> RuleSet:
        known = {r.name for rules in builtin_packs().values() for r in rules}
        user = [r for f in files for r in f.rules]
        known |= {r.name for r in user}
        known |= {r.name for f in files for site in f.sites.values() for r in site.rules}
        disable: set[str] = set()
        sites: dict[str, RuleFile] = {}
        for f in files:
            _check_known(f.disable, known, f.source)
            disable |= f.disable
            for key, site in f.sites.items():
                _check_known(site.disable, known, f.source, f" (site {key!r})")
                merged = sites.setdefault(key, RuleFile(source=site.source))
                merged.rules += site.rules
                merged.disable |= site.disable
        base = [r for rules in builtin_packs().values() for r in rules] if builtins else []
        return cls(user + base, disable, sites)

    def for_url(self, url: str | None) -> RuleSet:
        """The rule set for a page at `url`: the rules of its site (the most specific site
        table naming its host or a parent domain) first, then these. Without a matching site,
        this very rule set."""
        if not self.sites or not url:
            return self
        host = host_of(url)
        if host is None:
            return self
        found = self._by_host.get(host)
        if found is None:
            key = next((k for k in host_keys(host) if k in self.sites), None)
            found = self.for_site(key) if key is not None else self
            if len(self._by_host) >= _HOSTS_KEPT:
                self._by_host.clear()
            self._by_host[host] = found
        return found

    def for_site(self, site: str | None) -> RuleSet:
        """The rule set for the site table named `site` (exactly), built once and kept."""
        table = self.sites.get(site) if site else None
        if table is None or site is None:
            return self
        found = self._by_site.get(site)
        if found is None:
            found = self._by_site[site] = self._layer(table)
        return found

    def _layer(self, site: RuleFile) -> RuleSet:
        """This rule set with a site's rules in front. The shared phrase matcher is reused
        unless the site switches rules off."""
        own = [r for r in site.rules if r.name not in self.disabled]
        if site.disable:
            return RuleSet(own + self.rules, self.disabled | site.disable)
        layered = RuleSet(own)
        first = layered.phrases
        layered.phrases = LayeredMatcher(first, self.phrases) if any(r.compiled for r in own) else self.phrases
        layered.rules = own + self.rules
        layered.disabled = self.disabled
        layered.predicates = [r for r in layered.rules if r.predicate]
        return layered

    def only(self, keep: Callable[[Rule], bool]) -> RuleSet:
        """The rules `keep` accepts, site rules included (profiles carry over)."""
        sites = {k: RuleFile([r for r in s.rules if keep(r)], set(s.disable), s.source) for k, s in self.sites.items()}
        derived = RuleSet([r for r in self.rules if keep(r)], sites=sites)
        derived.disabled = self.disabled
        return derived

    def __getstate__(self) -> dict[str, object]:
        """Pickled for worker processes without the per-site sets (rebuilt there as needed)."""
        state = dict(self.__dict__)
        state["_by_site"], state["_by_host"] = {}, {}
        return state


def _check_known(names: set[str], known: set[str], source: str | None, where: str = "") -> None:
    unknown = names - known
    if unknown:
        name = sorted(unknown)[0]
        raise RulesError(
            f"cannot disable unknown rule {name!r}{where} (known: {', '.join(sorted(known))})", source=source
        )


T = TypeVar("T")


def per_rule_set(make: Callable[[RuleSet], T]) -> Callable[[RuleSet], T]:
    """`make` of a rule set, made at its first call and kept for as long as the rule set lives
    (for what the cleaner sorts out of one once, and reads for every text: a profile's site
    rule sets are many and come in any order, so an LRU of a few dozen would make them again
    in turn)."""
    made: WeakKeyDictionary[RuleSet, T] = WeakKeyDictionary()

    def get(ruleset: RuleSet) -> T:
        value = made.get(ruleset)
        if value is None:
            value = made[ruleset] = make(ruleset)
        return value

    return get


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
