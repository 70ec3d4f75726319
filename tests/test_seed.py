"""The seed document through every output format: golden files hold the whole output, and the
issue's expectations are spelled out on the Article itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_efd19878b02be60d.txt"
GOLDEN = Path(__file__).parent / "golden"
FORMATS = {"text": "seed.txt", "json": "seed.json", "jsonl": "seed.jsonl", "markdown": "seed.md"}
TITLE = "US confirms death of ISIS leader after drone attack"


@pytest.mark.parametrize(("fmt", "golden"), FORMATS.items())
def test_golden_output_through_typer(fmt: str, golden: str) -> None:
    result = CliRunner().invoke(app, ["clean", str(SEED), "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / golden).read_text("utf-8")


@pytest.mark.parametrize(("fmt", "golden"), FORMATS.items())
def test_golden_output_of_the_installed_command(fmt: str, golden: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(SEED), "-f", fmt], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / golden).read_text("utf-8")
    assert done.stderr == ""


def test_text_is_the_title_once_and_six_paragraphs() -> None:
    out = CliRunner().invoke(app, ["clean", str(SEED)]).stdout
    blocks = out.rstrip("\n").split("\n\n")
    assert blocks[0] == TITLE
    assert len(blocks) == 7
    assert blocks[1].startswith("The US Central Command said Sunday")
    assert blocks[-1].endswith("continue to carry out insurgent attacks.")
    assert out.count(TITLE) == 1


def test_the_article_records_what_was_removed_and_why() -> None:
    article = clean_text(SEED.read_text("utf-8"))
    assert article.title == TITLE
    assert article.author == "Editor TLN"
    assert article.source == "Voice of America"
    assert [(r.rule, r.text[:40]) for r in article.removed] == [
        ("duplicate-title", TITLE[:40]),
        ("social-follow", "Connect with the Voice of America! Subsc"),
        ("source-attribution", "Source link"),
        ("byline", "Written by Editor TLN"),
        ("cross-promo", "Deglobalization brings opportunities for"),
        ("cross-promo", "Deglobalization brings opportunities for"),
        ("cross-promo", "US President Joe Biden , and Britain's K"),
        ("cross-promo", "Biden visits King Charles III for the fi"),
    ]
    assert all(r.reason for r in article.removed)
