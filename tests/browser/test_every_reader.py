"""Every reader, every device: the first click, the wheel, the phone layout, the keyboard, screen
readers (axe-core), figures that follow the filters, drill-downs in the address, and dark mode.

Desktop is 1400×900 and the phone 390×844 (a touch screen). With ``UPDATE_DOCS_SCREENSHOTS=1``
the phone layout of each page is also saved to ``docs/screenshots/`` (docs/dashboard.md, "Every reader").
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import (
    MAP_IFRAME,
    ROOT,
    TILES,
    App,
    Watch,
    _fulfil_tile,
)

AXE = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/story", "/timeline", "/topics", "/proposals", "/evidence", "/atlas", "/compare", "/ingest"]
DOCS_SHOTS = ROOT / "docs" / "screenshots"


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def wait_for_address(page: Page, pattern: str) -> None:
    """Wait until the address bar's query matches ``pattern``. Read from ``location``: Streamlit
    rewrites the address with the History API, which ``page.url`` does not always see."""
    page.wait_for_function("p => new RegExp(p).test(decodeURIComponent(location.search))", arg=pattern)


@pytest.fixture(scope="module")
def phone_context(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    """A phone: 390×844, touch, a coarse pointer (the map then leaves one finger to the page)."""
    args = {**browser_context_args, "viewport": PHONE, "has_touch": True, "is_mobile": True}
    context = browser.new_context(**args)
    yield context
    context.close()


def _app(page: Page, base: str) -> App:
    page.route(TILES + "**", _fulfil_tile)
    watch = Watch()
    watch.attach(page)
    return App(page, base, watch)


@pytest.fixture
def phone(phone_context: BrowserContext, app_url: str) -> Iterator[App]:
    page = phone_context.new_page()
    yield _app(page, app_url)
    page.close()


SCROLLED_PAST_100 = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop > 100"


def _main_scroll(page: Page) -> float:
    return float(page.get_by_test_id("stMain").evaluate("e => e.scrollTop"))


def _stop_on_a_partly_visible_map(app: App, height: int) -> tuple[str, float, float]:
    """The lowest numbered stop in the window, on a map whose bottom is below the fold (the case
    where a press used to scroll the page and lose the click): its place and centre."""
    frame = app.page.locator(MAP_IFRAME).bounding_box()
    assert frame is not None and frame["y"] + frame["height"] > height, frame  # the map runs off-screen
    icons = app.map.locator(".tour-icon .tour-num")
    boxes = [(icons.nth(i).get_attribute("data-place"), icons.nth(i).bounding_box()) for i in range(3)]
    seen = [(p, b) for p, b in boxes if b and b["y"] + b["height"] < height]
    place, box = max(seen, key=lambda item: item[1]["y"])  # type: ignore[index]
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # What a finger there would press: the stop itself, not a map control drawn over it.
    hit = app.map.locator("body").evaluate(
        "(b, p) => { const e = document.elementFromPoint(p[0], p[1]); return e && e.dataset.place; }",
        [x - frame["x"], y - frame["y"]],
    )
    assert hit == place, (hit, place)
    return str(place), x, y


# Windows short enough that the map runs off the bottom: at 1400 x 900 and 390 x 844 the whole map is
# in the first screen (tests/browser/test_first_screen_browser.py).
SHORT_DESKTOP = {"width": 1400, "height": 700}
SHORT_PHONE = {"width": 390, "height": 700}


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_first_click_on_a_partly_visible_stop_selects_it(screen: str, app: App, phone: App) -> None:
    reader = phone if screen == "phone" else app
    size = SHORT_PHONE if screen == "phone" else SHORT_DESKTOP
    reader.page.set_viewport_size(size)
    reader.open("/")
    reader.wait_for_markers()
    place, x, y = _stop_on_a_partly_visible_map(reader, size["height"])
    before = _main_scroll(reader.page)
    if screen == "phone":
        reader.page.touchscreen.tap(x, y)
    else:
        reader.page.mouse.click(x, y)
    wait_for_address(reader.page, rf"[?&]stop={place}(&|$)")
    assert abs(_main_scroll(reader.page) - before) < 2  # the press did not move the page


def test_the_wheel_scrolls_the_page_and_ctrl_wheel_zooms_the_map(app: App) -> None:
    page = app.page
    page.set_viewport_size(DESKTOP)
    app.open("/")
    app.wait_for_markers()
    zoom = "() => window.tourDashboard.map.getZoom()"
    start_zoom = app.map.locator("body").evaluate(zoom)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 100)
    for _ in range(3):
        page.mouse.wheel(0, 120)
    # The page scrolls smoothly: wait for it to pass 100 px (a loaded machine took over 400 ms once).
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(SCROLLED_PAST_100, timeout=5_000)
    assert _main_scroll(page) > 100
    assert app.map.locator("body").evaluate(zoom) == start_zoom
    expect(app.map.locator(".tour-hint.on")).to_contain_text("Ctrl")
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -120)
    page.keyboard.up("Control")
    page.wait_for_timeout(300)
    assert app.map.locator("body").evaluate(zoom) == start_zoom + 1


def _focused(page: Page) -> dict[str, str]:
    """The element with focus, inside frames too: its tag, accessible name and role."""
    return dict(
        page.evaluate(
            """() => {
              let doc = document, el = doc.activeElement;
              while (el && el.tagName === 'IFRAME') { doc = el.contentDocument; el = doc.activeElement; }
              const name = el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent.trim();
              return {tag: el.tagName, name: name, role: el.getAttribute('role') || ''};
            }"""
        )
    )


@pytest.mark.parametrize(
    ("lang", "quito"), [("en", "2. Quito — 23 December 2025"), ("es", "2. Quito — 23 de diciembre de 2025")]
)
def test_every_stop_is_reachable_and_selected_by_keyboard(app: App, lang: str, quito: str) -> None:
    page = app.page
    app.open(f"/?lang={lang}")
    app.wait_for_markers()
    container = app.map.locator(".leaflet-container")
    expect(page.locator(MAP_IFRAME)).to_have_attribute(
        "title", re.compile("^(Route map|Mapa del recorrido): ")
    )
    container.focus()
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(_focused(page))
    stops = [f["name"] for f in seen if f["role"] == "button"]
    assert quito in stops and any(s.startswith("3. Lima — ") for s in stops), seen
    assert all(f["name"] for f in seen), seen  # nothing unnamed takes a Tab stop
    assert re.match(r"^1\. Buenos Aires — ", stops[stops.index(quito) - 1])
    # Back to Quito, then Enter selects it; Space selects the next stop.
    while _focused(page)["name"] != quito:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    wait_for_address(page, r"[?&]stop=quito(&|$)")
    expect(app.map.locator(".leaflet-popup")).to_be_visible()
    expect(app.map.locator(".leaflet-control-zoom")).to_be_hidden()  # controls never cover the popup
    expect(app.map.locator(".tour-sr[role=status]")).to_contain_text("Quito")
    # Space selects a focused stop too (Lima, reached by Tab above; focused again here, since the
    # app's rerun for Quito may redraw the page around the map's frame: it is waited for, as a reader
    # sees the page settle; on a loaded machine a key pressed before it lands in a frame being replaced).
    app.wait_idle()
    app.map.locator('[role=button][aria-label^="3. Lima"]').focus()
    page.keyboard.press(" ")
    wait_for_address(page, r"[?&]stop=lima(&|$)")


def _axe(page: Page, frame: object | None = None) -> list[str]:
    """Serious and critical axe-core violations: rule, impact and the first element's HTML."""
    target = frame or page
    if not target.evaluate("() => typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        target.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = target.evaluate("() => axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# The pages' own frames, checked too: the route map's and the Atlas's (st_folium), Compare's two maps.
FRAMES = {"/": MAP_IFRAME, "/atlas": MAP_IFRAME, "/compare": "iframe[srcdoc]"}


def _page_violations(reader: App, path: str) -> list[str]:
    violations = _axe(reader.page)
    if path in FRAMES:
        handle = reader.page.locator(FRAMES[path]).element_handle()
        violations += _axe(reader.page, handle.content_frame() if handle else None)
    return violations


def _settled(reader: App, check: Callable[[], list[str]]) -> list[str]:
    """What ``check`` finds on the settled page: once more after a pause if it found something, so
    a grid or chart still sizing itself on a busy machine is not taken for the page as it stays."""
    found = check()
    if found:
        reader.page.wait_for_timeout(1500)
        reader.wait_idle()
        found = check()
    return found


WIDER = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= vw + 1) continue;
    let a = el.parentElement, clipped = false;
    while (a) {
      const s = getComputedStyle(a);
      const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX);
      if (clips && a.getBoundingClientRect().right <= vw + 1) {
        clipped = true; break;
      }
      a = a.parentElement;
    }
    const what = el.tagName + '.' + String(el.className).slice(0, 60);
    if (!clipped) out.push(what + ' right=' + Math.round(r.right));
  }
  return out.slice(0, 10);
}"""


def _settle(app: App, path: str) -> None:
    app.open(path)
    if path.split("?")[0] == "/":
        app.wait_for_markers()
    app.page.wait_for_timeout(600)  # charts and grids size themselves after the run
    app.wait_idle()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_a_phone_and_passes_axe(app: App, phone: App, path: str, lang: str) -> None:
    url = f"{path}?lang={lang}"
    for reader, size in ((app, DESKTOP), (phone, PHONE)):
        reader.page.set_viewport_size(size)
        _settle(reader, url)
        violations = _settled(reader, lambda r=reader: _page_violations(r, path))  # type: ignore[misc]
        assert violations == [], (size, violations)
        if size is PHONE:
            assert _settled(reader, lambda r=reader: r.page.evaluate(WIDER)) == []  # type: ignore[misc]
    name = "home" if path == "/" else path.strip("/")
    if lang == "en" and os.environ.get("UPDATE_DOCS_SCREENSHOTS"):
        if path in ("/timeline", "/topics"):
            expect(phone.page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
            phone.page.wait_for_timeout(500)
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        phone.page.screenshot(path=DOCS_SHOTS / f"phone-{name}.png", full_page=False, animations="disabled")


def test_on_a_phone_the_map_is_in_the_first_screen(phone: App) -> None:
    phone.open("/")
    phone.wait_for_markers()
    box = phone.page.locator(MAP_IFRAME).bounding_box()
    assert box is not None and box["y"] < PHONE["height"] - 200, box  # most of the map shows at once
    expect(phone.page.get_by_test_id("stMetricValue").first).to_be_in_viewport()


def test_key_figures_follow_a_date_filter_and_an_empty_view_offers_a_reset(app: App) -> None:
    page = app.page
    app.open("/")
    app.wait_for_markers()
    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_text(["3", "3", "3", "7,368", "7"])
    app.open("/?from=2025-12-15&to=2025-12-20")
    app.wait_for_markers()
    parts = page.get_by_test_id("stMetricDelta")  # "of 3", beside each number
    expect(values.first).to_have_text("1")
    expect(parts.first).to_have_text("of 3")
    expect(values.nth(3)).to_have_text(re.compile(r"^1,\d{3}$"))
    expect(parts.nth(3)).to_have_text("of 7,368")
    app.open("/?from=2026-02-01&to=2026-02-07")
    app.wait_for_markers()
    expect(values.first).to_have_text("0")
    expect(parts.first).to_have_text("of 3")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Nothing matches the filters")).to_be_visible()
    main.get_by_role("button", name="Reset view").click()
    expect(values).to_have_text(["3", "3", "3", "7,368", "7"])
    assert "from" not in query(page.url)


def _click_centre(page: Page, target: object) -> None:
    """Plotly listens on a layer over its points: click where the point is, not the point itself."""
    box = target.bounding_box()  # type: ignore[attr-defined]
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_a_topics_bar_opens_its_claims_and_a_link_reopens_them(app: App) -> None:
    page = app.page
    app.open("/topics")
    bars = page.get_by_test_id("stPlotlyChart").locator("g.trace.bars .point path")
    expect(bars).not_to_have_count(0)
    _click_centre(page, bars.nth(2))
    heading = page.get_by_role("heading", name=re.compile(r"^Claims and quotes: .+ — .+"))
    expect(heading).to_be_visible()
    wait_for_address(page, r"[?&]bar=[a-z0-9_-]+/[a-z0-9_-]+(&|$)")
    # The drill-down is part of the view: a link with ?bar= opens the same list.
    app.open("/topics?bar=lima/mining")
    expect(page.get_by_role("heading", name="Claims and quotes: 3. Lima — Mining")).to_be_visible()
    page.get_by_role("button", name="Show all claims").click()
    expect(page.get_by_role("heading", name="Claims and quotes", exact=True)).to_be_visible()
    wait_for_address(page, r"^(?![\s\S]*bar=)")


def test_a_timeline_point_selects_its_stop(app: App) -> None:
    page = app.page
    app.open("/timeline")
    chart = page.get_by_test_id("stPlotlyChart")
    expect(chart).to_have_attribute("role", "figure")
    expect(chart).to_have_accessible_name(re.compile("Timeline of the tour"))
    visits = chart.locator("g.trace.scatter").nth(2).locator(".point")  # the actual visit dates
    expect(visits).not_to_have_count(0)
    _click_centre(page, visits.first)
    wait_for_address(page, r"[?&]stop=buenos-aires(&|$)")
    expect(page.get_by_role("heading", name=re.compile(r"^Selected stop: \d\. "))).to_be_visible()
    expect(page.get_by_role("link", name="Open on the map")).to_be_visible()


def test_dark_mode_follows_the_system_in_the_app_the_map_and_the_charts(
    browser: Browser, app_url: str, browser_context_args: dict
) -> None:
    context = browser.new_context(**{**browser_context_args, "color_scheme": "dark"})
    page = context.new_page()
    try:
        app = _app(page, app_url)
        app.open("/")
        app.wait_for_markers()
        luminance = """e => {
          const [r, g, b] = getComputedStyle(e).backgroundColor.match(/\\d+/g).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        }"""
        assert page.get_by_test_id("stApp").evaluate(luminance) < 0.2
        assert app.map.locator(".tour-legend").evaluate(luminance) < 0.3
        app.open("/topics")
        background = page.get_by_test_id("stPlotlyChart").locator(".main-svg").first
        expect(background).to_be_visible()
        assert _axe(page) == []
    finally:
        context.close()
