"""`Article.confidence`: a cheap estimate, in [0, 1], of how well extraction went.

High when the content sits in one container that holds most of the page's prose, few of its
words are links, there is enough text, the page type is one extraction handles well, and (for
the best engine) trafilatura and the block scorer agree on the words.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_WORD = re.compile(r"\w+")
#: How well each page type extracts, as a prior (articles converge across tools; listings do not).
_TYPE_PRIOR = {
    "article": 1.0,
    "documentation": 0.85,
    "product": 0.6,
    "service": 0.6,
    "forum": 0.6,
    "collection": 0.5,
    "listing": 0.5,
}


def agreement(a: str, b: str) -> float:
    """Bag-of-words F1 between two extractions of the same page."""
    ca, cb = Counter(_WORD.findall(a.lower())), Counter(_WORD.findall(b.lower()))
    overlap = sum((ca & cb).values())
    total = sum(ca.values()) + sum(cb.values())
    return 2 * overlap / total if total else 0.0


def confidence(
    *, words: int, concentration: float, link_share: float, page_type: str, semantic: bool, agree: float | None
) -> float:
    if words == 0:
        return 0.0
    length = min(1.0, math.log1p(words) / math.log1p(400))
    score = (
        0.30 * min(1.0, concentration)
        + 0.15 * (1.0 - min(1.0, link_share * 2))
        + 0.25 * length
        + 0.20 * _TYPE_PRIOR.get(page_type, 0.5)
        + 0.10 * (1.0 if semantic else 0.0)
    )
    if agree is not None:
        score = 0.6 * score + 0.4 * agree
    return round(max(0.0, min(1.0, score)), 3)
