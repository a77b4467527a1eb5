"""A real local HTTP server that serves article pages for the fetching tests.

It binds 127.0.0.1 (or another loopback address) on an ephemeral port and answers ``GET path`` from
the :class:`Page` a test gives for that path: a page, a redirect, an error, a gzip body, a body (or
headers) sent one byte at a time. Every request is recorded with its Host header. Built, as
``tests/geo/nominatim_server.py`` is, on ``tests/support/loopback.py``.
"""

from __future__ import annotations

import gzip
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from tests.support.loopback import LoopbackServer, TrackedHandler

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


class ArticleServer(LoopbackServer):
    name = "articles"

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        super().__init__()
        self.host = host
        self.tls = tls  # a server-side context: serve https
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, str | None]] = []  # (path, Host header)

    def url(self, path: str, host: str | None = None) -> str:
        return f"{'https' if self.tls else 'http'}://{host or self.host}:{self.port}{path}"

    def start(self) -> ArticleServer:
        self.serve(self._handler(), self.host, self.tls)
        return self

    def _handler(self) -> type[TrackedHandler]:
        server = self

        class Handler(TrackedHandler):
            owner = server

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

        return Handler


@contextmanager
def serving(host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> Iterator[ArticleServer]:
    server = ArticleServer(host, tls).start()
    try:
        yield server
    finally:
        server.stop()
