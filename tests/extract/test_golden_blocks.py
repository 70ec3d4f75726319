"""Golden blocks: what the block walk, trafilatura's XML and both engines make of pages with
structure (code, nested lists, tables, quotes, headings h1–h6, figures, line breaks).

Files in tests/extract/golden_blocks/, one per page and producer, hold ``[b.to_dict() for b in
blocks]``. After an intended change, rewrite them with CLEANER_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner import extract_html, settings
from cleaner.document import Block
from cleaner.extract._blocks import node_blocks
from cleaner.extract._patterns import patterns
from cleaner.extract.best import trafilatura_blocks

PAGES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "html" / "structure"
GOLDEN = Path(__file__).resolve().parent / "golden_blocks"
NAMES = sorted(p.stem for p in PAGES.glob("*.html"))


def _walk(html: str) -> list[Block]:
    body = LexborHTMLParser(html).body
    assert body is not None
    return node_blocks(body)


def _trafilatura(html: str) -> list[Block]:
    return trafilatura_blocks(html, None, patterns().profiles["article"], LexborHTMLParser(html).body)


def _best_asked(html: str) -> list[Block]:
    """best with trafilatura asked on these undated pages too: its cut merged with the page's own
    code blocks, as on a dated article."""
    saved = settings.SECOND_OPINION_NEEDS_DATE
    settings.SECOND_OPINION_NEEDS_DATE = False
    try:
        return extract_html(html, engine="best").blocks
    finally:
        settings.SECOND_OPINION_NEEDS_DATE = saved


PRODUCERS = {
    "walk": _walk,
    "trafilatura": _trafilatura,
    "fast": lambda html: extract_html(html, engine="fast").blocks,
    "best": lambda html: extract_html(html, engine="best").blocks,
    "best-asked": _best_asked,
}


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
@pytest.mark.parametrize("name", NAMES)
def test_golden_blocks(name: str, producer: str) -> None:
    html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
    got = [b.to_dict() for b in PRODUCERS[producer](html)]
    path = GOLDEN / f"{name}.{producer}.json"
    if os.environ.get("CLEANER_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
