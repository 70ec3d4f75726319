"""Boilerplate rules as data: the model, the built-in packs, user rule files."""

from .loader import RuleFile, builtin_packs, load_rules_file, parse_rules
from .model import Hit, PhraseMatcher, Rule
from .ruleset import RuleSet, resolve

__all__ = [
    "Hit",
    "PhraseMatcher",
    "Rule",
    "RuleFile",
    "RuleSet",
    "builtin_packs",
    "load_rules_file",
    "parse_rules",
    "resolve",
]
