"""After the words: what becomes of the blocks around them.

The text rules decide the blocks a reader reads. The rest follows from that: a heading whose
whole section went is a label of nothing ("Related", "Share this"); an image, a horizontal rule
or a raw HTML block outside the kept body is page furniture, and a rule that only has removed
blocks after it opens the footer; a reference link definition used only by removed blocks goes
with them; a tracking pixel goes wherever it stands; front matter always stays. The rules are
data in `cleaner/data/structure.toml`, their cases in `tests/rules/`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from ..article import Removal
from ..document import Block, Document


@dataclass(frozen=True)
class _Rules:
    pixel_hosts: frozenset[str]
    pixel_patterns: re.Pattern[str] | None
    reasons: dict[str, tuple[str, str]]


@cache
def _rules() -> _Rules:
    data = tomllib.loads((resources.files("cleaner") / "data" / "structure.toml").read_text("utf-8"))
    pixel = data["tracking-pixel"]
    patterns = "|".join(f"(?:{p})" for p in pixel.get("patterns", []))
    reasons = {key: (str(value.get("name", key)), str(value["reason"])) for key, value in data.items()}
    return _Rules(frozenset(pixel.get("hosts", [])), re.compile(patterns, re.I) if patterns else None, reasons)


def _removal(doc: Document, block: Block, key: str) -> Removal:
    name, reason = _rules().reasons[key]
    return Removal(doc.raw(block), name, reason)


def is_tracking_pixel(src: str | None) -> bool:
    """An image address that only counts readers: a counter host or a pixel-shaped path."""
    if not src:
        return False
    rules = _rules()
    host = (urlsplit(src).hostname or "").lower()
    if host in rules.pixel_hosts:
        return True
    return rules.pixel_patterns is not None and rules.pixel_patterns.search(src) is not None


_IMG_TAG = re.compile(r"^\s*<img\b([^>]*)/?>\s*$", re.I)
_ATTR = re.compile(r"""\b(src|width|height)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def _pixel_tag(raw: str) -> bool:
    """A raw HTML block that is one `<img>` of 1×1 pixels or from a counter's address."""
    match = _IMG_TAG.match(raw) if len(raw) < 2000 else None
    if match is None:
        return False
    attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(match.group(1))}
    tiny = attrs.get("width", "").strip() in ("0", "1") and attrs.get("height", "").strip() in ("0", "1")
    return tiny or is_tracking_pixel(attrs.get("src"))


def settle(doc: Document, fates: dict[int, Removal | None], title: Block | None) -> None:
    """Fill `fates` (block index → None for kept, the Removal otherwise) for every block the
    text rules did not judge, and take back headings left empty."""
    blocks = doc.blocks
    if len(fates) == len(blocks) and doc.format == "text":
        return  # plain text: every block was judged, and none is a heading
    _empty_headings(doc, fates, title)
    kept = [i for i, fate in fates.items() if fate is None]
    first, last = (min(kept), max(kept)) if kept else (len(blocks), -1)
    used_by_kept: set[str] = set()
    used_by_removed: set[str] = set()
    for i, fate in fates.items():
        targets = {m.target for m in blocks[i].marks if m.target}
        (used_by_kept if fate is None else used_by_removed).update(t for t in targets if t)
    for i, block in enumerate(blocks):
        if i in fates:
            continue
        if block.kind == "front_matter":
            fates[i] = None
        elif (block.kind == "image" and is_tracking_pixel(block.src)) or (
            block.kind == "html" and _pixel_tag(doc.raw(block))
        ):
            fates[i] = _removal(doc, block, "tracking-pixel")
        elif block.kind == "link_def":
            src = block.src or ""
            gone = src in used_by_removed and src not in used_by_kept
            fates[i] = _removal(doc, block, "link-definitions") if gone else None
        elif i < first:
            fates[i] = _removal(doc, block, "before-body")
        elif i > last:
            fates[i] = _removal(doc, block, "footer-rule" if block.kind == "rule" else "after-body")
        else:
            fates[i] = None


def _empty_headings(doc: Document, fates: dict[int, Removal | None], title: Block | None) -> None:
    """Remove a kept heading when blocks of its section were removed and none was kept,
    innermost sections first (a "Related" heading, then the "More" heading above it)."""
    blocks = doc.blocks
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading" and fates.get(i, 1) is None]
    for i in reversed(headings):
        if blocks[i] is title:
            continue
        level = blocks[i].level or 1
        removed = kept = False
        for j in range(i + 1, len(blocks)):
            other = blocks[j]
            if other.kind == "heading" and (other.level or 1) <= level:
                break
            if j not in fates:
                continue
            if fates[j] is None:
                kept = True
                break
            removed = True
        if removed and not kept:
            fates[i] = _removal(doc, blocks[i], "empty-heading")
