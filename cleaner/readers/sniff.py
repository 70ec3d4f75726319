"""Telling Markdown from plain text (placeholder until the Markdown reader lands)."""

from __future__ import annotations

from typing import Literal


def sniff_format(text: str) -> Literal["markdown", "text"]:
    return "text"
