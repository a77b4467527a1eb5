"""A map drawn before its box has a size (a frame the page lays out after the map is drawn) is
framed for the box it then gets, though the window never changes size: Leaflet hears only the
window's resize, and a fit to a box of no size is the closest zoom at the middle of the route.
Seen once in CI: every stop of a two-trip tour out of view on a phone (2026-12-07)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.render import compare_map
from dashboard.render.atlas_map import atlas_html
from dashboard.tourfile.load import DEFAULT_TOUR, load_tour
from tests.browser.conftest import MAP_VIEW, ROOT, STOPS_OUT_OF_VIEW
from tests.conftest import DATA

PHONE = {"width": 390, "height": 844}
# Leaflet's map boxes have no width until the test lays them out (removes this style).
UNLAID = (
    "new MutationObserver((_, watch) => { if (!document.head) return; watch.disconnect();"
    " const s = document.createElement('style'); s.id = 'unlaid';"
    " s.textContent = '.leaflet-container { width: 0 !important; }'; document.head.append(s);"
    " }).observe(document, {childList: true, subtree: true});"
)


def _drawn_then_laid_out(page: Page, html: Path, drawn: str) -> None:
    """Open ``html`` with its maps' boxes at no width, wait for ``drawn``, then give them a width."""
    page.set_viewport_size(PHONE)
    page.add_init_script(UNLAID)
    page.goto(html.as_uri())
    page.wait_for_function(drawn)
    assert page.evaluate("() => document.querySelector('.leaflet-container').clientWidth") == 0
    page.evaluate("() => document.getElementById('unlaid').remove()")


def _settled(page: Page, condition: str) -> None:
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(condition, timeout=5_000)


def test_the_route_map_frames_every_stop_once_laid_out(
    offline_page: tuple[Page, list[str]], tmp_path: Path
) -> None:
    page, refused = offline_page
    out = tmp_path / "map.html"
    command = [sys.executable, "-m", "dashboard", "export", "html", "-o", str(out)]
    done = subprocess.run(
        [*command, "--tour", str(DATA / "two-trips.yaml")], cwd=ROOT, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    _drawn_then_laid_out(page, out, "() => window.tourDashboard?.legendCorner !== undefined")
    _settled(page, f"() => ({STOPS_OUT_OF_VIEW})().length === 0")
    assert page.evaluate(STOPS_OUT_OF_VIEW) == [], page.evaluate(MAP_VIEW)
    # No stop out of view because none is drawn would be no pass.
    drawn = page.locator(".tour-icon, path[role=button]").count()
    assert drawn == page.evaluate("() => window.tourDashboard.pointsDrawn") > 0
    assert refused == []


# The highest zoom each may show once fitted at a phone's width: the Atlas the whole world, Compare
# the two tours (a fit to no width was the Atlas's closest zoom, and an infinite one for Compare).
@pytest.mark.parametrize(("kind", "max_zoom"), [("atlas", 2), ("compare", 6)])
def test_the_atlas_and_compare_maps_show_the_world_once_laid_out(
    offline_page: tuple[Page, list[str]], tmp_path: Path, kind: str, max_zoom: int
) -> None:
    out = tmp_path / f"{kind}.html"
    if kind == "atlas":
        out.write_text(atlas_html({"GB": 3, "PE": 1}, "visits", "en"), encoding="utf-8")
        drawn = "() => document.querySelector('.atlas-map') !== null"
        maps = "() => Object.values(window).filter(v => v instanceof L.Map)"  # folium's global map_…
    else:
        kast = load_tour(DEFAULT_TOUR)
        sides = (compare_map.side(kast, "Kast", "en"), compare_map.side(kast, "Kast again", "en"))
        out.write_text(compare_map.compare_page(sides, "en"), encoding="utf-8")
        drawn = "() => (window.tourDashboard?.compareMaps || []).length === 2"
        maps = "() => window.tourDashboard.compareMaps"
    page, refused = offline_page
    _drawn_then_laid_out(page, out, drawn)
    # Each map's zoom, and how far (px) its centre is drawn from the middle of its box: a map that
    # never learnt its box's size draws its centre at the box's corner.
    views = f"""() => ({maps})().map(m => {{
      const c = m.latLngToContainerPoint(m.getCenter()), box = m.getContainer();
      return [m.getZoom(), Math.hypot(c.x - box.clientWidth / 2, c.y - box.clientHeight / 2)];
    }})"""
    _settled(page, f"() => ({views})().every(([z, off]) => z <= {max_zoom} && off <= 1)")
    assert all(zoom <= max_zoom and off <= 1 for zoom, off in page.evaluate(views)), page.evaluate(views)
    assert refused == []
