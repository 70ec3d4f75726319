"""Fixtures of the learn tests: the made-up sites' corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LEARN = Path(__file__).resolve().parents[2] / "fixtures" / "learn"
CORPUS = LEARN / "corpus.jsonl"


def records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines()]
