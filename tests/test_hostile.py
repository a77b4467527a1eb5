"""Hostile text in every field: escaped in exports, the map page and every view of the app."""

from __future__ import annotations

import csv
import io
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from streamlit.testing.v1 import AppTest

from dashboard.render import exports
from dashboard.tourfile.load import load_tour
from dashboard.tourfile.model import Tour
from dashboard.views import markup
from tests.conftest import ROOT, first_screen
from tests.support.hostile import PAYLOADS, write_hostile

PAGES = ["map", "story", "timeline", "topics", "proposals", "evidence", "compare"]


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile") / "hostile.json")


@pytest.fixture(scope="module")
def hostile(hostile_file: Path) -> Tour:
    return load_tour(hostile_file)


def _record(key: str, value: object) -> None:
    from tests.support.reliability import record

    record("hostile text payloads", key, value)


@pytest.mark.parametrize("export", ["proposals_csv", "claims_csv"])
def test_csv_cells_never_start_a_formula(hostile: Tour, export: str):
    rows = list(csv.reader(io.StringIO(getattr(exports, export)(hostile))))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.lstrip("'").startswith(tuple(PAYLOADS)) for cell in cells), "payloads should be exported"
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_geojson_keeps_text_as_data(hostile: Tour):
    data = json.loads(exports.geojson_text(hostile))
    names = [f["properties"]["name"] for f in data["features"] if f["geometry"]["type"] == "Point"]
    assert any(name.startswith(tuple(PAYLOADS)) for name in names)  # literal, unchanged text


def test_exported_map_contains_no_live_markup(hostile: Tour):
    page = exports.map_html(hostile)
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all(["img", "svg", "a", "iframe"])
    scripts = soup.find_all("script")
    assert all("window.__pwned" not in (s.string or "") or "\\u003c" in (s.string or "") for s in scripts)
    assert "alert('close-script')</script>" not in page and " 49 " not in page
    _record("payloads in the exported HTML", len(PAYLOADS))


@pytest.fixture
def hostile_app(hostile_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("TOUR_FILE", str(hostile_file))
    yield AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)


def _markdown_sources(at: AppTest) -> list[str]:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning")
    return [str(e.value) for kind in kinds for e in getattr(at, kind)]


