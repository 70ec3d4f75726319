"""Running record files through the cleaner: readers → worker pool → writer, with a summary.

This is what `cleaner clean data.jsonl` does; the command line only builds a `RunConfig`.
An output file is written under a temporary name and renamed when the run ends, so a file
with the final name is always whole; a problem that ends an input early is written into the
output as an error record, and said on stderr.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import CleanerError, InputError
from ..io.jsonl import JsonlReader, JsonlWriter
from ..io.parquet import ParquetReader, ParquetWriter
from ..io.records import Item, RecordReader, Unreadable
from ..io.warc import WarcReader
from ..sites.config import SiteConfigs
from ._progress import Reporter
from ._work import Chunk, Done, Job, chunked, clean_chunk, init_worker
from .pool import worker_pool
from .records import RecordOptions, rules_from_texts

_KINDS = {
    ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".jsonl.zst": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet", ".warc": "warc", ".warc.gz": "warc",
}  # fmt: skip


def record_kind(name: str) -> str | None:
    """``jsonl``, ``parquet`` or ``warc`` when the file name says it holds records, else None."""
    lower = name.lower()
    for suffix, kind in _KINDS.items():
        if lower.endswith(suffix):
            return kind
    return None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass
class RunConfig:
    """One run: inputs, where results go, field options, rules (and profiles), workers."""

    inputs: Sequence[str]
    output: Path | None = None
    options: RecordOptions = field(default_factory=RecordOptions)
    #: Rules files, profiles among them, applied in order (each is a TOML rules file).
    rules: Sequence[str | Path] = ()
    errors: Path | None = None
    workers: int | None = None
    #: ``jsonl`` or ``warc`` to read every input as that, whatever its name.
    force: str | None = None
    #: Show a progress bar; None: when stderr is a terminal.
    progress: bool | None = None
    #: Site pattern files applied to HTML records (loaded: `cleaner.sites.load_site_configs`).
    site_config: SiteConfigs | None = None


@dataclass
class Summary:
    records: int = 0
    failed: int = 0
    skipped: int = 0
    size: int = 0
    seconds: float = 0.0
    #: The run could not start, or stopped before the end of its inputs.
    stopped: bool = False

    @property
    def exit_code(self) -> int:
        if self.stopped:
            return 1
        if self.failed == 0:
            return 0
        return 1 if self.failed >= self.records else 2

    def line(self) -> str:
        mb = self.size / 1e6
        rate = mb / self.seconds if self.seconds > 0 else 0.0
        parts = [f"{self.records:,} records", f"{self.failed:,} failed"]
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped (not HTML)")
        return f"{', '.join(parts)} · {mb:,.1f} MB in {self.seconds:.1f} s · {rate:.2f} MB/s"


def run(config: RunConfig) -> Summary:
    """Clean every record of the inputs; the summary's `exit_code` is the command's."""
    report = Reporter(config.progress, [n for n in config.inputs if n != "-"])
    try:
        rule_texts = read_rules(config.rules)
        if rule_texts:  # fail now, with the file and line, not in every worker
            rules_from_texts(rule_texts)  # (the built-in rules cannot fail: the workers build them)
        output = Output(config.output, config.errors)
    except CleanerError as exc:
        report.problem(str(exc))
        return Summary(stopped=True)
    summary = Summary()
    workers = config.workers or default_workers()
    job = Job(config.options, rule_texts, as_json=not output.parquet, site_config=config.site_config)
    started = time.perf_counter()
    limit = config.options.timeout
    pool = worker_pool(clean_chunk, workers=workers, initializer=init_worker, initargs=(job,), limit=limit)
    try:
        with pool as results, report:  # the workers first: the progress bar runs a thread
            chunks = _chunks(config, summary, report)
            for done in results(chunks, workers * settings.CHUNKS_IN_FLIGHT_PER_WORKER):
                output.write(done)
                summary.records += len(done.failed)
                summary.failed += sum(done.failed)
                summary.size += done.size
                report.advance(summary)
    except (CleanerError, KeyboardInterrupt, BrokenPipeError) as exc:
        left = output.abandon()
        summary.seconds, summary.stopped = time.perf_counter() - started, True
        why = str(exc) or type(exc).__name__
        report.problem(f"{why}; stopped after {summary.records:,} records" + (f" (written to {left})" if left else ""))
        return summary
    output.commit()
    summary.seconds = time.perf_counter() - started
    report.summary(summary.line())
    return summary


def read_rules(paths: Sequence[str | Path]) -> tuple[tuple[str, str], ...]:
    """The text of every rules file, read here once: workers (or Ray actors) parse it."""
    texts = []
    for path in paths:
        try:
            texts.append((str(path), Path(path).read_text(encoding="utf-8")))
        except OSError as exc:
            raise InputError(f"cannot read rules file: {exc.strerror or exc}", source=str(path)) from None
    return tuple(texts)


def open_reader(name: str, kind: str, options: RecordOptions) -> RecordReader:
    if kind == "parquet":
        return ParquetReader(name, columns=(options.source_field,))
    if kind == "warc":
        return WarcReader(name)
    return JsonlReader(name)


def _chunks(config: RunConfig, summary: Summary, report: Reporter) -> Iterator[Chunk]:
    """Chunks of every input in turn; a problem with one input becomes one error record."""
    for name in config.inputs:
        kind = config.force or record_kind(name) or "jsonl"
        try:
            reader = open_reader(name, kind, config.options)
        except CleanerError as exc:
            report.problem(str(exc))
            yield _failure(name, kind, str(exc), 0)
            continue
        report.start(name, reader)
        try:
            yield from chunked(_noted(reader, report), name, reader.unit, warc=kind == "warc")
        finally:
            summary.skipped += reader.skipped
            reader.close()
            report.finish(name)


def _noted(reader: RecordReader, report: Reporter) -> Iterator[Item]:
    """The reader's items; a problem that ends the input early is also said on stderr."""
    for item in reader:
        if isinstance(item.payload, Unreadable) and item.payload.kind == "input":
            report.problem(item.payload.message)
        yield item


