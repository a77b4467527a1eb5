"""Real-browser fixtures: the app served by ``streamlit run``, Debian's chromium driven by Playwright.

One Streamlit server, one browser and one browser context per test process, a fresh page
per test: pages of one context share the HTTP cache, so each test does not load Streamlit's
front end cold (sessions are per page, so no state is shared). Every page answers map-tile
requests locally, records each request URL and each console error, and, when its test fails,
leaves a screenshot in ``test-results/screenshots/<test-name>.png``.

Run with ``pytest -m browser`` (needs ``apt-get install -y chromium``; Playwright's own
browser download is not used). ``--headed`` and ``--slowmo`` from pytest-playwright work.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, FrameLocator, Page, Route, expect

from bench import servers
from bench.servers import Server
from tests.support import tiers

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = tiers.CHROMIUM  # Debian's: the one the image tests draw with too
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = ROOT / "test-results" / "screenshots"
TILES = "https://tile.openstreetmap.org/"
MAP_IFRAME = 'iframe[src*="streamlit_folium.st_folium"]'  # titled by the map once drawn
TIMEOUT = 30_000  # ms: Playwright's auto-waiting assertions (a Streamlit rerun takes 1-3 s)

# A 1x1 transparent PNG: every map tile, so no test depends on the network.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)

expect.set_options(timeout=TIMEOUT)

# Probes of the route map, evaluated in its page or frame.
# Every stop whose centre is outside the map's own box (not in view).
STOPS_OUT_OF_VIEW = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  return [...document.querySelectorAll('.tour-icon, path[role=button]')].filter(el => {
    const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    return x < map.left || x > map.right || y < map.top || y > map.bottom;
  }).map(el => el.textContent || el.getAttribute('aria-label'));
}"""
# The map's view and size, for a failure's message: what the reader saw instead.
MAP_VIEW = """() => { const m = window.tourDashboard.map, c = m.getCenter(), s = m.getSize();
  return `zoom ${m.getZoom()} at ${c.lat.toFixed(2)},${c.lng.toFixed(2)}, map ${s.x}×${s.y}`; }"""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder drives a browser: mark it so ``-m "not browser"`` skips them."""
    for item in items:
        if item.path.resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright has no option for a browser path: launch Debian's chromium."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests drive Debian's chromium. "
            "Install it with `apt-get update && apt-get install -y chromium` "
            "(`playwright install` is not used), or deselect them with -m 'not browser'.",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    """pytest-playwright's own ``base_url`` fallback is a session fixture defined as an instance
    method, which pytest 9.2 deprecates (PytestRemovedIn10Warning); this one replaces it."""
    return pytestconfig.getoption("--base-url", None) or None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "viewport": {"width": 1400, "height": 1000},
        "locale": "en-GB",
        "timezone_id": "America/Santiago",
        "reduced_motion": "reduce",  # no spinner or transition animations: less to paint, steadier clicks
    }


@pytest.fixture(scope="session")
def shared_context(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


@pytest.fixture
def page(shared_context: BrowserContext) -> Iterator[Page]:
    """A new page for each test, in the shared context (pytest-playwright's makes a context each)."""
    fresh = shared_context.new_page()
    yield fresh
    fresh.close()


# --- the app ---------------------------------------------------------------------------------


@contextmanager
def streamlit_server(extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """``streamlit run streamlit_app.py`` on a free port, as users start it (``bench/servers.py``);
    a server that does not start fails the test with its output."""
    with ExitStack() as stack:
        try:
            server = stack.enter_context(servers.streamlit(env=extra_env))
        except servers.ServerError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield server


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The app on the embedded Kast tour, shared by the session's tests; its base URL."""
    with streamlit_server() as server:
        yield server.url


# --- pages -----------------------------------------------------------------------------------


@dataclass
class Watch:
    """What a page did: every request URL, every console error (text and source URL)."""

    requests: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append((f"uncaught: {exc}", "")))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append((message.text, message.location.get("url", "")))


def _fulfil_tile(route: Route) -> None:
    route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)


def screenshot_name(test_name: str) -> str:
    """``test_x[chromium-topics-Topics per stop]`` -> ``test_x-topics-Topics-per-stop``."""
    name = re.sub(r"\[(chromium|firefox|webkit)-?", "[", test_name)
    return re.sub(r"[^\w.-]+", "-", name).strip("-")


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True, animations="disabled")
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    """Keep each phase's report on the test, so that fixtures can tell whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def watch(page: Page, request: pytest.FixtureRequest) -> Iterator[Watch]:
    """Records the page's requests and console errors; screenshots the page if the test failed."""
    record = Watch()
    record.attach(page)
    yield record
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return  # a full-page screenshot costs as much as a page load: only failures need one
    try:
        screenshot(page, screenshot_name(request.node.name))
    except Exception as exc:  # a crashed page must not hide the test's own result
        print(f"no screenshot for {request.node.name}: {exc}", file=sys.stderr)


@dataclass
class App:
    """A page of the running app."""

    page: Page
    base: str
    watch: Watch

    def open(self, path: str = "/") -> None:
        self.page.goto(self.base + path)
        self.wait_idle()

    def wait_idle(self) -> None:
        """Connected, and the script has finished its run (Streamlit's own test hook attributes)."""
        app = self.page.get_by_test_id("stApp")
        expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")
        expect(app).to_have_attribute("data-test-script-state", "notRunning")

    @property
    def map(self) -> FrameLocator:
        return self.page.frame_locator(MAP_IFRAME)

    def wait_for_markers(self, count: int = 3) -> None:
        """One map (a rerun briefly shows the old and the new one), its numbered markers and legend drawn."""
        expect(self.page.locator(MAP_IFRAME)).to_have_count(1)
        expect(self.map.locator(".tour-icon .tour-num")).to_have_count(count)
        # Drawn, not necessarily visible: the legend steps aside while a popup is open.
        expect(self.map.locator(".tour-legend")).to_have_count(1)

    def outside_requests(self) -> list[str]:
        allowed = (self.base + "/", "data:", "blob:", "about:", TILES)
        return [url for url in self.watch.requests if not url.startswith(allowed)]


@pytest.fixture
def app(page: Page, app_url: str, watch: Watch) -> App:
    """A fresh page on the app, with map tiles served locally."""
    page.route(TILES + "**", _fulfil_tile)
    return App(page, app_url, watch)


@pytest.fixture
def offline_page(page: Page, watch: Watch) -> tuple[Page, list[str]]:
    """A page allowed only file: URLs and (local) tiles; returns it and the URLs it was refused."""
    refused: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(TILES):
            _fulfil_tile(route)
        elif url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            refused.append(url)
            route.abort("blockedbyclient")

    page.route("**/*", guard)
    return page, refused
