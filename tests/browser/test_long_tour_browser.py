"""A long tour in the app: 400 places drawn by one canvas layer that still answers clicks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import MAP_IFRAME, TILES, _fulfil_tile, streamlit_server

PLACES = 400


@pytest.fixture(scope="module")
def long_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from bench.synth import write_tour

    tour = write_tour(PLACES, Path(tmp_path_factory.mktemp("long")) / "long.json")
    with streamlit_server({"TOUR_FILE": str(tour)}) as server:
        yield server.url


def test_clicking_a_stop_on_the_canvas_selects_it_everywhere(page: Page, long_url: str) -> None:
    page.route(TILES + "**", _fulfil_tile)
    page.goto(long_url)
    frame = page.frame_locator(MAP_IFRAME)
    expect(frame.locator(".tour-legend")).to_be_visible()
    expect(frame.locator(".tour-icon .tour-num")).to_have_count(0)  # no DOM marker per stop
    handle = page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    map_page = handle.content_frame()
    assert map_page is not None
    map_page.wait_for_function(f"window.tourDashboard?.points?.drawn === {PLACES}")

    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    x, y = map_page.evaluate(
        """i => { const p = window.tourDashboard.points;
                  const at = p._map.layerPointToContainerPoint([p._x[i], p._y[i]]);
                  return [at.x, at.y]; }""",
        7,
    )
    page.mouse.click(box["x"] + x, box["y"] + y)

    expect(page).to_have_url(re.compile(r"[?&]stop=p7(&|$)"))
    expect(page.get_by_role("heading", name="Selected stop: 7. Place 7")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Stop")).to_have_value("7. Place 7")
    # The itinerary shows the selected stop only; the canvas marks it as selected.
    map_page = page.locator(MAP_IFRAME).element_handle().content_frame()  # type: ignore[union-attr]
    assert map_page is not None
    map_page.wait_for_function(
        "window.tourDashboard.selected === 'p7' && window.tourDashboard.points.selected === 7"
    )
