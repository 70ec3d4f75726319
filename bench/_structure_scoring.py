"""Scoring of `bench/structure.py`: does an extractor's Markdown keep the page's structure?

WCXB's truth is plain text, so the structure a correct output must carry is taken from the page
itself: an element of the HTML counts when the truth's `main_content` says it is main content.
A heading `<h1>`–`<h6>` counts when its text is a whole line of the truth; a `<pre>` with two or
more non-blank lines when most of them are lines of the truth; a `<li>` (its own text, sub-lists
left out) when its text is a *list line* of the truth, which writes list items as ``- text``:
matching any line would count a table of contents' entries, whose texts are the headings', and
those are more than half of the `<li>`s whose text is some line. No element counts more often
than the truth has lines of its text (a menu's copy of a heading is not a second heading).

Output is read as Markdown with a small line-level reader (not a full CommonMark parser: what a
writer emits is regular enough, and a scorer must not depend on the writer under test). For the
line F1 its markup is stripped (block markers, emphasis, links to their text, images, escapes,
table pipes, front matter) but code lines are taken literally; the truth and plain-text outputs
lose only list markers and table pipes, the markup WCXB's plain text has. Every line's leading
list marker goes on both sides, so ``1. Tip`` as a heading and as the truth's line agree.

Lines are compared by a key that forgives what is not structure: case, runs of whitespace, and
typographic punctuation (WCXB's annotators turned curly quotes and ellipses into ASCII on some
pages and not on others). Code is compared exactly instead, line by line, leading whitespace
included (trailing whitespace is invisible and is ignored).

The page's title is not structure of the body: whether it leads the output is a writer option,
and the truth holds it on only a few pages. `<h1>` elements whose text is the truth's title are
left out of the heading figure, and lines equal to the title out of the line F1, on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser, LexborNode

T = TypeVar("T")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Elements whose start breaks the text of a heading or list item into words (selectolax
#: glues adjacent text nodes together).
_BREAKING = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
     "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
     "td", "th", "thead", "tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
)  # fmt: skip
_SKIPPED = frozenset({"script", "style", "template", "noscript"})
#: How much of a `<pre>`'s non-blank lines must be lines of the truth for it to be main content.
CODE_IN_TRUTH = 0.5

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")


def key(text: str) -> str:
    """The form two texts are compared in: NFKC, ASCII quotes and dashes, collapsed space, case-folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _SPACE.sub(" ", text).strip().casefold()


# --- reading Markdown ------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PROTECT = 0xE000  # escaped characters are parked in the private use area while markup is removed
_IMAGE = re.compile(r"!\[[^\]]*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z_])_(?=\S)(.+?)(?<=\S)_(?![0-9A-Za-z_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")

