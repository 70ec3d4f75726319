"""A real HTTPS server on 127.0.0.1 that speaks HTTP/2 only (ALPN ``h2``), with a test CA.

Small on purpose: one response per request stream, bodies under the default flow-control window.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from pathlib import Path

import h2.config
import h2.connection
import h2.events
import trustme

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fetch"


class _H2(asyncio.Protocol):
    def __init__(self, owner: H2Server) -> None:
        self.owner = owner
        self.conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.alpn = transport.get_extra_info("ssl_object").selected_alpn_protocol()
        self.conn.initiate_connection()
        transport.write(self.conn.data_to_send())

    def data_received(self, data: bytes) -> None:
        for event in self.conn.receive_data(data):
            if isinstance(event, h2.events.RequestReceived):
                path = dict(event.headers)[":path"]
                self.owner.seen.append((self.alpn, path))
                page = FIXTURES / path.rsplit("/", 1)[-1]
                status, body = (
                    ("200", page.read_bytes()) if path.startswith("/pages/") and page.is_file() else ("404", b"")
                )
                headers = [
                    (":status", status),
                    ("content-type", "text/html; charset=utf-8"),
                    ("content-length", str(len(body))),
                ]
                self.conn.send_headers(event.stream_id, headers)
                self.conn.send_data(event.stream_id, body, end_stream=True)
        self.transport.write(self.conn.data_to_send())


class H2Server:
    def __init__(self, tmp: Path) -> None:
        self.ca = trustme.CA()
        self.ca_file = tmp / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1").configure_cert(context)
        context.set_alpn_protocols(["h2"])
        self.seen: list[tuple[str | None, str]] = []
        self.loop = asyncio.new_event_loop()
        self.server = self.loop.run_until_complete(
            self.loop.create_server(lambda: _H2(self), "127.0.0.1", 0, ssl=context)
        )
        self.port = self.server.sockets[0].getsockname()[1]
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.server.close()
