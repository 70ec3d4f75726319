"""The `cleaner` command line: typer commands that parse options, call the API and print.

Results go to stdout (or -o), progress and errors to stderr. Exit codes: 0 every input
succeeded, 1 none did (or the run could not start), 2 some failed.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from ._output import Sink
from .article import Article
from .documents import clean_document
from .errors import CleanerError
from .io.readers import read_input
from .io.writers import extension, render, render_error
from .rules.ruleset import RuleSet

app = typer.Typer(
    help="Extract articles from web pages and strip the boilerplate around them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)


class Engine(str, Enum):
    best = "best"
    fast = "fast"


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """Extract articles from web pages and strip the boilerplate around them."""


def fail(message: str) -> typer.Exit:
    err.print(f"[red]cleaner:[/red] {message}", highlight=False, markup=True)
    return typer.Exit(1)


def load_rules(paths: list[Path] | None) -> RuleSet:
    try:
        return RuleSet.from_files(*paths) if paths else RuleSet.default()
    except CleanerError as exc:
        raise fail(str(exc)) from None


def explain(name: str, article: Article) -> None:
    """A table on stderr: each removed line, the rule that removed it and why."""
    table = Table(title=f"removed from {name}", title_justify="left", show_lines=False)
    table.add_column("line", overflow="fold", ratio=3)
    table.add_column("rule", style="cyan", no_wrap=True)
    table.add_column("reason", ratio=2)
    for removal in article.removed:
        text = removal.text if len(removal.text) <= 160 else removal.text[:157] + "…"
        table.add_row(text, removal.rule, removal.reason)
    if not article.removed:
        table.add_row("(nothing removed)", "", "")
    err.print(table)


@app.command()
def clean(
    files: Annotated[list[str], typer.Argument(help="Text or HTML files to clean; - reads standard input.", show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file; with several inputs, a directory of one file per input (json/jsonl: one file)."),
    ] = None,
    explain_: Annotated[bool, typer.Option("--explain", help="Show each removed line, its rule and reason on stderr.")] = False,
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="A TOML rules file (repeatable): adds rules, disables built-in ones.")] = None,
    keep_title: Annotated[bool, typer.Option("--keep-title/--no-keep-title", help="Lead the text and Markdown output with the title.")] = True,
    engine: Annotated[Engine, typer.Option("--engine", "-e", help="HTML extraction engine: best (pre-pass + trafilatura) or fast (selectolax only).")] = Engine.best,
) -> None:
    """Clean already-scraped article text (or HTML, which is extracted first).

    [bold]Examples[/bold]

      cleaner clean article.txt
      cat page.html | cleaner clean - -f json
      cleaner clean scraped/*.txt -o clean/ --explain
      cleaner clean article.txt --rules my-rules.toml -f markdown
      cleaner clean page.html --engine fast -f json
    """
    ruleset = load_rules(rules)
    fmt_name = fmt.value
    directory = output is not None and (output.is_dir() or str(output).endswith(("/", "\\")) or (len(files) > 1 and fmt_name in ("text", "markdown")))
    sink = Sink(output, directory=directory, ext=extension(fmt_name))
    ok = failed = 0
    json_items: list[str] = []
    for name in files:
        try:
            item = read_input(name)
            for warning in item.warnings:
                err.print(f"[yellow]cleaner:[/yellow] {name}: {warning}", highlight=False)
            article = clean_document(item.data if item.is_html else item.text, rules=ruleset, engine=engine.value)
        except CleanerError as exc:
            failed += 1
            err.print(f"[red]cleaner:[/red] {exc}", highlight=False)
            if fmt_name in ("json", "jsonl") and not directory:
                record = render_error(name, exc.kind, exc.reason, fmt_name)
                _emit(sink, fmt_name, record, json_items)
            continue
        ok += 1
        if explain_:
            explain(name, article)
        rendered = render(article, fmt_name, keep_title=keep_title)
        if directory:
            sink.write_one(name, rendered)
        else:
            if fmt_name in ("text", "markdown") and len(files) > 1 and output is None:
                rendered = f"==> {name} <==\n{rendered}\n"
            _emit(sink, fmt_name, rendered, json_items)
    if fmt_name == "json" and not directory:
        _finish_json(sink, json_items, single=len(files) == 1)
    sink.close()
    raise typer.Exit(0 if failed == 0 else 1 if ok == 0 else 2)


def _emit(sink: Sink, fmt: str, rendered: str, json_items: list[str]) -> None:
    if fmt == "json":
        json_items.append(rendered)
    else:
        sink.stream().write(rendered)


def _finish_json(sink: Sink, items: list[str], *, single: bool) -> None:
    """One input gives one JSON object; several give an array of them."""
    if single and items:
        sink.stream().write(items[0])
    elif items:
        objects = [json.loads(i) for i in items]
        sink.stream().write(json.dumps(objects, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    app()
