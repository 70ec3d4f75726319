"""Scoring helpers of bench/wholepage.py, kept apart so that tests can run them on tiny inputs.

Markdown is scored on the words a reader sees: a link's address and an image's URL are markup,
not text, and counting them would punish a cleaner for keeping a link it should keep.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import unescape
from statistics import mean

from _scoring import snippet_rates, word_prf
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\([^)\n]*\)")  # not an image's ![alt](url)


def visible_text(markdown: str) -> str:
    """The text a Markdown renderer shows: anchor texts stay, link targets and image URLs go
    (they live in attributes once rendered), as does image alt text (not shown either)."""
    html = _MD.render(markdown or "")
    return unescape(_TAG.sub(" ", html))


def lines_in_order(source: str, output: str) -> bool:
    """Whether every non-blank line of `output` is a line of `source`, byte for byte and in the
    source's order: the cleaner then only dropped lines, so the markup of what it kept (headings,
    links, lists, tables) is the source's own."""
    lines = iter(source.splitlines())
    return all(any(line == s for s in lines) for line in output.splitlines() if line.strip())


def markup(markdown: str) -> tuple[int, int]:
    """(ATX heading lines, inline links other than images) in a Markdown text."""
    return len(_HEADING.findall(markdown or "")), len(_LINK.findall(markdown or ""))


@dataclass
class Tally:
    """Per-page figures of each system, grouped (all pages, page type, site fold)."""

    data: dict[tuple[str, str, str], list[float]] = field(default_factory=lambda: defaultdict(list))

    def add_page(self, system: str, groups: list[str], truth: dict[str, object], prediction: str) -> None:
        p, r, f = word_prf(str(truth.get("main_content") or ""), prediction)
        with_ = [str(s) for s in truth.get("with") or []]  # type: ignore[attr-defined]
        without = [str(s) for s in truth.get("without") or []]  # type: ignore[attr-defined]
        found, leaked = snippet_rates(prediction, with_, without)
        for group in groups:
            for name, value in (("p", p), ("r", r), ("f", f), ("with", found), ("leak", leaked)):
                if value is not None:
                    self.data[system, group, name].append(value)

    def add(self, system: str, group: str, name: str, value: float) -> None:
        self.data[system, group, name].append(value)

    def mean(self, system: str, group: str, name: str) -> float | None:
        values = self.data.get((system, group, name))
        return mean(values) if values else None

    def count(self, system: str, group: str, name: str = "f") -> int:
        return len(self.data.get((system, group, name)) or [])
