"""`cleaner clean --engine`: the option reaches extraction, through the CLI and the Python API."""

from __future__ import annotations

import json

from _extract_pages import PAGES
from typer.testing import CliRunner

from cleaner import clean_document
from cleaner.cli import app

runner = CliRunner()


def test_clean_html_with_each_engine() -> None:
    path = str(PAGES / "article.html")
    for engine in ("best", "fast"):
        result = runner.invoke(app, ["clean", path, "--engine", engine, "-f", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert "first array of underwater turbines" in data["text"]
        assert data["page_type"] == "article"
        assert 0.0 <= data["confidence"] <= 1.0


def test_unknown_engine_is_a_usage_error() -> None:
    result = runner.invoke(app, ["clean", str(PAGES / "article.html"), "--engine", "turbo"])
    assert result.exit_code == 2
    assert "turbo" in result.output


def test_clean_document_passes_the_engine() -> None:
    html = (PAGES / "listing.html").read_bytes()
    for engine in ("best", "fast"):
        assert clean_document(html, engine=engine).page_type == "listing"
    assert clean_document("Plain text, not a page.", engine="fast").page_type is None