_QUOTE = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_TASK = re.compile(r"^\[[ xX]\][ \t]+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_PIPE = re.compile(r"(?<!\\)\|")


def inline_text(markdown: str) -> str:
    """The visible text of one line of Markdown: links to their text, images and emphasis
    markers dropped, backslash escapes resolved (an escaped character is never markup)."""
    text = _ESCAPE.sub(lambda m: chr(_PROTECT + ord(m.group(1))), markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE_SPAN.sub(lambda m: m.group(2).strip() if m.group(2).strip() else m.group(2), text)
    for _ in range(2):  # ***both*** and nested emphasis
        text = _STRONG.sub(r"\2", text)
        text = _STAR.sub(r"\1", text)
        text = _UNDERSCORE.sub(r"\1", text)
        text = _STRIKE.sub(r"\1", text)
    text = text.rstrip()
    if text.endswith("\\") and not text.endswith("\\\\"):  # a hard line break
        text = text[:-1]
    return "".join(chr(ord(c) - _PROTECT) if _PROTECT <= ord(c) < _PROTECT + 128 else c for c in text)


def _table_row(line: str, *, markdown: bool = True) -> str | None:
    """A table row's cells joined by a space, or None when `line` is not a row."""
    stripped = line.strip()
    if not (stripped.startswith("|") or (stripped.endswith("|") and _PIPE.search(stripped[:-1]))):
        return None
    inner = stripped[1:] if stripped.startswith("|") else stripped
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    cells = [cell.replace("\\|", "|") for cell in _PIPE.split(inner)]
    return " ".join(inline_text(c) if markdown else c for c in cells)


def _bare(text: str) -> str:
    """`text` without a leading list marker. Applied to every line's visible text, of the truth
    (which writes list items as ``- text``) and of the outputs alike, so that a heading
    ``1. Tip`` is the same line whether a writer escapes its ``1.`` or not."""
    item = None if _RULE.match(text) else _ITEM.match(text)
    return _TASK.sub("", item.group(3) or "") if item else text


def plain_keys(text: str) -> list[str]:
    """The line keys of a plain text (the truth, a plain-text output): list markers and table
    pipes are all the markup it has; everything else is literal."""
    out = []
    for line in text.splitlines():
        if _TABLE_SEP.match(line) or _RULE.match(line):
            continue
        row = _table_row(line, markdown=False)
        if k := key(row if row is not None else _bare(line)):
            out.append(k)
    return out


@dataclass
class Parsed:
    """What the Markdown reader found: heading (key, level) pairs, list item keys, code blocks
    (their lines, right-stripped, the fence's or block's indentation removed), and the key of
    every line with text (markup stripped; code lines literal) for the line F1."""

    headings: list[tuple[str, int]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    code: list[list[str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def line(self, text: str) -> None:
        if k := key(text):
            self.lines.append(k)


def strip_front_matter(markdown: str) -> str:
    """Drop a leading YAML (``---``) or TOML (``+++``) metadata block: it is not the body."""
    lines = markdown.split("\n")
    if lines and lines[0].strip() in ("---", "+++"):
        fence = lines[0].strip()
        for i in range(1, len(lines)):
            if lines[i].strip() in (fence, "..."):
                return "\n".join(lines[i + 1 :])
    return markdown


def _dedent(line: str, width: int) -> str:
    i = 0
    while i < width and i < len(line) and line[i] == " ":
        i += 1
    return line[i:]


def _trim(lines: list[str]) -> list[str]:
    lines = [ln.rstrip() for ln in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def parse_markdown(markdown: str) -> Parsed:
    """Read headings (ATX and setext), list items and code blocks (fenced and indented)."""
    out = Parsed()
    lines = strip_front_matter(markdown).split("\n")
    paragraph: list[str] = []  # the current paragraph's raw lines, for a setext underline
    in_list = False  # a list is open: indented lines continue its items rather than start code
    indented: list[str] | None = None
    prev_blank = True
    i = 0
    while i < len(lines):
        quoted = _QUOTE.match(lines[i])
        depth = quoted.group(0).count(">") if quoted else 0
        line = lines[i][quoted.end() :] if quoted else lines[i]
        fence = _FENCE.match(line)
        if fence and indented is None and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            width, mark = len(fence.group(1).expandtabs(4)), fence.group(2)
            body: list[str] = []
            i += 1
            while i < len(lines):
                inner = lines[i]
                for _ in range(depth):
                    inner = re.sub(r"^[ ]{0,3}>[ ]?", "", inner, count=1)
                close = _FENCE.match(inner)
                if (
                    close
                    and close.group(2)[0] == mark[0]
                    and len(close.group(2)) >= len(mark)
                    and not close.group(3).strip()
                ):
                    break
                body.append(_dedent(inner, width))
                out.line(_bare(body[-1]))
                i += 1
            out.code.append(_trim(body))
            paragraph, prev_blank = [], False
            i += 1
            continue
        if not line.strip():
            if indented is not None:
                indented.append("")
            paragraph, prev_blank = [], True
            i += 1
            continue
        if indented is not None or (not in_list and prev_blank and re.match(r"^(?: {4}|\t)", line)):
            if re.match(r"^(?: {4}|\t)", line):
                indented = [*(indented or []), line[1:] if line.startswith("\t") else line[4:]]
                out.line(_bare(indented[-1]))
                prev_blank = False
                i += 1
                continue
            out.code.append(_trim(indented or []))
            indented = None
        setext = _SETEXT.match(line)
        if setext and paragraph:
            level = 1 if setext.group(1)[0] == "=" else 2
            out.headings.append((key(inline_text(" ".join(p.strip() for p in paragraph))), level))
            paragraph, prev_blank = [], False
            i += 1
            continue
        atx = _ATX.match(line)
        item = None if (atx or _RULE.match(line)) else _ITEM.match(line)
        row = None if (atx or item or _TABLE_SEP.match(line)) else _table_row(line)
        if atx:
            text = inline_text(atx.group(2) or "")
            out.headings.append((key(text), len(atx.group(1))))
            out.line(_bare(text))
            paragraph, in_list = [], False
        elif item:
            text = inline_text(_TASK.sub("", item.group(3) or ""))
            out.items.append(key(text))
            out.line(text)
            paragraph, in_list = [], True
        elif _RULE.match(line) or _TABLE_SEP.match(line) or row is not None:
            if row is not None:
                out.line(row)
            paragraph, in_list = [], False
        else:
            if prev_blank and in_list and not line[:1].isspace():
                paragraph, in_list = [], False
            paragraph.append(line)
            out.line(_bare(inline_text(line)))
        prev_blank = False
        i += 1
    if indented is not None:
        out.code.append(_trim(indented))
    return out


# --- the truth, from the page and WCXB's main_content ------------------------------------------


@dataclass
class Truth:
    """The structure a page's main content has: headings (key, level), multi-line code blocks
    (their lines, right-stripped), list item keys, the truth's line keys (title lines removed),
    and how many title `<h1>`s were left out."""

    headings: list[tuple[str, int]]
    code: list[list[str]]
    items: list[str]
    lines: list[str]
    title_h1: int
    title: str


def _truth_lines(main_content: str) -> tuple[Counter[str], Counter[str]]:
    """How many lines of the truth have each key, and how many of its list lines (WCXB writes
    a list item as ``- text`` or ``1. text``) have each text."""
    plain: Counter[str] = Counter()
    listed: Counter[str] = Counter()
    for line in main_content.splitlines():
        if k := key(line):
            plain[k] += 1
        item = None if _RULE.match(line) else _ITEM.match(line)
        if item and (k := key(item.group(3) or "")):
            listed[k] += 1
    return plain, listed


def _ancestor_in(node: LexborNode, stop: LexborNode | None, tags: frozenset[str]) -> bool:
    """Whether an element between `node` and `stop` (both excluded; None: the root) has one of `tags`."""
    parent = node.parent
    while parent is not None and parent != stop:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def element_text(node: LexborNode, *, skip: frozenset[str] = frozenset()) -> str:
    """An element's visible text, words kept apart at block boundaries, nested `skip` elements
    (a list item's sub-list) left out."""
    parts: list[str] = []
    for child in node.traverse(include_text=True):
        if child == node:
            continue
        if child.tag == "-text":
            if not _ancestor_in(child, node, _SKIPPED | skip):
                parts.append(child.text_content or "")
        elif child.tag in _BREAKING:
            parts.append(" ")
    return _SPACE.sub(" ", "".join(parts)).strip()


def pre_text(node: LexborNode) -> str:
    """A `<pre>`'s text as it is shown: every character kept, `<br>` a line break."""
    parts: list[str] = []
    for child in node.traverse(include_text=True):
        if child == node:
            continue
        if child.tag == "-text":
            if not _ancestor_in(child, node, _SKIPPED):
                parts.append(child.text_content or "")
        elif child.tag == "br":
            parts.append("\n")
    return "".join(parts).replace("\r\n", "\n").replace("\r", "\n")


def _capped(found: Iterable[T], text_of: Callable[[T], str], available: Counter[str]) -> Iterator[T]:
    """Elements in page order, no more of one text than the truth has lines of it."""
    left = Counter(available)
    for element in found:
        if left[text_of(element)] > 0:
            left[text_of(element)] -= 1
            yield element


def derive_truth(html: str, main_content: str, title: str | None) -> Truth:
    tree = LexborHTMLParser(html)
    lines, listed = _truth_lines(main_content)
    title_key = key(title or "")
    title_h1 = 0
    found: list[tuple[str, int]] = []
    for node in tree.css(",".join(HEADING_TAGS)):
        text = key(element_text(node))
        if not text or text not in lines:
            continue
        if node.tag == "h1" and text == title_key:
            title_h1 += 1
            continue
        found.append((text, int(str(node.tag)[1])))
    headings = list(_capped(found, lambda h: h[0], lines))

    truth_set = set(lines)
    code: list[list[str]] = []
    for node in tree.css("pre"):
        if _ancestor_in(node, None, frozenset({"pre"})):  # a <pre> inside a <pre> is part of it
            continue
        block = _trim(pre_text(node).split("\n"))
        solid = [key(ln) for ln in block if ln.strip()]
        if len(solid) >= 2 and sum(1 for k in solid if k in truth_set) / len(solid) > CODE_IN_TRUTH:
            code.append(block)

    li = (key(element_text(n, skip=frozenset({"ul", "ol"}))) for n in tree.css("li"))
    items = list(_capped((t for t in li if t and t in listed), lambda t: t, listed))

    truth_lines = [k for k in plain_keys(main_content) if k != title_key]
    return Truth(headings, code, items, truth_lines, title_h1, title_key)


# --- scores ----------------------------------------------------------------------------------


def _consume(wanted: Iterable[object], have: Iterable[object]) -> int:
    """How many of `wanted` are in `have`, each of `have` used once."""
    left = Counter(have)
    hits = 0
    for w in wanted:
        if left[w] > 0:
            left[w] -= 1
            hits += 1
    return hits


def _contains_run(block: list[str], run: list[str]) -> bool:
    n = len(run)
    return any(block[i : i + n] == run for i in range(len(block) - n + 1))


def line_prf(truth: list[str], pred: list[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the multiset of predicted line keys against the truth's."""
    if not truth and not pred:
        return 1.0, 1.0, 1.0
    overlap = sum((Counter(truth) & Counter(pred)).values())
    p = overlap / len(pred) if pred else 0.0
    r = overlap / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class PageScore:
    """Hits and totals of the three structure figures on one page, and its line P/R/F1."""

    headings: tuple[int, int]
    headings_any_level: int
    code: tuple[int, int]
    items: tuple[int, int]
    line: tuple[float, float, float]


def score(truth: Truth, output: str, *, markdown: bool = True) -> PageScore:
    """Score one output against the truth; a plain text (`markdown` false) has no structure,
    and its lines are read literally, as the truth's are."""
    parsed = parse_markdown(output)
    heading_hits = _consume(truth.headings, parsed.headings)
    any_level = _consume((t for t, _ in truth.headings), (t for t, _ in parsed.headings))
    code_hits = sum(1 for block in truth.code if any(_contains_run(b, block) for b in parsed.code))
    item_hits = _consume(truth.items, parsed.items)
    pred = [k for k in (parsed.lines if markdown else plain_keys(output)) if k != truth.title]
    return PageScore(
        (heading_hits, len(truth.headings)),
        any_level,
        (code_hits, len(truth.code)),
        (item_hits, len(truth.items)),
        line_prf(truth.lines, pred),
    )