def _failure(name: str, kind: str, message: str, number: int) -> Chunk:
    unit = "line" if kind == "jsonl" else "record"
    return Chunk(name, unit, [Item(number, Unreadable("input", message), 0)])


class Output:
    """Where results go: stdout or a file (JSONL, compressed or not, or Parquet); errors apart
    when asked. Files are written as ``.NAME.partial`` and renamed by `commit`."""

    def __init__(self, path: Path | None, errors: Path | None) -> None:
        self.parquet = path is not None and path.name.lower().endswith(".parquet")
        self._final = [p for p in (path, errors) if p is not None]
        for p in self._final:
            p.parent.mkdir(parents=True, exist_ok=True)
        self.writer: Any
        if path is None:
            self.writer = JsonlWriter(sys.stdout.buffer)
        elif self.parquet:
            self.writer = ParquetWriter(_partial(path), like=path.name)
        else:
            self.writer = JsonlWriter(_partial(path), like=path.name)
        self.errors = JsonlWriter(_partial(errors), like=errors.name) if errors else None

    def write(self, done: Done) -> None:
        good: list[Any] = []
        bad: list[Any] = []
        for out, failed in zip(done.outputs, done.failed, strict=True):
            (bad if failed and self.errors else good).append(out)
        if self.parquet:
            self.writer.write_records(good)
        else:
            self.writer.write_lines(good)
        if bad and self.errors:
            self.errors.write_lines([_as_line(b) for b in bad])

    def commit(self) -> None:
        self._close()
        for path in self._final:
            _partial(path).replace(path)

    def abandon(self) -> str:
        """Close without renaming; name what was left behind."""
        self._close()
        return ", ".join(str(_partial(p)) for p in self._final)

    def _close(self) -> None:
        self.writer.close()
        if self.errors:
            self.errors.close()


def _as_line(out: bytes | dict[str, Any]) -> bytes:
    from ._work import encode

    return out if isinstance(out, bytes) else encode(out)


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")