@pytest.mark.parametrize("page_name", PAGES)
def test_every_view_renders_hostile_text_as_text(hostile_app: AppTest, page_name: str):
    at = first_screen(hostile_app)
    if page_name != "map":
        at.switch_page(f"dashboard/ui/pages/{page_name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    texts = _markdown_sources(at)
    assert any("pwned" in t for t in texts[1:]) or page_name != "map", "the payloads should be shown"
    for text in texts:
        # Markdown sources: every "<", "[", "`", "{", ":" and "$" of tour text is backslash-escaped.
        assert not re.search(r"(?<!\\)<(script|img|svg|a )", text), text
        assert not re.search(r"(?<!\\)\]\((?:javascript|http)", text), text
    _record(f"AppTest view '{page_name}': markdown elements checked", len(texts))


# --- links: GFM makes bare URLs and e-mail addresses links even with every mark escaped -------

# remark-gfm's autolink literals (mdast-util-gfm-autolink-literal), as Streamlit's frontend runs them
# on the text of the Markdown after escapes are resolved; code spans are not text, so never linked.
AUTOLINK = re.compile(r"(https?://|www(?=\.))[-.\w]+|(?<![^\s\W_])[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.I)
LINKY = [
    '=HYPERLINK("http://example.invalid","x")',
    "see http://example.invalid/a?b=c now",
    "HTTPS://EXAMPLE.INVALID",
    "www.example.invalid",
    "write to someone@example.invalid today",
    "a|b http://x.invalid/|c\\d|",
    "`tick` http://x.invalid/`a``b`",
    "``http://x.invalid``",
    "back\\slash www.x.invalid\\",
    "http://x.invalid/a\\|b\\\\|",  # a backslash right before a pipe
]


def _read(source: str, table: bool) -> tuple[str, str]:
    """What a CommonMark reader shows for ``source``, and the part of it outside code spans.

    Enough of CommonMark for what md() writes: backslash escapes and code spans (a run of
    backticks up to the next run of the same length, one space stripped from each end when
    both have one); in a GFM table cell, ``\\|`` is unescaped inside code too (``\\\\`` is not).
    """
    shown, text, i = [], [], 0
    while i < len(source):
        if source[i] == "\\" and i + 1 < len(source) and source[i + 1] in string.punctuation:
            shown.append(source[i + 1])
            text.append(source[i + 1])
            i += 2
            continue
        fence = re.match(r"`+", source[i:])
        end = (
            re.compile(rf"(?<!`){fence.group()}(?!`)").search(source, i + len(fence.group()))
            if fence
            else None
        )
        if fence is None or end is None:
            shown.append(source[i])
            text.append(source[i])
            i += 1
            continue
        code = source[i + len(fence.group()) : end.start()]
        if code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]
        # GFM tables unescape "\\|" in code, but not "\\\\" (mdast-util-gfm-table's exitCodeText).
        shown.append(re.sub(r"\\([\\|])", lambda m: m[1] if m[1] == "|" else m[0], code) if table else code)
        text.append(" ")  # code is not text: the autolinker never sees it
        i = end.end()
    return "".join(shown), "".join(text)


def _unpaired(source: str) -> str:
    """A table row without the pairs GFM's table reader skips when it looks for the ``|`` between
    cells (a backslash and the next backslash or pipe, left to right): every pipe left is one."""
    return re.sub(r"\\[\\|]", "", source)


@pytest.mark.parametrize("table", [False, True])
@pytest.mark.parametrize("text", LINKY)
def test_md_shows_urls_literally_and_never_as_links(text: str, table: bool):
    source = markup.md(text, table=table)
    shown, outside_code = _read(source, table)
    assert shown == text  # exactly as typed: no mark lost, none added, nothing invisible
    assert AUTOLINK.search(text) or "://" in text  # the test text would be linked ...
    assert not AUTOLINK.search(outside_code), source  # ... but what md() writes is not
    if table:
        assert "|" not in _unpaired(source)  # a pipe left over would end the table cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kast's *tour* [x](y)", "Kast\\'s \\*tour\\* \\[x\\]\\(y\\)"),
        ("@josejeriore en Palacio", "\\@josejeriore en Palacio"),  # a handle is no e-mail address
        ("Ámbito, 2.5 million", "Ámbito\\, 2\\.5 million"),
    ],
)
def test_md_escapes_text_without_urls_as_before(text: str, expected: str):
    assert markup.md(text) == expected
    assert _read(markup.md(text), False) == (text, text)


def test_md_table_keeps_a_url_with_pipes_in_its_cell():
    frame = pd.DataFrame([["http://a.invalid/|b", "x|y"]], columns=["URL | link", "plain"])
    _, rule, row = markup.md_table(frame).splitlines()
    assert rule == "|---|---|"
    assert _unpaired(row).count("|") == 3  # two cells, as in the header
    assert _read(row.split(" | ")[0][2:], True)[0] == "http://a.invalid/|b"


URL_PAGES = ["map", "topics", "evidence"]  # the pages whose tables show the HYPERLINK payload


@pytest.mark.parametrize("page_name", URL_PAGES)
def test_urls_in_tour_text_show_as_text_not_links(hostile_app: AppTest, page_name: str):
    hostile_app.query_params["stop"] = "lima"  # the map page_name's tables show the selected stop
    at = first_screen(hostile_app)
    if page_name != "map":
        at.switch_page(f"dashboard/ui/pages/{page_name}.py").run()
    sources = _markdown_sources(at)
    linky = [s for s in sources if "example.invalid" in s]
    assert linky, "the HYPERLINK payload should be shown"
    for source in sources:
        table = source.lstrip().startswith("|")
        _, outside_code = _read(source, table)
        assert not AUTOLINK.search(outside_code), source
    assert any(PAYLOADS[9] in _read(s, s.lstrip().startswith("|"))[0] for s in linky)


def test_no_data_reaches_html_unescaped_in_the_code():
    sources = [*ROOT.joinpath("dashboard").rglob("*.py"), ROOT / "streamlit_app.py"]
    offenders = [p.name for p in sources if "unsafe_allow_html" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_compares_map_page_shows_hostile_text_as_text(hostile: Tour):
    from dashboard.render.compare_map import compare_page, side

    page = compare_page((side(hostile, hostile.subject, "en"), side(hostile, "x", "en")), "en")
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all(["img", "svg", "a"]) and len(soup.find_all("script")) == 3
    assert not re.search(r"<(img|svg|a )", soup.find("main").decode())
    data = soup.find_all("script")[1].string or ""
    assert "</" not in data and "<img" not in data  # the stops' labels as JSON with every "<" escaped
