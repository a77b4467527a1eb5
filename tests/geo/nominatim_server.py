"""A real local HTTP server that speaks enough of Nominatim's search API for tests.

It binds 127.0.0.1 on an ephemeral port, serves ``GET /search?q=...&format=json&limit=1``
from a background thread, records every request (path, query parameters, User-Agent,
arrival time on the server's clock: ``time.monotonic()`` or a test's fake clock) and answers
from behaviour the test configures: a queue of responses for a query, a global queue, or (by
default) an empty result list.

Responses are built with the helpers below: :func:`hit`, :func:`no_result`,
:func:`rate_limited`, :func:`server_error`, :func:`slow`, :func:`garbage`, :func:`shaped`,
:func:`redirect`.
"""

from __future__ import annotations

import json
import socket
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlsplit

from tests.support.loopback import LoopbackServer, TrackedHandler


@dataclass(frozen=True)
class Response:
    status: int = 200
    body: bytes = b"[]"
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json; charset=utf-8"),)
    delay: float = 0.0  # seconds to wait before answering
    label: str = ""
    country_code: str | None = None  # sent as each result's address.country_code when asked for


@dataclass(frozen=True)
class Request:
    path: str
    params: dict[str, str]
    user_agent: str | None
    arrived: float  # the server's clock when the request line was read


def _result(lat: str, lon: str, display_name: str) -> dict[str, object]:
    """One search result, shaped like Nominatim's (every value that is a number is a string)."""
    return {
        "place_id": 123456,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": "relation",
        "osm_id": 1944670,
        "lat": lat,
        "lon": lon,
        "class": "boundary",
        "type": "administrative",
        "place_rank": 16,
        "importance": 0.72,
        "addresstype": "city",
        "name": display_name.split(",")[0],
        "display_name": display_name,
        "boundingbox": [f"{float(c) + d:.7f}" for c in (lat, lon) for d in (-0.1, 0.1)],
    }


def hit(lat: float | str, lon: float | str, display_name: str = "Somewhere", country: str = "pe") -> Response:
    """A successful search with one result in ``country``; coordinates as strings, like Nominatim's."""
    body = json.dumps([_result(str(lat), str(lon), display_name)], ensure_ascii=False).encode()
    return Response(body=body, label=f"hit {lat},{lon}", country_code=country)


def shaped(value: object, label: str) -> Response:
    """A well-formed JSON answer of any shape (a mapping, a list of strings, null coordinates...)."""
    return Response(body=json.dumps(value).encode(), label=label)


def redirect(location: str) -> Response:
    return Response(status=302, body=b"", headers=(("Location", location),), label=f"redirect {location}")


def _with_address(response: Response, params: dict[str, str]) -> Response:
    """Nominatim adds each result's address when asked (``addressdetails=1``)."""
    if response.country_code is None or params.get("addressdetails") != "1":
        return response
    results = json.loads(response.body)
    for result in results:
        result["address"] = {"city": result["name"], "country_code": response.country_code}
    return replace(response, body=json.dumps(results, ensure_ascii=False).encode())


def no_result() -> Response:
    return Response(body=b"[]", label="no result")


def rate_limited(retry_after: int = 1) -> Response:
    return Response(
        status=429,
        body=b"<html><body>Too Many Requests</body></html>",
        headers=(("Content-Type", "text/html"), ("Retry-After", str(retry_after))),
        label="429",
    )


def server_error() -> Response:
    return Response(
        status=500,
        body=b"<html><body>Internal Server Error</body></html>",
        headers=(("Content-Type", "text/html"),),
        label="500",
    )


def slow(seconds: float, then: Response | None = None) -> Response:
    """``then`` (default: an empty result), sent only after ``seconds``."""
    base = then or no_result()
    return Response(base.status, base.body, base.headers, delay=seconds, label=f"slow {seconds}s")


def garbage() -> Response:
    return Response(body=b"<html>this is not json{", label="garbage")


@dataclass
class _Behaviour:
    by_query: dict[str, deque[Response]] = field(default_factory=dict)
    queue: deque[Response] = field(default_factory=deque)
    default: Response = field(default_factory=no_result)


class NominatimServer(LoopbackServer):
    """Start with :meth:`start` (or use :func:`running`); ``domain`` is what GeocodeOptions needs."""

    name = "nominatim"

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock  # when requests arrive: real time, or a test's fake clock
        self._requests: list[Request] = []
        self._behaviour = _Behaviour()

    # -- configuration -------------------------------------------------------------
    def respond(self, query: str, *responses: Response) -> None:
        """Answer searches for ``query`` (case-insensitive) with ``responses`` in turn.

        The last response is repeated for every later request for that query.
        """
        if not responses:
            raise ValueError("give at least one response")
        with self._lock:
            self._behaviour.by_query[query.casefold()] = deque(responses)

    def enqueue(self, *responses: Response) -> None:
        """Answer the next requests, whatever their query, with ``responses`` (used once each)."""
        with self._lock:
            self._behaviour.queue.extend(responses)

    def set_default(self, response: Response) -> None:
        with self._lock:
            self._behaviour.default = response

    def _next_response(self, query: str) -> Response:
        with self._lock:
            if self._behaviour.queue:
                return self._behaviour.queue.popleft()
            answers = self._behaviour.by_query.get(query.casefold())
            if answers:
                return answers.popleft() if len(answers) > 1 else answers[0]
            return self._behaviour.default

    # -- observations --------------------------------------------------------------
    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def queries(self) -> list[str]:
        return [r.params.get("q", "") for r in self.requests]

    def _record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)

    # -- lifecycle -----------------------------------------------------------------
    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> NominatimServer:
        server = self

        class Handler(TrackedHandler):
            owner = server
            server_version = "FakeNominatim/1.0"

            def do_GET(self) -> None:
                arrived = server.clock()
                parts = urlsplit(self.path)
                params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                server._record(Request(parts.path, params, self.headers.get("User-Agent"), arrived))
                if parts.path not in ("/search", "/search.php"):
                    self._send(Response(404, b'{"error": "not found"}'))
                elif "q" not in params:
                    self._send(Response(400, b'{"error": {"code": 400, "message": "Nothing to search for"}}'))
                else:
                    self._send(_with_address(server._next_response(params["q"]), params))

            def _send(self, response: Response) -> None:
                if response.delay:
                    time.sleep(response.delay)
                try:
                    self.send_response(response.status)
                    for name, value in response.headers:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

        self.serve(Handler)
        return self


@contextmanager
def running(clock: Callable[[], float] = time.monotonic) -> Iterator[NominatimServer]:
    server = NominatimServer(clock).start()
    try:
        yield server
    finally:
        server.stop()


def unused_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, read, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
