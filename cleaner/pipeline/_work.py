"""What runs inside a worker: rules loaded once, then chunks of items cleaned in order.

A chunk's results come back encoded as JSON lines (for JSONL output) or as dicts (Parquet),
each flagged failed or not, so that the main process only writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .. import settings
from ..io._json import dumps_line, loads
from ..io.records import Item, Unreadable
from ..io.warc import HTML_KEY
from ..sites.config import SiteConfigs
from .pool import started
from .records import RecordCleaner, RecordOptions, columnar, rules_from_texts

#: What a lost item's error says, by the kind the pool gave it.
_LOST = {
    "timeout": "took longer than the time limit of {limit:g} s per record, inside a call that could not be"
    " interrupted; its worker process was replaced",
    "worker": "its worker process died on it (killed, out of memory, or a crash in a C extension)",
}


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive items of one input: its name, what a number counts, and whether it is WARC."""

    origin: str
    unit: str
    items: list[Item]
    warc: bool = False


@dataclass(slots=True)
class Done:
    """A cleaned chunk: one output per item, in order, and which of them failed."""

    outputs: list[bytes | dict[str, Any]] = field(default_factory=list)
    failed: list[bool] = field(default_factory=list)
    size: int = 0


@dataclass(frozen=True)
class Job:
    """Everything a worker needs, sent once: field options, rules as (name, text), output kind."""

    options: RecordOptions
    rule_texts: tuple[tuple[str, str], ...] = ()
    as_json: bool = True
    site_config: SiteConfigs | None = None


_state: dict[str, Any] = {}


def init_worker(job: Job) -> None:
    """Load the rules once for this worker; build a cleaner for records and one for WARC pages."""
    rules = rules_from_texts(job.rule_texts)
    warc = replace(job.options, html_field=HTML_KEY, output_field=job.options.output_field or "text", drop=(HTML_KEY,))
    _state["records"] = RecordCleaner(job.options, rules, site_config=job.site_config)
    _state["warc"] = RecordCleaner(warc, rules, site_config=job.site_config)
    _state["as_json"] = job.as_json


def clean_chunk(chunk: Chunk, lost: Mapping[int, str]) -> Done:
    """Every item of the chunk in order; an item the pool lost (`lost`: index → kind, the
    worker that ran it killed or dead) gets an error record in its place, without running."""
    cleaner: RecordCleaner = _state["warc" if chunk.warc else "records"]
    cleaner.origin = chunk.origin
    as_json: bool = _state["as_json"]
    done = Done()
    for index, item in enumerate(chunk.items):
        started(index)
        payload = item.payload
        if index in lost:
            kind = lost[index]
            why = _LOST.get(kind, "was lost").format(limit=cleaner.options.timeout or 0)
            fields, plain = _fields(payload)
            out, failed = cleaner.error(fields, kind, why, item.number, chunk.unit), True
        elif isinstance(payload, bytes):
            out, failed, plain = cleaner.check_line(payload, item.number)
        elif isinstance(payload, Unreadable):
            error = {"kind": payload.kind, "message": payload.message, chunk.unit: item.number}
            out, failed, plain = {**(payload.partial or {}), "error": error}, True, False
        else:  # a Parquet row or WARC record, which may hold NaN: written by the stdlib
            out, failed = cleaner.check(payload, item.number, unit=chunk.unit)
            plain = False
        done.failed.append(failed)
        done.outputs.append(dumps_line(out, plain=plain) if as_json else columnar(out, cleaner.options))
        done.size += item.size
    return done


def _fields(payload: object) -> tuple[dict[str, Any], bool]:
    """The record's fields for its error record (what a good record would have kept), and
    whether they are plain (see `cleaner.io._json`)."""
    if not isinstance(payload, bytes):
        return (dict(payload) if isinstance(payload, dict) else {}), False
    try:
        value, plain = loads(payload)
    except (ValueError, RecursionError):
        return {}, True
    return (dict(value) if isinstance(value, dict) else {}), plain


def encode(record: dict[str, Any]) -> bytes:
    """A record made outside a worker's loop, whose origin is not known: the stdlib writes it."""
    return dumps_line(record, plain=False)


def chunked(items: Iterable[Item], origin: str, unit: str, *, warc: bool = False) -> Iterator[Chunk]:
    """Items in chunks bounded by record count and by bytes."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.size
        if len(batch) >= settings.CHUNK_RECORDS or size >= settings.CHUNK_BYTES:
            yield Chunk(origin, unit, batch, warc)
            batch, size = [], 0
    if batch:
        yield Chunk(origin, unit, batch, warc)
