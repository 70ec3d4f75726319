"""WARC input with FastWARC (`pip install 'cleaner[warc]'`): one record per HTML response.

Requests, metadata, non-HTTP and non-HTML responses are skipped and counted. A response whose
block ends before its Content-Length says (a truncated file) is reported in its place.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from functools import partial
from typing import Any

from .._optional import optional
from ._compress import bytes_read
from ._errors import reading
from .records import Item, Unreadable

#: The key under which a page's HTML travels to the workers; it is not written out.
HTML_KEY = "__html__"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


_fastwarc = partial(optional, "fastwarc.warc", "WARC files need FastWARC", "warc")


class WarcReader:
    """The HTML pages of a WARC file (plain or gzip), as dicts with url, WARC ids and the HTML."""

    unit = "record"

    def __init__(self, name: str) -> None:
        self.fastwarc = _fastwarc(name)
        self.name, self.skipped = name, 0
        with reading(name):
            self._raw = open(name, "rb")  # noqa: SIM115

    def position(self) -> int:
        return bytes_read(self._raw)

    def __iter__(self) -> Iterator[Item]:
        warc = self.fastwarc.warc
        number = 0
        try:
            for record in warc.ArchiveIterator(self._raw, parse_http=False):
                number += 1
                if record.record_type != warc.WarcRecordType.response:
                    self.skipped += 1
                    continue
                item = self._page(record, number)
                if item is None:
                    self.skipped += 1
                else:
                    yield item
        except (OSError, ValueError) as exc:  # FastWARC: "Invalid WARC header", a broken gzip member
            where = f"after record {number}" if number else "before the first record"
            message = f"{self.name}: not a readable WARC file {where} ({exc}); the records after it are lost"
            yield Item(number + 1, Unreadable("input", message), 0)

    def _page(self, record: Any, number: int) -> Item | None:
        rid = record.record_id
        url = record.headers.get("WARC-Target-URI")
        where = f"{self.name}: record {number} ({rid}, {url})"
        known = {"url": url, "warc_record_id": rid}
        if record.headers.get("Content-Length") is None:
            return Item(
                number, Unreadable("warc", f"{where}: record is truncated (its WARC headers are cut short)", known), 0
            )
        if not (record.headers.get("Content-Type") or "").startswith("application/http"):
            return None
        try:
            record.parse_http(auto_decode="none")
        except Exception as exc:  # FastWARC raises plain errors on broken HTTP headers
            return Item(number, Unreadable("warc", f"{where}: unreadable HTTP headers ({exc})", known), 0)
        headers = record.http_headers
        if headers is None:
            return Item(number, Unreadable("warc", f"{where}: record is truncated (no HTTP headers)", known), 0)
        content_type = (record.http_content_type or "").lower()
        if content_type and not content_type.startswith(_HTML_TYPES):
            return None
        body = record.reader.read()
        if len(body) < record.content_length:
            why = f"record is truncated ({len(body)} of {record.content_length} bytes)"
            return Item(number, Unreadable("warc", f"{where}: {why}", known), len(body))
        try:
            html = self._decode(body, headers, record.http_charset)
        except (OSError, ValueError) as exc:
            return Item(number, Unreadable("warc", f"{where}: cannot decode the body ({exc})", known), len(body))
        page = {
            "url": url,
            "warc_record_id": rid,
            "warc_date": _date(record),
            "status": headers.status_code,
            HTML_KEY: html,
        }
        return Item(number, page, len(body))

    def _decode(self, body: bytes, headers: Any, charset: str | None) -> str | bytes:
        """Undo chunked transfer and gzip/deflate/br content encoding; decode by the HTTP charset."""
        stream_io = self.fastwarc.stream_io
        if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
            body = stream_io.ChunkedReader(io.BytesIO(body)).read()
        encoding = (headers.get("Content-Encoding") or "").lower().strip()
        if encoding in ("gzip", "x-gzip"):
            body = stream_io.GzipReader(io.BytesIO(body)).read()
        elif encoding == "deflate":
            body = stream_io.GzipReader(io.BytesIO(body), zlib=True).read()
        elif encoding == "br":
            body = stream_io.BrotliReader(io.BytesIO(body)).read()
        if charset:
            try:
                return body.decode(codecs.lookup(charset).name, errors="replace")
            except LookupError:
                pass
        return body

    def close(self) -> None:
        self._raw.close()


def _date(record: Any) -> str | None:
    """The record's WARC-Date in ISO form; as written when FastWARC cannot read it (None if absent)."""
    date = record.record_date
    if date is None:
        written = record.headers.get("WARC-Date")
        return written if isinstance(written, str) else None
    return str(date.isoformat().replace("+00:00", "Z"))
