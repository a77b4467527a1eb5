"""Fetching an article by its address: the one network use of ingest, on request, and guarded.

Only http and https. The host's name is resolved once per request and every address it gives is
checked: a loopback, private or link-local address (a service on this machine, the office network, a
cloud's metadata service at 169.254.169.254) is refused unless ``allow_private`` says otherwise, and
the connection goes to the address checked, never to a second answer of the name server (DNS
rebinding). Each redirect is checked the same way, and their number is capped. One deadline holds for
the whole fetch, redirects included: a timeout per read never cuts off a server that sends a byte every
few seconds. A gzip body is decoded (up to the size limit, whatever it claims), and the text is read in
the charset the server declares.

Every refusal is an :class:`ArticleError` of one line naming the address given (and the redirect).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from urllib.parse import quote, urljoin, urlsplit

from dashboard.ingest.articles import MAX_BYTES, Article, ArticleError, decode_page, from_html

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
FETCH_DEADLINE = 20.0  # seconds for the whole fetch, every redirect included
MAX_REDIRECTS = 5  # browsers allow 20; a news page that needs more than 5 is a loop or a trap
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "tour-dashboard-ingest"
URL_SAFE = "!#$%&'()*+,/:;=?@[]~"  # what a path and query keep as written (with letters, digits and -._)


@dataclass(frozen=True)
class FetchOptions:
    allow_private: bool = False  # loopback and private addresses too (a newsroom's intranet)
    deadline: float = FETCH_DEADLINE
    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class _Target:
    """One request to make: where the address points, and the addresses checked for its host."""

    url: str
    tls: bool
    host: str
    port: int
    path: str
    addresses: tuple[IPAddress, ...]


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    location: str | None
    charset: str | None
    encoding: str
    body: bytes


def fetch(url: str, options: FetchOptions = FetchOptions()) -> Article:
    """The article at ``url``, fetched now; raises ArticleError (one line, naming ``url``)."""
    answer = download(url, options)
    text = decode_page(url, answer.body, html=True, declared=answer.charset)
    return replace(from_html(url, text), url=url)


def download(url: str, options: FetchOptions = FetchOptions()) -> Answer:
    """The final answer for ``url`` after at most ``options.max_redirects`` checked redirects."""
    deadline = time.monotonic() + options.deadline
    current = url
    for _ in range(options.max_redirects + 1):
        answer = _get(url, _target(url, current, options), deadline, options)
        if answer.status in REDIRECTS and answer.location:
            current = urljoin(current, answer.location)
            continue
        if answer.status != 200:
            raise ArticleError(f"{url}: cannot be fetched (HTTP {answer.status} {answer.reason})".rstrip())
        return replace(answer, body=_decompressed(url, answer, options.max_bytes))
    raise ArticleError(
        f"{url}: not fetched: more than {options.max_redirects} redirects (the last to {current!r})"
    )


def _target(url: str, current: str, options: FetchOptions) -> _Target:
    """``current`` checked: its scheme, and every address its host resolves to."""
    said = f"{url}: " if current == url else f"{url}: redirected to {current!r}: "
    parts = urlsplit(current)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ArticleError(f"{said}only http:// and https:// addresses are fetched (got {scheme!r})")
    try:
        host, port = parts.hostname or "", parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:  # a port that is no number, or out of range
        raise ArticleError(f"{said}cannot be fetched ({exc})") from None
    if not host:
        raise ArticleError(f"{said}cannot be fetched (no host name)")
    addresses = _resolved(said, host, port)
    for address in addresses:
        _check_address(said, host, address, options.allow_private)
    # Spaces and letters beyond ASCII (an address pasted from a browser) are sent %-escaped, as browsers do.
    path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=URL_SAFE)
    return _Target(current, scheme == "https", host, port, path, tuple(addresses))


def _resolved(said: str, host: str, port: int) -> list[IPAddress]:
    try:
        addresses = resolve_host(host, port)
    except (OSError, UnicodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ArticleError(f"{said}cannot be fetched (the name {host!r} is not known: {why})") from None
    if not addresses:
        raise ArticleError(f"{said}cannot be fetched (the name {host!r} has no address)")
    return addresses


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address is itself): the one name lookup a
    request makes, so that the addresses checked are the addresses connected to."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found))


def _check_address(said: str, host: str, address: IPAddress, allow_private: bool) -> None:
    kind, liftable = _kind(address)
    if kind is None or (liftable and allow_private):
        return
    named = f"{host} is" if _literal(host) == address else f"{host} resolves to {address}, which is"
    why = (
        "give --allow-private to fetch from your own network"
        if liftable
        else "never fetched, even with --allow-private"
    )
    raise ArticleError(f"{said}not fetched: {named} {kind} address; {why}")


def _literal(host: str) -> IPAddress | None:
    """The address a host written as an address is (``127.0.0.1``, ``::1``); None for a name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _kind(address: IPAddress) -> tuple[str | None, bool]:
    """What a non-public address is, and whether ``allow_private`` lifts its refusal: loopback and
    private addresses may be a newsroom's intranet; link-local ones (a cloud's metadata service),
    multicast, unspecified and reserved ones never hold an article."""
    if isinstance(address, ipaddress.IPv6Address) and (inner := address.ipv4_mapped or address.sixtofour):
        kind, liftable = _kind(inner)  # ::ffff:127.0.0.1 and 2002:7f00:1:: are 127.0.0.1
        return (kind, liftable) if kind else _kind_of_own(address)
    return _kind_of_own(address)


