"""The learning pass: documents in, one at a time; per site, the lines that repeat.

The surest sign of a site's boilerplate is repetition: its byline formula, source line and
follow prompt are on most of its pages, while article sentences are on one. So each document's
lines are keyed (`_keys`), each distinct key counted once per document in its site's bounded
counter, and at the end a key on at least `min_docs` documents and `min_share` of the site's
documents becomes a rule, unless it looks like content:

- a sentence-like line needs a larger share (`LEARN_BODY_SHARE`), and is never learned when
  other sites have it too (a quote many outlets reprint);
- a line usually found between two sentences of the body is part of the site's articles (a
  recurring subheading), not its template;
- a line the built-in rules already remove everywhere is left to them.

Templates ("Written by *") are counted beside exact lines and win when at least two different
names fill them. Headlines of the site's own articles seen in other articles, below their first
sentence, are cross-promotion. One integer per counted key packs three counts: documents, documents
where the line stood inside the body (with a fair share of the text's sentences on either
side: a short tail of boilerplate sentences does not make it so), and documents where it stood
below the body's first sentence. A line seen on enough pages but above the body on fewer than
`min_docs` of them is an article's headline (on its own page) promoted on the others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .. import settings
from ..readers.text import read_text
from ..rules.model import LayeredMatcher, PhraseMatcher, match_key
from ..rules.ruleset import RuleSet
from ._counter import FIELD_BITS, LOW, BoundedCounter, CountMin
from ._keys import fold, keys, line_pattern, template, template_pattern
from .profile import LearnedRule, Profile, SiteProfile

_INSIDE = 1 << FIELD_BITS
_BELOW = 1 << (2 * FIELD_BITS)
_CLOSERS = "\"'”’»)]›」』*_ \u00a0"
_ENDS = frozenset(".!?…。！？")


@dataclass
class _Site:
    counter: BoundedCounter
    docs: int = 0
    #: An example line (as rules see it) for each key and template seen on two documents.
    examples: dict[int, str] = field(default_factory=dict)
    templates: dict[int, str] = field(default_factory=dict)
    #: For a template, the key of a line that filled it; -1 once two different lines did.
    fills: dict[int, int] = field(default_factory=dict)
    headlines: dict[int, str] = field(default_factory=dict)


class Learner:
    """Learns a profile from documents added one by one: ``add(site, text, title)``, then
    `profile()`. Memory is bounded per site and over all sites (see `settings`)."""

    def __init__(
        self,
        *,
        min_docs: int = settings.LEARN_MIN_DOCS,
        min_share: float = settings.LEARN_MIN_SHARE,
        site_keys: int = settings.LEARN_SITE_KEYS,
        total_keys: int = settings.LEARN_TOTAL_KEYS,
    ) -> None:
        if min_docs < 1:
            raise ValueError(f"min_docs must be at least 1, not {min_docs}")
        if not 0 <= min_share <= 1:
            raise ValueError(f"min_share must be from 0 to 1, not {min_share}")
        self.min_docs, self.min_share = min_docs, min_share
        self.site_keys, self.total_keys = site_keys, total_keys
        self.sites: dict[str, _Site] = {}
        self.documents = 0
        self.skipped = 0
        self._total = 0
        self._spread = CountMin()

    # --- the pass ------------------------------------------------------------------------------

    def add(self, site: str, text: str, title: str | None = None) -> None:
        """Count one document of `site`; `title`, when known, is its headline (else the first
        headline-shaped line above its first sentence)."""
        state = self.sites.get(site)
        if state is None:
            state = self.sites[site] = _Site(BoundedCounter(self.site_keys))
        state.docs += 1
        self.documents += 1
        lines = [block.text for block in read_text(text).blocks]
        mass = [line.count(" ") + 1 if _is_sentence(line) else 0 for line in lines]
        first = next((i for i, m in enumerate(mass) if m), len(lines))
        total = sum(mass)
        low, high = settings.LEARN_INSIDE_MASS * total, (1 - settings.LEARN_INSIDE_MASS) * total
        before = 0
        seen: dict[int, tuple[int, str, int]] = {}
        shapes: dict[int, tuple[int, str, int]] = {}
        limit = settings.LEARN_MAX_CHARS
        for i, line in enumerate(lines):
            here = before
            before += mass[i]
            if len(line) > limit:
                continue
            key = match_key(line)
            if not key:
                continue
            words = key.count(" ") + 1
            folded, shape = keys(key, words)
            h = hash(folded)
            place = (_INSIDE if low <= here and before <= high else 0) | (_BELOW if i > first else 0)
            old = seen.get(h)
            seen[h] = (place | (old[0] if old else 0), key, words)
            if shape is not None:
                shapes[hash(shape)] = (place, key, h)
        before = len(state.counter)
        self._count(state, seen, shapes)
        self._headlines(state, lines, first, title)
        self._total += len(state.counter) - before
        if state.counter.full():
            self._prune(state)
        if self._total > self.total_keys:
            self._prune_largest()

    def _count(
        self, state: _Site, seen: dict[int, tuple[int, str, int]], shapes: dict[int, tuple[int, str, int]]
    ) -> None:
        counts = state.counter.counts
        first_example = 1 if self.min_docs <= 1 else 2
        body_words = settings.LEARN_BODY_WORDS
        for h, (place, key, words) in seen.items():
            value = counts.get(h, 0) + 1 + place
            counts[h] = value
            count = value & LOW
            if count == first_example:
                state.examples[h] = key
            if count == 1 and words >= body_words and _terminal(key):
                self._spread.add(h)
        for h, (place, key, filled) in shapes.items():
            value = counts.get(h, 0) + 1 + place
            counts[h] = value
            count = value & LOW
            if count == first_example:
                state.templates[h] = key
                state.fills[h] = filled
            elif count > first_example and state.fills.get(h, -1) not in (-1, filled):
                state.fills[h] = -1

    def _headlines(self, state: _Site, lines: list[str], first: int, title: str | None) -> None:
        if len(state.headlines) >= settings.LEARN_SITE_HEADLINES:
            return
        found = [title] if title and title.strip() else _head_titles(lines, first)
        for headline in found:
            key = match_key(" ".join(headline.split()))
            if key:
                state.headlines.setdefault(hash(fold(key)), key)

    def _prune(self, state: _Site, keep: int | None = None) -> None:
        before = len(state.counter)
        if not state.counter.prune(keep):
            return
        counts = state.counter.counts
        for table in (state.examples, state.templates, state.fills):
            for h in [h for h in table if h not in counts]:
                del table[h]
        self._total -= before - len(state.counter)

    def _prune_largest(self) -> None:
        """Over the total budget: halve the largest counters until a quarter is free."""
        for state in sorted(self.sites.values(), key=lambda s: -len(s.counter)):
            if self._total <= 0.75 * self.total_keys:
                return
            self._prune(state, len(state.counter) // 2)

    # --- the result ----------------------------------------------------------------------------

    def profile(self) -> Profile:
        """The rules learned so far, per site."""
        profile = Profile(documents=self.documents, skipped=self.skipped)
        builtin = RuleSet.default().phrases
        for name, state in self.sites.items():
            rules = self._site_rules(state, builtin) if state.docs >= self.min_docs else []
            profile.sites[name] = SiteProfile(name, state.docs, rules, state.counter.floor)
        return profile

    def _site_rules(self, state: _Site, builtin: PhraseMatcher | LayeredMatcher) -> list[LearnedRule]:
        docs = state.docs
        need = max(self.min_docs, math.ceil(self.min_share * docs - 1e-9))
        need_body = max(need, math.ceil(settings.LEARN_BODY_SHARE * docs - 1e-9))
        counts = state.counter.counts
        templates: list[LearnedRule] = []
        shapes_taken: set[int] = set()
        for h, example in state.templates.items():
            count = counts.get(h, 0) & LOW
            if count < need or state.fills.get(h) != -1 or not self._keeps(counts[h], example, count, need_body):
                continue
            if _builtin_removes(builtin, example):
                continue
            shapes_taken.add(h)
            words = example.count(" ") + 1
            templates.append(
                LearnedRule("template", example, template_pattern(example), count, count / docs, max_words=words + 6)
            )
        lines: list[LearnedRule] = []
        taken: set[int] = set()
        for h, example in state.examples.items():
            value = counts.get(h, 0)
            count = value & LOW
            if count < need or not self._keeps(value, example, count, need_body, h):
                continue
            if h in state.headlines and count - (value >> (2 * FIELD_BITS)) < self.min_docs:
                continue  # a headline: on top of its own page, promoted below others (`_promos`)
            words = example.count(" ") + 1
            shape = template(example, words)
            if (shape is not None and hash(shape) in shapes_taken) or _builtin_removes(builtin, example):
                taken.add(h)
                continue
            taken.add(h)
            lines.append(LearnedRule("line", example, line_pattern(example), count, count / docs, max_words=words + 2))
        promos = self._promos(state, taken)
        learned = sorted(templates + lines, key=lambda r: (-r.count, r.example))
        return (learned + promos)[: settings.LEARN_MAX_RULES]

    def _keeps(self, value: int, example: str, count: int, need_body: int, h: int | None = None) -> bool:
        """Whether a frequent line is template, not content (see the module's docstring)."""
        inside = (value >> FIELD_BITS) & LOW
        if inside >= settings.LEARN_INSIDE_SHARE * count:
            return False
        if example.count(" ") + 1 >= settings.LEARN_BODY_WORDS and _terminal(example):
            if count < need_body:
                return False
            if h is not None and self._spread.estimate(h) > 1:
                return False
        return True

    def _promos(self, state: _Site, taken: set[int]) -> list[LearnedRule]:
        counts = state.counter.counts
        out = []
        for h, headline in state.headlines.items():
            below = counts.get(h, 0) >> (2 * FIELD_BITS)
            if below >= settings.LEARN_PROMO_MIN_DOCS and h not in taken:
                words = headline.count(" ") + 1
                out.append(
                    LearnedRule(
                        "cross-promo", headline, line_pattern(headline), below, below / state.docs, "tail", words + 2
                    )
                )
        return sorted(out, key=lambda r: (-r.count, r.example))


def _terminal(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _ENDS


def _is_sentence(line: str) -> bool:
    """A sentence of the body: long enough, and closed by punctuation."""
    return line.count(" ") >= settings.LEARN_SENTENCE_WORDS - 1 and _terminal(line)


def _head_titles(lines: list[str], first: int) -> list[str]:
    """Headline-shaped lines above the first sentence (at most two): the document's title is
    among them; lines every page has (a menu, a site name) are weeded out by their counts."""
    out = []
    for line in lines[: min(first, 6)]:
        words = line.count(" ") + 1
        if settings.TITLE_MIN_WORDS <= words <= settings.HEADLINE_MAX_WORDS and not _terminal(line):
            out.append(line)
            if len(out) == 2:
                break
    return out


def _builtin_removes(matcher: PhraseMatcher | LayeredMatcher, example: str) -> bool:
    """Whether a built-in phrase rule removes this line wherever it stands."""
    hit = matcher.match(example, example.count(" ") + 1)
    return hit is not None and hit.rule.where == "any"
