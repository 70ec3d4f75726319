"""Is this already-scraped text Markdown? A conservative guess, for choosing a reader.

Taking plain text for Markdown costs more than the other way round: an extractor's output has
one paragraph a line and no blank lines, which as Markdown joins into one paragraph, and its
stray ``*`` or ``_`` turn into emphasis. So the text must show several kinds of Markdown
signal (headings, fences, links, reference definitions, tables, lists, strong emphasis) over
its first SNIFF_MAX_LINES lines, or one signal plain text rarely has (a fence pair, a table
delimiter row), and it must not look like one paragraph a line. Front matter at the top
decides alone.
"""

from __future__ import annotations

import re
from typing import Literal

from cleaner import settings
from cleaner._compiled import Literals

__all__ = ["looks_binary", "sniff_format"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r"#{1,6}[ \t]+\S")
_FENCE = re.compile(r"[ ]{0,3}(?:```|~~~)")
_LINK = re.compile(r"!?\[[^\[\]\n]{1,300}\]\([^()\s]{1,2000}(?:[ \t]+\"[^\"\n]*\")?\)")
_REF_DEF = re.compile(r"[ ]{0,3}\[[^\[\]\n]{1,300}\]:[ \t]+\S+")
# A GFM delimiter row of two or more columns, or of one column between pipes.
_DELIMITER_ROW = re.compile(
    r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*"
    r"|[ \t]*\|[ \t]*:?-{3,}:?[ \t]*\|[ \t]*"
)
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+\S")
_STRONG = re.compile(r"(?<![*\w])\*\*[^*\s](?:[^*\n]{0,200}[^*\s])?\*\*(?![*\w])")
_FRONT_MATTER_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*[:=]")
_TABLE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*")

#: What every kind of signal but a list needs somewhere in the text: a link's or reference's
#: bracket, strong emphasis, a fence, a heading's hash at a line start, a table's pipe and a
#: delimiter row's dashes. Found by plain substring search (no regex over the text); a list
#: alone is never enough (SNIFF_MIN_KINDS).
_MARKS = Literals(("](", "]:", "**", "```", "~~~", "\n#", "\r#"))


def _has_marks(head: str) -> bool:
    return _MARKS.found_in(head) or ("|" in head and "---" in head)


_STRONG_KINDS = frozenset({"fence", "table"})


def sniff_format(text: str) -> Literal["markdown", "text"]:
    """``markdown`` when `text` clearly is Markdown, else ``text`` (see the module docstring)."""
    head = text.lstrip("\ufeff")[: settings.SNIFF_MAX_CHARS]
    if not head.startswith(("---", "+++", "#")) and not _has_marks(head):
        return "text"  # most scraped text: none of what the signals but lists need (lists alone never count)
    lines = _LINE_BREAK.split(head, maxsplit=settings.SNIFF_MAX_LINES)[: settings.SNIFF_MAX_LINES]
    if _front_matter(lines):  # no extractor writes a delimited block of keys at the top
        return "markdown"
    if _joined_pairs(lines) >= settings.SNIFF_MAX_JOINED_PAIRS:
        return "text"
    scores = _signals(lines)
    total = sum(min(score, settings.SNIFF_MAX_PER_KIND) for score in scores.values())
    kinds = set(scores)
    if total >= settings.SNIFF_MIN_SCORE and (len(kinds) >= settings.SNIFF_MIN_KINDS or kinds & _STRONG_KINDS):
        return "markdown"
    links = scores.get("link", 0)
    if links >= settings.SNIFF_MIN_LINKS or (links and len(kinds) >= settings.SNIFF_MIN_KINDS):
        return "markdown"
    return "text"


def _signals(lines: list[str]) -> dict[str, int]:
    """Each kind of signal found, with how much it scores."""
    scores: dict[str, int] = {}

    def add(kind: str, score: int = 1) -> None:
        scores[kind] = scores.get(kind, 0) + score

    fences = 0
    bullets = 0
    for line in lines:
        if _FENCE.match(line):
            fences += 1
            if fences % 2 == 0:  # a fence counts when it closes
                add("fence", 3)
        if _HEADING.match(line):
            add("heading")
        links = len(_LINK.findall(line))
        if links:
            add("link", links)
        if _REF_DEF.match(line):
            add("ref_def")
        if "-" in line and _DELIMITER_ROW.fullmatch(line):
            add("table", 3)
        if _STRONG.search(line):
            add("strong")
        if _BULLET.match(line):
            bullets += 1
            if bullets == 2:  # a run of list items, not one dash-led line
                add("list")
        else:
            bullets = 0
    return scores


def _front_matter(lines: list[str]) -> bool:
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return False
    closer = lines[0].rstrip()
    for n, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (closer, "...") and n > 1:
            return True
        # a top-level line is a key (nested values, list items and comments indent or start so)
        plain = line.strip() and not line[:1].isspace() and not line.startswith(("#", "-"))
        if plain and not _FRONT_MATTER_KEY.match(line):
            return False
    return False


def _joined_pairs(lines: list[str]) -> int:
    """How many pairs of long prose lines stand with no blank line between them."""
    pairs = 0
    previous_long = False
    for line in lines:
        stripped = line.strip()
        long = len(stripped) > settings.SNIFF_LONG_LINE and not (
            _BULLET.match(line) or _HEADING.match(line) or _TABLE_ROW.fullmatch(line) or line[:1] in " \t>"
        )
        if long and previous_long:
            pairs += 1
        previous_long = long
    return pairs


_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"RIFF")
#: Bytes below 32 that text has: tab, line feed, form feed, carriage return.
_TEXT_CONTROLS = frozenset((9, 10, 12, 13))
#: The control bytes other than NUL and those text has (tab, line feed, form feed, carriage return).
_OTHER_CONTROLS = bytes(b for b in range(1, 32) if b not in _TEXT_CONTROLS)


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of an input are a file format rather than text: a format's
    signature, or NUL and control bytes where text has letters. Stray NULs between the words
    of a scraped text are not enough (the readers drop them and keep the text); UTF-16 with a
    byte-order mark is text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if head.startswith(_BINARY_MAGIC):
        return True
    if not head:
        return False
    nul = head.count(0)
    control = len(head) - len(head.translate(None, _OTHER_CONTROLS))  # one C pass, not a loop per byte
    return nul >= settings.BINARY_NUL_SHARE * len(head) or control > settings.BINARY_CONTROL_SHARE * len(head)
