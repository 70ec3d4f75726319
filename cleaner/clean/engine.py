"""`clean_text`: text in, `Article` out, every removed line accounted for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..article import Article, Removal
from ..rules.model import Rule
from ..rules.ruleset import RuleSet, resolve
from . import language
from ._lines import Line, is_headline_shaped, join_wrapped, make_line, normalise, split_lines
from .predicates import PREDICATES, Context, Predicate, repeats_title, title_key
from .region import body_region, frame, weigh

RulesArg = RuleSet | str | Path | Iterable[Rule] | None


def clean_text(text: str, *, rules: RulesArg = None, title: str | None = None) -> Article:
    """Remove syndication and scraping boilerplate from article text.

    `rules` is a `RuleSet`, a rules file or extra rules (the built-in ones are always there
    unless a file disables them); `title`, when known (from HTML metadata), is kept once and
    its repeats in the text are removed.
    """
    ruleset = resolve(rules)
    lines = [make_line(i, t) for i, t in enumerate(join_wrapped(split_lines(text)))]
    hits = ruleset.phrases.match_lines(
        [line.key for line in lines], [line.words for line in lines], settings.EDGE_LINES
    )
    for line, hit in zip(lines, hits, strict=True):
        line.hit = hit
        line.weight = weigh(line)
    start, end = body_region(lines)
    positions = frame(lines, start, end)
    title, title_index = _find_title(lines, positions, title)
    ctx = Context(lines, positions, _title_keys(title))
    removed: list[Removal] = []
    kept: list[str] = []
    fields: dict[str, str] = {}
    for i, line in enumerate(lines):
        if i == title_index:
            continue
        rule = _rule_for(ruleset, ctx, i)
        if rule is None:
            kept.append(line.text)
            continue
        removed.append(Removal(line.text, rule.name, rule.reason))
        if line.hit is not None and line.hit.rule is rule and _own_line(ctx, i):
            for key, value in line.hit.captures.items():
                fields.setdefault(key, value)
    body = "\n\n".join(kept)
    return Article(
        text=body,
        title=title,
        author=fields.get("author"),
        source=fields.get("source"),
        language=language.guess(body),
        removed=removed,
    )


@dataclass(frozen=True)
class _Dispatch:
    """A rule set's positional rules, sorted out once: which may remove a line at each place."""

    title: Rule | None
    by_place: dict[tuple[str, bool], list[tuple[Rule, Predicate]]]


@lru_cache(maxsize=64)
def _dispatch(ruleset: RuleSet) -> _Dispatch:
    title = next((r for r in ruleset.predicates if r.predicate == "repeats-title"), None)
    others = [r for r in ruleset.predicates if r.predicate not in (None, "repeats-title")]
    by_place = {
        (position, edge): [(r, PREDICATES[r.predicate or "always"]) for r in others if r.allows(position, edge)]
        for position in ("head", "body", "tail")
        for edge in (False, True)
    }
    return _Dispatch(title, by_place)


def _rule_for(ruleset: RuleSet, ctx: Context, i: int) -> Rule | None:
    """The first rule that removes line `i`: title repeats, then phrases, then position."""
    dispatch = _dispatch(ruleset)
    if dispatch.title is not None and ctx.title_keys and repeats_title(ctx, i):
        return dispatch.title
    line, position, edge = ctx.lines[i], ctx.positions[i], ctx.is_edge(i)
    if line.hit is not None and line.hit.rule.allows(position, edge):
        return line.hit.rule
    for rule, predicate in dispatch.by_place[(position, edge)]:
        if predicate(ctx, i):
            return rule
    return None


def _own_line(ctx: Context, i: int) -> bool:
    """Whether line `i` speaks of this article: in the head or body, or in the run of rule
    hits that directly follows the body (not beside another story's headline)."""
    if ctx.positions[i] != "tail":
        return True
    j = i - 1
    while j >= 0 and ctx.positions[j] == "tail":
        if ctx.lines[j].hit is None:
            return False
        j -= 1
    return True


def _find_title(lines: list[Line], positions: list[str], given: str | None) -> tuple[str | None, int | None]:
    """The title and the index of the line that carries it (that line is not body text).

    A given title is used as it is. Otherwise a headline-shaped first line is the title when
    the page repeats it near the top, or when it is long enough to be a headline (not a
    label like "Our blog") and the body starts right after it.
    """
    if given is not None:
        return given.strip() or None, None
    if not lines:
        return None, None
    first_body = positions.index("body") if "body" in positions else len(lines)
    first = lines[0]
    boilerplate = first.hit is not None and first.hit.rule.allows("head", True)
    if boilerplate or first.words > settings.TITLE_MAX_WORDS or len(first.text) > settings.TITLE_MAX_CHARS:
        return None, None
    if not is_headline_shaped(first):
        return None, None
    if len(lines) < 2 or (positions[0] == "body" and first.weight > 0):
        return None, None
    key = title_key(first.text)
    for line in lines[1 : settings.TITLE_SEARCH_LINES]:
        if line.hit is None and line.words <= first.words and normalise(line.text) == key:
            return line.text, 0
    unexplained = sum(1 for line in lines[1:first_body] if line.hit is None)
    if unexplained == 0 and first.words >= settings.TITLE_MIN_WORDS:
        return first.text, 0
    return None, None


def _title_keys(title: str | None) -> frozenset[str]:
    if not title:
        return frozenset()
    return frozenset({normalise(title), title_key(title)})
