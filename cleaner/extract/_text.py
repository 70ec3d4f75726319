"""A node's text with one line per block, the way a reader sees it (inline markup joined)."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from ._patterns import patterns

#: A private-use character marks block edges; it never occurs in real text.
_MARK = "\ue000"


def block_lines(node: LexborNode) -> list[str]:
    """The text of `node`, split at block elements, whitespace collapsed, empty lines dropped.

    Marks are inserted in the tree (it is not used afterwards) so that the parser produces the
    whole text in one call.
    """
    selector = ",".join(patterns().block_tags)
    for el in node.css(selector):
        el.insert_before(_MARK)
        el.insert_after(_MARK)
    for cell in node.css("td,th"):  # a table row is one line, its cells separated by " | "
        cell.insert_after(" | ")
    lines: list[str] = []
    previous = ""
    for part in node.text(deep=True).split(_MARK):
        line = " ".join(part.split()).strip(" |")
        if line and line != previous:
            lines.append(line)
            previous = line
    return lines
