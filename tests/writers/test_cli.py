"""The writers' options on the command line: --links/--images (Markdown), --blocks/--no-blocks
(JSON formats; records). The cleaner's judgement is not under test: where a structured article
is needed, the command is handed a hand-built one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import cleaner.cli
from cleaner.article import Article
from cleaner.cli import app
from cleaner.fetch import FetchResult
from cleaner.fetch import run as fetch_run
from cleaner.pipeline import clean_batch, clean_records

from ._build import GOLDEN
from .test_render import _article

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "seeds" / "000_efd19878b02be60d.txt"
runner = CliRunner()


@pytest.fixture
def structured(monkeypatch: pytest.MonkeyPatch) -> None:
    """`cleaner clean` and `cleaner fetch` get the hand-built article of test_render."""
    monkeypatch.setattr(cleaner.cli, "clean_document", lambda *a, **k: _article())

    def fetch(sources: Any, **options: Any) -> Iterator[FetchResult]:
        for url in sources:
            yield FetchResult(url, article=_article())

    monkeypatch.setattr(fetch_run, "fetch", fetch)  # the fetch command imports it when it runs


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.usefixtures("structured")
@pytest.mark.parametrize("command", [("clean", str(SEED)), ("fetch", "https://example.com/page")])
def test_markdown_links_and_images_only_when_asked(command: tuple[str, str]) -> None:
    assert _run(*command, "-f", "markdown") == (GOLDEN / "structured.md").read_text("utf-8")
    rich = _run(*command, "-f", "markdown", "--links", "--images")
    assert rich == (GOLDEN / "structured.links-images.md").read_text("utf-8")
    assert _run(*command, "-f", "markdown", "--no-links", "--no-images") == _run(*command, "-f", "markdown")


@pytest.mark.usefixtures("structured")
@pytest.mark.parametrize("command", [("clean", str(SEED)), ("fetch", "https://example.com/page")])
def test_json_formats_carry_blocks_unless_told_not_to(command: tuple[str, str]) -> None:
    data = json.loads(_run(*command, "-f", "json"))
    assert data["blocks"][0]["role"] == "title" and data["markdown"].startswith("The opening paragraph")
    line = json.loads(_run(*command, "-f", "jsonl", "--links"))
    assert "[the guide](https://example.com/guide)" in line["markdown"]
    bare = json.loads(_run(*command, "-f", "jsonl", "--no-blocks"))
    assert "blocks" not in bare and "markdown" not in bare
    assert bare == {k: v for k, v in data.items() if k not in ("blocks", "markdown")}


def test_the_seed_as_json_has_the_markdown_body() -> None:
    data = json.loads(_run("clean", str(SEED), "-f", "json"))
    assert data["markdown"] == data["text"] + "\n"  # nothing in it needs escaping


def _rows() -> list[dict[str, Any]]:
    return [{"id": 1, "text": SEED.read_text("utf-8")}, {"id": 2, "text": "A *starred* line.\n\n# Not a heading"}]


def _records(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _rows()), "utf-8")
    return path


def test_records_get_blocks_and_markdown_only_with_blocks(tmp_path: Path) -> None:
    src = _records(tmp_path)
    _run("clean", str(src), "-o", str(tmp_path / "plain.jsonl"), "--workers", "1")
    plain = [json.loads(line) for line in (tmp_path / "plain.jsonl").read_text("utf-8").splitlines()]
    assert all("blocks" not in r and "markdown" not in r for r in plain)
    _run("clean", str(src), "-o", str(tmp_path / "rich.jsonl"), "--workers", "1", "--blocks")
    rich = [json.loads(line) for line in (tmp_path / "rich.jsonl").read_text("utf-8").splitlines()]
    assert [list(r)[-2:] for r in rich] == [["blocks", "markdown"]] * 2
    assert rich == list(clean_records(_rows(), blocks=True))
    assert isinstance(rich[0]["blocks"], list)
    assert rich[1]["markdown"] == "A \\*starred\\* line.\n\n\\# Not a heading\n"


def test_parquet_records_store_blocks_as_json_text(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = _records(tmp_path)
    _run("clean", str(src), "-o", str(tmp_path / "out.parquet"), "--workers", "1", "--blocks")
    table = pq.read_table(tmp_path / "out.parquet")
    assert str(table.schema.field("blocks").type) == "string"
    assert str(table.schema.field("markdown").type) == "string"
    rows = table.to_pylist()
    assert all(isinstance(json.loads(r["blocks"]), list) for r in rows)
    assert rows[1]["markdown"] == "A \\*starred\\* line.\n\n\\# Not a heading\n"


def test_the_record_api_takes_blocks() -> None:
    records = [{"text": "A *starred* line."}]
    [out] = clean_records(records, blocks=True, links=True, input_format="text")
    assert out["markdown"] == "A \\*starred\\* line.\n"
    assert [(b["type"], b["text"]) for b in out["blocks"]] == [("paragraph", "A *starred* line.")]
    assert "blocks" not in next(clean_records(records))
    batch = clean_batch({"text": ["A *starred* line."]}, blocks=True, input_format="text")
    assert [b["type"] for b in json.loads(batch["blocks"][0])] == ["paragraph"]
    assert batch["markdown"] == ["A \\*starred\\* line.\n"]


def test_markdown_of_an_article_of_text_only() -> None:
    assert Article(text="x_").to_dict(markdown=True)["markdown"] == "x\\_\n"
