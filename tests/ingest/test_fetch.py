"""Fetching an article by its address (issue 24, items 3, 8 and 15): only http(s), never a loopback,
link-local or private address unless told (--allow-private), every redirect checked the same way and
their number capped, the name resolved once and the address checked being the address connected to,
one deadline for the whole fetch, gzip decoded, a declared charset read. Every refusal is one line
naming the address. A local server on 127.0.0.1 stands in for the web."""

from __future__ import annotations

import gzip
import ipaddress
import re
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest import fetching
from dashboard.ingest.articles import ArticleError
from dashboard.ingest.fetching import FetchOptions, fetch
from tests.ingest import article_server as web
from tests.ingest.article_server import ArticleServer
from tests.support import reliability

SECTION = "ingest refusals"
BODY = (
    "The minister, Ana Torres, flew to Quito on Monday 5 January to meet President Daniel Noboa. "
    "“We will build a safer border together,” Ana Torres said after the meeting in the city."
)
ARTICLE = (
    '<!doctype html><html lang="en"><head><title>Torres in Quito</title></head>'
    f"<body><article><h1>Torres in Quito</h1><p>{BODY}</p></article></body></html>"
)
PRIVATE = FetchOptions(allow_private=True)  # for the test server itself, on 127.0.0.1
PUBLIC_STAND_IN = "8.8.8.8"  # what news.test resolves to in these tests: a public address...


@pytest.fixture
def server() -> Iterator[ArticleServer]:
    with web.serving() as running:
        running.pages["/article.html"] = web.page(ARTICLE)
        yield running


@pytest.fixture
def news(server: ArticleServer, monkeypatch: pytest.MonkeyPatch) -> ArticleServer:
    """``news.test`` stands for a public host: it resolves to a public address, which passes the check,
    and a connection to that address reaches the test server (...that leads here). The addresses
    resolved and connected to are recorded on the server."""
    return _stand_in(server, monkeypatch)


