"""The `cleaner` command line: typer commands that parse options, call the API and print.

Results go to stdout (or -o), progress and errors to stderr. Exit codes: 0 every input
succeeded, 1 none did (or the run could not start), 2 some failed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, settings
from ._cli_options import (
    BlocksOption,
    Engine,
    EngineOption,
    Executor,
    ExplainOption,
    FollowFormatOption,
    Format,
    FormatOption,
    IgnoreRobotsOption,
    ImagesOption,
    InputFormatOption,
    KeepTitleOption,
    LinksOption,
    ProfileOption,
    RecordTimeoutOption,
    RulesOption,
    ScorerOption,
    SiteConfigOption,
)
from ._output import Sink, url_stem
from .article import Article
from .documents import clean_document
from .errors import CleanerError, TimeLimitExceeded
from .fetch import FetchResult, default_user_agent
from .fetch.summary import Summary
from .io.readers import read_input
from .io.urls import read_url_lines
from .learn import Fields, LearnStats, learn_profile
from .learn.report import profile_tables
from .pipeline import RecordOptions, RunConfig, record_kind
from .pipeline import run as run_records
from .pipeline.ray_executor import run_ray
from .rules.ruleset import RuleSet
from .sites import SiteConfigs, load_site_configs
from .writers import extension, render, render_error

app = typer.Typer(
    help="Extract articles from web pages and strip the boilerplate around them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, soft_wrap=True)


_RECORDS = "Records (JSONL, Parquet, WARC)"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
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


def load_site_config(directory: Path | None) -> SiteConfigs | None:
    """Site pattern files, checked at once; what loading skipped is said once, on stderr."""
    if directory is None:
        return None
    try:
        configs = load_site_configs(directory)
    except CleanerError as exc:
        raise fail(str(exc)) from None
    for note in configs.notes:
        err.print(f"[yellow]cleaner:[/yellow] {escape(note)}", highlight=False)
    return configs


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
    files: Annotated[
        list[str], typer.Argument(help="Text or HTML files to clean; - reads standard input.", show_default=False)
    ],
    fmt: FollowFormatOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file; with several inputs, a directory of one file per input (json/jsonl: one file).",
        ),
    ] = None,
    input_format: InputFormatOption = None,
    explain_: ExplainOption = False,
    rules: RulesOption = None,
    profile: ProfileOption = None,
    site_config: SiteConfigOption = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="The page's address, for single inputs: picks the profile's site."),
    ] = None,
    keep_title: KeepTitleOption = True,
    links: LinksOption = False,
    images: ImagesOption = False,
    blocks: BlocksOption = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help="Read the inputs (or stdin, -) as JSON Lines, one record a line.",
            rich_help_panel=_RECORDS,
        ),
    ] = False,
    warc: Annotated[
        bool,
        typer.Option(
            "--warc",
            help="Read the inputs as WARC files (by extension otherwise).",
            rich_help_panel=_RECORDS,
        ),
    ] = False,
    text_field: Annotated[
        str,
        typer.Option("--text-field", help="The field of each record to clean.", rich_help_panel=_RECORDS),
    ] = "text",
    html_field: Annotated[
        str | None,
        typer.Option(
            "--html-field",
            help="A field of raw HTML to extract and clean instead.",
            rich_help_panel=_RECORDS,
        ),
    ] = None,
    url_field: Annotated[
        str,
        typer.Option("--url-field", help="The field with the page URL (for extraction).", rich_help_panel=_RECORDS),
    ] = "url",
    output_field: Annotated[
        str | None,
        typer.Option(
            "--output-field",
            help="Where the cleaned text goes (default: the text field).",
            rich_help_panel=_RECORDS,
        ),
    ] = None,
    with_removed: Annotated[
        bool,
        typer.Option(
            "--with-removed",
            help="Add the removed lines, with rule and reason, to each record.",
            rich_help_panel=_RECORDS,
        ),
    ] = False,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Write failed records here instead of into the output.",
            rich_help_panel=_RECORDS,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Worker processes (default: the number of cores).",
            rich_help_panel=_RECORDS,
        ),
    ] = None,
    executor: Annotated[
        Executor,
        typer.Option(
            "--executor",
            help="local: a process pool; ray: Ray Data (-o is a directory).",
            rich_help_panel=_RECORDS,
        ),
    ] = Executor.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="A running Ray cluster (default: start a local one).",
            rich_help_panel=_RECORDS,
        ),
    ] = None,
    engine: EngineOption = Engine.best,
    record_timeout: RecordTimeoutOption = settings.RECORD_TIMEOUT,
    scorer: ScorerOption = None,
) -> None:
    """Clean already-scraped article text (or HTML, which is extracted first).

    [bold]Examples[/bold]

      cleaner clean article.txt
      cat page.html | cleaner clean - -f json
      cleaner clean scraped/*.txt -o clean/ --explain
      cleaner clean article.txt --rules my-rules.toml -f markdown
      cleaner clean crawl.jsonl.gz -o clean.jsonl.zst --workers 8
      cleaner clean pages.parquet --html-field html -o clean.parquet --errors bad.jsonl
      cleaner clean CC-MAIN-*.warc.gz -o pages.jsonl
      cleaner clean data.jsonl --executor ray --ray-address auto -o out/
      cleaner clean page.html --engine fast -f json
      cleaner clean corpus.jsonl -o out.jsonl --profile profile.toml
      cleaner clean page.html --site-config site-rules/ -f json
      cleaner clean page.html -f markdown --links --images
      cleaner clean article.md -f json --no-blocks
      cleaner clean crawl.jsonl.gz -o clean.parquet --blocks
      cleaner clean page.txt --scorer model --explain
    """
    rule_files = [*(rules or []), *(profile or [])]
    configs = load_site_config(site_config)
    if jsonl or warc or executor is Executor.ray or any(record_kind(f) for f in files):
        options = RecordOptions(
            text_field,
            html_field,
            url_field,
            output_field,
            with_removed,
            engine.value,
            input_format=input_format.value if input_format else None,
            blocks=bool(blocks),
            links=links,
            images=images,
            timeout=record_timeout or None,
            scorer=scorer.value if scorer else None,
        )
        force = "warc" if warc else "jsonl" if jsonl else None
        config = RunConfig(
            files, output, options, rules=rule_files, errors=errors, workers=workers, force=force, site_config=configs
        )
        summary = run_ray(config, ray_address) if executor is Executor.ray else run_records(config)
        raise typer.Exit(summary.exit_code)
    ruleset = load_rules(rule_files)
    wanted = fmt.value if fmt is not None else None
    style = _style(keep_title, links, images, blocks)
    directory = output is not None and (
        output.is_dir()
        or str(output).endswith(("/", "\\"))
        or (len(files) > 1 and wanted in (None, "text", "markdown"))
    )
    sink = Sink(output, directory=directory, ext=extension(wanted or "text"))
    ok = failed = 0
    json_items: list[str] = []
    for name in files:
        try:
            item = read_input(name)
            for warning in item.warnings:
                err.print(f"[yellow]cleaner:[/yellow] {name}: {warning}", highlight=False)
            given = input_format.value if input_format else format_by_name(name)
            html = given == "html" or (given is None and item.is_html)
            article = clean_document(
                item.data if html else item.text,
                rules=ruleset,
                url=url,
                engine=engine.value,
                site_config=configs,
                format="html" if html else given,
                timeout=record_timeout or None,
                scorer=scorer.value if scorer else None,
            )
        except CleanerError as exc:
            if isinstance(exc, TimeLimitExceeded) and exc.source is None:
                exc = TimeLimitExceeded(exc.reason, source=name, seconds=exc.seconds)
            failed += 1
            err.print(f"[red]cleaner:[/red] {exc}", highlight=False)
            if wanted in ("json", "jsonl") and not directory:
                record = render_error(name, exc.kind, exc.reason, wanted)
                _emit(sink, wanted, record, json_items)
            continue
        ok += 1
        if explain_:
            explain(name, article)
        fmt_name = wanted or output_format_of(article)
        rendered = render(article, fmt_name, **style)
        if directory:
            sink.write_one(name, rendered, ext=extension(fmt_name))
        else:
            if fmt_name in ("text", "markdown") and len(files) > 1 and output is None:
                rendered = f"==> {name} <==\n{rendered}\n"
            _emit(sink, fmt_name, rendered, json_items)
    if wanted == "json" and not directory:
        _finish_json(sink, json_items, single=len(files) == 1)
    sink.close()
    raise typer.Exit(0 if failed == 0 else 1 if ok == 0 else 2)


#: File endings that say an input is Markdown (content decides for every other name).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")


def format_by_name(name: str) -> str | None:
    """``markdown`` for a file named as Markdown; None (told by content) otherwise."""
    return "markdown" if name.lower().endswith(MARKDOWN_SUFFIXES) else None


def output_format_of(article: Article) -> str:
    """The output format that follows the input: Markdown for a Markdown input, else text."""
    doc = article.document
    return "markdown" if doc is not None and doc.format == "markdown" else "text"


def _style(keep_title: bool, links: bool, images: bool, blocks: bool | None) -> dict[str, bool]:
    """The writers' options from the command's: the JSON formats carry blocks unless told not to."""
    return {"keep_title": keep_title, "links": links, "images": images, "blocks": blocks is not False}


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


#: Up to this many URLs (given as arguments) are extracted in-process unless --workers says otherwise.
_IN_PROCESS_UP_TO = 3


@app.command("fetch")
def fetch_command(
    urls: Annotated[list[str] | None, typer.Argument(help="URLs to fetch.", show_default=False)] = None,
    inputs: Annotated[
        list[str] | None,
        typer.Option("--input", "-i", help="A file of URLs, one a line, # comments; - reads standard input."),
    ] = None,
    sitemaps: Annotated[
        list[str] | None, typer.Option("--sitemap", help="A sitemap or sitemap index (XML, gzip too): fetch its pages.")
    ] = None,
    feeds: Annotated[list[str] | None, typer.Option("--feed", help="An RSS or Atom feed: fetch its entries.")] = None,
    fmt: FormatOption = Format.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="A file; or a directory (existing, or ending in /) of one file per page."),
    ] = None,
    concurrency: Annotated[
        int, typer.Option(min=1, help="Requests in flight over all hosts.")
    ] = settings.FETCH_CONCURRENCY,
    per_host: Annotated[int, typer.Option(min=1, help="Requests in flight to one host.")] = settings.FETCH_PER_HOST,
    delay: Annotated[float, typer.Option(min=0, help="Seconds between requests to one host.")] = settings.FETCH_DELAY,
    timeout: Annotated[float, typer.Option(min=0.001, help="Seconds one attempt may take.")] = settings.FETCH_TIMEOUT,
    retries: Annotated[
        int, typer.Option(min=0, help="Retries on connection errors, timeouts, 429 and 5xx (backoff, Retry-After).")
    ] = settings.FETCH_RETRIES,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Larger bodies are cut off and reported.")
    ] = settings.FETCH_MAX_BYTES,
    user_agent: Annotated[str | None, typer.Option(help="User-Agent header.  [default: cleaner/VERSION ...]")] = None,
    ignore_robots: IgnoreRobotsOption = False,
    cache: Annotated[
        Path | None, typer.Option(help="Keep raw responses here; a re-run revalidates (ETag/Last-Modified).")
    ] = None,
    explain_: ExplainOption = False,
    engine: EngineOption = Engine.best,
    rules: RulesOption = None,
    profile: ProfileOption = None,
    site_config: SiteConfigOption = None,
    keep_title: KeepTitleOption = True,
    links: LinksOption = False,
    images: ImagesOption = False,
    blocks: BlocksOption = None,
    unordered: Annotated[
        bool, typer.Option("--unordered", help="Write pages as they finish, not in input order.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(min=0, help="Extraction processes; 0 extracts in-process.  [default: cores]")
    ] = None,
    record_timeout: RecordTimeoutOption = settings.RECORD_TIMEOUT,
    scorer: ScorerOption = None,
) -> None:
    """Fetch web pages politely, extract the article, clean it and write it out.

    Every URL gives one record: the article, or an error (in the output for json/jsonl, on stderr
    for text and markdown). robots.txt is honoured unless --ignore-robots. Exit code 0 when every
    URL gave an article, 1 when none did, 2 when some failed.

    [bold]Examples[/bold]

      cleaner fetch https://example.com/news/story.html
      cleaner fetch -i urls.txt -f jsonl -o articles.jsonl
      cat urls.txt | cleaner fetch -i - -f jsonl --concurrency 32 --delay 0.2
      cleaner fetch --sitemap https://example.com/sitemap.xml -f markdown -o pages/
      cleaner fetch --feed https://example.com/feed.rss --cache ~/.cache/cleaner -f json
      cleaner fetch -i urls.txt --profile profile.toml --site-config site-rules/ -f jsonl
      cleaner fetch https://example.com/guide.html -f markdown --links --images
      cleaner fetch -i urls.txt -f jsonl --no-blocks -o articles.jsonl
      cleaner fetch -i urls.txt --engine fast --scorer model -f jsonl
    """
    given = list(urls or [])
    if not (given or inputs or sitemaps or feeds):
        raise fail("no URLs: give URLs, --input FILE, --sitemap URL or --feed URL")
    options = {
        "concurrency": concurrency,
        "per_host": per_host,
        "delay": delay,
        "timeout": timeout,
        "retries": retries,
        "max_bytes": max_bytes,
        "user_agent": user_agent or default_user_agent(),
        "robots": not ignore_robots,
        "cache": cache,
        "ordered": not unordered,
        "engine": engine.value,
        "scorer": scorer.value if scorer else None,
        "rules": load_rules([*(rules or []), *(profile or [])]) if rules or profile else None,
        "site_config": load_site_config(site_config),
        "record_timeout": record_timeout or None,
    }
    if workers is not None:
        options["workers"] = workers
    elif len(given) <= _IN_PROCESS_UP_TO and not (inputs or sitemaps or feeds):
        options["workers"] = 0  # a few pages: starting worker processes would cost more than it saves
    for name in inputs or []:
        if name != "-" and not Path(name).is_file():
            raise fail(f"{name}: {'is a directory, not a list of URLs' if Path(name).is_dir() else 'no such file'}")
    sources = chain(given, *(read_url_lines(name) for name in inputs or []))
    fmt_name = fmt.value
    several = len(given) + len(inputs or []) + len(sitemaps or []) + len(feeds or []) > 1 or bool(
        inputs or sitemaps or feeds
    )
    directory = output is not None and (
        output.is_dir() or str(output).endswith(("/", "\\")) or (several and fmt_name in ("text", "markdown"))
    )
    sink = Sink(output, directory=directory, ext=extension(fmt_name))
    style = _style(keep_title, links, images, blocks)
    from .fetch.run import fetch as fetch_urls  # httpx and asyncio: only this command needs them

    summary = Summary()
    json_items: list[str] = []
    try:
        with _progress() as advance:
            for result in fetch_urls(sources, sitemaps=sitemaps or [], feeds=feeds or [], **options):
                summary.add(result)
                advance(summary)
                _write_fetched(result, sink, fmt_name, json_items, directory=directory, several=several, style=style)
                if explain_ and result.article is not None:
                    explain(result.url, result.article)
    except CleanerError as exc:  # the list of URLs could not be read: what was fetched is kept
        raise fail(str(exc)) from None
    finally:
        if fmt_name == "json" and not directory:
            _finish_json(sink, json_items, single=not several)
        sink.close()
    err.print(summary.table())
    raise typer.Exit(summary.exit_code())


def _write_fetched(
    result: FetchResult,
    sink: Sink,
    fmt: str,
    json_items: list[str],
    *,
    directory: bool,
    several: bool,
    style: dict[str, bool],
) -> None:
    """An article to the output; an error to the output (json, jsonl) or to stderr."""
    if result.article is None:
        assert result.error is not None
        kind, reason = result.error.kind, result.error.reason
        if fmt in ("json", "jsonl") and not directory:
            _emit(sink, fmt, render_error(result.url, kind, reason, fmt, key="url"), json_items)
        else:
            err.print(
                f"[red]cleaner:[/red] {escape(result.url)}: {kind}: {escape(reason)}", highlight=False, soft_wrap=True
            )
        return
    rendered = render(result.article, fmt, **style)
    if directory:
        sink.write_one(result.url, rendered, stem=url_stem(result.url))
        return
    if fmt in ("text", "markdown") and several and sink.output is None:
        rendered = f"==> {result.url} <==\n{rendered}\n"
    _emit(sink, fmt, rendered, json_items)


@contextmanager
def _progress() -> Iterator[Callable[[Summary], None]]:
    """A progress line on stderr while the run goes, only when stderr is a terminal."""
    if not err.is_terminal:
        yield lambda summary: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("fetching", total=None)

        def advance(summary: Summary) -> None:
            failed = sum(summary.failed.values())
            progress.update(
                task,
                description=f"fetched {summary.fetched:,}, failed {failed:,}, {summary.pages_per_second:.1f} pages/s",
            )

        yield advance


_LEARN_RECORDS = "Records (JSONL, Parquet, WARC)"


@app.command()
def learn(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Record files (url + text or html), directories of text files (with --site), a fetch cache.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the profile here (default: stdout).")
    ] = None,
    site: Annotated[
        str | None, typer.Option("--site", help="The site of every document (text files have no URL to tell it).")
    ] = None,
    min_docs: Annotated[
        int, typer.Option("--min-docs", min=1, help="A line must repeat on at least this many of a site's documents.")
    ] = settings.LEARN_MIN_DOCS,
    min_share: Annotated[
        float, typer.Option("--min-share", min=0.0, max=1.0, help="... and on at least this share of them.")
    ] = settings.LEARN_MIN_SHARE,
    explain_: Annotated[bool, typer.Option("--explain", help="Show what was learned, per site, on stderr.")] = False,
    text_field: Annotated[str, typer.Option("--text-field", rich_help_panel=_LEARN_RECORDS)] = "text",
    html_field: Annotated[
        str, typer.Option("--html-field", help="Used when a record has no text.", rich_help_panel=_LEARN_RECORDS)
    ] = "html",
    url_field: Annotated[str, typer.Option("--url-field", rich_help_panel=_LEARN_RECORDS)] = "url",
    title_field: Annotated[str, typer.Option("--title-field", rich_help_panel=_LEARN_RECORDS)] = "title",
    engine: EngineOption = Engine.best,
) -> None:
    """Learn each site's boilerplate from a corpus: lines and line templates that repeat across a
    site's documents become a profile, a rules file with one table per site.

    Apply it with [bold]cleaner clean --profile[/bold] or [bold]cleaner fetch --profile[/bold]; edit it freely.
    Exit code 0 when every input was read, 2 when some failed, 1 when no document was read.

    [bold]Examples[/bold]

      cleaner learn corpus.jsonl -o profile.toml --explain
      cleaner clean corpus.jsonl -o clean.jsonl --profile profile.toml
      cleaner learn scraped/acme/ --site acme.com -o acme.toml
      cleaner learn ~/.cache/cleaner --min-docs 5 --min-share 0.3 -o profile.toml
    """
    stats = LearnStats()

    def problem(message: str) -> None:
        err.print(f"[yellow]cleaner:[/yellow] {escape(message)}", highlight=False)

    fields = Fields(text_field, html_field, url_field, title_field)
    try:
        profile = learn_profile(
            inputs,
            site=site,
            min_docs=min_docs,
            min_share=min_share,
            fields=fields,
            engine=engine.value,
            on_problem=problem,
            stats=stats,
        )
    except KeyboardInterrupt:
        raise fail("interrupted; no profile written") from None
    if explain_:
        for table in profile_tables(profile):
            err.print(table)
    if stats.documents == 0:
        raise fail("no documents were read: nothing learned, no profile written")
    if output is not None:
        try:
            profile.write(output)
        except OSError as exc:
            raise fail(f"{output}: cannot write the profile: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(profile.to_toml())
    without = f" ({stats.skipped:,} without a site: give --site)" if stats.skipped else ""
    err.print(
        f"learned {profile.rule_count:,} rules for {len(profile.sites):,} sites from {stats.line()}{without}",
        highlight=False,
    )
    raise typer.Exit(2 if stats.failed_inputs else 0)


site_config_app = typer.Typer(
    help="Site pattern files (the Full-Text RSS format): check them against their test pages.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(site_config_app, name="site-config")


@site_config_app.command("test")
def site_config_test(
    directory: Annotated[Path, typer.Argument(help="A directory of site pattern files.", show_default=False)],
    cache: Annotated[
        Path | None,
        typer.Option(help="A `cleaner fetch --cache` directory: pages are read from it when the network fails."),
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Fetch nothing: test the cached copies only.")] = False,
    timeout: Annotated[float, typer.Option(min=0.001, help="Seconds one fetch may take.")] = 15.0,
    ignore_robots: IgnoreRobotsOption = False,
) -> None:
    """Fetch each file's test_url (or read a cached copy) and report which rules still match and
    whether the article holds each test_contains text. Exit code 0 when every test page passes,
    2 when some fail, 1 when none passes (or no file has a test_url).

    [bold]Examples[/bold]

      cleaner site-config test site-rules/
      cleaner site-config test site-rules/ --cache ~/.cache/cleaner --offline
    """
    from .sites.check import check_site_configs
    from .sites.report import site_test_table

    configs = load_site_config(directory)
    assert configs is not None
    options = {"timeout": timeout, "robots": not ignore_robots}
    outcomes = check_site_configs(configs, cache=cache, offline=offline, fetch_options=options)
    if not outcomes:
        raise fail(f"{directory}: no site pattern file names a test_url")
    err.print(site_test_table(outcomes))
    passed = sum(o.ok for o in outcomes)
    err.print(f"{passed} of {len(outcomes)} test pages pass", highlight=False)
    raise typer.Exit(0 if passed == len(outcomes) else 1 if passed == 0 else 2)


def main() -> None:
    app()
