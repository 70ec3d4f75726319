"""Site pattern files: the plain-text rules, one file per site, that Instapaper introduced and
Full-Text RSS, graby and wallabag use.

A directory holds ``example.com.txt`` (the host, ``www.`` aside) and ``.example.com.txt``
(the domain and every subdomain); each line is ``directive: value``, ``#`` starts a comment:

    title: //h1[@class='headline']
    body: //div[@id='story']              # tried in order; the first that matches is the body
    author: //a[@rel='author']
    date: //time/@datetime
    strip: //div[contains(@class, 'share')]
    strip_id_or_class: newsletter         # elements whose id or class contains the word
    strip_image_src: /pixel.gif           # images whose src contains the text
    prune: no                             # take the body as it is (default yes: clean it up)
    autodetect_on_failure: no             # no body match: fail (default: extract as usual)
    test_url: https://example.com/2024/story.html
    test_contains: A sentence of that page's article

Directives other than these (``tidy``, ``single_page_link``, ``replace_string(…)``, …) are
reported once for the whole directory and skipped. An XPath that does not compile is an error
naming the file and line. The directory is read and checked once, when it is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import RulesError
from ..rules.sites import host_keys, host_of

XPATHS = ("body", "title", "author", "date", "strip")
WORDS = ("strip_id_or_class", "strip_image_src")
SWITCHES = ("prune", "autodetect_on_failure")
TESTS = ("test_url", "test_contains")
KNOWN = frozenset(XPATHS + WORDS + SWITCHES + TESTS)
_YES, _NO = frozenset({"yes", "true", "1", "on"}), frozenset({"no", "false", "0", "off"})


@dataclass(frozen=True)
class Directive:
    """One ``directive: value`` line of a site pattern file."""

    name: str
    value: str
    line: int


@dataclass(frozen=True)
class SiteTest:
    """A test page of the site (``test_url``) and texts its article must hold (``test_contains``)."""

    url: str
    line: int
    contains: tuple[Directive, ...] = ()


@dataclass
class SiteConfig:
    """The rules of one site pattern file; XPaths are compiled on first use in each process."""

    path: str
    #: The file's name without ``.txt``: a host, or ``.domain`` for the domain and its subdomains.
    pattern: str
    directives: list[Directive] = field(default_factory=list)
    tests: list[SiteTest] = field(default_factory=list)
    prune: bool = True
    autodetect: bool = True
    _compiled: dict[int, Any] = field(default_factory=dict, repr=False, compare=False)

    def all(self, name: str) -> list[Directive]:
        return [d for d in self.directives if d.name == name]

    def xpath(self, directive: Directive) -> Any:
        """The compiled XPath of a directive (an lxml ``XPath``)."""
        found = self._compiled.get(directive.line)
        if found is None:
            found = self._compiled[directive.line] = compile_xpath(directive.value, self.path, directive.line)
        return found

    def where(self, directive: Directive) -> str:
        return f"{self.path}:{directive.line}"

    def __getstate__(self) -> dict[str, Any]:
        """Pickled for worker processes without the compiled XPaths (lxml's cannot be)."""
        state = dict(self.__dict__)
        state["_compiled"] = {}
        return state


class SiteConfigs:
    """A directory of site pattern files, looked up by host the way Full-Text RSS does: the
    host's own file (``www.`` dropped), then ``.domain`` files from the host up its parents."""

    def __init__(self, configs: dict[str, SiteConfig], *, source: str = "", notes: list[str] | None = None) -> None:
        self.configs = configs
        self.source = source
        #: What loading skipped: unknown directives (once each), lines that say nothing.
        self.notes = notes or []
        self._by_host: dict[str, SiteConfig | None] = {}

    def __len__(self) -> int:
        return len(self.configs)

    def for_url(self, url: str | None) -> SiteConfig | None:
        host = host_of(url)
        return self.for_host(host) if host else None

    def for_host(self, host: str) -> SiteConfig | None:
        if host in self._by_host:
            return self._by_host[host]
        bare = host[4:] if host.startswith("www.") else host
        found = self.configs.get(bare) or self.configs.get(host)
        if found is None:
            found = next((self.configs[f".{k}"] for k in host_keys(host) if f".{k}" in self.configs), None)
        if len(self._by_host) > 4096:
            self._by_host.clear()
        self._by_host[host] = found
        return found

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_by_host"] = {}
        return state


def load_site_configs(directory: str | Path) -> SiteConfigs:
    """Read and check every ``*.txt`` file of a directory of site pattern files."""
    root = Path(directory)
    if not root.exists():
        raise RulesError("no such directory of site pattern files", source=str(root))
    if not root.is_dir():
        raise RulesError("is not a directory of site pattern files (NAME.txt, one per site)", source=str(root))
    configs: dict[str, SiteConfig] = {}
    unknown: dict[str, list[str]] = {}
    notes: list[str] = []
    for path in sorted(root.glob("*.txt")):
        config = parse_site_config(_read(path), str(path), path.name[:-4].lower(), unknown, notes.append)
        configs[config.pattern] = config
    for name, places in unknown.items():
        more = f" and {len(places) - 1} more" if len(places) > 1 else ""
        notes.insert(0, f"skipped directive {name!r}, which cleaner does not apply ({places[0]}{more})")
    return SiteConfigs(configs, source=str(root), notes=notes)


@lru_cache(maxsize=8)
def _cached(directory: str) -> SiteConfigs:
    return load_site_configs(directory)


def resolve_site_configs(value: SiteConfigs | str | Path | None) -> SiteConfigs | None:
    """What the API takes for `site_config=`: loaded configs, a directory (loaded once), or None."""
    if value is None or isinstance(value, SiteConfigs):
        return value
    return _cached(str(value))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_text(encoding="latin-1")
    except OSError as exc:
        raise RulesError(f"cannot read site pattern file: {exc.strerror or exc}", source=str(path)) from None


def parse_site_config(
    text: str,
    path: str,
    pattern: str,
    unknown: dict[str, list[str]] | None = None,
    note: Callable[[str], None] | None = None,
) -> SiteConfig:
    """Parse one file; unknown directives are collected in `unknown` (name → places)."""
    config = SiteConfig(path, pattern)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        base = name.split("(", 1)[0].strip()
        if not sep or not base or " " in base:
            if note is not None:
                note(f"{path}:{number}: skipped a line that is not 'directive: value'")
            continue
        if base not in KNOWN or base != name:
            if unknown is not None:
                unknown.setdefault(base, []).append(f"{path}:{number}")
            continue
        _directive(config, Directive(name, value, number), note)
    return config


def _directive(config: SiteConfig, d: Directive, note: Callable[[str], None] | None) -> None:
    if d.name in SWITCHES:
        word = d.value.lower()
        if word not in _YES | _NO:
            raise RulesError(f"'{d.name}' must be yes or no, not {d.value!r}", source=config.path, line=d.line)
        setattr(config, "prune" if d.name == "prune" else "autodetect", word in _YES)
    elif d.name == "test_url":
        config.tests.append(SiteTest(d.value, d.line))
    elif d.name == "test_contains":
        if not config.tests:
            if note is not None:
                note(f"{config.path}:{d.line}: test_contains before any test_url, skipped")
            return
        last = config.tests[-1]
        config.tests[-1] = SiteTest(last.url, last.line, (*last.contains, d))
    else:
        if not d.value:
            raise RulesError(f"'{d.name}' needs a value", source=config.path, line=d.line)
        config.directives.append(d)
        if d.name in XPATHS:
            config.xpath(d)  # compile now: a bad XPath is reported when the directory is loaded


#: XPath 1.0's functions and node tests: lxml finds an unknown function only when a page makes
#: it run one, so names are checked when the file is read.
XPATH_FUNCTIONS = frozenset({
    "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat",
    "starts-with", "contains", "substring-before", "substring-after", "substring", "string-length",
    "normalize-space", "translate", "boolean", "not", "true", "false", "lang", "number", "sum", "floor",
    "ceiling", "round", "node", "text", "comment", "processing-instruction",
})  # fmt: skip
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_CALL = re.compile(r"(?<![\w.:@$-])([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*\(")


def compile_xpath(expression: str, path: str, line: int) -> Any:
    """An lxml XPath, checked: it compiles, names only XPath 1.0 functions, and runs."""
    from lxml import etree

    for name in _CALL.findall(_QUOTED.sub("''", expression)):
        if name not in XPATH_FUNCTIONS:
            raise RulesError(f"bad XPath {expression!r}: unknown function {name}()", source=path, line=line)
    try:
        compiled = etree.XPath(expression)
        compiled(etree.fromstring("<html><body/></html>"))
    except (etree.XPathSyntaxError, etree.XPathEvalError) as exc:
        raise RulesError(f"bad XPath {expression!r}: {exc}", source=path, line=line) from None
    return compiled