def _stand_in(server: ArticleServer, monkeypatch: pytest.MonkeyPatch) -> ArticleServer:
    real_resolve, real_open = fetching.resolve_host, fetching.open_connection
    server.resolved, server.connected = [], []  # type: ignore[attr-defined]

    def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        server.resolved.append(host)  # type: ignore[attr-defined]
        return [ipaddress.ip_address(PUBLIC_STAND_IN)] if host == "news.test" else real_resolve(host, port)

    def open_connection(
        address: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int, timeout: float
    ) -> socket.socket:
        server.connected.append(str(address))  # type: ignore[attr-defined]
        local = ipaddress.ip_address("127.0.0.1") if str(address) == PUBLIC_STAND_IN else address
        return real_open(local, port, timeout)

    monkeypatch.setattr(fetching, "resolve_host", resolve)
    monkeypatch.setattr(fetching, "open_connection", open_connection)
    return server


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` and its key, made by the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a test certificate")
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_news(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[ArticleServer]:
    """``news.test`` over https, its certificate (for the name ``request.param``) trusted by the fetcher."""
    cert, key = _certificate(tmp_path, getattr(request, "param", "news.test"))
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(cert, key)
    trusted = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetching, "tls_context", lambda: trusted)
    with web.serving(tls=served) as running:
        running.pages["/article.html"] = web.page(ARTICLE)
        yield _stand_in(running, monkeypatch)


def _refused(url: str, said: str, case: str, options: FetchOptions = FetchOptions()) -> str:
    with pytest.raises(ArticleError) as caught:
        fetch(url, options)
    message = str(caught.value)
    assert message.startswith(f"{url}: ") and said in message and "\n" not in message, message
    reliability.record(SECTION, case, _portless(message))
    return message


def _portless(text: str) -> str:
    """A message with the test server's ephemeral port as PORT, so that the records compare run to run."""
    return re.sub(r"(?<=[\w\]]):\d{2,5}(?=/)", ":PORT", text)


# --- what is fetched ---------------------------------------------------------------------------------


def test_a_page_is_fetched_and_read_when_private_addresses_are_allowed(server: ArticleServer) -> None:
    url = server.url("/article.html")
    article = fetch(url, PRIVATE)
    assert article.title == "Torres in Quito" and "Ana Torres said" in article.text and article.url == url


def test_a_public_name_is_fetched_with_its_own_host_header(news: ArticleServer) -> None:
    url = news.url("/article.html", host="news.test")
    assert "Ana Torres said" in fetch(url).text
    assert news.requests == [("/article.html", f"news.test:{news.port}")]  # the name, not the address
    assert news.connected == [PUBLIC_STAND_IN]  # type: ignore[attr-defined]


def test_a_gzip_page_is_decoded(server: ArticleServer) -> None:
    server.pages["/gz.html"] = web.gzipped(ARTICLE)
    assert "Ana Torres said" in fetch(server.url("/gz.html"), PRIVATE).text


def test_a_latin_1_page_that_says_so_is_read(server: ArticleServer) -> None:
    latin = ARTICLE.replace("Quito", "Perú").replace("“", "\x93").replace("”", "\x94")
    server.pages["/latin.html"] = web.Page(
        body=latin.encode("latin-1"), headers=(("Content-Type", "text/html; charset=ISO-8859-1"),)
    )
    text = fetch(server.url("/latin.html"), PRIVATE).text
    # Pages that say Latin-1 mean windows-1252, as browsers read them: its curly quotes are quotes.
    assert "Perú" in text and "“We will build a safer border together,”" in text


def test_one_control_character_reference_leaves_the_rest_of_the_text(server: ArticleServer) -> None:
    server.pages["/esc.html"] = web.page(ARTICLE.replace("after the meeting", "after&#27; the meeting"))
    assert "Ana Torres said after the meeting" in fetch(server.url("/esc.html"), PRIVATE).text


def test_the_command_fetches_from_a_private_address_when_told(
    server: ArticleServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.yaml"
    code = cli.main(["ingest", server.url("/article.html"), "--allow-private", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "proposals from 1 articles" in capsys.readouterr().out and out.exists()


# --- what is refused ---------------------------------------------------------------------------------


def test_the_command_refuses_a_loopback_address_in_one_line(
    server: ArticleServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/article.html")
    assert cli.main(["ingest", url, "-o", str(tmp_path / "draft.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {url}: ") and "loopback" in err and "--allow-private" in err
    assert err.count("\n") == 1 and not (tmp_path / "draft.yaml").exists() and server.requests == []
    reliability.record(SECTION, "a loopback address (command line)", _portless(err.strip()))


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("file:///etc/passwd", "only http:// and https:// addresses are fetched (got 'file')"),
        ("ftp://example.org/article.html", "only http:// and https:// addresses are fetched (got 'ftp')"),
    ],
)
def test_the_command_refuses_another_scheme_in_one_line(
    url: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["ingest", url, "-o", str(tmp_path / "draft.yaml")]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {url}: {said}\n"
    reliability.record(SECTION, f"a {url.split(':')[0]}:// address given", err.strip())


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("127.0.0.1", "127.0.0.1 is a loopback address"),
        ("127.0.0.2", "127.0.0.2 is a loopback address"),
        ("[::1]", "::1 is a loopback address"),
        ("10.1.2.3", "10.1.2.3 is a private address"),
        ("192.168.0.1", "192.168.0.1 is a private address"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1 is a loopback address"),
        ("169.254.169.254", "169.254.169.254 is a link-local address"),
        ("0.0.0.0", "0.0.0.0 is a reserved address"),
    ],
)
def test_a_private_address_given_is_refused_before_any_connection(
    news: ArticleServer, address: str, said: str
) -> None:
    _refused(f"http://{address}:{news.port}/article.html", said, f"an address given: {address}")
    assert news.requests == [] and news.connected == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("http://127.0.0.1:{port}/article.html", "127.0.0.1 is a loopback address"),
        ("http://127.0.0.2:{port}/article.html", "127.0.0.2 is a loopback address"),
        ("http://[::1]:{port}/article.html", "::1 is a loopback address"),
        ("http://10.0.0.7/article.html", "10.0.0.7 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("ftp://news.test/article.html", "only http:// and https:// addresses are fetched (got 'ftp')"),
        ("file:///etc/passwd", "only http:// and https:// addresses are fetched (got 'file')"),
    ],
)
def test_a_redirect_to_a_private_address_or_another_scheme_is_refused(
    news: ArticleServer, target: str, said: str
) -> None:
    news.pages["/moved"] = web.redirect(target.format(port=news.port))
    url = news.url("/moved", host="news.test")
    message = _refused(
        url, said, f"a redirect to {target.split('/')[0]}//{target.split('/')[2].split(':{')[0]}"
    )
    assert f"redirected to {target.format(port=news.port)!r}" in message
    assert [path for path, _ in news.requests] == ["/moved"]  # nothing fetched from the target


def test_a_link_local_address_is_refused_even_when_private_ones_are_allowed(server: ArticleServer) -> None:
    server.pages["/moved"] = web.redirect("http://169.254.169.254/latest/meta-data/")
    message = _refused(
        server.url("/moved"),
        "169.254.169.254 is a link-local address",
        "a redirect to 169.254.169.254 (--allow-private)",
        PRIVATE,
    )
    assert "never fetched" in message


def test_a_name_with_any_private_address_is_refused(
    news: ArticleServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name may resolve to several addresses: one private one is enough to refuse it."""
    both = [ipaddress.ip_address(PUBLIC_STAND_IN), ipaddress.ip_address("10.0.0.7")]
    monkeypatch.setattr(fetching, "resolve_host", lambda host, port: both)
    _refused(
        news.url("/article.html", host="news.test"),
        "news.test resolves to 10.0.0.7, which is a private address",
        "a name resolving to a public and a private address",
    )
    assert news.requests == []


def test_the_address_checked_is_the_address_connected_to(
    news: ArticleServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that resolves to a public address when checked and to 127.0.0.1 a moment
    later. The name is resolved once per request, and the connection goes to the address checked."""
    answers = iter([[ipaddress.ip_address(PUBLIC_STAND_IN)], [ipaddress.ip_address("127.0.0.1")]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        asked.append(host)
        return next(answers)

    monkeypatch.setattr(fetching, "resolve_host", rebinding)
    assert "Ana Torres said" in fetch(news.url("/article.html", host="news.test")).text
    assert asked == ["news.test"] and news.connected == [PUBLIC_STAND_IN]  # type: ignore[attr-defined]


def test_redirects_are_capped(server: ArticleServer) -> None:
    for i in range(10):
        server.pages[f"/hop{i}"] = web.redirect(f"/hop{i + 1}")
    _refused(server.url("/hop0"), "more than 5 redirects", "a chain of 10 redirects", PRIVATE)
    assert len(server.requests) == 6  # the address given and five redirects, no more


def test_five_redirects_are_followed(server: ArticleServer) -> None:
    for i in range(5):
        server.pages[f"/hop{i}"] = web.redirect(f"/hop{i + 1}" if i < 4 else "/article.html")
    assert "Ana Torres said" in fetch(server.url("/hop0"), PRIVATE).text


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_slow_drip_is_cut_off_at_the_deadline(server: ArticleServer, where: str) -> None:
    """One byte every 0.3 s never trips a timeout per read; the deadline is for the whole fetch."""
    server.pages["/drip.html"] = web.drip(ARTICLE, every=0.3, headers=where == "headers")
    options = FetchOptions(allow_private=True, deadline=1.0)
    _refused(
        server.url("/drip.html"),
        "not fetched within 1 s",
        f"a slow drip ({where}, a byte every 0.3 s)",
        options,
    )


def test_a_page_over_the_limit_is_refused(server: ArticleServer) -> None:
    server.pages["/big.html"] = web.page(ARTICLE + " " * 2000)
    options = FetchOptions(allow_private=True, max_bytes=1000)
    _refused(
        server.url("/big.html"),
        "more than 1,000 bytes is too big for an article",
        "a page over the limit",
        options,
    )


def test_a_gzip_bomb_is_refused(server: ArticleServer) -> None:
    server.pages["/bomb.html"] = web.Page(
        body=gzip.compress(b" " * 5_000), headers=(("Content-Type", web.HTML), ("Content-Encoding", "gzip"))
    )
    options = FetchOptions(allow_private=True, max_bytes=1000)
    _refused(server.url("/bomb.html"), "more than 1,000 bytes once decompressed", "a gzip bomb", options)


def test_an_error_status_is_one_line(server: ArticleServer) -> None:
    _refused(server.url("/missing.html"), "cannot be fetched (HTTP 404 Not Found)", "HTTP 404", PRIVATE)


def test_an_unknown_name_is_one_line() -> None:
    _refused("http://no-such-host.invalid/a.html", "cannot be fetched", "a name that does not resolve")


# --- https: the certificate is checked for the name, while the connection goes to the address checked -


def test_https_is_verified_for_the_host_name_at_the_address_checked(tls_news: ArticleServer) -> None:
    url = tls_news.url("/article.html", host="news.test")
    assert url.startswith("https://") and "Ana Torres said" in fetch(url).text
    assert tls_news.connected == [PUBLIC_STAND_IN]  # type: ignore[attr-defined]


@pytest.mark.parametrize("tls_news", ["other.test"], indirect=True)
def test_a_certificate_for_another_name_is_refused(tls_news: ArticleServer) -> None:
    _refused(
        tls_news.url("/article.html", host="news.test"),
        "certificate verify failed",
        "https: a certificate for another name",
    )


def test_an_untrusted_certificate_is_refused(
    tls_news: ArticleServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetching, "tls_context", ssl.create_default_context)  # the system's trust only
    _refused(
        tls_news.url("/article.html", host="news.test"),
        "certificate verify failed",
        "https: a self-signed certificate",
    )


def test_an_address_with_spaces_and_accents_is_sent_escaped_as_browsers_do(server: ArticleServer) -> None:
    server.pages["/gira%20por%20Per%C3%BA.html?p=1"] = web.page(ARTICLE)
    assert "Ana Torres said" in fetch(server.url("/gira por Perú.html?p=1"), PRIVATE).text
