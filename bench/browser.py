"""Timed browser scenarios (Playwright driving Debian's chromium), each returning seconds.

Every scenario opens a fresh browser context (no cache shared between runs) and times
from the navigation or the user's action until what the user waits for is drawn.
Times are read from the page's own clock: the start is the navigation's (``performance.timeOrigin``)
or the moment the action's first event reached the page; the end is the first animation frame in
which the page shows the awaited state. Playwright's round trips are in neither, for the app or
for the baselines. Background tiles are answered locally with an empty image, so nothing leaves
the machine.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Frame, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]  # fmt: skip
TILE_PATTERN = "https://tile.openstreetmap.org/**"
TABLE = (  # the itinerary: a plain table for short tours, the data grid for long ones
    "[data-testid='stMain'] [data-testid='stMarkdownContainer'] table, "
    "[data-testid='stMain'] [data-testid='stDataFrame']"
)
ITINERARY = "Stops: where, when, whom, what, says who"
MAP_FRAME = 'iframe[src*="streamlit_folium.st_folium"]'
FILTERS = "[data-testid='stSidebar'] [data-testid='stButtonGroup']"  # the topic and country pills
TIMEOUT_MS = 120_000
QUIET_S = 0.5  # a page is settled once its script has not run for this long


@contextmanager
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def new_page(b: Browser) -> Iterator[Page]:
    context = b.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.route(TILE_PATTERN, lambda route: route.fulfill(status=204, body=b""))
    try:
        yield page
    finally:
        context.close()


def settled(page: Page) -> None:
    """Wait until the app is idle: no script run for QUIET_S seconds.

    Interactions are timed from a settled page, as a reader uses one; the baselines wait the
    same way. (A page that has just drawn may still be finishing a rerun of its own, such as
    the one st_folium asks for once its map is drawn.)
    """
    state = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState"
    quiet_since = time.monotonic()
    deadline = quiet_since + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if page.evaluate(state) != "notRunning":
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_S:
            return
        page.wait_for_timeout(25)
    raise TimeoutError("the app never settled")


def until(page: Page, predicate: str) -> float:
    """Wait until the JavaScript ``predicate`` (an expression) holds in the page; return when it
    first held, in seconds on the page's clock (epoch-based, shared by its frames).

    The predicate is checked inside the page once per animation frame: polling it from Python
    instead cost a round trip per check, which the one-line baselines do not pay.
    """
    now = "performance.timeOrigin + performance.now()"
    handle = page.wait_for_function(f"() => ({predicate}) && {now}", timeout=TIMEOUT_MS)
    return float(handle.json_value()) / 1000


def since_navigation(page: Page, predicate: str) -> float:
    """Seconds from the page's navigation until ``predicate`` first held."""
    done = until(page, predicate)
    return done - float(page.evaluate("performance.timeOrigin")) / 1000


def arm(target: Page | Frame, event: str) -> None:
    """Note when the next ``event`` (keydown, pointerdown) reaches ``target``'s document: the
    moment the user acts, recorded on the page's clock before any handler of the app's runs."""
    target.evaluate(
        """event => {
          window.top.tourActionAt = undefined;
          document.addEventListener(event, () => {
            window.top.tourActionAt = performance.timeOrigin + performance.now();
          }, {capture: true, once: true});
        }""",
        event,
    )


def since_action(page: Page, predicate: str) -> float:
    """Seconds from the armed action (see :func:`arm`) until ``predicate`` first held."""
    done = until(page, predicate)
    return done - float(page.evaluate("window.tourActionAt")) / 1000


def map_drawn(check: str = "true") -> str:
    """A predicate: the map's layer script has drawn it (stops and legend) and ``check`` holds,
    an expression over ``w``, the map frame's window (same origin as the app, so readable)."""
    return (
        f"[...document.querySelectorAll({MAP_FRAME!r})].some(f => {{ const w = f.contentWindow;"
        " return !!w && !!w.tourDashboard && w.tourDashboard.drawnAt !== undefined"
        " && !!w.document.querySelector('.tour-legend')"
        f" && ({check}); }})"
    )


