"""A real HTTP/1.1 server for the fetch tests: fixture pages, faults, and a record of requests.

One threaded server per loopback address (127.0.0.1, 127.0.0.2, ...), so that the tests have
several hosts; all share one route table and one record. The record keeps every request and, per
host, how many were in flight at once: the per-host limit is checked against what the server saw.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import brotli

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fetch"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
}


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunked: bool = False


@dataclass
class Seen:
    host: str
    path: str
    headers: dict[str, str]
    start: float


Route = Callable[["Seen", int], Reply]


class FaultServer:
    def __init__(self, hosts: tuple[str, ...] = ("127.0.0.1",)) -> None:
        self.lock = threading.Lock()
        self.requests: list[Seen] = []
        self.inflight: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.peak_total = 0
        self.routes: dict[str, Route] = {}
        self._servers = [self._server(host) for host in hosts]
        self._threads = [
            threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True) for s in self._servers
        ]
        self._default_routes()

    def _server(self, host: str) -> ThreadingHTTPServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                owner._handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer((host, 0), Handler)
        server.daemon_threads = True
        server.handle_error = lambda *a: None  # type: ignore[method-assign]  # clients hang up on purpose
        return server

    # --- life ------------------------------------------------------------------------------
    def start(self) -> FaultServer:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def url(self, path: str, host: int = 0) -> str:
        address, port = self._servers[host].server_address[:2]
        return f"http://{address}:{port}{path}"

    @property
    def base(self) -> str:
        return self.url("")

    def hits(self, path: str) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    # --- routes ----------------------------------------------------------------------------
    def route(self, path: str, reply: Reply | Route) -> None:
        self.routes[path] = reply if callable(reply) else (lambda seen, n, r=reply: r)

    def fixture(self, name: str) -> bytes:
        data = (FIXTURES / name).read_bytes()
        return data.replace(b"{base}", self.base.encode()) if name.endswith((".xml", ".rss", ".atom")) else data

    def _default_routes(self) -> None:
        page = self.fixture("article.html")
        html = {"Content-Type": "text/html; charset=utf-8"}
        accents = (FIXTURES / "accents.html").read_text("utf-8")
        big = b"<html><body><p>" + b"word " * 40_000 + b"</p></body></html>"
        self.route("/robots.txt", Reply(body=self.fixture("robots.txt"), headers={"Content-Type": "text/plain"}))
        self.route("/private/secret.html", Reply(body=page, headers=html))
        self.route("/missing", Reply(404, b"<html><body>not here</body></html>", html))
        self.route("/loop/a", Reply(302, headers={"Location": "/loop/b"}))
        self.route("/loop/b", Reply(302, headers={"Location": "/loop/a"}))
        self.route("/report.pdf", Reply(body=self.fixture("report.pdf"), headers={"Content-Type": "application/pdf"}))
        self.route("/data.json", Reply(body=b'{"a": 1}', headers={"Content-Type": "application/json"}))
        self.route("/slow", Reply(body=page, headers=html, delay=2.0))
        self.route("/big", Reply(body=big, headers=html))
        self.route("/big-chunked", Reply(body=big, headers=html, chunked=True))
        self.route("/gzip", Reply(body=gzip.compress(page), headers={**html, "Content-Encoding": "gzip"}))
        self.route("/brotli", Reply(body=brotli.compress(page), headers={**html, "Content-Encoding": "br"}))
        self.route("/untyped", Reply(body=page))
        self.route(
            "/utf8-declared-latin1",
            Reply(body=accents.encode("utf-8"), headers={"Content-Type": "text/html; charset=ISO-8859-1"}),
        )
        self.route(
            "/latin1-declared-utf8",
            Reply(body=accents.encode("latin-1"), headers={"Content-Type": "text/html; charset=utf-8"}),
        )
        self.route(
            "/sitemap-archive.xml.gz",
            Reply(
                body=gzip.compress(self.fixture("sitemap-archive.xml")), headers={"Content-Type": "application/x-gzip"}
            ),
        )
        self.route("/hold", Reply(body=page, headers=html, delay=0.15))
        self.route(
            "/busy",
            lambda seen, n: Reply(429, headers={"Retry-After": "1"}) if n == 1 else Reply(body=page, headers=html),
        )
        self.route("/flaky", lambda seen, n: Reply(503) if n == 1 else Reply(body=page, headers=html))
        self.route("/etag", self._etag)
        self.route("/modified", self._modified)
        self.route("/plain", Reply(body=page, headers=html))
        for n in range(1, 15):
            target = f"/redirect/{n - 1}" if n > 1 else "/pages/article.html"
            self.route(f"/redirect/{n}", Reply(301 if n % 2 else 302, headers={"Location": target}))

    def _etag(self, seen: Seen, n: int) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=self.fixture("article.html"), headers={"Content-Type": "text/html", "ETag": '"v1"'})

    def _modified(self, seen: Seen, n: int) -> Reply:
        stamp = "Mon, 18 Mar 2024 08:30:00 GMT"
        if seen.headers.get("if-modified-since") == stamp:
            return Reply(304)
        return Reply(body=self.fixture("second.html"), headers={"Content-Type": "text/html", "Last-Modified": stamp})

    def _lookup(self, path: str, seen: Seen, n: int) -> Reply:
        bare = path.split("?")[0]
        if bare in self.routes:
            return self.routes[bare](seen, n)
        name = bare.rsplit("/", 1)[-1]
        if (bare.startswith("/pages/") or bare.count("/") == 1) and (FIXTURES / name).is_file():
            ctype = _TYPES.get(Path(name).suffix, "application/octet-stream")
            return Reply(body=self.fixture(name), headers={"Content-Type": ctype})
        return Reply(404, b"no such page", {"Content-Type": "text/plain"})

    # --- serving ---------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        host = str(handler.server.server_address[0])
        seen = Seen(host, handler.path, {k.lower(): v for k, v in handler.headers.items()}, time.monotonic())
        with self.lock:
            self.requests.append(seen)
            self.counts[handler.path] += 1
            n = self.counts[handler.path]
            self.inflight[host] += 1
            self.peak[host] = max(self.peak[host], self.inflight[host])
            self.peak_total = max(self.peak_total, sum(self.inflight.values()))
        try:
            reply = self._lookup(handler.path, seen, n)
            if reply.delay:
                time.sleep(reply.delay)
        finally:
            # Out of flight before the answer goes: once its last byte is out, the client may
            # send the next request on that slot before this thread runs again, and counting
            # the finished one still would show one too many in flight (seen on a loaded machine).
            with self.lock:
                self.inflight[host] -= 1
        self._send(handler, reply)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        handler.send_response(reply.status)
        for key, value in reply.headers.items():
            handler.send_header(key, value)
        if reply.chunked:
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            for i in range(0, len(reply.body), 8192):
                chunk = reply.body[i : i + 8192]
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            handler.wfile.write(b"0\r\n\r\n")
        else:
            handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            handler.wfile.write(reply.body)
