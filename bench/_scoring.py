"""Scoring metrics of the two shared benchmarks (see ../shared/bench/README.md).

Kept apart from the scripts so that every benchmark scores the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass
class Score:
    """Mean precision and recall over pages, F1 from the two means (ScrapingHub's way)."""

    precision: float
    recall: float
    f1: float


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_prf(truth: str, pred: str) -> tuple[float, float]:
    """Per-page precision and recall on bags of 4-token shingles."""
    t, p = _shingles(truth), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    if not t and not p:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def scrapinghub_score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Score (truth, prediction) pairs with the ScrapingHub benchmark's metric."""
    ps, rs = [], []
    for truth, pred in pairs:
        p, r = shingle_prf(truth, pred)
        ps.append(p)
        rs.append(r)
    mp, mr = sum(ps) / len(ps), sum(rs) / len(rs)
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return Score(mp, mr, f1)


def word_prf(truth: str, pred: str) -> tuple[float, float, float]:
    """WCXB's per-page bag-of-words precision, recall and F1 on lower-cased words."""
    t = Counter(_WORD.findall((truth or "").lower()))
    p = Counter(_WORD.findall((pred or "").lower()))
    overlap = sum((t & p).values())
    if not t and not p:
        return 1.0, 1.0, 1.0
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _norm(text: str) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def snippet_rates(pred: str, with_: list[str], without: list[str]) -> tuple[float | None, float | None]:
    """Share of must-have snippets found and of boilerplate snippets leaked (None: no snippets)."""
    text = _norm(pred)
    found = [(_norm(s) in text) for s in with_ if _norm(s)]
    leaked = [(_norm(s) in text) for s in without if _norm(s)]
    f = sum(found) / len(found) if found else None
    lk = sum(leaked) / len(leaked) if leaked else None
    return f, lk
