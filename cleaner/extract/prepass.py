"""The structural pre-pass: parse once with selectolax, drop what is never main content, read
what the page states, decide its type and find the content container.

Both engines start here: `fast` turns the container into text itself, `best` hands its much
smaller HTML to trafilatura. The container is the element whose prose (text outside links,
in blocks long enough to be sentences) most outweighs its links and labels; a container the
markup states (<article>, <main>, itemprop=articleBody) is preferred when it agrees.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .. import settings
from .._compiled import Keywords
from ._nesting import cap_nesting
from ._patterns import Profile, patterns
from .metadata import Metadata, date_near_title, read_metadata
from .pagetype import Signals, decide_page_type

_SENTENCE_END = re.compile(r"[.!?…:;。！？]\W*$")
_SCRIPTS = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
#: A keyword set's compiled judge, and the memo of the class and id values it has judged.
_Judge = tuple[Keywords, dict[str, bool]]
_JUDGES: dict[frozenset[str], _Judge] = {}
_HIDDEN = '[hidden],[style*="display:none"],[style*="display: none"],[style*="visibility:hidden"]'


@dataclass
class Prepass:
    tree: LexborHTMLParser
    container: LexborNode | None
    metadata: Metadata
    page_type: str
    profile: Profile
    #: Prose characters in the container, and on the whole (pruned) page.
    container_prose: float
    page_prose: float
    #: Characters of the container's text, and of it inside links.
    container_chars: int
    container_link_chars: int
    #: Whether the container is one the markup states.
    semantic: bool
    #: Posts or cards: the largest group of same-shaped siblings in the container.
    repeats: int
    #: What a cap on the page's size or nesting cut, said in the record.
    notes: list[str] = field(default_factory=list)


def run_prepass(html: str, url: str | None) -> Prepass:
    notes: list[str] = []
    tree = LexborHTMLParser(_bounded(html, notes))
    metadata = read_metadata(tree, url)
    p = patterns()
    body = tree.body
    _keep_large_noscript(tree, body)
    for node in reversed(tree.css(p.never_content_selector)):
        node.decompose()
    signals = Signals(
        url=url,
        schema_types=metadata.schema_types,
        og_type=_og_type(tree),
        code_blocks=len(tree.css("pre")),
        product_marks=len(tree.css(p.product_selector)),
    )
    if body is None:
        page_type = decide_page_type(signals)
        return Prepass(tree, None, metadata, page_type, p.profiles[page_type], 0.0, 0.0, 0, 0, False, 0, notes)
    # The page's size is measured again only after a step dropped something.
    page_chars = _chars(body)
    if _drop_hidden(tree, page_chars):
        page_chars = _chars(body)
    if _drop_chrome(tree, page_chars):
        page_chars = _chars(body)
    if _drop_boilerplate(tree, page_chars, p.keywords):
        page_chars = _chars(body)
    if metadata.date is None:
        metadata.date = date_near_title(body.text(deep=True, separator=" "), metadata.h1)
    cards = find_cards(body)
    if cards is not None:
        signals.cards, signals.card_share = cards.count, cards.chars / max(1, page_chars)
        signals.card_chars = cards.chars / cards.count
    page_type = decide_page_type(signals)
    profile = p.profiles[page_type]
    if not profile.keep_comments:
        _drop_boilerplate(tree, page_chars, p.comment_keywords)
        cards = None if cards is None or not cards.alive() else cards
    container, prose, page_prose, semantic = find_container(body, profile)
    if container is not None and profile.spread:
        container = _with_cards(container, cards)
    repeats = cards.count if cards is not None else 0
    chars, links = _text_and_links(container) if container is not None else (0, 0)
    return Prepass(
        tree, container, metadata, page_type, profile, prose, page_prose, chars, links, semantic, repeats, notes
    )


def _bounded(html: str, notes: list[str]) -> str:
    """A page over the size limit loses its scripts and styles first, then its end; NUL
    characters go (browsers ignore them); nesting deeper than a page needs is flattened."""
    if len(html) > settings.EXTRACT_MAX_CHARS:
        html = _SCRIPTS.sub("", html)
        if len(html) > settings.EXTRACT_MAX_CHARS:
            notes.append(f"page cut to its first {settings.EXTRACT_MAX_CHARS:,} characters")
            html = html[: settings.EXTRACT_MAX_CHARS]
    if "\x00" in html:
        html = html.replace("\x00", "")
    capped = cap_nesting(html)
    if capped is not html:
        notes.append(f"elements nested deeper than {settings.HTML_MAX_NESTING} flattened into their ancestor")
    return capped


def _og_type(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first('meta[property="og:type"]')
    return (node.attributes.get("content") or "").lower() if node is not None else None


# --- dropping --------------------------------------------------------------------------------


def _chars(node: LexborNode | None) -> int:
    return len(node.text(deep=True)) if node is not None else 0


def _keep_large_noscript(tree: LexborHTMLParser, body: LexborNode | None) -> None:
    """Some sites serve their content inside <noscript> to readers without scripts: keep it."""
    noscripts = tree.css("noscript")
    if not noscripts or body is None:
        return
    limit = settings.BOILERPLATE_MAX_SHARE * _chars(body)
    for node in noscripts:
        if _chars(node) >= limit:
            node.unwrap()


def _drop_hidden(tree: LexborHTMLParser, page_chars: int) -> bool:
    """Hidden elements, unless they hold much of the page (content a script reveals); whether
    any went."""
    limit = settings.BOILERPLATE_MAX_SHARE * page_chars
    doomed = [n for n in tree.css(_HIDDEN) if len(n.text(deep=True)) < limit]
    for node in reversed(doomed):
        node.decompose()
    return bool(doomed)


def _drop_chrome(tree: LexborHTMLParser, page_chars: int) -> bool:
    """nav, aside, footer, header, form: dropped unless they hold the content; whether any went."""
    p = patterns()
    stated = ",".join(p.semantic[:5])
    limit = settings.CHROME_MAX_SHARE * page_chars
    doomed = []
    for node in tree.css(",".join(p.chrome_tags)):  # sizes are taken before anything is dropped
        if node.css_first(stated) is not None or len(node.text(deep=True)) >= limit:
            continue
        if node.tag in ("header", "footer") and _inside(node, ("article", "main")):
            continue
        doomed.append(node)
    doomed += [n for n in tree.css(",".join(f'[role="{r}"]' for r in p.roles)) if len(n.text(deep=True)) < limit]
    unique = {n.mem_id: n for n in doomed}
    for node in sorted(unique.values(), key=_depth, reverse=True):
        node.decompose()
    return bool(unique)


def _drop_boilerplate(tree: LexborHTMLParser, page_chars: int, words: frozenset[str]) -> bool:
    """Elements whose class or id names boilerplate (share, related, newsletter, …); whether
    any went."""
    p = patterns()
    limit = settings.BOILERPLATE_MAX_SHARE * page_chars
    protect = settings.PROTECTED_MIN_SHARE * page_chars
    judge = _judge(words)
    doomed = []
    for node in tree.css("[class],[id]"):  # sizes are taken before anything inside is dropped
        attrs = node.attributes
        cls, ident = attrs.get("class"), attrs.get("id")
        named = _names_boilerplate(cls, words, judge) or _names_boilerplate(ident, words, judge)
        if not named or node.tag in ("html", "body", "article", "main"):
            continue
        chars = len(node.text(deep=True))
        if chars >= limit or (
            chars >= protect and (_names_boilerplate(cls, p.protect) or _names_boilerplate(ident, p.protect))
        ):
            continue
        doomed.append(node)
    for node in reversed(doomed):
        node.decompose()
    return bool(doomed)


def _judge(words: frozenset[str]) -> _Judge:
    """The judge of `words`, compiled once; its memo starts again past 100,000 values (pages
    repeat values, sites seldom share them)."""
    found = _JUDGES.get(words)
    if found is None or len(found[1]) > 100_000:
        found = _JUDGES[words] = (found[0] if found else Keywords(words), {})
    return found


def _names_boilerplate(value: str | None, words: frozenset[str], judge: _Judge | None = None) -> bool:
    """Whether a class or id value holds a boilerplate token (the compiled core's tokens:
    split at whitespace, ``_``, ``-`` and ``aB`` case changes; a token or two neighbours joined
    by ``-`` or nothing); `judge` is `_judge(words)`, taken once by a caller that asks for
    every element of a page."""
    if not value:
        return False
    keywords, memo = _judge(words) if judge is None else judge
    verdict = memo.get(value)
    if verdict is None:
        verdict = memo[value] = keywords.named_by(value)
    return verdict


def _depth(node: LexborNode) -> int:
    depth, parent = 0, node.parent
    while parent is not None and depth < 10_000:
        depth, parent = depth + 1, parent.parent
    return depth


def _inside(node: LexborNode, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    for _ in range(settings.MAX_ANCESTORS):
        if parent is None:
            return False
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


# --- the container ---------------------------------------------------------------------------


def find_container(body: LexborNode, profile: Profile) -> tuple[LexborNode | None, float, float, bool]:
    """(container, its prose, the page's prose, whether the markup states it)."""
    p = patterns()
    scores: dict[int, list[float]] = {}
    nodes: dict[int, LexborNode] = {}
    block_selector = p.block_selector
    total = 0.0
    blocks = body.css(block_selector)
    up = _Parents()
    outer = _holders(blocks, up)
    linked = _link_chars(body, up)
    stop = ("html", "#document")
    for el in blocks:
        tag = el.tag or ""
        key = el.mem_id
        nested = key in outer
        text = el.text(deep=not nested).strip()
        if not text:
            continue
        n = len(text)
        link = 0 if nested else linked.get(key, 0)
        good, bad = _weigh(tag, text, n, min(link, n), profile)
        total += good
        step = up.of(key, el)
        weight, decay, net = 1.0, profile.decay, good - settings.LINK_PENALTY * bad
        for _ in range(settings.MAX_ANCESTORS):
            if step is None or step[2] in stop:
                break
            key, node = step[0], step[1]
            entry = scores.get(key)
            if entry is None:
                scores[key] = [good, weight * net]
                nodes[key] = node
            else:
                entry[0] += good
                entry[1] += weight * net
            weight *= decay
            step = up.of(key, node)
    if not scores:
        return None, 0.0, total, False
    best_key = max(scores, key=lambda k: scores[k][1])
    best = nodes[best_key]
    best_score = scores[best_key][1]
    semantic = _stated_container(body)
    if semantic is not None and semantic.mem_id in scores:
        s_good, s_score = scores[semantic.mem_id]
        if _contains(best, semantic) and s_good >= settings.SEMANTIC_SHARE * scores[best_key][0]:
            return semantic, s_good, total, True
        if _contains(semantic, best) and s_score >= settings.SEMANTIC_WIDEN * best_score:
            return semantic, s_good, total, True
    return best, scores[best_key][0], total, False


#: An element's parent: (its ``mem_id``, the node, its tag).
_Parent = tuple[int, LexborNode, str]


class _Parents:
    """Each element's parent, asked of the tree once. The container finder walks up from
    every block and every link, and the same ancestors come up again and again: selectolax
    makes a new node object (and a new tag string) at each ``.parent``."""

    __slots__ = ("_up",)

    def __init__(self) -> None:
        self._up: dict[int, _Parent | None] = {}

    def of(self, key: int, node: LexborNode) -> _Parent | None:
        """The parent of `node`, whose ``mem_id`` is `key` (None at the top)."""
        up = self._up
        if key in up:
            return up[key]
        parent = node.parent
        found = None if parent is None else (parent.mem_id, parent, parent.tag or "")
        up[key] = found
        return found


def _holders(blocks: list[LexborNode], up: _Parents) -> set[int]:
    """The ids of elements that hold a block: each ancestor chain is walked until a known one."""
    held: set[int] = set()
    for el in blocks:
        step = up.of(el.mem_id, el)
        while step is not None and step[0] not in held:
            held.add(step[0])
            step = up.of(step[0], step[1])
    return held


def _link_chars(body: LexborNode, up: _Parents) -> dict[int, int]:
    """Per element (by ``mem_id``): the characters of the links inside it. One pass over the
    page's links, each added to its ancestors, costs less than a CSS query per block."""
    chars: dict[int, int] = {}
    for a in body.css("a"):
        n = len(a.text(deep=True))
        if not n:
            continue
        step = up.of(a.mem_id, a)
        while step is not None:
            key = step[0]
            chars[key] = chars.get(key, 0) + n
            step = up.of(key, step[1])
    return chars


def _weigh(tag: str, text: str, n: int, link: int, profile: Profile) -> tuple[float, float]:
    """A block's (good, bad) characters: prose is good, links and labels are bad."""
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return (n - link) * 0.5 + link * profile.link_weight * 0.5, link * (1 - profile.link_weight)
    prose = n - link
    if n >= settings.MIN_PROSE_CHARS or _SENTENCE_END.search(text):
        return prose + link * profile.link_weight, link * (1 - profile.link_weight)
    return 0.0, settings.LABEL_PENALTY * prose + link * (1 - profile.link_weight)


def _stated_container(body: LexborNode) -> LexborNode | None:
    """The first stated container selector that matches exactly one element."""
    for selector in patterns().semantic:
        found = body.css(selector)
        if len(found) == 1:
            return found[0]
    return None


def _contains(outer: LexborNode, inner: LexborNode) -> bool:
    node: LexborNode | None = inner
    target = outer.mem_id
    for _ in range(settings.MAX_ANCESTORS * 2):
        if node is None:
            return False
        if node.mem_id == target:
            return True
        node = node.parent
    return False


# --- posts and cards -------------------------------------------------------------------------


@dataclass
class Cards:
    """The largest group of same-shaped siblings: posts of a thread, cards of a listing."""

    parent: LexborNode
    count: int
    chars: int

    def alive(self) -> bool:
        return self.parent.parent is not None


def find_cards(body: LexborNode) -> Cards | None:
    """The parent whose same-shaped children (same tag and first class) hold the most text."""
    groups: dict[tuple[int, str, str], int] = {}
    parents: dict[int, LexborNode] = {}
    for el in body.css(patterns().card_selector):
        parent = el.parent
        if parent is None:
            continue
        cls = (el.attributes.get("class") or "").split()
        key = (parent.mem_id, el.tag or "", cls[0] if cls else "")
        groups[key] = groups.get(key, 0) + 1
        parents[parent.mem_id] = parent
    best: Cards | None = None
    best_score = 0.0
    for (pid, _, _), count in groups.items():
        if count < settings.MIN_CARDS:
            continue
        chars = _chars(parents[pid])
        score = chars * math.log(count)  # many small cards beat a few wrappers of the same text
        if score > best_score:
            best, best_score = Cards(parents[pid], count, chars), score
    return best


def _with_cards(container: LexborNode, cards: Cards | None) -> LexborNode:
    """Widen the container to hold the cards (or posts) when they hold more text than it."""
    if cards is None or _contains(container, cards.parent):
        return container
    chars = _chars(container)
    if cards.chars < settings.CARDS_OVER_PROSE * chars:
        return container
    common = _common_ancestor(container, cards.parent)
    if common is not None and _chars(common) <= settings.COMMON_SLACK * (chars + cards.chars):
        return common
    return cards.parent


def _common_ancestor(a: LexborNode, b: LexborNode) -> LexborNode | None:
    seen = set()
    node: LexborNode | None = a
    for _ in range(settings.MAX_ANCESTORS * 2):
        if node is None:
            break
        seen.add(node.mem_id)
        node = node.parent
    node = b
    for _ in range(settings.MAX_ANCESTORS * 2):
        if node is None:
            return None
        if node.mem_id in seen:
            return node
        node = node.parent
    return None


def _text_and_links(node: LexborNode) -> tuple[int, int]:
    chars = len(" ".join(node.text(deep=True).split()))
    links = sum(len(" ".join(a.text(deep=True).split())) for a in node.css("a"))
    return chars, min(links, chars)
