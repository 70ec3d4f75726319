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

A profile (what `cleaner learn` writes) is the same format with one table per site; a site's
rules apply, before all others, to pages whose host is the site or one of its subdomains:

[sites."example.com"]
disable = ["cross-promo"]          # optional: built-in rules switched off for this site

[[sites."example.com".rule]]
name = "learned-line"
reason = "repeated on 31 of 50 example.com pages"
patterns = ['^Written by Editor TLN$']
count = 31                         # informational: documents the line was seen on,
share = 0.62                       # and their share of the site's documents
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
from .sites import site_key

_RULE_KEYS = {
    "name", "reason", "languages", "patterns", "phrases", "predicate",
    "where", "ends_body", "barrier", "max_words", "contains", "count", "share",
}  # fmt: skip
_TOP_KEYS = {"disable", "rule", "sites"}
_SITE_KEYS = {"disable", "rule"}
_TABLE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*rule[ \t]*\]\]", re.MULTILINE)
#: A key in a table header: "basic", 'literal' or bare.
_HEADER_KEY = r"""("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)"""
_SITE_RULE_HEADER = re.compile(
    rf"^[ \t]*\[\[[ \t]*sites[ \t]*\.[ \t]*{_HEADER_KEY}[ \t]*\.[ \t]*rule[ \t]*\]\]", re.MULTILINE
)
_SITE_HEADER = re.compile(rf"^[ \t]*\[[ \t]*sites[ \t]*\.[ \t]*{_HEADER_KEY}[ \t]*\]", re.MULTILINE)
_DEFINE = re.compile(r"\{\{([A-Z_]+)\}\}")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass
class RuleFile:
    """The rules a file adds and the built-in rule names it switches off."""

    rules: list[Rule] = field(default_factory=list)
    disable: set[str] = field(default_factory=set)
    source: str | None = None
    #: A profile's per-site rules and switches, by site (a host name in lower case).
    sites: dict[str, RuleFile] = field(default_factory=dict)


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
            f"unknown key {sorted(unknown)[0]!r} (expected 'disable', [[rule]] or [sites.\"NAME\"] tables)",
            source=source,
            line=_line_of_key(text, sorted(unknown)[0]),
        )
    disable = _disable(data, source, text)
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RulesError("'rule' must be written as [[rule]] tables", source=source, line=_line_of_key(text, "rule"))
    lines = [text.count("\n", 0, m.start()) + 1 for m in _TABLE_HEADER.finditer(text)]
    rules = [_rule(table, source, lines[i] if i < len(lines) else None) for i, table in enumerate(tables)]
    return RuleFile(rules, disable, source, _sites(data.get("sites", {}), text, source))


def _disable(table: dict[str, Any], source: str, text: str, line: int | None = None) -> set[str]:
    disable = table.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(n, str) for n in disable):
        raise RulesError(
            "'disable' must be a list of rule names", source=source, line=line or _line_of_key(text, "disable")
        )
    return set(disable)


def _sites(tables: Any, text: str, source: str) -> dict[str, RuleFile]:
    """The ``[sites."NAME"]`` tables: each a site's rules and its own `disable` list."""
    if not isinstance(tables, dict):
        raise RulesError(
            "'sites' must be written as [sites.\"example.com\"] tables", source=source, line=_line_of_key(text, "sites")
        )
    headers: dict[str, list[int]] = {}
    for m in _SITE_RULE_HEADER.finditer(text):
        headers.setdefault(_toml_key(m.group(1)), []).append(text.count("\n", 0, m.start()) + 1)
    sites: dict[str, RuleFile] = {}
    for name, table in tables.items():
        lines = headers.get(name, [])
        where = (
            _site_line(text, name)
            or (lines[0] if lines else None)
            or _line_of(text, rf"sites[ \t]*\.[ \t]*[\"']?{re.escape(name)}")
        )
        key = site_key(name)
        if key is None:
            raise RulesError(
                f'site {name!r} is not a host name (write [sites."example.com"])', source=source, line=where
            )
        if not isinstance(table, dict):
            raise RulesError(f"site {name!r} must be a table", source=source, line=where)
        unknown = set(table) - _SITE_KEYS
        if unknown:
            bad = sorted(unknown)[0]
            hint = ' (quote a site name that has dots: [sites."example.com"])' if isinstance(table[bad], dict) else ""
            raise RulesError(
                f"unknown key {bad!r} in site {name!r}{hint} (expected 'disable' or [[rule]] tables)",
                source=source,
                line=where,
            )
        disable = _disable(table, source, text, where)
        rules_tables = table.get("rule", [])
        if not isinstance(rules_tables, list):
            raise RulesError(
                f"site {name!r}: 'rule' must be written as [[sites.\"{name}\".rule]] tables", source=source, line=where
            )
        rules = [_rule(t, source, lines[i] if i < len(lines) else where) for i, t in enumerate(rules_tables)]
        site = sites.setdefault(key, RuleFile(source=source))
        site.rules += rules
        site.disable |= disable
    return sites


def _toml_key(raw: str) -> str:
    """A key as written in a table header (bare, 'literal' or "basic"), as TOML reads it."""
    if raw[:1] in "'\"":
        try:
            return str(tomllib.loads(f"k = {raw}")["k"])
        except tomllib.TOMLDecodeError:
            return raw.strip("'\"")
    return raw


def _site_line(text: str, name: str) -> int | None:
    """The line of a site's own ``[sites."NAME"]`` header, if it has one."""
    for m in _SITE_HEADER.finditer(text):
        if _toml_key(m.group(1)) == name:
            return text.count("\n", 0, m.start()) + 1
    return None


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
    count, share = table.get("count"), table.get("share")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        raise fail(f"rule {name!r}: 'count' must be a whole number of documents")
    if share is not None and (not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share <= 1):
        raise fail(f"rule {name!r}: 'share' must be a number from 0 to 1")
    contains = tuple(w.lower() for w in _strings(table, "contains", fail))
    if any("\n" in w for w in contains):
        # A gate word is looked for within one line: one spanning lines could never open it.
        raise fail(f"rule {name!r}: a 'contains' word cannot hold a line break")
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
        contains=contains,
        origin=source,
        count=count,
        share=float(share) if share is not None else None,
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


def _line_of(text: str, pattern: str) -> int | None:
    found = re.search(pattern, text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _line_of_key(text: str, key: str) -> int | None:
    found = re.search(rf"^[ \t]*\[*[ \t]*{re.escape(key)}\b", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None
