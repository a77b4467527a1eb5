"""Many users at once: ten browser sessions on one `streamlit run`, each with its own view.

Bounded: one loopback server, ten tabs (each tab is a Streamlit session of its own; one browser
context, so the front end's files are fetched and compiled once), every wait capped. Checks that every session
shows its own filters and language, none shows an error, a change in one session never
reaches another, and the server's memory stays bounded (peak RSS reported per session).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import TILES, Server, _fulfil_tile, streamlit_server

SESSIONS = [
    ("", "Visits", None),
    ("?lang=es", "Visitas", None),
    ("?stop=lima", "Visits", "Selected stop: 3. Lima"),
    ("?stop=quito&lang=es", "Visitas", "Parada seleccionada: 2. Quito"),
    ("?topic=mining", "Visits", None),
    ("?country=PE&lang=es", "Visitas", None),
    ("?stop=buenos-aires", "Visits", "Selected stop: 1. Buenos Aires"),
    ("?topic=migration&lang=es", "Visitas", None),
    ("?from=2025-12-20&to=2026-01-31", "Visits", None),
    ("?stop=tacna&lang=es", "Visitas", "Parada seleccionada: Tacna"),
]
MEMORY_BOUND_MB = 1200  # far above what the app needs; a leak per session would cross it


def _record(key: str, value: object) -> None:
    from tests.support.reliability import record

    record("concurrent sessions", key, value)


@dataclass
class Session:
    page: Page
    query: str
    metric: str
    heading: str | None
    errors: list[str]
    sent: list[int]  # messages the page sent the server (a rerun request is one)


@pytest.fixture(scope="module")
def load_server() -> Iterator[Server]:
    with streamlit_server() as running:
        yield running


def _open(context: BrowserContext, base: str, query: str, metric: str, heading: str | None) -> Session:
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(1)))
    page.route(TILES + "**", _fulfil_tile)
    page.goto(base + "/" + query, wait_until="commit")  # all ten load at the same time
    return Session(page, query, metric, heading, errors, sent)


def _wait_for(condition: Callable[[], bool], page: Page, seconds: float = 30.0) -> None:
    for _ in range(int(seconds * 10)):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {seconds} s: {condition}")


def _idle(page: Page) -> None:
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)


def _check(session: Session) -> None:
    page = session.page
    expect(page.get_by_test_id("stMetric").first).to_contain_text(session.metric, timeout=60_000)
    if session.heading:
        expect(page.get_by_role("heading", name=session.heading)).to_be_visible(timeout=60_000)
    else:
        expect(page.get_by_role("heading", name="Selected stop")).to_have_count(0)
        expect(page.get_by_role("heading", name="Parada seleccionada")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert session.errors == [], session.errors


@pytest.mark.slow
def test_ten_sessions_each_see_their_own_view(browser: Browser, load_server: Server) -> None:
    before = load_server.peak_rss_mb()
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    sessions = [_open(context, load_server.url, *spec) for spec in SESSIONS]
    try:
        for session in sessions:
            _check(session)
        after = load_server.peak_rss_mb()
        # One user changes the stop; every other session keeps its own view.
        first = sessions[0].page
        first.get_by_test_id("stSidebar").get_by_role("combobox", name="Stop").click()
        first.keyboard.type("2. Quito")
        first.keyboard.press("Enter")
        expect(first.get_by_role("heading", name="Selected stop: 2. Quito")).to_be_visible()
        # Each other session runs its script again (Streamlit's "r" shortcut): a leak through the
        # load_server's state or caches would show in that run. The runs overlap, as real users' do.
        before_rerun = [len(session.sent) for session in sessions]
        for session in sessions[1:]:
            session.page.locator("body").press("r")
        for session, sent in zip(sessions[1:], before_rerun[1:], strict=True):
            _wait_for(lambda s=session, n=sent: len(s.sent) > n, session.page)  # the rerun was asked for
            _idle(session.page)
            _check(session)
        peak = load_server.peak_rss_mb()
    finally:
        context.close()
    assert peak < MEMORY_BOUND_MB
    _record("sessions served at once", len(sessions))
    _record("sessions with an error", 0)
    _record("load_server peak RSS before the sessions (MB)", round(before, 1))
    _record("load_server peak RSS with all sessions (MB)", round(peak, 1))
    _record("peak RSS added per session (MB)", round((after - before) / len(sessions), 1))
