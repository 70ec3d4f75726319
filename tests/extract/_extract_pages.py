"""Fixture pages of extraction, each with the URL it is extracted as (the URL is part of the input)."""

from __future__ import annotations

from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "extract"

URLS = {
    "article": "https://coastal.example.org/2024/03/12/tidal-power",
    "forum": "https://bakers.example.net/threads/sourdough-starter-smells-like-acetone.123/",
    "listing": "https://rambles.example.org/walks/",
    "product": "https://fellgear.example.com/products/trailmaster-40",
    "docs": "https://tidepool.example.dev/docs/config",
    "service": "https://soot.example.co.uk/services/chimney-sweeping",
    "cp1251": "https://news.example.ru/2024/01/20/rybalka",
    "shiftjis": "https://news.example.jp/2024/03/01/sakura",
}


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()
