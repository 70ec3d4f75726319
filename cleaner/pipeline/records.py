"""The public pipeline API: clean records (dicts) one by one, or a batch of columns at once.

    clean_records(records, text_field="text")    iterator of dicts in, iterator of dicts out
    clean_batch(batch)                            {column: [values]} in and out, for
                                                  datasets.map(batched=True), pandas, Ray

An output record is the input record with every other field kept as it was, the cleaned text
in the output field, and the article metadata (`METADATA`). A metadata field the record
already has is only replaced by a value, never by null. A record that cannot be cleaned comes
out as it went in plus ``"error": {"kind", "message", "line"}``; nothing is raised for it.

With `blocks`, a record also gets the kept blocks (``blocks``, a list of objects; a JSON string
in columnar outputs, Parquet and `clean_batch`, whose columns need one type) and the body as
Markdown (``markdown``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import settings
from .._timelimit import within
from ..article import Article
from ..clean.engine import resolve_scorer
from ..document import FORMATS
from ..documents import clean_text
from ..errors import CleanerError, TimeLimitExceeded
from ..extract import extract_html
from ..extract.html import SiteConfigArg
from ..io._json import dumps_text, loads
from ..rules import RuleSet, parse_rules
from ..rules.ruleset import resolve
from ..sites.config import resolve_site_configs
from ..writers.json import body_markdown

#: The article fields added to every output record.
METADATA = ("title", "author", "date", "sitename", "language", "source")

#: What `rules=` takes: a RuleSet, rules files, or nothing for the built-in rules.
RulesSpec = RuleSet | str | Path | Sequence[str | Path] | None


@dataclass(frozen=True)
class RecordOptions:
    """Which fields to read and write. `output_field` defaults to the text field."""

    text_field: str = "text"
    html_field: str | None = None
    url_field: str = "url"
    output_field: str | None = None
    with_removed: bool = False
    engine: str = "best"
    #: Fields read but not written out (the raw HTML of WARC pages).
    drop: tuple[str, ...] = ()
    #: What the text field holds: ``text``, ``markdown`` or ``html`` (None: told by content).
    input_format: str | None = None
    #: Add ``blocks`` and ``markdown`` (with links and images when asked) to each record.
    blocks: bool = False
    links: bool = False
    images: bool = False
    #: Seconds one record may take (None: no limit); past it the record gets a ``timeout`` error.
    timeout: float | None = settings.RECORD_TIMEOUT
    #: What decides the blocks no rule names: ``rules`` or ``model`` (None: `settings.BLOCK_SCORER`).
    scorer: str | None = None

    @property
    def target(self) -> str:
        return self.output_field or self.text_field

    @property
    def source_field(self) -> str:
        return self.html_field or self.text_field


class BadRecord(Exception):
    """A record that cannot be cleaned; `kind` goes into the error record."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class RecordCleaner:
    """Cleans records with one rule set, built once (per worker process, per Ray actor)."""

    def __init__(
        self,
        options: RecordOptions | None = None,
        rules: RulesSpec = None,
        *,
        origin: str | None = None,
        site_config: SiteConfigArg = None,
    ) -> None:
        self.options = options or RecordOptions()
        if self.options.input_format not in (None, *FORMATS):
            raise ValueError(f"unknown input format {self.options.input_format!r} (known: {', '.join(FORMATS)})")
        if self.options.scorer is not None:
            resolve_scorer(self.options.scorer)  # a misspelt scorer fails here, not once per record
        self.rules = load_rules(rules)
        self.origin = origin
        self.site_config = resolve_site_configs(site_config)

    def clean(self, record: Any, number: int, *, unit: str = "line") -> dict[str, Any]:
        """The output record for `record` (the `number`-th line or record of the input)."""
        return self.check(record, number, unit=unit)[0]

    def check(self, record: Any, number: int, *, unit: str = "line") -> tuple[dict[str, Any], bool]:
        """The output record, and whether it failed (an ``error`` field may also come from the input)."""
        if not isinstance(record, Mapping):
            return self.error({}, "record", f"is {_json_type(record)}, not an object", number, unit), True
        try:
            article = within(self.options.timeout, self._article, record)
        except TimeLimitExceeded:
            why = f"took longer than the time limit of {self.options.timeout or 0:g} s per record"
            return self.error(record, "timeout", why, number, unit), True
        except BadRecord as exc:
            return self.error(record, exc.kind, str(exc), number, unit), True
        except CleanerError as exc:
            return self.error(record, exc.kind, " ".join(exc.reason.split()), number, unit), True
        except Exception as exc:  # a bug must cost one record, never the run
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            return self.error(record, "internal", f"{type(exc).__name__}: {first}", number, unit), True
        return self.merge(record, article), False

    def check_line(self, line: bytes, number: int) -> tuple[dict[str, Any], bool, bool]:
        """Parse one JSONL line and clean it: the output record, whether it failed, and whether
        it is plain (read by orjson, so `cleaner.io._json.dumps_line` may write it with orjson)."""
        try:
            record, plain = loads(line)
        except ValueError as exc:
            why = "is blank" if not line.strip() else f"is not valid JSON ({exc})"
            return self.error({}, "json", why, number, "line"), True, True
        except RecursionError:  # json's decoder recurses once per level of nesting
            return self.error({}, "json", "is nested too deeply to read", number, "line"), True, True
        return (*self.check(record, number), plain)

    def _article(self, record: Mapping[str, Any]) -> Article:
        opts = self.options
        field = opts.source_field
        if field not in record:
            raise BadRecord("field", f"has no field {field!r}")
        value = record[field]
        if opts.html_field or opts.input_format == "html":
            if not isinstance(value, str | bytes):
                raise BadRecord("field", f"field {field!r} is {_json_type(value)}, not a string")
            url = record.get(opts.url_field)
            return extract_html(
                value,
                url=url if isinstance(url, str) else None,
                rules=self.rules,
                engine=opts.engine,
                site_config=self.site_config,
                scorer=opts.scorer,
            )
        if not isinstance(value, str):
            raise BadRecord("field", f"field {field!r} is {_json_type(value)}, not a string")
        url = record.get(opts.url_field)
        return clean_text(
            value,
            rules=self.rules.for_url(url if isinstance(url, str) else None),
            format=opts.input_format,
            scorer=opts.scorer,
        )

    def merge(self, record: Mapping[str, Any], article: Article) -> dict[str, Any]:
        out = {k: v for k, v in record.items() if k not in self.options.drop}
        out[self.options.target] = article.text
        for key in METADATA:
            value = getattr(article, key)
            if value is not None or key not in out:
                out[key] = value
        if self.options.with_removed:
            out["removed"] = [r.to_dict() for r in article.removed]
        if article.notes:  # a cap cut something of a hostile record: say so in it
            out["notes"] = article.notes
        if self.options.blocks:
            out["blocks"] = [b.to_dict() for b in article.blocks]
            out["markdown"] = body_markdown(article, links=self.options.links, images=self.options.images)
        return out

    def error(self, record: Mapping[str, Any], kind: str, why: str, number: int, unit: str) -> dict[str, Any]:
        where = f"{self.origin}:{number}" if self.origin and unit == "line" else f"{unit} {number}"
        if self.origin and unit != "line":
            where = f"{self.origin}: {where}"
        out = {k: v for k, v in record.items() if k not in self.options.drop}
        out["error"] = {"kind": kind, "message": f"{where}: {why}", unit: number}
        return out


