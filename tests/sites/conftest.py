"""Fixtures of the site pattern file tests: a directory of files and the pages they fit."""

from __future__ import annotations

from pathlib import Path

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "patterns"
PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "pages"
