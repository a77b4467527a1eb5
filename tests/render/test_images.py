"""Images for print: every view a PNG at least 1,600 px wide with its title, legend, credit line and
date, drawn by Debian's chromium with nothing fetched; no browser, or a browser that fails or hangs, is
one line and exit code 1.

The tests that draw need ``/usr/bin/chromium`` (``apt-get install -y chromium``, as for the browser
tests): they take the ``chromium`` fixture, which marks them ``chromium``. The rest use stand-in
browsers: small shell scripts that fail or hang.
"""

from __future__ import annotations

import json
import struct
import tempfile
from pathlib import Path
from typing import Any

import kaleido
import lxml.html
import plotly.io as pio
import pytest

from dashboard.cli import main
from dashboard.render import charts, images, kaleido_worker, prints
from dashboard.render.errors import ExportError
from dashboard.tourfile.load import load_tour
from dashboard.tourfile.model import Tour
from dashboard.workflows import open_tour
from tests.conftest import ROOT
from tests.support.hostile import PAYLOADS, write_hostile

CHARTS = ("timeline", "topics", "proposals")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk (IHDR comes first, right after the signature)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", data[16:24])


def _fake_browser(folder: Path, name: str, script: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))


# --- drawn by chromium -------------------------------------------------------------------------


@pytest.mark.parametrize("view", prints.VIEWS)
def test_every_view_exports_a_wide_png_and_leaves_no_temporary_file(
    view: str,
    chromium: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / f"{view}.png"
    assert main(["export", "png", "--view", view, "-o", str(out)]) == 0, capsys.readouterr().err
    width, height = png_size(out.read_bytes())
    assert width >= 1600
    assert height >= 300
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("view", prints.VIEWS)
def test_the_hostile_tour_draws_in_spanish(
    view: str, chromium: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    tour = write_hostile(tmp_path / "hostile.json")
    out = tmp_path / "hostile.png"
    args = ["export", "png", "--tour", str(tour), "--lang", "es", "--view", view, "-o", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    assert png_size(out.read_bytes())[0] >= 1600


def test_the_chart_page_loads_no_script_from_the_network(
    kast: Tour, chromium: Path, monkeypatch: pytest.MonkeyPatch
):
    """kaleido's own page loads MathJax from a CDN unless told not to: record the page it draws on."""
    pages: list[str] = []

    class Recording(kaleido.PageGenerator):  # type: ignore[misc]
        def generate_index(self, *args: Any, **kwargs: Any) -> str:
            pages.append(super().generate_index(*args, **kwargs))
            return pages[-1]

    monkeypatch.setattr(kaleido.kaleido, "PageGenerator", Recording)
    figure = prints.print_figure(kast, "proposals", "en")  # drawn here, as the worker process draws it
    opts = {"format": "png", "width": figure.layout.width, "height": figure.layout.height, "scale": 1}
    assert png_size(kaleido_worker.draw(json.loads(pio.to_json(figure)), opts, str(chromium)))[0] >= 1600
    (page,) = pages
    sources = lxml.html.fromstring(page).xpath("//script/@src")
    assert sources and all(src.startswith("file:") for src in sources), sources


# --- no browser, a failing one, a hanging one ---------------------------------------------------


@pytest.mark.parametrize("view", prints.VIEWS)
def test_no_browser_is_one_line_and_exit_1(
    view: str, no_browser: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "out.png"
    assert main(["export", "png", "--view", view, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {images.NO_BROWSER}\n"
    assert "packages.txt" in err and "apt-get install chromium" in err
    assert not out.exists()


def test_browser_path_comes_first_then_path_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    for name in ("google-chrome", "chromium-browser"):
        _fake_browser(tmp_path, name, "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    assert images.find_browser() == str(tmp_path / "chromium-browser")
    chosen = _fake_browser(tmp_path / "..", "my-chrome", "exit 0")
    monkeypatch.setenv("BROWSER_PATH", str(chosen))
    assert images.find_browser() == str(chosen)


def test_a_browser_path_that_is_no_program_is_said(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "nowhere"))
    with pytest.raises(ExportError, match=r"^BROWSER_PATH='.*nowhere' is not a program"):
        images.find_browser()


@pytest.mark.parametrize(
    ("view", "said"),
    [
        ("map", "the browser failed (exit 3, "),
        # kaleido starts the browser through a Python wrapper of its own: a new Python process
        pytest.param("timeline", "the browser could not draw the chart (", marks=pytest.mark.slow),
    ],
)
def test_a_failing_browser_is_one_line_and_exit_1(
    view: str, said: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    fake = _fake_browser(tmp_path, "failing", 'echo "first line" >&2\necho "cannot open display" >&2\nexit 3')
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert main(["export", "png", "--view", view, "-o", str(tmp_path / "out.png")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {said}") and err.count("\n") == 1, err


def test_an_unknown_view_is_refused(kast: Tour):
    with pytest.raises(ExportError, match="no such view: 'globe'"):
        images.png(kast, "globe")


# --- what is drawn -----------------------------------------------------------------------------


def _page(tour: Tour, lang: str) -> Any:
    return lxml.html.fromstring(prints.print_page(tour, lang))


def test_the_spanish_print_page_has_its_heading_and_credit_line(kast: Tour):
    page = _page(kast, "es")
    assert page.xpath("//body/@class") == ["tour-print"]
    assert page.xpath("//header/h1")[0].text_content() == kast.title.es
    assert page.xpath("//header/p")[0].text_content() == (
        "Mapa de la ruta · Hechos hasta el 7 de enero de 2026"
        " · Fuentes fechadas hasta el 22 de diciembre de 2025"
    )
    credit = page.xpath("//footer/p")[-1].text_content()
    assert page.xpath("//footer/p")[0].text_content() == "1. Buenos Aires · 2. Quito · 3. Lima"  # stops
    assert credit.startswith("Fuentes (5): ") and credit.endswith(" · Mapa: Natural Earth outlines")
    assert '"legendTitle":"Leyenda"' in prints.print_page(kast, "es")  # the legend the map's script draws
    # Heading, map, credit line: in that order, the map between them.
    assert [el.tag for el in page.xpath("//body/*")] == ["header", "div", "footer"]


ATLANTIS = """\
id: atlantis
title: {en: A stop nobody can find}
subject: Someone
sources: [{id: s1, language: en}]
places:
  - {id: home, name: Santiago, country: CL, role: origin, latitude: -33.4, longitude: -70.6}
  - {id: lima, name: Lima, country: PE, role: visit}
  - {id: atlantis, name: Atlantis, country: PE, role: visit}
  - {id: quito, name: Quito, country: EC, role: visit}
visits:
  - {place: lima, order: 1, dates: [{start: 2026-01-07, sources: [s1]}], sources: [s1]}
  - {place: atlantis, order: 2, dates: [{start: 2026-01-08, sources: [s1]}], sources: [s1]}
  - {place: quito, order: 3, dates: [{start: 2026-01-09, sources: [s1]}], sources: [s1]}
"""


@pytest.mark.parametrize(
    ("lang", "missing"),
    [
        ("en", "Not on the map, no coordinates: 2. Atlantis"),
        ("es", "Fuera del mapa, sin coordenadas: 2. Atlantis"),
    ],
)
def test_the_print_key_names_only_the_stops_drawn_and_says_which_are_not(
    tmp_path: Path, lang: str, missing: str
):
    path = tmp_path / "atlantis.yaml"
    path.write_text(ATLANTIS, encoding="utf-8")
    tour = open_tour(path).tour  # as `export png` opens it: Lima and Quito from the gazetteer
    assert not tour.place("atlantis").has_coordinates
    keys = [p.text_content() for p in _page(tour, lang).xpath("//footer/p[@class='tour-print-key']")]
    assert keys == ["1. Lima · 3. Quito", missing]


def test_the_print_page_fetches_no_tiles_and_hides_the_controls(kast: Tour):
    text = prints.print_page(kast, "en")
    assert "tile.openstreetmap.org" not in text and "OpenStreetMap contributors" not in text
    css = "".join(_page(kast, "en").xpath("//style/text()"))  # minified: no spaces to count on
    hiding = next(rule for rule in css.split("}") if "display:none!important" in rule).split("{")[0]
    for control in ("leaflet-control-zoom", "tour-playback", "tour-key", "leaflet-control-attribution"):
        assert f".tour-print .{control}" in hiding
    assert ".tour-print .tour-legend .body[hidden]{display:block!important}" in css


def test_osm_is_credited_only_under_its_tiles():
    assert prints.map_credit(tiles=False) == "Natural Earth outlines"
    assert prints.map_credit(tiles=True) == "Natural Earth outlines; © OpenStreetMap contributors"


def test_hostile_text_in_the_print_page_stays_text(tmp_path: Path):
    tour = load_tour(write_hostile(tmp_path / "hostile.json"))
    page = _page(tour, "en")
    assert page.xpath("//header/h1")[0].text_content() == tour.title.en
    assert PAYLOADS[0] in page.xpath("//footer/p")[-1].text_content()  # the first source's title
    assert page.xpath("//header//*[not(self::h1 or self::p)] | //footer//*[not(self::p)]") == []


@pytest.mark.parametrize("view", CHARTS)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_chart_is_drawn_wide_with_title_legend_credit_and_date(kast: Tour, view: str, lang: str):
    figure = prints.print_figure(kast, view, lang)
    layout = figure.layout
    assert layout.width >= 1600
    assert layout.title.text == f"<b>{charts.esc(kast.title.get(lang))}</b>"
    date = {  # the Lima meeting an undated source reports, then the newest dated source
        "en": "Facts up to 7 January 2026 · Sources dated up to 22 December 2025",
        "es": "Hechos hasta el 7 de enero de 2026 · Fuentes fechadas hasta el 22 de diciembre de 2025",
    }[lang]
    assert layout.title.subtitle.text.endswith(f" · {date}")
    assert [tr.name for tr in figure.data if getattr(tr, "showlegend", None) is not False and tr.name]
    credit = layout.annotations[-1].text
    assert credit.startswith({"en": "Sources (5): ", "es": "Fuentes (5): "}[lang])
    assert layout.legend.x > 1  # beside the plot, never over it


def test_chart_text_from_the_tour_is_escaped(tmp_path: Path):
    tour = load_tour(write_hostile(tmp_path / "hostile.json"))
    for view in CHARTS:
        figure = prints.print_figure(tour, view, "en")
        said = [
            figure.layout.title.text,
            figure.layout.title.subtitle.text,
            figure.layout.annotations[-1].text,
        ]
        assert not any("<script" in text or "<img" in text for text in said), view


def test_community_cloud_installs_chromium():
    """Streamlit Community Cloud installs the apt packages listed in packages.txt: one name a line."""
    lines = (ROOT / "packages.txt").read_text(encoding="utf-8").splitlines()
    assert "chromium" in [line.strip() for line in lines if not line.startswith("#")]


@pytest.mark.parametrize(
    ("faults", "drawn"),
    [
        (["ReferenceError: kaleido_scopes is not defined"], True),  # kaleido lost the race for its page
        (["ReferenceError: kaleido_scopes is not defined"] * 2, False),  # twice: a real failure
        (["the browser crashed"], False),  # anything else is not retried
    ],
)
def test_kaleido_is_started_again_once_when_it_lost_its_own_page(
    monkeypatch: pytest.MonkeyPatch, faults: list[str], drawn: bool
):
    calls: list[int] = []

    async def kaleido_once(figure: object, opts: object, browser: str) -> bytes:
        calls.append(1)
        if len(calls) <= len(faults):
            raise RuntimeError(faults[len(calls) - 1])
        return b"\x89PNG drawn"

    monkeypatch.setattr(kaleido_worker, "_kaleido", kaleido_once)
    if drawn:
        assert kaleido_worker.draw({}, {}, "/usr/bin/chromium") == b"\x89PNG drawn"
        assert len(calls) == 2
    else:
        with pytest.raises(RuntimeError, match=faults[-1]):
            kaleido_worker.draw({}, {}, "/usr/bin/chromium")
        assert len(calls) == min(len(faults), 2)
