"""Hostile text in every field: escaped in exports, the map page and every view of the app."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from streamlit.testing.v1 import AppTest

from dashboard import exports
from dashboard.loader import load_tour
from dashboard.model import Tour
from tests.conftest import ROOT, first_screen
from tests.hostile import PAYLOADS, write_hostile

PAGES = ["overview", "timeline", "topics", "proposals", "evidence"]


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile") / "hostile.json")


@pytest.fixture(scope="module")
def hostile(hostile_file: Path) -> Tour:
    return load_tour(hostile_file)


def _record(key: str, value: object) -> None:
    from tests.reliability import record

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


@pytest.mark.parametrize("page", PAGES)
def test_every_view_renders_hostile_text_as_text(hostile_app: AppTest, page: str):
    at = first_screen(hostile_app)
    if page != "overview":
        at.switch_page(f"dashboard/ui/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    texts = _markdown_sources(at)
    assert any("pwned" in t for t in texts[1:]) or page != "overview", "the payloads should be shown"
    for text in texts:
        # Markdown sources: every "<", "[", "`", "{", ":" and "$" of tour text is backslash-escaped.
        assert not re.search(r"(?<!\\)<(script|img|svg|a )", text), text
        assert not re.search(r"(?<!\\)\]\((?:javascript|http)", text), text
    _record(f"AppTest view '{page}': markdown elements checked", len(texts))


def test_no_data_reaches_html_unescaped_in_the_code():
    sources = [*ROOT.joinpath("dashboard").rglob("*.py"), ROOT / "streamlit_app.py"]
    offenders = [p.name for p in sources if "unsafe_allow_html" in p.read_text(encoding="utf-8")]
    assert offenders == []
