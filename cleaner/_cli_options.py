"""Options that several `cleaner` commands share, declared once so that `clean`, `fetch` and
`learn` spell, explain and default them the same way."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Executor(StrEnum):
    local = "local"
    ray = "ray"


class Engine(StrEnum):
    best = "best"
    fast = "fast"


class Scorer(StrEnum):
    rules = "rules"
    model = "model"


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class InputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
#: `clean`'s output follows its input unless told: Markdown in, Markdown out.
FollowFormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: follows the input, Markdown for Markdown, text for text and HTML).",
        show_default=False,
    ),
]
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        help="What the inputs are (default: told by their content).",
        show_default=False,
    ),
]

EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine", "-e", help="HTML extraction engine: best (pre-pass + trafilatura) or fast (selectolax only)."
    ),
]

ScorerOption = Annotated[
    Scorer | None,
    typer.Option(
        "--scorer",
        help="What decides the blocks no rule names: rules (the region finder) or model (the learned "
        "block scorer as well; --explain shows its scores). Default: settings.BLOCK_SCORER.",
        show_default=False,
    ),
]

ExplainOption = Annotated[
    bool, typer.Option("--explain", help="Show each removed line, its rule and reason on stderr.")
]

RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="A TOML rules file (repeatable): adds rules, disables built-in ones."),
]

ProfileOption = Annotated[
    list[Path] | None,
    typer.Option("--profile", help="A profile from `cleaner learn` (repeatable): its site's rules go first."),
]

SiteConfigOption = Annotated[
    Path | None,
    typer.Option("--site-config", help="A directory of site pattern files (example.com.txt), applied to HTML first."),
]

KeepTitleOption = Annotated[
    bool, typer.Option("--keep-title/--no-keep-title", help="Lead the text and Markdown output with the title.")
]

IgnoreRobotsOption = Annotated[bool, typer.Option("--ignore-robots", help="Do not read robots.txt.")]

LinksOption = Annotated[
    bool,
    typer.Option("--links/--no-links", help="Markdown: write links as \\[text](url), not their text alone."),
]

ImagesOption = Annotated[
    bool, typer.Option("--images/--no-images", help="Markdown: write images as !\\[alt](src), not leave them out.")
]

BlocksOption = Annotated[
    bool | None,
    typer.Option(
        "--blocks/--no-blocks",
        help="JSON formats and records: add the kept blocks and the body as Markdown (default: on; off for records).",
        show_default=False,
    ),
]

RecordTimeoutOption = Annotated[
    float,
    typer.Option(
        "--record-timeout",
        min=0,
        help="Seconds one record, input file or fetched page's extraction may take; past it, an error"
        " (kind timeout) in its place and the run goes on. 0: no limit.",
    ),
]
