"""The predicates that positional rules name: each judges one line in its document.

Rules stay data (`packs/positional.toml` names a predicate, a reason and where it applies);
the judgement that needs neighbours lives here, one small function per name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import settings
from ._lines import Line, is_headline_shaped, normalise


@dataclass
class Context:
    """A document as predicates see it."""

    lines: list[Line]
    positions: list[str]
    title_keys: frozenset[str]
    _copies: dict[str, list[int]] | None = field(default=None, repr=False)

    def copies(self, key: str) -> list[int]:
        """Indexes of the lines (long enough to count) that read `key`."""
        if self._copies is None:
            self._copies = {}
            for line in self.lines:
                if line.words >= settings.REPEAT_MIN_WORDS:
                    self._copies.setdefault(line.key, []).append(line.index)
        return self._copies.get(key, [])

    def is_edge(self, i: int) -> bool:
        """Among the first or last few lines of the text."""
        return i < settings.EDGE_LINES or i >= len(self.lines) - settings.EDGE_LINES


Predicate = Callable[[Context, int], bool]

#: A sentence ending inside a line: "… won 5-4. (AP Photo/…)".
_SENTENCE_INSIDE = re.compile(r"\w{2}[.!?]\s+[(“\"‘'A-ZÀ-ÖØ-Þ]")


def repeats_title(ctx: Context, i: int) -> bool:
    """The line says the title again (case, punctuation and a site-name suffix aside)."""
    line = ctx.lines[i]
    if not ctx.title_keys or ctx.positions[i] == "tail" or len(line.text) > settings.TITLE_MAX_CHARS:
        return False
    return title_key(line.text) in ctx.title_keys or normalise(line.text) in ctx.title_keys


def repeated(ctx: Context, i: int) -> bool:
    """A sentence the text says more than once: gallery captions, pull quotes, repeated
    teasers. Only sentences count (a caption may end in its credit, "… won 5-4. (AP Photo)"):
    a list, a table or a meal plan (numbers everywhere) repeats its items on purpose. The
    first copy stays."""
    line = ctx.lines[i]
    if line.words < settings.REPEAT_MIN_WORDS or line.kind != "text":
        return False
    copies = ctx.copies(line.key)  # first: most lines are said once, and this is a lookup
    if len(copies) < 2 or copies[0] == i:
        return False
    if not line.terminal and _SENTENCE_INSIDE.search(line.text) is None:
        return False
    return sum(1 for token in line.text.split() if token[:1].isdigit()) <= settings.REPEAT_MAX_NUMBER_SHARE * line.words


def headline(ctx: Context, i: int) -> bool:
    """Headline-shaped, and not an item of a numbered list (a closing list is the article's).
    A label, price or phone number is not called another story's headline: the removal's
    reason must be true, and the page-tail rule takes such lines."""
    line = ctx.lines[i]
    return line.kind != "list" and is_headline_shaped(line) and _worded(line)


_HAS_LETTER = re.compile(r"[^\W\d_]").search


def _worded(line: Line) -> bool:
    """Holds words, not only a label, a price or a number."""
    found = 0
    for token in line.text.split():
        if _HAS_LETTER(token):
            found += 1
            if found >= settings.HEADLINE_MIN_WORDS:
                return True
    return False


def shouting(ctx: Context, i: int) -> bool:
    """A headline in capitals, several words long: a link to another story set into the body
    ("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'"); a shorter one ("LOOK WHAT YOU
    MADE ME DO", "THE PLAN") is a subheading."""
    line = ctx.lines[i]
    if line.words < settings.SHOUT_MIN_WORDS or line.words > settings.HEADLINE_MAX_WORDS or line.terminal:
        return False
    return line.text.isupper()


def beside_headline(ctx: Context, i: int) -> bool:
    """A caption or teaser: next to a headline in the same part of the page."""
    here = ctx.positions[i]
    beside = any(
        0 <= j < len(ctx.lines) and ctx.positions[j] == here and ctx.lines[j].hit is None and headline(ctx, j)
        for j in (i - 1, i + 1)
    )
    return beside and _worded(ctx.lines[i])


def always(ctx: Context, i: int) -> bool:
    return True


PREDICATES: dict[str, Predicate] = {
    "repeats-title": repeats_title,
    "repeated": repeated,
    "headline": headline,
    "shouting": shouting,
    "beside-headline": beside_headline,
    "always": always,
}

_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")


def title_key(text: str) -> str:
    """A title without a trailing or leading site name ("Headline - Site"), normalised."""
    best = text
    for sep in _SITE_SEPARATORS:
        if sep in text:
            parts = [p for p in text.split(sep) if p.strip()]
            longest = max(parts, key=len)
            if len(longest) < len(best):
                best = longest
    return normalise(best)
