"""A real local HTTP server that serves article pages for the fetching tests.

It binds 127.0.0.1 (or another loopback address) on an ephemeral port and answers ``GET path`` from
the :class:`Page` a test gives for that path: a page, a redirect, an error, a gzip body, a body (or
headers) sent one byte at a time. Every request is recorded with its Host header. Modelled on
``tests/geo/nominatim_server.py``.
"""

from __future__ import annotations

import gzip
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Page:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", HTML),)
    drip: float = 0.0  # seconds between the bytes of the body: a slow-drip server
    drip_headers: bool = False  # the headers too, one byte at a time


def page(text: str, content_type: str = HTML, encoding: str = "utf-8") -> Page:
    return Page(body=text.encode(encoding), headers=(("Content-Type", content_type),))


def gzipped(text: str) -> Page:
    return Page(
        body=gzip.compress(text.encode()), headers=(("Content-Type", HTML), ("Content-Encoding", "gzip"))
    )


def redirect(location: str, status: int = 302) -> Page:
    return Page(status=status, headers=(("Location", location),))


def drip(text: str, every: float, headers: bool = False) -> Page:
    return Page(body=text.encode(), drip=every, drip_headers=headers)


class ArticleServer:
    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.host = host
        self.tls = tls  # a server-side context: serve https
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, str | None]] = []  # (path, Host header)
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._connections: set[socket.socket] = set()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    def url(self, path: str, host: str | None = None) -> str:
        return f"{'https' if self.tls else 'http'}://{host or self.host}:{self.port}{path}"

    def start(self) -> ArticleServer:
        self._httpd = ThreadingHTTPServer((self.host, 0), self._handler())
        if self.tls is not None:
            self._httpd.socket = self.tls.wrap_socket(self._httpd.socket, server_side=True)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False  # a drip still sending must not hold up stop()
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        """Stop listening and cut open connections (a drip still sending ends at once)."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server._connections.add(self.connection)

            def finish(self) -> None:
                with server._lock:
                    server._connections.discard(self.connection)
                with suppress(OSError):
                    super().finish()

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append((self.path, self.headers.get("Host")))
                    answer = server.pages.get(self.path, Page(404, b"not found"))
                with suppress(OSError):  # the client gave up (a refusal, a deadline)
                    self._send(answer)

            def _send(self, answer: Page) -> None:
                head = f"HTTP/1.1 {answer.status} {self.responses.get(answer.status, ('',))[0]}\r\n"
                head += "".join(f"{name}: {value}\r\n" for name, value in answer.headers)
                head += f"Content-Length: {len(answer.body)}\r\nConnection: close\r\n\r\n"
                self._write(head.encode("latin-1"), answer.drip if answer.drip_headers else 0.0)
                self._write(answer.body, answer.drip)
                self.close_connection = True

            def _write(self, data: bytes, every: float) -> None:
                if not every:
                    self.wfile.write(data)
                    return
                for i in range(len(data)):
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
                    time.sleep(every)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        return Handler


@contextmanager
def serving(host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> Iterator[ArticleServer]:
    server = ArticleServer(host, tls).start()
    try:
        yield server
    finally:
        server.stop()
