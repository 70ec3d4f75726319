"""Bound how deep a page nests before the parser sees it.

An HTML parser checks the stack of open elements for most start tags ("is a <p> open in
scope?"), so its time grows with the number of elements times their depth: 100,000 nested
elements took lexbor 25 seconds. No page a person reads nests that deep, and browsers cap it
too (their layout gives up far earlier). So one linear scan over the tags follows the nesting
the way the parser will, roughly: void elements open nothing, an end tag closes up to its
start tag, a ``<p>`` or ``<li>`` left open is closed by the next one, raw text (scripts,
styles, comments) is skipped. Start tags beyond `settings.HTML_MAX_NESTING` are removed with
their end tags, and their text stays where it was: it becomes text of the element at the cap
(a removed block element leaves a ``<br>``, so its paragraphs stay apart).

The scan only runs on pages that may nest that deep: counts of start and end tags per slice of
the page bound the depth from above (the compiled core counts them in one pass: start tags
are the ``<`` that open no end tag, comment, doctype or void element), and on almost every
page that bound is below the cap.
"""

from __future__ import annotations

import re

from .. import _compiled, settings

_TAG = re.compile(r"<(?:!--|(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>)")
_COMMENT_END = re.compile(r"-->")
_RAW = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
#: Start tags that close an open element of the same kind (or, for a block, an open <p>).
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
     "h1", "h2", "h3", "h4", "h5", "h6", "header", "main", "nav", "ol", "p", "pre", "section", "table", "ul"}
)  # fmt: skip


_BLOCKS = _CLOSES_P | {"li", "dt", "dd", "tr", "td", "th", "caption", "figcaption", "blockquote"}
_SLICE = 1024  # small enough that a flat page of many short tags stays under the cap


def cap_nesting(html: str, limit: int | None = None) -> str:
    """`html` with start tags nested deeper than `limit` (and their end tags) removed."""
    limit = settings.HTML_MAX_NESTING if limit is None else limit
    if not _compiled.may_nest_deeper(html, limit, _SLICE):
        return html
    stack: list[str] = []
    dropped: dict[str, int] = {}
    cuts: list[tuple[int, int, str]] = []
    pos = 0
    search = _TAG.search
    while True:
        m = search(html, pos)
        if m is None:
            break
        pos = m.end()
        name = m.group(2)
        if name is None:  # a comment
            end = _COMMENT_END.search(html, pos)
            if end is None:
                break
            pos = end.end()
            continue
        name = name.lower()
        if m.group(1):  # an end tag
            if dropped.get(name):
                dropped[name] -= 1
                cuts.append((m.start(), pos, ""))
            elif name in stack:
                while stack and stack.pop() != name:
                    pass
            continue
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if stack and ((name in _SELF_CLOSING and stack[-1] == name) or (stack[-1] == "p" and name in _CLOSES_P)):
            stack.pop()
        if len(stack) >= limit:
            dropped[name] = dropped.get(name, 0) + 1
            cuts.append((m.start(), pos, "<br>" if name in _BLOCKS else ""))
        else:
            stack.append(name)
        if name in _RAW:  # its text is not markup: skip to its end tag
            end = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            if end is None:
                break
            pos = end.start()
    if not cuts:
        return html
    parts: list[str] = []
    last = 0
    for cut_start, cut_end, instead in cuts:
        parts.append(html[last:cut_start])
        parts.append(instead)
        last = cut_end
    parts.append(html[last:])
    return "".join(parts)
