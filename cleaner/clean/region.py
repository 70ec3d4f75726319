"""Finding the article body: the contiguous run of lines that weighs the most.

Scraped pages put the body in one block with page furniture around it, so the body is found
the way Body Text Extraction finds it in HTML: weigh each line (sentences for, menu items and
headlines and rule hits against) and take the maximum-sum run. Position then decides what
the rules may do: a headline between two body paragraphs is a subheading, the same line in
the tail is another story's headline.
"""

from __future__ import annotations

from .. import settings
from ._lines import Line


def weigh(line: Line) -> float:
    """How much a line pulls the body region towards itself (positive) or away (negative)."""
    if line.hit is not None:
        if line.hit.rule.barrier:
            return -settings.BARRIER_PENALTY
        if line.hit.rule.ends_body:
            return -settings.END_MARKER_PENALTY
        return -(settings.RULE_HIT_PENALTY + line.words)
    if line.terminal:
        return float(line.words) if line.words >= settings.MIN_SENTENCE_WORDS else 0.0
    if line.kind == "code":
        return 0.0
    if line.kind != "text":
        return line.words * settings.LONG_UNPUNCTUATED_WEIGHT
    if line.words >= settings.LONG_LINE_WORDS:
        return line.words * settings.LONG_UNPUNCTUATED_WEIGHT
    return -settings.SHORT_LINE_PENALTY


def body_region(lines: list[Line]) -> tuple[int, int]:
    """First and last index of the body: the maximum-sum run before the first barrier that
    follows some body (a comment section is never the article, however long); the whole
    text when no run stands out (a listing's cards, a forum's posts: no one body to frame)."""
    weights = [line.weight for line in lines]
    before = 0.0
    for i, line in enumerate(lines):
        if line.hit is not None and line.hit.rule.barrier and before >= settings.BODY_BEFORE_BARRIER:
            weights = weights[:i]
            break
        before += max(line.weight, 0.0)
    best, best_start, best_end = 0.0, 0, -1
    current, start = 0.0, 0
    for i, w in enumerate(weights):
        if current <= 0:
            current, start = w, i
        else:
            current += w
        if current > best:
            best, best_start, best_end = current, start, i
    total = sum(w for w in weights if w > 0)
    if best < settings.MIN_BODY_WEIGHT or best < settings.MIN_BODY_SHARE * total:
        return 0, len(lines) - 1
    return best_start, best_end


def frame(lines: list[Line], start: int, end: int) -> list[str]:
    """Where each line stands: ``head``, ``body`` or ``tail``.

    In a whole page's text, a long head or tail of menu-shaped lines around the best run is
    page furniture. In an extractor's output, lines outside the run are furniture only when a
    rule hit says so: the head up to its last hit when no sentence stands there, the tail from
    an end marker, or from a hit after which no sentence follows. Otherwise what lies outside
    the run is body: a closing list, a table, a short last line.
    """
    positions = ["body"] * len(lines)
    head, tail = lines[:start], lines[end + 1 :]
    page = is_full_page(lines) and _is_article(lines[start : end + 1])
    head_end = start if page and _is_furniture(head) else _last_head_hit(head) + 1
    positions[:head_end] = ["head"] * head_end
    tail_start = end + 1 if page and _is_furniture(tail) else _first_tail_hit(tail, len(lines))
    positions[tail_start:] = ["tail"] * (len(lines) - tail_start)
    return positions


def _last_head_hit(head: list[Line]) -> int:
    """Index of the last rule hit of the head when only titles, labels and hits precede it."""
    last = -1
    for line in head:
        if line.hit is not None:
            last = line.index
        elif line.terminal and line.words >= settings.MIN_SENTENCE_WORDS:
            break
    return last


def _first_tail_hit(tail: list[Line], total: int) -> int:
    """Index where the tail starts: an end marker, or a hit with no sentence (nor list item,
    nor table row) after it."""
    sentence_after = False
    start = total
    for line in reversed(tail):
        if line.hit is not None and (line.hit.rule.ends_body or line.hit.rule.barrier or not sentence_after):
            start = line.index
        if line.hit is None and (
            line.kind in ("list", "table") or (line.terminal and line.words >= settings.MIN_SENTENCE_WORDS)
        ):
            sentence_after = True
    return start


def is_full_page(lines: list[Line]) -> bool:
    """Whether the text is a whole page's visible text (menus, footers and all) rather than
    an extractor's output: the page's interface ("Menu", "Sign in", "Comments") shows through,
    or many kinds of boilerplate at once (legal lines, share buttons, a newsletter box...)."""
    signals = 0
    kinds: set[str] = set()
    for line in lines:
        if line.hit is not None:
            kinds.add(line.hit.rule.name)
            signals += line.hit.rule.name in settings.PAGE_SIGNAL_RULES
    return signals >= settings.PAGE_MIN_SIGNALS or len(kinds) >= settings.PAGE_MIN_KINDS


def _is_article(body: list[Line]) -> bool:
    """A body worth framing holds a few sentences; one or two are a listing's blurb."""
    sentences = sum(1 for line in body if line.terminal and line.words >= settings.MIN_SENTENCE_WORDS)
    return sentences >= settings.MIN_BODY_SENTENCES


def _is_furniture(lines: list[Line]) -> bool:
    """A long run of lines that are mostly menu items, labels, headlines and rule hits."""
    if len(lines) < settings.FURNITURE_MIN_LINES:
        return False
    shaped = sum(1 for line in lines if line.hit is not None or _furniture_shaped(line))
    return shaped >= settings.FURNITURE_MIN_SHARE * len(lines)


def _furniture_shaped(line: Line) -> bool:
    return line.kind == "text" and not line.terminal and line.words <= settings.HEADLINE_MAX_WORDS
