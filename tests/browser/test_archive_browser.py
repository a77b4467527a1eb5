"""The travel archive in a real browser: the Atlas (a click on a country, the keyboard's way to one),
Compare's two maps moving together, and a person opened from the library on the route map."""

from __future__ import annotations

import re

from playwright.sync_api import FrameLocator, Page, expect

from tests.browser.conftest import MAP_IFRAME, App
from tests.browser.test_app_browser import errors_on_subpage
from tests.browser.test_every_reader import query, wait_for_address

# streamlit-folium keeps the map it drew as the frame's window.map.
LEAFLET_MAP = "window.map"


def _atlas_frame(app: App) -> FrameLocator:
    """The Atlas's map, once drawn and once the rest of the page it asks for has come (the country
    list is in that run): a reader's click then reaches the page as it will stay."""
    expect(app.page.locator(MAP_IFRAME)).to_have_count(1)
    frame = app.map
    expect(frame.locator(".atlas-legend")).to_be_visible()
    expect(app.page.get_by_text("Country whose visits are listed")).to_be_visible()
    app.wait_idle()
    return frame


def _click_country(page: Page, lat: float, lng: float) -> None:
    """A click where the map draws (lat, lng): the point inside the frame, then on the page."""
    frame = page.locator(MAP_IFRAME)
    box = frame.bounding_box()
    assert box is not None
    handle = frame.element_handle().content_frame()
    assert handle is not None
    point = handle.evaluate(
        f"p => {{ const m = {LEAFLET_MAP}; const c = m.latLngToContainerPoint(p); return [c.x, c.y]; }}",
        [lat, lng],
    )
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def test_the_atlas_opens_from_its_address_and_a_click_lists_a_countrys_visits(app: App) -> None:
    page = app.page
    app.open("/atlas?who=kerry-john-forbes&from=2014")
    frame = _atlas_frame(app)
    expect(page.get_by_role("heading", name="Atlas of travels abroad")).to_be_visible()
    expect(frame.locator(".atlas-legend")).to_contain_text("Visits")
    assert page.locator(MAP_IFRAME).get_attribute("title") == "Map of the countries visited"
    _click_country(page, 46.5, 2.5)  # France
    wait_for_address(page, r"[?&]country=FR(&|$)")
    expect(page.get_by_role("heading", name="Visits to France")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("John Forbes Kerry")
    assert query(page.url) == {"who": "kerry-john-forbes", "from": "2014", "country": "FR"}
    assert errors_on_subpage(app, "atlas") == []
    assert app.outside_requests() == []


def test_the_atlas_lists_a_country_by_keyboard(app: App) -> None:
    page = app.page
    app.open("/atlas?who=blinken-antony-j")
    _atlas_frame(app)
    page.get_by_role("combobox", name="Country whose visits are listed").focus()
    page.keyboard.type("Japan")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Visits to Japan")).to_be_visible()
    wait_for_address(page, r"[?&]country=JP(&|$)")
    # Each chart is named for screen readers by its caption.
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart).to_have_accessible_name(re.compile("Chart of visits per year by person"))


def test_compare_moves_two_peoples_maps_together(app: App) -> None:
    page = app.page
    app.open("/compare?a=kerry-john-forbes&b=blinken-antony-j")
    frame = page.frame_locator("iframe[srcdoc]")
    expect(frame.locator(".leaflet-interactive").first).to_be_attached()
    expect(page.locator("iframe[srcdoc]")).to_have_attribute("title", re.compile("^Two maps moved together"))
    handle = page.locator("iframe[srcdoc]").element_handle().content_frame()
    assert handle is not None
    handle.wait_for_function("() => (window.tourDashboard?.compareMaps || []).length === 2")
    views = "() => window.tourDashboard.compareMaps.map(m => [m.getZoom(), m.getCenter().toString()])"
    before = handle.evaluate(views)
    frame.locator("#compare-map-0 .leaflet-control-zoom-in").click()  # zoom the first map in
    handle.wait_for_function(f"() => ({views})()[1][0] > {before[1][0]}")
    first, second = handle.evaluate(views)
    assert first == second  # the second map followed
    expect(page.get_by_role("heading", name="Countries only one of them visited")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Countries only John Forbes Kerry visited: \d+"))).to_be_visible()
    expect(page.get_by_role("columnheader", name="Antony John Blinken")).to_be_visible()  # the figures' table
    assert errors_on_subpage(app, "compare") == []


def test_a_person_opens_from_the_library_on_the_route_map(app: App) -> None:
    page = app.page
    app.open("/")
    app.wait_for_markers()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("textbox", name="Search the library").fill("blinken 2023")
    sidebar.get_by_role("textbox", name="Search the library").press("Enter")
    expect(sidebar.get_by_text("1 of 56 tours match.")).to_be_visible()
    sidebar.get_by_role("combobox", name="Tour shown").click()
    page.get_by_role("option", name=re.compile("^Antony John Blinken — Secretary of State")).click()
    wait_for_address(page, r"[?&]tour=blinken-antony-j(&|$)")
    expect(
        page.get_by_role("heading", name=re.compile("^Antony John Blinken: travels abroad"))
    ).to_be_visible()
    # A record that keeps coming back to the same cities is drawn without a number on every stop.
    blinken = page.frame_locator('iframe[title^="Route map: Antony John Blinken"]')
    expect(blinken.locator(".tour-legend")).to_contain_text("Visit")
    expect(page.locator(MAP_IFRAME)).to_have_count(1)  # the Kast map is gone
    expect(blinken.locator(".tour-icon .tour-num")).to_have_count(0)
    # The choice holds on every page.
    page.get_by_role("link", name="Timeline").click()
    wait_for_address(page, r"[?&]tour=blinken-antony-j(&|$)")
    expect(sidebar.get_by_role("combobox", name="Tour shown")).to_have_value(
        re.compile("Antony John Blinken")
    )


def test_compare_chooses_its_tours_by_keyboard(app: App) -> None:
    page = app.page
    app.open("/compare?a=kerry-john-forbes&b=blinken-antony-j")
    page.get_by_role("combobox", name="Second").focus()
    page.keyboard.type("Michael R. Pompeo")
    page.keyboard.press("Enter")
    wait_for_address(page, r"[?&]b=pompeo-michael-r(&|$)")
    expect(page.get_by_role("columnheader", name="Michael R. Pompeo")).to_be_visible()