def _kind_of_own(address: IPAddress) -> tuple[str | None, bool]:
    if address.is_loopback:
        return "a loopback", True
    if address.is_link_local:
        return "a link-local", False
    if address.is_multicast or address.is_unspecified or address.is_reserved:
        return "a reserved", False
    if address.is_private or not address.is_global:
        return "a private", True
    return None, False


def open_connection(address: IPAddress, port: int, timeout: float) -> socket.socket:
    """A TCP connection to ``address`` itself (no name lookup here)."""
    return socket.create_connection((str(address), port), timeout=timeout)


class _Watchdog:
    """Shuts a connection's socket when the deadline passes, whatever it is waiting for: the socket's
    timeout bounds each read, and a server sending a byte every few seconds never trips it. It holds
    the socket itself, because http.client lets go of it once a response that closes is read."""

    def __init__(self) -> None:
        self.expired = False
        self.sock: socket.socket | None = None

    def watch(self, sock: socket.socket) -> socket.socket:
        self.sock = sock  # set before reading `expired`, as expire() sets that before reading `sock`
        if self.expired:  # the deadline passed while connecting
            _shut(sock)
        return sock

    def expire(self) -> None:
        self.expired = True
        if self.sock is not None:
            _shut(self.sock)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Pinned(http.client.HTTPConnection):
    """An HTTP connection to the addresses checked, with the host's name in its Host header."""

    def __init__(self, target: _Target, timeout: float, watchdog: _Watchdog) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.target, self.watchdog = target, watchdog

    def connect(self) -> None:
        self.sock = self.watchdog.watch(_connect_any(self.target, self.timeout))


class _PinnedTLS(http.client.HTTPSConnection):
    """HTTPS to the addresses checked; the certificate is verified for the host's name."""

    def __init__(self, target: _Target, timeout: float, watchdog: _Watchdog) -> None:
        self.tls = tls_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.target, self.watchdog = target, watchdog

    def connect(self) -> None:
        plain = self.watchdog.watch(_connect_any(self.target, self.timeout))
        self.sock = self.watchdog.watch(self.tls.wrap_socket(plain, server_hostname=self.target.host))


def tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, with the host's name checked against the certificate."""
    return ssl.create_default_context()


def _connect_any(target: _Target, timeout: float | None) -> socket.socket:
    """The first of the checked addresses that answers, as ``socket.create_connection`` tries them."""
    error: OSError | None = None
    for address in target.addresses:
        try:
            return open_connection(address, target.port, timeout or FETCH_DEADLINE)
        except OSError as exc:
            error = exc
    raise error or OSError(f"no address for {target.host}")


def _get(url: str, target: _Target, deadline: float, options: FetchOptions) -> Answer:
    """One request, cut off at ``deadline`` whatever it is doing; the body read to the size limit."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _late(url, options)
    watchdog = _Watchdog()
    connection = (_PinnedTLS if target.tls else _Pinned)(target, remaining, watchdog)
    try:
        with _expiring(watchdog, remaining):
            answer = _exchange(connection, target, options.max_bytes)
    except (OSError, ValueError, http.client.HTTPException) as exc:  # ValueError: a space in the path
        if time.monotonic() >= deadline:
            raise _late(url, options) from None
        raise ArticleError(f"{url}: cannot be fetched ({_said(exc)})") from None
    finally:
        connection.close()
    if time.monotonic() >= deadline:  # the cut may end a body early rather than raise
        raise _late(url, options)
    if len(answer.body) > options.max_bytes:
        raise ArticleError(f"{url}: more than {options.max_bytes:,} bytes is too big for an article")
    return answer


def _exchange(connection: http.client.HTTPConnection, target: _Target, limit: int) -> Answer:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
        "Accept": "text/html, text/plain;q=0.9, */*;q=0.5",
    }
    connection.request("GET", target.path, headers=headers)
    response = connection.getresponse()
    body = response.read(limit + 1) if response.status == 200 else b""
    return Answer(
        response.status,
        response.reason,
        response.getheader("Location"),
        response.headers.get_content_charset(),
        (response.getheader("Content-Encoding") or "identity").strip().lower(),
        body,
    )


@contextmanager
def _expiring(watchdog: _Watchdog, seconds: float) -> Iterator[None]:
    timer = threading.Timer(seconds, watchdog.expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _late(url: str, options: FetchOptions) -> ArticleError:
    limit = f"{options.deadline:g} s"
    return ArticleError(
        f"{url}: not fetched within {limit} (the limit for the whole fetch, redirects included)"
    )


def _said(exc: BaseException) -> str:
    """An exception in a few words, on one line."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate verify failed: {exc.verify_message}"
    text = str(getattr(exc, "reason", None) or exc or type(exc).__name__)
    return " ".join(text.split())


def _decompressed(url: str, answer: Answer, limit: int) -> bytes:
    """The body as the page's bytes: gzip and deflate decoded, never past ``limit`` (a small gzip
    body can claim gigabytes)."""
    if answer.encoding in ("identity", ""):
        return answer.body
    if answer.encoding not in ("gzip", "x-gzip", "deflate"):
        raise ArticleError(
            f"{url}: not read: the page is compressed as {answer.encoding!r} (gzip and deflate are read)"
        )
    inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)  # a gzip or a zlib header, told apart by itself
    try:
        data = inflater.decompress(answer.body, limit + 1)
    except zlib.error as exc:
        raise ArticleError(f"{url}: not read: the page is not valid {answer.encoding} ({exc})") from None
    if len(data) > limit:
        raise ArticleError(f"{url}: more than {limit:,} bytes once decompressed is too big for an article")
    return data
