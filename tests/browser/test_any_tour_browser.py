"""A tour nobody here wrote, drawn right in a real browser: every stop's number readable and clickable
at the first view, popups with the sources' titles and links, land with the network cut, a legend
that covers no stop, tooltips inside the map, a chosen stop brought into view, and /map."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Frame, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import MAP_IFRAME, ROOT, TILES, App, Watch, _fulfil_tile, streamlit_server
from tests.browser.test_app_browser import errors_on_subpage
from tests.conftest import DATA

TWO_TRIPS = DATA / "two-trips.yaml"
LAND, SEA = (0xF2, 0xEF, 0xE8), (0xD4, 0xE6, 0xF1)  # the basemap's fill and the map's background

# For each numbered stop: is the element at its centre the number itself (nothing drawn over it)?
NUMBERS_ON_TOP = """() => [...document.querySelectorAll('.tour-icon .tour-num')].map(el => {
  const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const top = document.elementFromPoint(x, y);
  const inside = x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight;
  return [el.textContent, inside && (top === el || el.contains(top))];
})"""
LEGEND_COVERS = """() => {
  const box = document.querySelector('.tour-legend').getBoundingClientRect();
  return [...document.querySelectorAll('.tour-icon .tour-num')].filter(el => {
    const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
  }).map(el => el.textContent);
}"""


def _export(tmp_path: Path) -> Path:
    out = tmp_path / "two.html"
    command = [sys.executable, "-m", "dashboard", "export", "html", "--tour", str(TWO_TRIPS), "-o", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


def _pixel(page: Page, x: float, y: float) -> tuple[int, int, int]:
    """The commonest colour of the 9×9 pixels around (x, y): a border line through it does not count."""
    shot = page.screenshot(clip={"x": x - 4, "y": y - 4, "width": 9, "height": 9}, animations="disabled")
    colours = Image.open(io.BytesIO(shot)).convert("RGB").getcolors(81) or []
    return max(colours)[1]  # type: ignore[no-any-return]


def _near(colour: tuple[int, int, int], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 6 for a, b in zip(colour, wanted, strict=True))


def test_the_exported_page_reads_at_first_view_with_the_network_cut(
    offline_page: tuple[Page, list[str]], watch: Watch, tmp_path: Path
) -> None:
    page, refused = offline_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.route(TILES + "**", lambda route: route.abort())  # no tiles at all, as with no network
    page.goto(_export(tmp_path).as_uri())
    expect(page.locator(".tour-icon .tour-num")).to_have_count(9)
    assert page.evaluate(NUMBERS_ON_TOP) == [[str(n), True] for n in range(1, 10)]
    assert page.evaluate(LEGEND_COVERS) == []

    # Land is drawn: central Africa in land colour, the Indian Ocean in sea colour.
    at = page.evaluate(
        "([lat, lng]) => { const p = window.tourDashboard.map.latLngToContainerPoint([lat, lng]);"
        " return [p.x, p.y]; }",
        [5, 20],
    )
    assert _near(_pixel(page, *at), LAND), _pixel(page, *at)
    at = page.evaluate(
        "([lat, lng]) => { const p = window.tourDashboard.map.latLngToContainerPoint([lat, lng]);"
        " return [p.x, p.y]; }",
        [-20, 80],
    )
    assert _near(_pixel(page, *at), SEA), _pixel(page, *at)

    # A card names each source (outlet and title), a link to the article; "more" gives the whole citation.
    page.locator(".tour-icon .tour-num", has_text=re.compile(r"^1$")).click()
    link = page.locator(".leaflet-popup-content .tour-sources a").first
    expect(link).to_have_text("Le Quotidien d'exemple: La ministre entame sa tournée européenne")
    expect(link).to_have_attribute("href", "https://example.org/fr/tournee?id=1&lang=fr")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    page.get_by_role("button", name="More about this stop").click()
    titled = page.locator(".tour-record .tour-sources a", has_text="La ministre entame sa tournée européenne")
    expect(titled).to_have_attribute("href", "https://example.org/fr/tournee?id=1&lang=fr")
    page.locator(".leaflet-popup-close-button").click()

    # The page's own key to its sources.
    page.get_by_role("button", name="Sources").click()
    expect(page.locator(".tour-key a", has_text="Die Ministerin in Berlin")).to_be_visible()
    expect(page.locator(".tour-key a", has_text="archived copy")).to_be_visible()
    assert refused == []
    assert [e for e in watch.errors if not e[1].startswith(TILES)] == []  # only the tiles failed


def test_a_tooltip_opens_inside_the_map(offline_page: tuple[Page, list[str]], tmp_path: Path) -> None:
    page, _ = offline_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(_export(tmp_path).as_uri())
    for number in ("9", "1"):  # the stops nearest the right and the left edge
        page.locator(".tour-icon .tour-num", has_text=re.compile(f"^{number}$")).hover()
        tip = page.locator(".leaflet-tooltip").last
        expect(tip).to_be_visible()
        box = tip.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280, (number, box)


@pytest.fixture(scope="module")
def two_trips_url() -> Iterator[str]:
    with streamlit_server({"TOUR_FILE": str(TWO_TRIPS)}) as server:
        yield server.url


def _frame(page: Page) -> Frame:
    handle = page.locator(MAP_IFRAME).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    return frame


def test_in_the_app_every_stop_reads_and_a_chosen_stop_comes_into_view(
    page: Page, two_trips_url: str, watch: Watch
) -> None:
    page.route(TILES + "**", _fulfil_tile)
    app = App(page, two_trips_url, watch)
    app.open("/")
    app.wait_for_markers(count=9)
    frame = _frame(page)
    # Once the map has settled (on a busy machine the first screen's second run can still be
    # laying the page out): every number on top of whatever else is drawn there.
    with contextlib.suppress(PlaywrightTimeoutError):
        frame.wait_for_function(f"() => ({NUMBERS_ON_TOP})().every(n => n[1])", timeout=10_000)
    assert frame.evaluate(NUMBERS_ON_TOP) == [[str(n), True] for n in range(1, 10)]
    assert frame.evaluate(LEGEND_COVERS) == []
    frame.wait_for_function("() => window.tourDashboard?.landRings > 0")  # drawn just after the stops

    # Zoomed in on Europe, the reader picks Apia in the sidebar: the map brings it into view.
    frame.evaluate("() => window.tourDashboard.map.setView([50, 5], 6, {animate: false})")
    in_view = (
        "() => window.tourDashboard.map.getBounds().contains(window.tourDashboard.markers.apia.getLatLng())"
    )
    assert frame.evaluate(in_view) is False
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Stop").click()
    page.keyboard.type("9. Apia")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Selected stop: 9. Apia")).to_be_visible()
    frame.wait_for_function(in_view)
    assert watch.errors == []


def test_map_in_the_address_opens_the_map(app: App) -> None:
    app.open("/map?stop=lima")
    expect(app.page.get_by_role("heading", name="Selected stop: 3. Lima")).to_be_visible()
    app.wait_for_markers()
    expect(app.page.get_by_text("Page not found")).to_have_count(0)
    assert "stop=lima" in app.page.url
    assert errors_on_subpage(app, "map") == []
