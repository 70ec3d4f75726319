"""Features of a document's judged blocks for the learned block scorer, as one numpy array.

Signals that carry across sites and languages rather than ones that name a site: what the
markup says a block is, its length and punctuation, how much of it is link text, where it stood on the page (inside
the pre-pass's container, a link group, a header or a nav: when the blocks are the whole page's), how much of it
is stop words of the page's language (jusText's lists, shipped with trafilatura, for 100
languages), digits and capitals, where it stands (in the document, and from the body run the
region finder chose), which named rule hit it and which rule removes it, and the same for its
neighbours. What only Python sees (text, marks, rule hits) is read into one list per column;
everything else is array arithmetic over the whole document.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from ..document import WHERE_CONTAINER, WHERE_DEPTH_SHIFT, WHERE_LINK_GROUP, WHERE_TAGS, WHERE_WIDE, Document
from .engine import Judgement

_KINDS = ("heading", "paragraph", "list_item", "code", "table", "quote", "caption")
_LINE_KINDS = ("text", "list", "table", "code")
_POSITIONS = ("head", "body", "tail")
#: Rule families: the built-in rules' names. A user's or a site's rule counts as ``other``.
FAMILIES = (
    "ads-and-legal",
    "byline",
    "call-to-action",
    "comments",
    "cross-promo",
    "feed-footer",
    "newsletter",
    "subscribe",
    "page-chrome",
    "duplicate-title",
    "repeated-line",
    "navigation",
    "page-tail",
    "share-links",
    "social-follow",
    "source-attribution",
    "other",
)
_FAMILY = {name: i for i, name in enumerate(FAMILIES)}

#: What the class and id names around an HTML block say (`Block.trail`), by the words of
#: markup that sites everywhere use; matched inside tokens (``post-content``, ``shareBar``).
_TRAIL_GROUPS: dict[str, str] = {
    "comment": r"comment|reply|disqus|respond",
    "share": r"share|social|sharing|follow",
    "related": r"related|recommend|read-?next|popular|trending|teaser|more-",
    "nav": r"nav|menu|breadcrumb|pagination|pager",
    "footer": r"footer|header|masthead|topbar|top-bar",
    "sidebar": r"sidebar|aside|widget|rail",
    "ad": r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|sponsor|promo|banner|dfp",
    "newsletter": r"newsletter|subscri|signup|sign-up|cta",
    "tag": r"tag|categor|topic|label",
    "meta": r"meta|byline|author|date|time",
    "caption": r"caption|credit|figure|image|photo|gallery",
    "content": r"content|article|post|entry|body|story|text|prose|main",
    "title": r"title|headline|heading",
    "card": r"card|item|list|grid|tile|thumb",
    "button": r"btn|button|icon",
    "product": r"price|product|cart|buy|review|rating|spec",
    "legal": r"copyright|legal|cookie|consent|privacy|disclaimer",
    "hidden": r"hidden|sr-only|screen-reader|visually",
}
_TRAIL_RE = {name: re.compile(pattern) for name, pattern in _TRAIL_GROUPS.items()}

#: Per-block columns that the neighbours' columns repeat (previous, next block).
_NEIGHBOUR = (
    "words_log",
    "link_share",
    "stop_share",
    "terminal",
    "kind_heading",
    "kind_list_item",
    "rule_removed",
    "in_container",
    "in_link_group",
)

_OWN: tuple[str, ...] = (
    *(f"kind_{k}" for k in _KINDS),
    *(f"line_{k}" for k in _LINE_KINDS),
    "chars_log",
    "words_log",
    "terminal",
    "colon",
    "punct_share",
    "link_share",
    "links_log",
    "stop_share",
    "digit_share",
    "upper_share",
    "starts_upper",
    "rel_pos",
    "from_start_log",
    "from_end_log",
    "in_region",
    "region_dist",
    *(f"pos_{p}" for p in _POSITIONS),
    "weight",
    "is_title",
    "level",
    "depth",
    "ordered",
    "quote",
    "word_share",
    "rule_removed",
    "rule_by_hit",
    "trail_names_log",
    *(f"trail_{g}" for g in _TRAIL_GROUPS),
    # Where the block stood on the page (`Block.where`; a block of a document not read from
    # the whole page counts as in the container, which is all it was given):
    "in_container",
    "in_link_group",
    "container_dist",
    *(f"in_{t}" for t in WHERE_TAGS),
    "dom_depth_log",
    # Its group: the blocks under the same named elements at the same depth (a list, a card,
    # a menu), and how much of the group is links, words and blocks.
    "group_blocks_log",
    "group_word_share",
    "group_link_share",
    "group_words_log",
    *(f"hit_{f}" for f in FAMILIES),
    *(f"removed_{f}" for f in FAMILIES),
)
_DOC = (
    "doc_blocks_log",
    "doc_words_log",
    "doc_link_share",
    "doc_stop_share",
    "region_share",
    "format_text",
    "format_markdown",
    "container_word_share",
)
FEATURES: tuple[str, ...] = (*_OWN, *(f"prev_{n}" for n in _NEIGHBOUR), *(f"next_{n}" for n in _NEIGHBOUR), *_DOC)
_COL = {name: i for i, name in enumerate(_OWN)}
_NEIGHBOUR_COLS = np.array([_COL[n] for n in _NEIGHBOUR])
#: The trail columns, contiguous: `trail_names_log`, then one per `_TRAIL_GROUPS`.
_TRAIL_COLS = slice(_COL["trail_names_log"], _COL["trail_names_log"] + 1 + len(_TRAIL_GROUPS))
_NO_TRAIL = (0.0,) * (1 + len(_TRAIL_GROUPS))

_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[.,;:!?…。，、！？()\[\]\"'«»“”]")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω]")
_LETTER = re.compile(r"[^\W\d_]")
_WEIGHT_CAP = 100.0


@cache
def stoplists() -> tuple[dict[str, int], np.ndarray, tuple[str, ...]]:
    """jusText's stop lists as a word index and a (words x languages) bit matrix, read once.
    Read from the installed package's files without importing it (its import is slow)."""
    spec = find_spec("justext")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    files = sorted((Path(locations[0]) / "stoplists").glob("*.txt")) if locations else []
    index: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    for lang, path in enumerate(files):
        for word in path.read_text("utf-8").split():
            pairs.append((index.setdefault(word.lower(), len(index)), lang))
    matrix = np.zeros((max(len(index), 1), max(len(files), 1)), dtype=bool)
    if pairs:
        rows, cols = np.array(pairs).T
        matrix[rows, cols] = True
    return index, matrix, tuple(p.stem for p in files)


#: Bits of the character classes the features count, per code point of the Basic
#: Multilingual Plane (a character beyond it counts as none: emoji, rare scripts).
_PUNCT_BIT, _DIGIT_BIT, _UPPER_BIT, _LETTER_BIT = 1, 2, 4, 8
_CLASS_SETS = 16
#: Which of the 16 sets of classes hold each class (sets x classes, in the order above).
_SET_HOLDS = np.array(
    [[(s & bit) > 0 for bit in (_PUNCT_BIT, _DIGIT_BIT, _UPPER_BIT, _LETTER_BIT)] for s in range(_CLASS_SETS)],
    dtype=np.int64,
)


@cache
def _class_table() -> np.ndarray:
    """Which classes each BMP code point is in, by the very patterns a per-character test
    would use, built once: counting them over a document is then array indexing."""
    table = np.zeros(0x10000, dtype=np.uint8)
    every = "".join(map(chr, range(0x10000)))
    for bit, pattern in ((_PUNCT_BIT, _PUNCT), (_DIGIT_BIT, _DIGIT), (_UPPER_BIT, _UPPER), (_LETTER_BIT, _LETTER)):
        table[[m.start() for m in pattern.finditer(every)]] |= bit
    return table


def _char_counts(texts: list[str], lengths: list[int]) -> tuple[np.ndarray, ...]:
    """Per text (of `lengths` characters): punctuation, digits, capitals and letters, in one pass over the
    document's code points rather than four regular-expression scans a block: one count per
    (text, class set) pair, then the counts of the sets that hold each class added up."""
    n = len(texts)
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _class_table()[np.where(codes < 0x10000, codes, 0)]
    owner = np.repeat(np.arange(n, dtype=np.int64) * _CLASS_SETS, lengths)
    per_set = np.bincount(owner + classes, minlength=n * _CLASS_SETS).reshape(n, _CLASS_SETS)
    counts = (per_set @ _SET_HOLDS).astype(np.float64)
    return tuple(counts.T)


#: A line break in `_tokens`' scan: the end of one text.
_BREAK = -2
_WORD_OR_BREAK = re.compile(r"\w+|\n")


@cache
def _token_index() -> dict[str, int]:
    """`stoplists`' word index, and a line break as `_BREAK` (a stop word never holds one)."""
    return {**stoplists()[0], "\n": _BREAK}