def text_shown(text: str, selector: str = "[data-testid='stMain']") -> str:
    """A predicate: ``text`` is in the page's main area (or ``selector``)."""
    return f"(document.querySelector({selector!r})?.textContent || '').includes({text!r})"


IDLE = "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
FIRST_SCREEN = " && ".join(
    [
        "document.querySelectorAll('[data-testid=\"stMetric\"]').length >= 5",
        text_shown(ITINERARY),
        f"!!document.querySelector({TABLE!r})",
        f"!!document.querySelector({FILTERS!r})",
    ]
)


def map_frame(page: Page) -> Frame:
    """The map's frame, once its layer script has drawn it (to click inside it)."""
    until(page, map_drawn())
    frame = page.locator(MAP_FRAME).last.element_handle().content_frame()
    assert frame is not None
    return frame


def paint_empty(b: Browser, url: str) -> float:
    with new_page(b) as page:
        page.goto(url, wait_until="commit")
        return since_navigation(page, text_shown("Baseline"))


def paint_map(b: Browser, url: str) -> tuple[float, float]:
    """(map drawn, whole first screen drawn): markers and route, then metrics and itinerary too."""
    with new_page(b) as page:
        page.goto(url, wait_until="commit")
        drawn = since_navigation(page, map_drawn())
        return drawn, since_navigation(page, FIRST_SCREEN)  # the sidebar's filters are on it too


def _type_choice(page: Page, widget: str, label: str, option: str) -> None:
    """Open the ``widget`` labelled ``label`` and type ``option``: the choice is ready, not made.

    Interactions are timed from the moment the choice is made (Enter), so the time a reader
    takes to find and type it, longer for six letters than for four, is not counted.
    """
    page.get_by_test_id(widget).filter(has_text=label).first.click()
    page.keyboard.type(option)


def rerun_select(b: Browser, url: str) -> float:
    with new_page(b) as page:
        page.goto(url)
        until(page, text_shown("Chosen: alpha"))
        settled(page)
        _type_choice(page, "stSelectbox", "Pick", "beta")
        arm(page, "keydown")
        page.keyboard.press("Enter")
        return since_action(page, text_shown("Chosen: beta"))


def filter_change(b: Browser, url: str, topic_label: str, table: bool = True) -> float:
    """Choose a topic filter in the sidebar; done when the map is restyled for it and the
    script run that redraws every view has finished."""
    with new_page(b) as page:
        page.goto(url)
        map_frame(page)
        settled(page)
        # A topic is a pill (the app's filters since issue 15): timed from the press on it.
        pill = page.get_by_role("button", name=topic_label, exact=True).first
        everywhere = [map_drawn("w.tourDashboard.filtered === true"), IDLE]
        if table:
            everywhere.append(f"!!document.querySelector({TABLE!r})")
        arm(page, "pointerdown")
        pill.click()
        return since_action(page, " && ".join(everywhere))


def map_click(b: Browser, url: str, marker_text: str, option: str, place_id: str) -> tuple[float, float]:
    """Click a numbered marker on the map: seconds until the map itself draws the stop selected (its
    first frame painted after it, ``tourDashboard.selectionPaintedAt``), and until the whole app shows it."""
    with new_page(b) as page:
        page.goto(url)
        frame = map_frame(page)
        settled(page)
        marker = frame.locator(".tour-num", has_text=marker_text).first
        everywhere = [
            map_drawn(f"w.tourDashboard.selected === {place_id!r}"),
            text_shown(f"Selected stop: {option}"),
        ]
        arm(frame, "pointerdown")
        marker.click()
        shown = since_action(page, " && ".join(everywhere))
        painted = frame.evaluate("() => performance.timeOrigin + window.tourDashboard.selectionPaintedAt")
        return (float(painted) - float(page.evaluate("window.tourActionAt"))) / 1000, shown


