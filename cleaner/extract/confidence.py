"""`Article.confidence`: a cheap estimate, in [0, 1], of how well extraction went.

High when the content sits in one container that holds most of the page's prose, few of its
words are links and most are prose, there is enough text, the page states who or when, the text
cleaner had little to remove, the page type is one extraction handles well, and (for the best
engine, where asked) trafilatura and the block scorer agree on the words.
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


def containment(part: str, whole: str) -> float:
    """The share of the words of `part` that `whole` also has."""
    cp, cw = Counter(_WORD.findall(part.lower())), Counter(_WORD.findall(whole.lower()))
    total = sum(cp.values())
    return sum((cp & cw).values()) / total if total else 0.0


def confidence(
    *,
    words: int,
    concentration: float,
    link_share: float,
    prose_share: float,
    page_type: str,
    dated: bool,
    removed_share: float,
) -> float:
    """Signals of a clean extraction, each in [0, 1], weighed (weights checked for rank
    correlation with per-page F1 on WCXB dev; they are round on purpose)."""
    if words == 0:
        return 0.0
    length = min(1.0, math.log1p(words) / math.log1p(400))
    score = (
        0.25 * _TYPE_PRIOR.get(page_type, 0.5)
        + 0.20 * (1.0 - min(1.0, link_share * 2))
        + 0.15 * min(1.0, prose_share)
        + 0.15 * length
        + 0.10 * (1.0 if dated else 0.0)
        + 0.15 * min(1.0, concentration)
        - 0.30 * removed_share
    )
    return round(max(0.0, min(1.0, score)), 3)


def blend(score: float, agree: float) -> float:
    """The confidence once a second extractor has been asked: agreement counts for much."""
    return round(max(0.0, min(1.0, 0.6 * score + 0.4 * agree)), 3)
