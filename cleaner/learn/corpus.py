"""The corpus `cleaner learn` reads: documents with the site each belongs to.

Three kinds of input:

- record files (JSONL, plain or compressed; Parquet; WARC) whose records carry a URL and a
  text or HTML field; the site is the URL's registered domain (or `--site` for all);
- a directory of text (or HTML) files, or single files, all of one site given by `--site`;
- the cache directory of `cleaner fetch --cache` (``xx/<sha256>.json`` beside ``.body``).

HTML is extracted first (the built-in rules applied), so that learning sees the lines that
reach the text cleaner. A problem with one input or record is reported and skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CleanerError, InputError
from ..io.readers import read_input
from ..rules.sites import site_of

_CACHE_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")
_RECORD_SUFFIXES = {
    ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".jsonl.zst": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet", ".warc": "warc", ".warc.gz": "warc",
}  # fmt: skip
_HTML_KEY = "__html__"  # cleaner.io.warc.HTML_KEY, the field WARC pages carry their HTML in


@dataclass(frozen=True)
class Document:
    """One document of the corpus: its site, the text to learn from, its headline if known."""

    site: str
    text: str
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Fields:
    """Which record fields hold the text, the HTML (used when there is no text), URL, title."""

    text: str = "text"
    html: str = "html"
    url: str = "url"
    title: str = "title"


class Corpus:
    """The documents of some inputs, read lazily; counts what it skipped and why."""

    def __init__(
        self,
        inputs: Sequence[str | Path],
        *,
        site: str | None = None,
        fields: Fields | None = None,
        engine: str = "best",
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.inputs = [str(i) for i in inputs]
        self.site, self.fields, self.engine = site, fields or Fields(), engine
        self.on_problem = on_problem
        self.problems: list[str] = []
        #: Documents without a site (no URL and no --site), records that could not be read.
        self.skipped = 0
        self.failed_inputs = 0
        #: Characters of text handed to the learner.
        self.chars = 0

    def __iter__(self) -> Iterator[Document]:
        for name in self.inputs:
            try:
                yield from self._input(name)
            except CleanerError as exc:
                self.failed_inputs += 1
                self._problem(str(exc))

    def _problem(self, message: str) -> None:
        self.problems.append(message)
        if self.on_problem is not None:
            self.on_problem(message)

    def _input(self, name: str) -> Iterator[Document]:
        path = Path(name)
        if name != "-" and path.is_dir():
            if _is_fetch_cache(path):
                yield from self._cache(path)
            else:
                yield from self._directory(path)
        elif name == "-" or _record_kind(name):
            yield from self._records(name, _record_kind(name) or "jsonl")
        else:
            yield from self._file(name)

    # --- kinds of input ------------------------------------------------------------------------

    def _records(self, name: str, kind: str) -> Iterator[Document]:
        reader = _reader(name, kind)
        try:
            for item in reader:
                record = _record(item.payload, name, item.number, reader.unit)
                if isinstance(record, str):
                    self.skipped += 1
                    self._problem(record)
                    continue
                doc = self._document(
                    record, f"{name}:{item.number}" if reader.unit == "line" else f"{name}: record {item.number}"
                )
                if doc is not None:
                    yield doc
        finally:
            reader.close()

    def _directory(self, root: Path) -> Iterator[Document]:
        if self.site is None:
            raise InputError("a directory of text files is one site: give it with --site", source=str(root))
        files = sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
        )
        for path in files:
            try:
                yield from self._file(str(path))
            except CleanerError as exc:
                self.skipped += 1
                self._problem(str(exc))

    def _file(self, name: str) -> Iterator[Document]:
        item = read_input(name)
        if item.is_html:
            doc = self._html(item.data, None, self.site, None, name)
        elif self.site is None:
            raise InputError("a text file has no URL to tell its site: give it with --site", source=name)
        else:
            doc = self._text(self.site, item.text, None, None)
        if doc is not None:
            yield doc

    def _cache(self, root: Path) -> Iterator[Document]:
        for meta_path in sorted(root.glob("??/*.json")):
            if not _CACHE_ENTRY.match(meta_path.name):
                continue
            try:
                entry = json.loads(meta_path.read_text("utf-8"))
                body = meta_path.with_suffix(".body").read_bytes()
            except (OSError, ValueError) as exc:
                self.skipped += 1
                self._problem(f"{meta_path}: unreadable cache entry ({exc})")
                continue
            if (
                not isinstance(entry, dict)
                or entry.get("status") != 200
                or not _is_html_type(entry.get("content_type"))
            ):
                continue  # redirects, PDFs: nothing to learn from
            url = entry.get("url") if isinstance(entry.get("url"), str) else None
            doc = self._html(body, url, self.site or site_of(url), None, str(meta_path))
            if doc is not None:
                yield doc

    # --- one document --------------------------------------------------------------------------

    def _document(self, record: dict[str, Any], where: str) -> Document | None:
        f = self.fields
        url = record.get(f.url) if isinstance(record.get(f.url), str) else None
        title = record.get(f.title) if isinstance(record.get(f.title), str) else None
        site = self.site or site_of(url)
        text = record.get(f.text)
        if isinstance(text, str):
            if site is None:
                self.skipped += 1
                return None
            return self._text(site, text, title, url)
        html = record.get(f.html, record.get(_HTML_KEY))
        if isinstance(html, str | bytes):
            return self._html(html, url, site, title, where)
        self.skipped += 1
        self._problem(f"{where}: has no text field {f.text!r} or HTML field {f.html!r}")
        return None

    def _text(self, site: str, text: str, title: str | None, url: str | None) -> Document:
        self.chars += len(text)
        return Document(site, text, title, url)

    def _html(
        self, html: str | bytes, url: str | None, site: str | None, title: str | None, where: str
    ) -> Document | None:
        from ..extract import extract_html  # extraction imports this package (site pattern files)

        try:
            article = extract_html(html, url=url, engine=self.engine)
        except CleanerError as exc:
            self.skipped += 1
            self._problem(f"{where}: {exc.reason}")
            return None
        site = site or site_of(article.url)
        if site is None:
            self.skipped += 1
            return None
        return self._text(site, article.text, title or article.title, url or article.url)


def _record_kind(name: str) -> str | None:
    lower = name.lower()
    return next((kind for suffix, kind in _RECORD_SUFFIXES.items() if lower.endswith(suffix)), None)


def _reader(name: str, kind: str) -> Any:
    if kind == "parquet":
        from ..io.parquet import ParquetReader

        return ParquetReader(name)
    if kind == "warc":
        from ..io.warc import WarcReader

        return WarcReader(name)
    from ..io.jsonl import JsonlReader

    return JsonlReader(name)


def _record(payload: Any, name: str, number: int, unit: str) -> dict[str, Any] | str:
    """The record of a reader's item, or why it cannot be read."""
    from ..io.records import Unreadable

    if isinstance(payload, Unreadable):
        return payload.message
    if isinstance(payload, bytes):
        where = f"{name}:{number}"
        if not payload.strip():
            return f"{where}: is blank"
        try:
            payload = json.loads(payload)
        except ValueError as exc:
            return f"{where}: is not valid JSON ({exc})"
        if not isinstance(payload, dict):
            return f"{where}: is not a JSON object"
    return payload if isinstance(payload, dict) else f"{name}: {unit} {number}: not a record"


def _is_fetch_cache(root: Path) -> bool:
    return any(_CACHE_ENTRY.match(p.name) for p in root.glob("??/*.json"))


def _is_html_type(content_type: Any) -> bool:
    return not isinstance(content_type, str) or not content_type or "html" in content_type.lower()
