"""The structural patterns of extraction, loaded once from the TOML files in `patterns/`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Profile:
    """What a page type keeps (see patterns/page_types.toml)."""

    link_weight: float
    keep_comments: bool
    keep_title: bool
    spread: bool
    positional_rules: bool
    decay: float


@dataclass(frozen=True)
class Patterns:
    never_content_tags: tuple[str, ...]
    never_content_selector: str
    chrome_tags: tuple[str, ...]
    keywords: frozenset[str]
    comment_keywords: frozenset[str]
    protect: frozenset[str]
    roles: frozenset[str]
    #: One CSS selector that finds every element whose class/id may hold a keyword (checked after).
    keyword_selector: str
    comment_selector: str
    semantic: tuple[str, ...]
    block_tags: tuple[str, ...]
    card_selector: str
    product_selector: str
    #: The block tags (but <br> and <hr>) as one selector: the units of text the scorer weighs.
    block_selector: str
    leaf_blocks: tuple[str, ...]
    schema_types: dict[str, str]
    url_shapes: tuple[tuple[str, re.Pattern[str]], ...]
    profiles: dict[str, Profile]


def _load(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath("patterns", name).read_text("utf-8")
    return tomllib.loads(text)


def _substring_selector(words: frozenset[str]) -> str:
    """`[class*=w i],[id*=w i]` for the shortest stems: a cheap filter run by the parser."""
    stems = sorted({w.replace("-", "") for w in words}, key=len)
    kept: list[str] = []
    for stem in stems:
        if not any(k in stem for k in kept):
            kept.append(stem)
    return ",".join(f'[class*="{s}" i],[id*="{s}" i]' for s in kept)


@cache
def patterns() -> Patterns:
    boiler = _load("boilerplate.toml")
    containers = _load("containers.toml")
    types = _load("page_types.toml")
    keywords = frozenset(k.lower() for k in boiler["keywords"])
    comments = frozenset(k.lower() for k in boiler["comment_keywords"])
    shapes = tuple((kind, re.compile(rx)) for kind, rxs in types["url"].items() for rx in rxs)
    return Patterns(
        never_content_tags=tuple(boiler["never_content_tags"]),
        never_content_selector=",".join(boiler["never_content_tags"]),
        chrome_tags=tuple(boiler["chrome_tags"]),
        keywords=keywords,
        comment_keywords=comments,
        protect=frozenset(k.lower() for k in boiler["protect_keywords"]),
        roles=frozenset(boiler["roles"]),
        keyword_selector=_substring_selector(keywords),
        comment_selector=_substring_selector(comments),
        semantic=tuple(containers["semantic"]),
        block_tags=tuple(containers["block_tags"]),
        card_selector=",".join(containers["card_tags"]),
        product_selector=",".join(types["product_marks"]),
        block_selector=",".join(t for t in containers["block_tags"] if t not in ("br", "hr", "body")),
        leaf_blocks=tuple(containers["leaf_blocks"]),
        schema_types=dict(types["schema"]),
        url_shapes=shapes,
        profiles={k: Profile(**v) for k, v in types["profiles"].items()},
    )
