"""A cheap language guess from stop words, for texts that come without HTML metadata."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")
#: Only the start of a text is read: a few hundred words settle the language.
SAMPLE_CHARS = 1500
#: Fewer stop-word hits than this and the guess is not made.
MIN_HITS = 5


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = tomllib.loads((resources.files("cleaner") / "data" / "stopwords.toml").read_text("utf-8"))
    return {lang: frozenset(words.split()) for lang, words in data.items()}


def guess(text: str) -> str | None:
    """ISO 639-1 code of the language whose stop words are most frequent, or None."""
    counts = Counter(_WORD.findall(text[:SAMPLE_CHARS].lower()))
    if not counts:
        return None
    best, best_hits = None, 0
    for lang, stop in _stopwords().items():
        hits = sum(counts[w] for w in stop.intersection(counts))
        if hits > best_hits:
            best, best_hits = lang, hits
    return best if best_hits >= MIN_HITS else None