def _tokens(texts: list[str], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stop-list ids of the texts' known words, the text each is in, and each text's
    number of words: every word of the document found and looked up at once (one scan of
    the joined lower-cased texts, map and fromiter staying in C). ``\\w`` never takes a line
    break, so the breaks between the texts split them back; a text with a break of its own
    is scanned text by text."""
    n = len(texts)
    joined = "\n".join(texts).lower()
    if joined.count("\n") == n - 1:
        found = _WORD_OR_BREAK.findall(joined)
        looked_up = np.fromiter(map(index.get, found, itertools.repeat(-1)), dtype=np.int64, count=len(found))
        breaks = looked_up == _BREAK
        block = np.cumsum(breaks)[~breaks]
        looked_up = looked_up[~breaks]
        counts = np.bincount(block, minlength=n)
    else:
        token_lists = [_WORD.findall(text.lower()) for text in texts]
        counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
        tokens = itertools.chain.from_iterable(token_lists)
        looked_up = np.fromiter(map(index.get, tokens, itertools.repeat(-1)), dtype=np.int64, count=int(counts.sum()))
        block = np.repeat(np.arange(n), counts)
    known = looked_up >= 0
    return looked_up[known], block[known], counts


def block_features(doc: Document, verdict: Judgement) -> np.ndarray:
    """One row of `FEATURES` per judged block of `doc` (in `verdict.judged` order), float32.
    What only Python sees is read into one list per column (a comprehension each); every
    column is then one array assignment, not a Python store per block and column."""
    n = len(verdict.judged)
    own = np.zeros((n, len(_OWN)), dtype=np.float64)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    _, matrix, _ = stoplists()
    index = _token_index()
    lines = verdict.lines
    blocks = [doc.blocks[i] for i in verdict.judged]
    texts = [line.text for line in lines]
    token_ids, token_block, counts = _tokens(texts, index)
    words = counts.astype(np.float64)
    rows = np.arange(n)
    text_lengths = [len(text) for text in texts]
    chars_of = np.maximum(np.array(text_lengths, dtype=np.float64), 1.0)
    where = np.array([block.where for block in blocks], dtype=np.int64)
    groups: dict[tuple[str, int], int] = {}
    group_of = np.array(
        [groups.setdefault((block.trail or "", block.where >> WHERE_DEPTH_SHIFT), len(groups)) for block in blocks],
        dtype=np.int64,
    )
    link_spans = [[m.end - m.start for m in block.marks if m.kind == "link"] if block.marks else [] for block in blocks]
    link_chars = np.minimum(np.array([sum(spans) for spans in link_spans], dtype=np.float64), chars_of)
    own[rows, [_COL[f"kind_{block.kind}"] for block in blocks]] = 1.0
    own[rows, [_COL[f"line_{line.kind}"] for line in lines]] = 1.0
    own[rows, [_COL[f"pos_{p}"] for p in verdict.positions]] = 1.0
    own[:, _COL["chars_log"]] = [math.log1p(length) for length in text_lengths]
    own[:, _COL["terminal"]] = [line.terminal for line in lines]
    own[:, _COL["colon"]] = [line.ends_with_colon for line in lines]
    own[:, _COL["link_share"]] = link_chars / chars_of
    own[:, _COL["links_log"]] = [math.log1p(len(spans)) for spans in link_spans]
    own[:, _COL["starts_upper"]] = [text[:1].isupper() for text in texts]
    own[:, _COL["weight"]] = [max(-_WEIGHT_CAP, min(_WEIGHT_CAP, line.weight)) for line in lines]
    own[:, _COL["level"]] = [line.level for line in lines]
    own[:, _COL["depth"]] = [block.depth for block in blocks]
    own[:, _COL["ordered"]] = [block.ordered for block in blocks]
    own[:, _COL["quote"]] = [block.quote for block in blocks]
    own[:, _TRAIL_COLS] = [_trail(block.trail) if block.trail else _NO_TRAIL for block in blocks]
    hit = [(row, _COL[f"hit_{_family(line.hit.rule.name)}"]) for row, line in enumerate(lines) if line.hit is not None]
    if hit:
        own[tuple(np.array(hit).T)] = 1.0
    ruled = enumerate(zip(verdict.rules, lines, strict=True))
    removed = [(row, rule, line) for row, (rule, line) in ruled if rule is not None]
    if removed:
        at = np.array([row for row, _, _ in removed])
        own[at, _COL["rule_removed"]] = 1.0
        own[at, [_COL[f"removed_{_family(rule.name)}"] for _, rule, _ in removed]] = 1.0
        own[at, _COL["rule_by_hit"]] = [line.hit is not None and line.hit.rule is rule for _, rule, line in removed]
    punct, digits, upper, letters = _char_counts(texts, text_lengths)
    own[:, _COL["punct_share"]] = punct / chars_of
    own[:, _COL["digit_share"]] = digits / chars_of
    own[:, _COL["upper_share"]] = np.where(letters > 0, upper / np.maximum(letters, 1.0), 0.0)
    if verdict.title_index is not None:
        own[verdict.title_index, _COL["is_title"]] = 1.0
    stop = np.zeros(n)
    lang_share = 0.0
    if len(token_ids):
        hits = matrix[token_ids]  # (tokens, languages): which lists hold each known token
        lang = int(np.argmax(hits.sum(axis=0)))
        stop = np.bincount(token_block, weights=hits[:, lang].astype(np.float64), minlength=n).astype(np.float64)
    total_words = words.sum()
    if total_words:
        lang_share = float(stop.sum() / total_words)
    safe = np.maximum(words, 1.0)
    positions = np.arange(n, dtype=np.float64)
    start, end = verdict.region
    own[:, _COL["words_log"]] = np.log1p(words)
    own[:, _COL["stop_share"]] = stop / safe
    own[:, _COL["rel_pos"]] = positions / max(n - 1, 1)
    own[:, _COL["from_start_log"]] = np.log1p(positions)
    own[:, _COL["from_end_log"]] = np.log1p(n - 1 - positions)
    own[:, _COL["in_region"]] = (positions >= start) & (positions <= end)
    distance = np.where(positions < start, positions - start, np.where(positions > end, positions - end, 0.0))
    own[:, _COL["region_dist"]] = np.sign(distance) * np.log1p(np.abs(distance))
    own[:, _COL["word_share"]] = words / total_words if total_words else 0.0
    wide = bool((where & WHERE_WIDE).any())
    inside = (where & WHERE_CONTAINER) > 0 if wide else np.ones(n, dtype=bool)
    own[:, _COL["in_container"]] = inside
    own[:, _COL["in_link_group"]] = (where & WHERE_LINK_GROUP) > 0
    for tag, bit in WHERE_TAGS.items():
        own[:, _COL[f"in_{tag}"]] = (where & bit) > 0
    own[:, _COL["dom_depth_log"]] = np.log1p(where >> WHERE_DEPTH_SHIFT)
    rows_in = np.flatnonzero(inside)
    if len(rows_in):
        first, last = rows_in[0], rows_in[-1]
        gap = np.where(positions < first, positions - first, np.where(positions > last, positions - last, 0.0))
        own[:, _COL["container_dist"]] = np.sign(gap) * np.log1p(np.abs(gap))
    group_words = np.bincount(group_of, weights=words)
    group_links = np.bincount(group_of, weights=link_chars)
    group_chars = np.bincount(group_of, weights=chars_of)
    group_blocks = np.bincount(group_of)
    own[:, _COL["group_blocks_log"]] = np.log1p(group_blocks[group_of])
    own[:, _COL["group_word_share"]] = group_words[group_of] / total_words if total_words else 0.0
    own[:, _COL["group_link_share"]] = group_links[group_of] / np.maximum(group_chars[group_of], 1.0)
    own[:, _COL["group_words_log"]] = np.log1p(group_words[group_of])
    pad = np.zeros((1, len(_NEIGHBOUR_COLS)))
    neighbours = own[:, _NEIGHBOUR_COLS]
    previous = np.vstack([pad, neighbours[:-1]])
    following = np.vstack([neighbours[1:], pad])
    doc_row = np.array(
        [
            math.log1p(n),
            math.log1p(total_words),
            float(link_chars.sum() / max(sum(text_lengths), 1)),
            lang_share,
            (end - start + 1) / n if end >= start else 0.0,
            doc.format == "text",
            doc.format == "markdown",
            float(words[inside].sum() / total_words) if total_words else 1.0,
        ]
    )
    out = np.hstack([own, previous, following, np.broadcast_to(doc_row, (n, len(_DOC)))])
    return out.astype(np.float32)


def _family(name: str) -> str:
    return name if name in _FAMILY else "other"


@lru_cache(maxsize=16384)
def _trail(trail: str) -> tuple[float, ...]:
    """A trail's columns (`trail_names_log`, then one per `_TRAIL_GROUPS`), by trail: the
    blocks of a list, a menu or a site's template share theirs, so each is matched once."""
    return (math.log1p(trail.count(" ") + 1), *(1.0 if p.search(trail) else 0.0 for p in _TRAIL_RE.values()))