def clean_records(
    records: Iterable[Any],
    *,
    text_field: str = "text",
    html_field: str | None = None,
    url_field: str = "url",
    output_field: str | None = None,
    with_removed: bool = False,
    rules: RulesSpec = None,
    engine: str = "best",
    site_config: SiteConfigArg = None,
    input_format: str | None = None,
    blocks: bool = False,
    links: bool = False,
    images: bool = False,
    timeout: float | None = settings.RECORD_TIMEOUT,
) -> Iterator[dict[str, Any]]:
    """Clean a stream of records (dicts), yielding one output record per input record, in order.

    With `html_field`, that field's HTML is extracted (`url_field` gives the page URL, which also
    picks a profile's site rules and a site pattern file of `site_config`) and the text goes to
    `output_field` (default `text_field`). `input_format` says what the text field holds
    (``text``, ``markdown``, ``html``; None tells by content). Bad records come out with an
    ``error``. With `blocks`, each record gets ``blocks`` and ``markdown`` (links and images as
    asked).

    `timeout`: seconds one record may take (None or 0: no limit; default
    `settings.RECORD_TIMEOUT`, as ``--record-timeout``); a record past it comes out with an
    ``error`` of kind ``timeout`` and the stream goes on. On the main thread the limit is a
    SIGALRM timer, on other threads a watchdog thread; either interrupts Python code only, so a
    record stuck in one call into C stops when that call returns (use `cleaner clean
    --workers N`, whose supervisor kills such a worker, for untrusted input).
    """
    options = RecordOptions(
        text_field,
        html_field,
        url_field,
        output_field,
        with_removed,
        engine,
        input_format=input_format,
        blocks=blocks,
        links=links,
        images=images,
        timeout=_timeout(timeout),
    )
    cleaner = RecordCleaner(options, rules, site_config=site_config)
    for number, record in enumerate(records, 1):
        yield cleaner.clean(record, number, unit="record")


