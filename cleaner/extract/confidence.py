"""`Article.confidence`: a cheap estimate, in [0, 1], of how well extraction went.

High when the content sits in one container that holds most of the page's prose, few of its
words are links and most are prose, there is enough text, the page states who or when, the text
cleaner had little to remove, the page type is one extraction handles well, and (for the best
engine, where asked) trafilatura and the block scorer agree on the words.
"""

from __future__ import annotations

import math

from .._compiled import word_overlap

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


def compare(a: str, b: str) -> tuple[float, float]:
    """(agreement, containment of `b` in `a`) of two extractions of the same page: their
    bag-of-words F1 (words: `re`'s ``\\w+`` runs, case-blind), and the share of `b`'s words that
    `a` also has. One count of each text and one overlap serve both; the counting, what costs on
    a long page, is the compiled core's."""
    overlap, total_a, total_b = word_overlap(a.lower(), b.lower())
    agree = 2 * overlap / (total_a + total_b) if total_a + total_b else 0.0
    return agree, (overlap / total_b if total_b else 0.0)


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
