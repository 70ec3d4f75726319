"""A real HTTP server on 127.0.0.1 serving pages the test sets: fetching site pattern files'
test pages, learning from a fetch cache. The `page_server` fixture (tests/conftest.py) runs one."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


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
