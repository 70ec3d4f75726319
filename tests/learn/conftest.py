"""Fixtures of the learn tests: the made-up sites' corpus, site pattern files and pages, and a
real HTTP server on 127.0.0.1 for the fetch side of site pattern files."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

LEARN = Path(__file__).resolve().parents[2] / "fixtures" / "learn"
CORPUS = LEARN / "corpus.jsonl"
SITES = LEARN / "siteconfig" / "sites"
PAGES = LEARN / "siteconfig" / "pages"


def records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines()]


class PageServer:
    """Serves fixture pages (and robots.txt) on 127.0.0.1; counts requests per path."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nAllow: /\n"}
        self.hits: dict[str, int] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                owner.hits[self.path] = owner.hits.get(self.path, 0) + 1
                body = owner.pages.get(self.path)
                status = 200 if body is not None else 404
                body = body if body is not None else b"not here"
                kind = "text/plain" if self.path.endswith(".txt") or status == 404 else "text/html; charset=utf-8"
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    srv = PageServer()
    srv.thread.start()
    yield srv
    srv.server.shutdown()
    srv.server.server_close()
