"""Reading rules from TOML: the built-in packs and users' `--rules` files share one format.

disable = ["cross-promo"]          # built-in rule names to switch off

[[rule]]
name = "acme-footer"               # required; several entries may share a name
reason = "Acme's footer"           # required; shown by --explain and in `removed`
languages = ["en"]                 # optional
patterns = ['^all content © acme'] # regexes matched at the start of a line, any case;
                                   # {{NAME}}, {{SOCIAL}}, {{MONTH}}, {{DATE}} are defined
phrases = ["Thanks for reading"]   # literal: a line starting with the phrase
where = "tail"                     # any | head | tail | outside (default any)
ends_body = false                  # an end marker: what follows is tail
barrier = false                    # the body never spans this line (comment sections)
max_words = 20                     # leave longer lines alone (default 200)
contains = ["acme"]                # try the patterns only on lines holding one of these
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import RulesError
from .model import PREDICATE_NAMES, WHERE_VALUES, Rule

_RULE_KEYS = {
    "name", "reason", "languages", "patterns", "phrases", "predicate",
    "where", "ends_body", "barrier", "max_words", "contains",
}  # fmt: skip
_TOP_KEYS = {"disable", "rule"}
_TABLE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*rule[ \t]*\]\]", re.MULTILINE)
_DEFINE = re.compile(r"\{\{([A-Z_]+)\}\}")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass
class RuleFile:
    """The rules a file adds and the built-in rule names it switches off."""

    rules: list[Rule] = field(default_factory=list)
    disable: set[str] = field(default_factory=set)
    source: str | None = None


def phrase_pattern(phrase: str) -> str:
    """A literal phrase as a pattern: the line starts with it, spaces flexible, word-bounded."""
    words = [re.escape(w) for w in phrase.split()]
    tail = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return r"\s+".join(words) + tail


def parse_rules(text: str, source: str) -> RuleFile:
    """Parse the text of a rules file; every problem raises `RulesError` naming file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        message = _TOML_POSITION.sub("", str(exc)).strip()
        raise RulesError(
            f"not valid TOML: {message}", source=source, line=int(found.group(1)) if found else None
        ) from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise RulesError(
            f"unknown key {sorted(unknown)[0]!r} (expected 'disable' or [[rule]] tables)",
            source=source,
            line=_line_of_key(text, sorted(unknown)[0]),
        )
    disable = data.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(n, str) for n in disable):
        raise RulesError("'disable' must be a list of rule names", source=source, line=_line_of_key(text, "disable"))
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RulesError("'rule' must be written as [[rule]] tables", source=source, line=_line_of_key(text, "rule"))
    lines = [text.count("\n", 0, m.start()) + 1 for m in _TABLE_HEADER.finditer(text)]
    rules = [_rule(table, source, lines[i] if i < len(lines) else None) for i, table in enumerate(tables)]
    return RuleFile(rules, set(disable), source)


def load_rules_file(path: str | Path) -> RuleFile:
    """Read a user's rules file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError("no such rules file", source=str(path)) from None
    except IsADirectoryError:
        raise RulesError("is a directory, not a rules file", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"cannot read rules file: {exc}", source=str(path)) from None
    return parse_rules(text, str(path))


@cache
def defines() -> dict[str, str]:
    """Named sub-patterns (``{{NAME}}``, ``{{SOCIAL}}`` …) that any pattern may use."""
    text = (resources.files("cleaner.rules") / "packs" / "_defines.toml").read_text(encoding="utf-8")
    return {k: v for k, v in tomllib.loads(text).items() if isinstance(v, str)}


def expand(pattern: str) -> str:
    """Replace ``{{KEY}}`` with its define's text (defines may use defines); an unknown key
    raises KeyError naming it."""
    table = defines()
    for _ in range(5):
        expanded = _DEFINE.sub(lambda m: table[m.group(1)], pattern)
        if expanded == pattern:
            break
        pattern = expanded
    return pattern


@cache
def builtin_packs() -> dict[str, list[Rule]]:
    """The built-in packs, by pack name (the file name), in a stable order."""
    packs: dict[str, list[Rule]] = {}
    folder = resources.files("cleaner.rules") / "packs"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and not entry.name.startswith("_"):
            name = entry.name.removesuffix(".toml")
            packs[name] = parse_rules(entry.read_text(encoding="utf-8"), f"pack:{name}").rules
    return packs


def _rule(table: Any, source: str, line: int | None) -> Rule:
    def fail(message: str) -> RulesError:
        return RulesError(message, source=source, line=line)

    if not isinstance(table, dict):
        raise fail("a [[rule]] must be a table")
    unknown = set(table) - _RULE_KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} in [[rule]] (known: {', '.join(sorted(_RULE_KEYS))})")
    for key in ("name", "reason"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise fail(f"[[rule]] needs a non-empty string {key!r}")
    name = table["name"].strip()
    patterns = _strings(table, "patterns", fail) + [phrase_pattern(p) for p in _strings(table, "phrases", fail)]
    predicate = table.get("predicate")
    if predicate is not None:
        if predicate not in PREDICATE_NAMES:
            raise fail(f"rule {name!r}: unknown predicate {predicate!r} (known: {', '.join(PREDICATE_NAMES)})")
    elif not patterns:
        raise fail(f"rule {name!r} has no 'patterns' or 'phrases'")
    where = table.get("where", "any")
    if where not in WHERE_VALUES:
        raise fail(f"rule {name!r}: 'where' must be one of {', '.join(WHERE_VALUES)}, not {where!r}")
    max_words = table.get("max_words", None if predicate else settings.RULE_MAX_WORDS)
    if max_words is not None and (not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1):
        raise fail(f"rule {name!r}: 'max_words' must be a positive integer")
    ends_body, barrier = table.get("ends_body", False), table.get("barrier", False)
    if not isinstance(ends_body, bool) or not isinstance(barrier, bool):
        raise fail(f"rule {name!r}: 'ends_body' and 'barrier' must be true or false")
    compiled = tuple(_compile(p, name, fail) for p in patterns)
    return Rule(
        name=name,
        reason=table["reason"].strip(),
        patterns=tuple(patterns),
        predicate=predicate,
        languages=tuple(_strings(table, "languages", fail)),
        where=where,
        ends_body=ends_body,
        barrier=barrier,
        max_words=max_words,
        contains=tuple(w.lower() for w in _strings(table, "contains", fail)),
        origin=source,
        compiled=compiled,
    )


def _strings(table: dict[str, Any], key: str, fail: Any) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(f"{key!r} must be a list of non-empty strings")
    return value


def _compile(pattern: str, name: str, fail: Any) -> re.Pattern[str]:
    if "(?P=" in pattern:
        raise fail(f"rule {name!r}: named back-references are not supported in {pattern!r}")
    try:
        return re.compile(expand(pattern), re.IGNORECASE)
    except KeyError as exc:
        known = ", ".join(sorted(defines()))
        raise fail(f"rule {name!r}: unknown define {{{{{exc.args[0]}}}}} in {pattern!r} (known: {known})") from None
    except re.error as exc:
        raise fail(f"rule {name!r}: bad regular expression {pattern!r}: {exc}") from None


def _line_of_key(text: str, key: str) -> int | None:
    found = re.search(rf"^[ \t]*\[*[ \t]*{re.escape(key)}\b", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None