def export_draw(b: Browser, file_url: str, places: int) -> float:
    """Seconds from navigation until the page painted its first frame with every marker drawn.

    Read from the page's own clock (``window.tourDashboard.paintedAt``, set by the map's script after
    a requestAnimationFrame), so Playwright's round trips are not counted.
    """
    with new_page(b) as page:
        page.route("http*://**", lambda route: route.abort())  # offline: anything fetched would fail
        page.goto(file_url, wait_until="commit")
        drawn = f"(window.tourDashboard?.pointsDrawn || 0) >= {places}"
        page.wait_for_function(f"() => window.tourDashboard?.paintedAt !== undefined && {drawn}")
        return float(page.evaluate("() => window.tourDashboard.paintedAt")) / 1000


def paint_map_only(b: Browser, url: str) -> float:
    """Seconds from navigation until the map (the only thing on its page) is drawn."""
    with new_page(b) as page:
        page.goto(url, wait_until="commit")
        return since_navigation(page, map_drawn())


def story_step(b: Browser, url: str) -> float:
    """The story page's next step by the → key: done when the next stop's step is shown, the app's
    script has finished and the map has flown to the stop (its story layer has run)."""
    with new_page(b) as page:
        page.goto(url + "/story?step=quito")
        until(page, map_drawn("w.tourDashboard.storyStop === 'quito'"))
        settled(page)
        arm(page, "keydown")
        page.keyboard.press("ArrowRight")
        return since_action(
            page,
            " && ".join([text_shown("3. Lima"), IDLE, map_drawn("w.tourDashboard.storyStop === 'lima'")]),
        )


def story_draw(b: Browser, file_url: str) -> float:
    """Seconds from navigation until the story file, opened from disk offline, shows its first step
    (its script marks ``window.tourDashboard.storyShownAt`` in the first frame after it is shown)."""
    with new_page(b) as page:
        page.route("http*://**", lambda route: route.abort())
        page.goto(file_url, wait_until="commit")
        page.wait_for_function("() => window.tourDashboard?.storyShownAt !== undefined")
        return float(page.evaluate("() => window.tourDashboard.storyShownAt")) / 1000


# --- the travel archive (issue 23) ------------------------------------------------------------

ATLAS_DRAWN = (
    f"[...document.querySelectorAll({MAP_FRAME!r})].some(f => {{ const d = f.contentDocument;"
    " return !!d && !!d.querySelector('.atlas-legend')"
    " && d.querySelectorAll('path.leaflet-interactive').length > 100; })"
)


def atlas_paint(b: Browser, url: str) -> float:
    """Seconds from navigation until the Atlas's world map is drawn: its countries and its key."""
    with new_page(b) as page:
        page.goto(url + "/atlas", wait_until="commit")
        return since_navigation(page, ATLAS_DRAWN)


def _person_drawn(name: str) -> str:
    """A predicate: the route map has drawn ``name``'s record (its title starts with the name)."""
    return map_drawn(f"(w.tourDashboard.data.title || '').indexOf({name!r}) === 0")


def person_map(b: Browser, url: str, slug: str, name: str) -> float:
    """Seconds from navigation until a person's record (``?tour=<slug>``) is drawn on the route map."""
    with new_page(b) as page:
        page.goto(f"{url}/?tour={slug}", wait_until="commit")
        return since_navigation(page, _person_drawn(name))


def switch_person(b: Browser, url: str, start: str, name: str) -> float:
    """From ``start``'s record on the map, the library's choice of ``name``: seconds from the Enter that
    picks it until the new record is drawn on the map and the app's script has finished."""
    with new_page(b) as page:
        page.goto(f"{url}/?tour={start}")
        map_frame(page)
        settled(page)
        _type_choice(page, "stSelectbox", "Tour shown", name)
        arm(page, "keydown")
        page.keyboard.press("Enter")
        return since_action(page, " && ".join([_person_drawn(name), IDLE]))
