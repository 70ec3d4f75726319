"""Raw responses on disk, so that a second run over the same URLs downloads nothing.

One entry per requested URL: ``<sha256>.json`` (status, content type, validators, redirect
target) beside ``<sha256>.body`` (the body as received, transfer encoding removed). An entry
with an ETag or Last-Modified is revalidated with a conditional request (a 304 answer costs no
body); one without validators is used as it is. Only answers worth keeping are stored: 200 pages
and permanent redirects. Writes go to a temporary file renamed into place, so a run stopped
half-way never leaves a torn entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

#: Answers kept: a page, and the redirects the server says will not change.
CACHEABLE = frozenset({200, 301, 308})


@dataclass
class Entry:
    url: str
    status: int
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None

    @property
    def validators(self) -> dict[str, str]:
        """Headers of a conditional request for this entry (empty: use the entry as it is)."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class DiskCache:
    """A directory of entries keyed by the URL's hash; safe to share between runs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def load(self, url: str) -> tuple[Entry, bytes] | None:
        """The entry and body for `url`, or None (absent or unreadable: then it is fetched anew)."""
        meta_path, body_path = self._paths(url)
        try:
            entry = Entry(**json.loads(meta_path.read_text("utf-8")))
            body = body_path.read_bytes()
        except (OSError, ValueError, TypeError):
            return None
        return (entry, body) if entry.url == url else None

    def store(self, entry: Entry, body: bytes) -> None:
        if entry.status not in CACHEABLE:
            return
        meta_path, body_path = self._paths(entry.url)
        meta_path.parent.mkdir(exist_ok=True)
        _write_atomic(body_path, body)
        _write_atomic(meta_path, json.dumps(asdict(entry), ensure_ascii=False).encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
