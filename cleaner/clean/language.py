"""A cheap language guess from stop words, for texts that come without HTML metadata.

The words of the start of the text (letters, and numbers that are not digits, in lower
case) are counted against each language's stop list; the compiled core does the counting
(core/src/language.rs).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from .. import _compiled, _core

#: Only the start of a text is read: a few hundred words settle the language.
SAMPLE_CHARS = 1500
#: Fewer stop-word hits than this and the guess is not made.
MIN_HITS = 5


@cache
def _stopwords() -> _core.StopWords:
    data = tomllib.loads((resources.files("cleaner") / "data" / "stopwords.toml").read_text("utf-8"))
    return _core.StopWords([(lang, words.split()) for lang, words in data.items()])


def guess(text: str) -> str | None:
    """ISO 639-1 code of the language whose stop words are most frequent (the first in
    stopwords.toml on a tie), or None when fewer than MIN_HITS of them are found.

    Only the sample crosses into the core: a whole body would be encoded to UTF-8 first
    (a fifth of the guess's time over the ScrapingHub outputs)."""
    return _compiled.guess_language(_stopwords(), text[:SAMPLE_CHARS], SAMPLE_CHARS, MIN_HITS)
