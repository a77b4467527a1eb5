"""The loopback HTTP server under the tests' fake services (Nominatim's search API in
``tests/geo/nominatim_server.py``, article pages in ``tests/ingest/article_server.py``): a threading
server on an ephemeral port whose open connections are tracked, so that stopping it cuts them at once
(an answer still sleeping, or a body sent one byte at a time, ends with it)."""

from __future__ import annotations

import socket
import ssl
import threading
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar


class LoopbackServer:
    """Start with :meth:`serve` (a handler class built on :class:`TrackedHandler`), end with :meth:`stop`."""

    name = "loopback"  # the serving thread's name

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    def serve(
        self,
        handler: type[BaseHTTPRequestHandler],
        host: str = "127.0.0.1",
        tls: ssl.SSLContext | None = None,
    ) -> None:
        """Listen on ``host`` (an ephemeral port; https with ``tls``, a server-side context)."""
        httpd = ThreadingHTTPServer((host, 0), handler)
        if tls is not None:
            httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
        httpd.daemon_threads = True
        httpd.block_on_close = False  # an answer still sleeping or dripping must not hold up stop()
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, name=self.name, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and cut open connections (kept alive, or still sending): the port goes dead at
        once."""
        if self._httpd is None or self._stopped:
            return
        self._stopped = True
        self._httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


class TrackedHandler(BaseHTTPRequestHandler):
    """A handler counted among its server's open connections while it runs, and quiet."""

    protocol_version = "HTTP/1.1"
    owner: ClassVar[LoopbackServer]  # set by each server's own handler class

    def setup(self) -> None:
        super().setup()
        with self.owner._lock:
            self.owner._connections.add(self.connection)

    def finish(self) -> None:
        with self.owner._lock:
            self.owner._connections.discard(self.connection)
        with suppress(OSError):  # the client may already have gone
            super().finish()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet
