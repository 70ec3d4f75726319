"""The phrase matcher compiles every regex when the rule set is built: cleaning compiles none,
however many new combinations of candidate rules the lines bring (at corpus scale every
document is new to the rule set)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cleaner import clean_text
from cleaner.rules import RuleSet

TEXTS = [
    "Home | News | Sport\n\nBy Jane Doe, Reuters\n\nThe council met on Tuesday. It voted to repair the bridge.\n\n"
    "Photo: John Smith / AFP\n\nSign up for our newsletter!\n\nShare this article\n\n© 2024 All rights reserved",
    "Advertisement\n\nRead more: the bridge story\n\nUn texte en français. Il dit des choses.\n\n"
    "Tous droits réservés\n\n[VIDEO] What happened next\n\nAlice wrote:\n\nComments (3)",
    "# A title\n\nSome *markdown* body text that says something. And more of it.\n\n- Follow us on Twitter\n"
    "- Click here to subscribe\n\nThis article may earn us a commission.",
]


def test_cleaning_compiles_no_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = RuleSet(RuleSet.default().rules)
    clean_text("A line to load what loads lazily. Another one here.", rules=rules)
    re.purge()
    calls: list[Any] = []
    compiler = re._compiler  # type: ignore[attr-defined]
    original = compiler.compile

    def counting(pattern: Any, flags: int = 0) -> Any:
        calls.append(pattern)
        return original(pattern, flags)

    monkeypatch.setattr(compiler, "compile", counting)
    for text in TEXTS:
        clean_text(text, rules=rules)
    phrase_patterns = [p for p in calls if isinstance(p, str) and "(?P<_" in p]
    assert phrase_patterns == []
