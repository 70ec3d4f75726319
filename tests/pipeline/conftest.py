"""Helpers for the pipeline tests: fixture records and pages, running the real command."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "fixtures" / "pipeline"
PAGES = sorted((PIPELINE / "pages").glob("*.html"))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def cleaner(
    *args: str | Path, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the real command (`python -m cleaner`) as a user would."""
    cmd = [sys.executable, "-m", "cleaner", "clean", *map(str, args)]
    return subprocess.run(cmd, input=stdin, capture_output=True, cwd=cwd, timeout=300)


def fixture_records() -> list[dict[str, Any]]:
    return read_jsonl(PIPELINE / "records.jsonl")


def many_records(n: int) -> list[dict[str, Any]]:
    """`n` records made from the fixture records, each with its own id."""
    base = fixture_records()
    return [{**base[i % len(base)], "id": f"r{i}"} for i in range(n)]


def write_warc(path: Path, *, gzip_records: bool, extra: bool = True) -> list[str]:
    """A WARC of the fixture pages (plus a request, an image and a warcinfo record); returns the page URLs."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    urls = []
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip_records)
        if extra:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for page in PAGES:
            url = f"https://gazette.example/{page.stem}"
            urls.append(url)
            if extra:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "gazette.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = io.BytesIO(page.read_bytes())
            writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
        if extra:
            png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            body = io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64))
            writer.write_record(
                writer.create_warc_record(
                    "https://gazette.example/logo.png", "response", payload=body, http_headers=png
                )
            )
    return urls


@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", fixture_records())
