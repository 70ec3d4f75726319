"""A whole page's text is told from an extractor's output by the many kinds of boilerplate it
shows, not only by its interface words: then its menu head is cut as page furniture."""

from __future__ import annotations

from cleaner import clean_text

MENU = ["Products", "Solutions", "Pricing", "Customers", "Partners", "Resources", "Developers", "Careers",
        "Press room", "Contact sales", "Support center", "Events"]  # fmt: skip
BODY = [
    "The council approved the new budget on Tuesday after a long debate about school funding.",
    "Members said the plan would raise spending on teachers by four percent next year.",
    "Opponents argued that the city could not afford the increase without cutting other services.",
    "The mayor is expected to sign the budget into law later this week.",
]
TAIL = ["Follow us on Twitter", "Sign up for our newsletter", "Learn more", "© 2024 Example Inc. All rights reserved."]


def test_many_kinds_of_boilerplate_make_a_whole_page() -> None:
    article = clean_text("\n".join(MENU + BODY + TAIL))
    assert article.text == "\n".join(BODY)
    assert "navigation" in {r.rule for r in article.removed}


def test_one_or_two_kinds_leave_an_extractors_head_alone() -> None:
    # An extractor's output with a legal line only: the short lines before the body stay.
    article = clean_text("\n".join(MENU + BODY + TAIL[-1:]))
    assert article.text.startswith("Products\nSolutions")
    assert "navigation" not in {r.rule for r in article.removed}
