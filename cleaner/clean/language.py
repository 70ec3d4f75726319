"""A cheap language guess from stop words, for texts that come without HTML metadata."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")
#: Only the start of a text is read: a few hundred words settle the language.
SAMPLE_CHARS = 3000
#: Fewer stop-word hits than this and the guess is not made.
MIN_HITS = 5


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = tomllib.loads((resources.files("cleaner") / "data" / "stopwords.toml").read_text("utf-8"))
    return {lang: frozenset(words.split()) for lang, words in data.items()}


def guess(text: str) -> str | None:
    """ISO 639-1 code of the language whose stop words are most frequent, or None."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return None
    best, best_hits = None, 0
    for lang, stop in _stopwords().items():
        hits = sum(1 for w in words if w in stop)
        if hits > best_hits:
            best, best_hits = lang, hits
    return best if best_hits >= MIN_HITS else None
