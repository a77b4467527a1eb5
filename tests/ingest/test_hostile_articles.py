"""Articles as hostile as tour files (issue 24): control and invisible characters, metadata a source
cannot hold, dates a tour cannot hold, hidden text, an article given twice, an article naming no
place. Each gets a draft that leaves out or flags the bad part, or one line saying why: never a
traceback. Each case's outcome is recorded for docs/reliability.md (section "ingest articles").

The articles are written for these tests (made-up people, real city names)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import Tour
from tests.support.articles import TEXT, record_case

DAY = ["--published", "2026-01-06"]
PAGE = """<!doctype html><html lang="en"><head><meta property="og:title" content="{title}">
<title>{title}</title><meta name="author" content="{author}"><link rel="canonical" href="{url}"></head>
<body><article><h1>Torres in Montevideo</h1><p>{body}</p></article></body></html>"""


def _ingest(tmp_path: Path, capsys, text: str, *options: str, name: str = "a.txt") -> tuple[int, str, str]:
    """Run ``ingest`` on one article file: its exit code, standard output and standard error. It
    never raises: a traceback fails the test."""
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    code = cli.main(["ingest", str(article), "-o", str(tmp_path / "draft.yaml"), *options])
    out, err = capsys.readouterr()
    return code, out, err


def _draft(tmp_path: Path) -> Tour:
    path = tmp_path / "draft.yaml"
    return load_text(path.read_text(encoding="utf-8"), str(path))


# -- item 4: readable articles that used to crash -----------------------------------------------------


@pytest.mark.parametrize(
    ("char", "called"), [("\x1b", "ESC"), ("\x85", "NEL"), ("\x9b", "CSI")], ids=["ESC", "NEL", "CSI"]
)
def test_a_control_character_in_a_quote_is_shown_as_a_space_and_flagged(
    tmp_path: Path, capsys, char: str, called: str
) -> None:
    code, _, err = _ingest(tmp_path, capsys, TEXT.replace("safer", f"sa{char}fer"), *DAY)
    assert code == 0, err
    (claim,) = _draft(tmp_path).claims
    assert claim.quote == "We will build a sa fer border together,"
    assert claim.draft and claim.draft.flag and called in claim.draft.flag and "control" in claim.draft.flag
    record_case(f"a control character ({called}) in a quote", "draft: shown as a space, the quote flagged")


def test_a_control_character_in_a_file_name_is_left_out_of_the_source(tmp_path: Path, capsys) -> None:
    code, _, err = _ingest(tmp_path, capsys, TEXT, *DAY, name="a\x1b[31m.txt")
    assert code == 0, err
    (source,) = _draft(tmp_path).sources
    assert source.file and source.file.endswith("a?[31m.txt")
    record_case("a control character (ESC) in a file name", "draft: the source's file shows it as '?'")


@pytest.mark.parametrize(
    ("field", "title", "author", "url"),
    [
        ("title", "T" * 301, "Ana Torres", "https://example.org/a"),
        ("author", "Torres", " ".join(["Ana"] * 80), "https://example.org/a"),
        ("url", "Torres", "Ana Torres", "https://example.org/" + "u" * 2000),
    ],
)
def test_metadata_a_source_cannot_hold_is_left_out_with_a_note(
    tmp_path: Path, capsys, field: str, title: str, author: str, url: str
) -> None:
    page = PAGE.format(title=title, author=author, url=url, body=TEXT.strip())
    code, out, err = _ingest(tmp_path, capsys, page, name="page.html")
    assert code == 0, err
    (source,) = _draft(tmp_path).sources
    assert getattr(source, field) is None
    (note,) = [line for line in out.splitlines() if line.startswith("note:")]
    assert "page.html" in note and field in note and "left out" in note
    record_case(f"metadata: the {field} too long for a source", f"draft: {note.split(': ', 2)[-1]}")


@pytest.mark.parametrize(
    ("option", "value", "field", "kept"),
    [
        ("--url", "https://a b", "url", None),
        ("--url", "https://example.org/a b<c>", "url", "https://example.org/a%20b%3Cc%3E"),
        ("--title", "", "title", None),
        ("--published", "1750-01-01", "published", None),
    ],
)
def test_given_metadata_a_source_cannot_hold_is_mended_or_left_out(
    tmp_path: Path, capsys, option: str, value: str, field: str, kept: str | None
) -> None:
    options = [option, value] if option == "--published" else [*DAY, option, value]
    code, _, err = _ingest(tmp_path, capsys, TEXT, *options)
    assert code == 0, err
    (source,) = _draft(tmp_path).sources
    assert getattr(source, field) == kept
    said = "kept as " + repr(kept) if kept else "left out"
    record_case(f"`{option} {value!r}`", f"draft: {field} {said}")


@pytest.mark.parametrize("year", [1750, 2150])
def test_a_travel_sentence_dated_out_of_the_formats_range_proposes_no_visit(
    tmp_path: Path, capsys, year: int
) -> None:
    text = TEXT.replace("on Monday 5 January", f"on 5 January {year}")
    code, _, err = _ingest(tmp_path, capsys, text, *DAY)
    assert code == 0, err
    draft = _draft(tmp_path)
    assert not draft.visits and [p.name for p in draft.places] == ["Montevideo"]
    record_case(f"a travel sentence dated {year}", "draft: the date left out (no visit), the place kept")


def test_an_article_naming_no_known_place_is_one_line(tmp_path: Path, capsys) -> None:
    text = "Ana Torres spoke about the weather and the economy for an hour. “It rains,” Ana Torres said.\n"
    code, _, err = _ingest(tmp_path, capsys, text, *DAY)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"error: {tmp_path / 'a.txt'}: ")
    assert "no place" in err
    record_case(
        "an article naming no known place",
        "refused: " + err.strip().replace(str(tmp_path / "a.txt"), "a.txt"),
    )


# -- a fetched address with a space or "<" -------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A web server on loopback serving ``tmp_path`` (its address, without a trailing slash)."""
    page = PAGE.format(title="Torres", author="Ana", url="", body=TEXT.strip()).replace(
        '<link rel="canonical" href="">', ""
    )
    for name in ("a b.html", "a<b.html"):
        (tmp_path / name).write_text(page, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(("name", "encoded"), [("a b.html", "a%20b.html"), ("a<b.html", "a%3Cb.html")])
def test_a_fetched_address_with_a_space_or_angle_bracket_is_fetched_and_kept_encoded(
    tmp_path: Path, capsys, server: str, name: str, encoded: str
) -> None:
    out = tmp_path / "draft.yaml"
    code = cli.main(["ingest", f"{server}/{name}", "--allow-private", "-o", str(out)])  # a local server
    err = capsys.readouterr().err
    assert code == 0, err
    (source,) = load_text(out.read_text(encoding="utf-8"), str(out)).sources
    assert source.url == f"{server}/{encoded}"
    record_case(f"a fetched address with {name[1]!r} in it", "draft: fetched, kept percent-encoded")


def test_a_rule_that_makes_what_the_format_refuses_is_one_line_not_a_traceback(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The net under the rules: should one ever make an item the format refuses (here, forced: a
    quote's stand-in speaker made empty), the command says so in one line naming the article."""
    monkeypatch.setattr("dashboard.ingest.reading.UNNAMED", "")
    text = TEXT + "“We will open the road to the north,” the statement said.\n"
    code, _, err = _ingest(tmp_path, capsys, text, *DAY)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(
        f"error: {tmp_path / 'a.txt'}: a Claim the format refuses was made of it (speaker: "
    )
    assert "got ''" in err and "validation error" not in err
    record_case(
        "a rule making what the format refuses (forced)", "refused: one line naming the article and value"
    )
