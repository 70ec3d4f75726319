"""The Python API that the command line is a thin layer over."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cleaner
from cleaner import Article, Removal, clean_document, clean_text, extract_html

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "fixtures" / "html" / "syndicated.html"


def test_public_names() -> None:
    for name in ("clean_text", "extract_html", "clean_document", "Article", "Removal", "RuleSet", "CleanerError"):
        assert name in cleaner.__all__


def test_cleaning_does_not_load_the_fetch_stack() -> None:
    """The package and a worker's modules import without httpx, asyncio, feedparser, rich or
    markdown-it (a worker process of `cleaner clean` imports all it imports, serially, before
    any record); cleaning a text loads none of them either, and `cleaner.fetch` is the function."""
    code = (
        "import sys, cleaner, cleaner.pipeline._work\n"
        "cleaner.clean_text('A line of text that is long enough to be a body paragraph here.')\n"
        "heavy = ['httpx', 'asyncio', 'feedparser', 'rich', 'markdown_it', 'yaml']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "print(callable(cleaner.fetch), callable(cleaner.afetch))\n"
        "import cleaner.fetch.client\n"
        "from cleaner.fetch import fetch\n"
        "print(cleaner.fetch is fetch, 'httpx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "True True", "True True"]


def test_article_to_dict_is_the_json_form() -> None:
    article = Article(text="Body.", title="T", removed=[Removal("x", "byline", "why")])
    data = article.to_dict()
    assert list(data) == [
        "text", "title", "author", "date", "url", "sitename", "language", "source",
        "status", "page_type", "confidence", "removed",
    ]  # fmt: skip
    assert data["removed"] == [{"text": "x", "rule": "byline", "reason": "why"}]


def test_kept_lines_keep_the_inputs_own_separators() -> None:
    text = "First paragraph of the body, long enough to count.\nSecond paragraph of the body, long enough too.\n\n\n"
    assert clean_text(text).text == (
        "First paragraph of the body, long enough to count.\nSecond paragraph of the body, long enough too."
    )


def test_kept_lines_are_byte_for_byte_the_input() -> None:
    text = "  The council voted on Tuesday\tto expand   the bus network.  \r\n\r\nAdvertisement\r\n\r\nIt costs more.\n"
    article = clean_text(text)
    assert article.text == "  The council voted on Tuesday\tto expand   the bus network.  \r\n\r\nIt costs more."
    assert [r.text for r in article.removed] == ["Advertisement"]


def test_removed_lines_are_in_document_order() -> None:
    text = (
        "By Jane Doe\n\nThe city council voted on Tuesday to expand the bus network to the hospital district.\n\n"
        "Advertisement\n\nOfficials said the plan would cost about 12 million dollars over three years.\n\nSource link"
    )
    article = clean_text(text)
    assert [r.text for r in article.removed] == ["By Jane Doe", "Advertisement", "Source link"]
    assert article.author == "Jane Doe"


def test_a_given_title_is_kept_and_its_repeat_removed() -> None:
    article = clean_text(
        "Bus network grows\n\nThe council voted on Tuesday to expand the bus network.", title="Bus network grows"
    )
    assert article.title == "Bus network grows"
    assert article.text == "The council voted on Tuesday to expand the bus network."


def test_wrapped_lines_are_judged_as_one_paragraph_and_written_as_they_came() -> None:
    text = (
        "The council voted on Tuesday to expand the bus network of the city,\nadding four new routes to the hospital.\n"
    )
    article = clean_text(text)
    assert [b.text for b in article.blocks] == [
        "The council voted on Tuesday to expand the bus network of the city, adding four new routes to the hospital."
    ]
    assert article.text == text.rstrip("\n")


def test_language_is_guessed() -> None:
    assert (
        clean_text(
            "El ayuntamiento aprobó el martes la ampliación de la red de autobuses, con cuatro nuevas líneas."
        ).language
        == "es"
    )


def test_extract_html_reads_metadata_and_cleans() -> None:
    article = extract_html(HTML.read_bytes(), url="https://valley.example/news/bus")
    assert article.title == "Council expands bus network to the hospital district"
    assert article.author == "Jane Doe"
    assert article.sitename == "The Valley Times"
    assert article.language == "en"
    assert article.text.startswith("The city council voted")
    assert "Source link" not in article.text


def test_clean_document_tells_html_from_text() -> None:
    assert clean_document(HTML.read_text("utf-8")).title == "Council expands bus network to the hospital district"
    assert clean_document("Plain text of an article body that is long enough to be a sentence.").title is None


def test_a_short_heading_is_not_glued_to_the_next_line() -> None:
    text = (
        "Sourdough starter smells like acetone\nbreadlover42\n"
        "My starter has smelled like nail polish remover for two days now, and I am not sure why.\n"
    )
    article = clean_text(text)
    assert article.title == "Sourdough starter smells like acetone"
    assert next(b.text for b in article.blocks if b.role != "title") == "breadlover42"


def test_a_rule_of_asterisks_before_a_lower_case_line() -> None:
    text = "*" * 60 + "\nthe council voted on Tuesday to expand the bus network to the hospital district.\n"
    assert [b.text for b in clean_text(text).blocks][-1].startswith("the council voted")


def test_a_rule_that_cannot_apply_to_the_first_line_does_not_hide_the_title() -> None:
    from cleaner import Rule, RuleSet
    from cleaner.rules import parse_rules

    promo = parse_rules(
        '[[rule]]\nname = "cross-promo"\nreason = "promoted headline"\nwhere = "tail"\n'
        'phrases = ["Council expands bus network"]\n',
        "test",
    ).rules
    rules = RuleSet([*promo, *RuleSet.default().rules])
    assert isinstance(promo[0], Rule)
    text = (
        "Council expands bus network\n\n"
        "The city council voted on Tuesday to expand the bus network, adding four new routes to the hospital.\n\n"
        "Officials said the plan would cost about 12 million dollars over three years."
    )
    assert clean_text(text, rules=rules).title == "Council expands bus network"
