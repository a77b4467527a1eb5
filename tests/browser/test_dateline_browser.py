"""Tours across the date line drawn in a real browser (tests/data/dateline*.yaml, pacific.yaml: test data,
not real events): at the first view every stop is in sight (every number readable, on top of whatever
else is drawn there), and every leg ends on a drawn stop's marker, its arrow on the leg, in the app,
the exported page, the page the image for print photographs and the story file, at desktop and phone
sizes. The same, by structure: tests/render/test_dateline.py."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.render import exports, prints
from dashboard.render.story import story_html
from dashboard.tourfile.load import load_tour
from dashboard.views.derive import legs, routes
from tests.browser.conftest import MAP_IFRAME, TILES, App, Watch, _fulfil_tile, streamlit_server
from tests.browser.test_any_tour_browser import NUMBERS_ON_TOP
from tests.conftest import DATA

TOURS = ["dateline.yaml", "dateline-trips.yaml", "pacific.yaml"]
SIZES = [(820, 480), (1280, 800), (390, 844)]
NEAR = 2.5  # px: a line drawn to a stop ends on its marker's centre (Leaflet rounds to whole pixels)

# The route map (the app's, the exported page, the printed page): how far each leg's two ends are from
# the nearest drawn stop (a marker's own place: a crowded number may be spread beside it on a leader
# line), and each arrow from the nearest leg's middle, in px. Legs are the SVG lines of weight 3
# (circles have arcs; leaders are 1.5 px, border pairs 4 px).
LEGS_ON_STOPS = """() => {
  const ns = window.tourDashboard, map = ns.map, box = map.getContainer().getBoundingClientRect();
  const toPage = p => {
    const c = map.layerPointToContainerPoint(p);
    return L.point(box.left + c.x, box.top + c.y);
  };
  const stops = Object.values(ns.markers).map(m => toPage(map.latLngToLayerPoint(m.getLatLng())));
  const lines = [...map.getPanes().overlayPane.querySelectorAll('path')]
    .filter(p => p.getAttribute('stroke-width') === '3' && !/[aA]/.test(p.getAttribute('d')))
    .map(p => [...p.getAttribute('d').matchAll(/[ML](-?[\\d.]+) (-?[\\d.]+)/g)]
      .map(m => toPage(L.point(+m[1], +m[2]))));
  const nearest = (at, points) => Math.min(...points.map(p => p.distanceTo(at)));
  // An arrow sits half way along its leg's longitudes (on Mercator, not half way down its height): how
  // far it is across from the nearest leg's middle, and whether it is within that leg's height.
  const arrows = [...document.querySelectorAll('.tour-arrow-icon')].map(el => {
    const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    return Math.min(...lines.map(l => {
      const a = l[0], b = l[l.length - 1], across = Math.abs(x - (a.x + b.x) / 2);
      return y >= Math.min(a.y, b.y) - 1 && y <= Math.max(a.y, b.y) + 1 ? across : Infinity;
    }));
  });
  return {ends: lines.map(l => [nearest(l[0], stops), nearest(l[l.length - 1], stops)]), arrows: arrows};
}"""
# Every marker of the route map (numbered or not) inside the map's first view: the ids outside.
OUT_OF_VIEW = """() => {
  const ns = window.tourDashboard, view = ns.map.getBounds();
  return Object.keys(ns.markers).filter(id => !view.contains(ns.markers[id].getLatLng()));
}"""
# The story's map: its markers (numbered stops, and the origin's circle) by their centres on the page,
# how many are outside the map, and how far each vertex of each trip's route is from the nearest one.
STORY_ROUTES_ON_STOPS = """() => {
  const map = window.tourDashboard.storyMap, box = map.getContainer().getBoundingClientRect();
  const centre = el => {
    const r = el.getBoundingClientRect();
    return L.point(r.left + r.width / 2, r.top + r.height / 2);
  };
  // A stop's mark is where it is (a number spread apart from a neighbour keeps a leader line to it).
  const paths = [...map.getPanes().overlayPane.querySelectorAll('path:not(.story-leader)')];
  const at = latlng => {
    const c = map.latLngToContainerPoint(latlng);
    return L.point(box.left + c.x, box.top + c.y);
  };
  const marks = window.tourDashboard.storyData.stops.map(s => at(s.at))
    .concat(paths.filter(p => /a/.test(p.getAttribute('d'))).map(centre));
  const routes = paths.filter(p => !/[aA]/.test(p.getAttribute('d'))).map(p =>
    [...p.getAttribute('d').matchAll(/[ML](-?[\\d.]+) (-?[\\d.]+)/g)].map(m => {
      const c = map.layerPointToContainerPoint(L.point(+m[1], +m[2]));
      return L.point(box.left + c.x, box.top + c.y);
    }));
  const outside = marks.filter(p => p.x < box.left || p.x > box.right || p.y < box.top || p.y > box.bottom);
  return {
    marks: marks.length, outside: outside.length, routes: routes.length,
    far: routes.flat().map(v => Math.min(...marks.map(p => p.distanceTo(v))))
  };
}"""


def _numbered(name: str) -> list[str]:
    return [str(v.order) for v in sorted(load_tour(DATA / name).visits, key=lambda v: v.order)]


def _check_route_map(target: Page | Frame, name: str) -> None:
    """Every number readable and on top at the first view, every marker in it, every leg on its stops."""
    tour = load_tour(DATA / name)
    numbers = _numbered(name)
    with contextlib.suppress(PlaywrightTimeoutError):  # the view can still be settling on a busy machine
        target.wait_for_function(f"() => ({NUMBERS_ON_TOP})().every(n => n[1])", timeout=10_000)
    assert target.evaluate(NUMBERS_ON_TOP) == [[n, True] for n in numbers]
    assert target.evaluate(OUT_OF_VIEW) == []
    drawn: dict[str, Any] = target.evaluate(LEGS_ON_STOPS)
    assert len(drawn["ends"]) == len(legs(tour))
    assert all(max(ends) <= NEAR for ends in drawn["ends"]), drawn["ends"]
    assert len(drawn["arrows"]) == len(legs(tour)) and max(drawn["arrows"]) <= NEAR, drawn["arrows"]


# --- the exported page, and the page the image for print photographs -------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("dateline")
    out = {}
    for name in TOURS:
        tour = load_tour(DATA / name)
        for kind, text in (
            ("map", exports.map_html(tour)),
            ("print", prints.print_page(tour, "en")),
            ("story", story_html(tour, "en")),
        ):
            out[name, kind] = folder / f"{Path(name).stem}.{kind}.html"
            out[name, kind].write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", TOURS)
def test_the_exported_page_shows_every_stop_with_its_legs_ending_on_it(
    offline_page: tuple[Page, list[str]],
    watch: Watch,
    pages: dict[tuple[str, str], Path],
    name: str,
    size: tuple[int, int],
) -> None:
    page, refused = offline_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(pages[name, "map"].as_uri())
    expect(page.locator(".tour-icon .tour-num")).to_have_count(len(_numbered(name)))
    _check_route_map(page, name)
    page.wait_for_function("() => window.tourDashboard.landRings > 0")
    assert refused == [] and watch.errors == []


@pytest.mark.parametrize("name", ["dateline.yaml", "dateline-trips.yaml"])
def test_the_page_photographed_for_print_shows_every_stop_with_its_legs_ending_on_it(
    offline_page: tuple[Page, list[str]], watch: Watch, pages: dict[tuple[str, str], Path], name: str
) -> None:
    page, refused = offline_page
    page.set_viewport_size({"width": prints.WIDTH, "height": prints.MAP_HEIGHT})  # as images.png shoots it
    page.goto(pages[name, "print"].as_uri())
    expect(page.locator(".tour-icon .tour-num")).to_have_count(len(_numbered(name)))
    _check_route_map(page, name)
    assert refused == [] and watch.errors == []


# --- the story file --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", TOURS)
def test_the_storys_routes_run_through_its_stops_all_in_the_first_view(
    offline_page: tuple[Page, list[str]],
    watch: Watch,
    pages: dict[tuple[str, str], Path],
    name: str,
    size: tuple[int, int],
) -> None:
    page, refused = offline_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(pages[name, "story"].as_uri())
    page.wait_for_function("window.tourDashboard?.storyMapAt !== undefined")
    expect(page.locator("#story-map .story-icon")).to_have_count(len(_numbered(name)))
    drawn: dict[str, Any] = page.evaluate(STORY_ROUTES_ON_STOPS)
    assert drawn["marks"] == len(_numbered(name)) + 1  # the stops and the origin
    assert drawn["outside"] == 0
    assert drawn["routes"] == len(routes(load_tour(DATA / name)))
    assert drawn["far"] and max(drawn["far"]) <= NEAR, drawn["far"]
    assert refused == [] and watch.errors == []


# --- the app ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dateline_url() -> Iterator[str]:
    with streamlit_server({"TOUR_FILE": str(DATA / "dateline.yaml")}) as server:
        yield server.url


def _frame(page: Page) -> Frame:
    handle = page.locator(MAP_IFRAME).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    return frame


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_in_the_app_every_stop_shows_with_its_legs_ending_on_it(
    page: Page, dateline_url: str, watch: Watch, size: tuple[int, int]
) -> None:
    page.route(TILES + "**", _fulfil_tile)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    app = App(page, dateline_url, watch)
    app.open("/")
    app.wait_for_markers(count=len(_numbered("dateline.yaml")))
    _check_route_map(_frame(page), "dateline.yaml")
    assert watch.errors == []
