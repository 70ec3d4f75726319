"""Markdown escaping: text that a CommonMark (and GFM) renderer shows exactly as it stands.

Visible text taken from a page is full of characters Markdown reads as syntax: ``*`` and ``_``
make emphasis, ``[x](y)`` a link, ``<div>`` raw HTML, ``&amp;`` an entity, and at the start of a
line ``#``, ``>``, ``- ``, ``1. `` or a line of ``=`` make headings, quotes and lists.
Trafilatura writes such text unescaped, so its Markdown shows something else than the page did;
here every such character gets a backslash, and only where it could be read as syntax, so
ordinary prose (``snake_case``, ``5 - 3``, ``C#``) stays readable.
"""

from __future__ import annotations

import re

#: Characters escaped wherever they stand: each can open an inline construct. An underscore is
#: escaped unless inside a word, an ampersand where it would start an entity.
_SPECIAL = re.compile(r"[\\`*\[\]<~_&]")
_SPECIAL_OR_PIPE = re.compile(r"[\\`*\[\]<~_&|]")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
#: An ordered-list marker at a line start: ``1.`` or ``1)`` and a space or the line's end.
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
#: A line of only ``-`` or ``=`` (and spaces): a setext underline or a thematic break.
_UNDERLINE = re.compile(r"^[-=][-= \t]*$")


def escape_inline(text: str, *, pipes: bool = False) -> str:
    """Escape the characters that can start inline syntax (not line-start syntax)."""
    special = _SPECIAL_OR_PIPE if pipes else _SPECIAL
    if special.search(text) is None:
        return text  # most prose: nothing to escape, and no walk over its characters
    n = len(text)

    def one(match: re.Match[str]) -> str:
        ch, i = match.group(), match.start()
        if ch == "_":
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            # an underscore inside a word (snake_case) can neither open nor close emphasis
            return "_" if before.isalnum() and after.isalnum() else "\\_"
        if ch == "&":
            return "\\&" if _ENTITY.match(text, i) else "&"
        return "\\" + ch

    return special.sub(one, text)


def escape_line_start(line: str) -> str:
    """Escape what would make an (already inline-escaped) line a block of its own.

    Leading blanks are dropped: a renderer does not show them, and four of them would make
    the paragraph a code block.
    """
    line = line.lstrip(" \t")
    if not line:
        return line
    first = line[0]
    if first in "#>":
        return "\\" + line
    if first in "-+=" and (len(line) == 1 or line[1] in " \t" or _UNDERLINE.match(line)):
        return "\\" + line
    match = _ORDERED.match(line)
    if match:
        return match.group(1) + "\\" + line[match.end(1) :]
    return line


def escape_block(text: str, *, pipes: bool = False) -> str:
    """A block's visible text as Markdown source: inline escapes, then each line's start.

    Trailing blanks are dropped as well, since two of them before a line break are a hard
    break. `pipes` escapes ``|`` too (multi-line text could otherwise form a GFM table).
    """
    escaped = escape_inline(text, pipes=pipes or "\n" in text)
    return "\n".join(escape_line_start(line).rstrip(" \t") for line in escaped.split("\n"))


def escape_heading(text: str) -> str:
    """A heading's text on one line, escaped."""
    return heading_line(escape_inline(text))


def heading_line(escaped: str) -> str:
    """Inline-escaped heading text as one line, its trailing ``#`` run kept from being read as
    a closing sequence (CommonMark strips `` ###`` at a heading's end)."""
    line = escape_line_start(" ".join(escaped.split()))
    stripped = line.rstrip("#")
    if stripped != line and (not stripped or stripped.endswith((" ", "\t"))):
        return stripped + "\\" + line[len(stripped) :]
    return line


def escape_cell(text: str) -> str:
    """A table cell: one line, ``|`` escaped."""
    return escape_inline(" ".join(text.split()), pipes=True)


def code_span(code: str) -> str:
    """Inline code: a backtick run longer than any inside, padded when the code starts or ends
    with a backtick (CommonMark strips one space each side, so a padded span shows as is)."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    if code.startswith("`") or code.endswith("`") or (code.startswith(" ") and code.endswith(" ") and code.strip()):
        code = f" {code} "
    return f"{fence}{code}{fence}"


def destination(url: str) -> str:
    """A link or image destination, in angle brackets when it holds spaces or parentheses."""
    if not url or any(c in url for c in " ()<>\n") or url.startswith("<"):
        return "<" + url.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>").replace("\n", " ") + ">"
    return url.replace("\\", "\\\\")


def fence_for(code: str, lang: str | None) -> str:
    """A code fence longer than any run of its own character in the code; tildes when the
    language name holds a backtick (a backtick fence's info string cannot)."""
    char = "~" if lang and "`" in lang else "`"
    longest = max((len(run) for run in re.findall(re.escape(char) + "+", code)), default=0)
    return char * max(3, longest + 1)