def clean_batch(
    batch: Mapping[str, Sequence[Any]],
    *,
    text_field: str = "text",
    html_field: str | None = None,
    url_field: str = "url",
    output_field: str | None = None,
    with_removed: bool = False,
    rules: RulesSpec = None,
    engine: str = "best",
    site_config: SiteConfigArg = None,
    input_format: str | None = None,
    blocks: bool = False,
    links: bool = False,
    images: bool = False,
    timeout: float | None = settings.RECORD_TIMEOUT,
) -> dict[str, list[Any]]:
    """Clean a batch of columns, ``{name: [values]}``, as `datasets.map(batched=True)` passes it.

    Every batch gets the same columns (the input's, the output field, `METADATA`, ``removed``
    when asked, ``blocks`` (as JSON text) and ``markdown`` when asked, and ``error``, null where
    the row was fine), as columnar tools require. `timeout` is as in `clean_records`.
    """
    options = RecordOptions(
        text_field,
        html_field,
        url_field,
        output_field,
        with_removed,
        engine,
        input_format=input_format,
        blocks=blocks,
        links=links,
        images=images,
        timeout=_timeout(timeout),
    )
    cleaner = RecordCleaner(options, rules, site_config=site_config)
    size = len(next(iter(batch.values()))) if batch else 0
    rows = ({name: column[i] for name, column in batch.items()} for i in range(size))
    cleaned = [columnar(cleaner.clean(row, i, unit="record"), options) for i, row in enumerate(rows, 1)]
    return columns(cleaned, options, list(batch))


def _timeout(timeout: float | None) -> float | None:
    if timeout is not None and timeout < 0:
        raise ValueError(f"timeout must not be negative, not {timeout}")
    return timeout or None


def columns(rows: list[dict[str, Any]], options: RecordOptions, names: list[str]) -> dict[str, list[Any]]:
    """Rows as columns with a fixed set of names (missing values are None)."""
    keys = [n for n in names if n not in options.drop]
    extra = [options.target, *METADATA] + (["removed"] if options.with_removed else [])
    extra += (["blocks", "markdown"] if options.blocks else []) + ["error"]
    keys += [k for k in extra if k not in keys]
    return {k: [row.get(k) for row in rows] for k in keys}


def columnar(record: dict[str, Any], options: RecordOptions) -> dict[str, Any]:
    """`record` for a columnar output: its ``blocks`` as one JSON string, since blocks of
    different kinds have different fields and a column has one type."""
    if options.blocks and isinstance(record.get("blocks"), list):
        record["blocks"] = dumps_text(record["blocks"])
    return record


def load_rules(rules: RulesSpec) -> RuleSet:
    """A RuleSet from what `rules=` takes; files are read once per process."""
    if rules is None or isinstance(rules, RuleSet):
        return resolve(rules)
    paths = (rules,) if isinstance(rules, str | Path) else tuple(rules)
    return _rules_from_files(tuple(str(p) for p in paths))


@lru_cache(maxsize=8)
def _rules_from_files(paths: tuple[str, ...]) -> RuleSet:
    return RuleSet.from_files(*paths) if paths else RuleSet.default()


def rules_from_texts(texts: Sequence[tuple[str, str]]) -> RuleSet:
    """A RuleSet from (name, TOML text) pairs: rules read on one machine, used on another (Ray).
    Built once per process: a one-worker run checks the rules and then cleans with them."""
    return _rules_from_texts(tuple((str(source), str(text)) for source, text in texts))


@lru_cache(maxsize=8)
def _rules_from_texts(texts: tuple[tuple[str, str], ...]) -> RuleSet:
    if not texts:
        return RuleSet.default()
    return RuleSet.combine([parse_rules(text, source) for source, text in texts])


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}.get(
        type(value), type(value).__name__
    )


__all__ = ["METADATA", "RecordCleaner", "RecordOptions", "clean_batch", "clean_records", "columnar"]
