"""Hostile tour text in a real browser: shown literally in every view, never run.

Every payload in tests/support/hostile.py would set ``window.__pwned`` or open a dialog if it
ran; the tests open every page, every tooltip and popup of the map, and the exported
file, and check that neither happened and that the text is visible as typed.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Frame, Page, expect

from tests.browser.conftest import MAP_IFRAME, ROOT, TILES, App, Watch, _fulfil_tile, streamlit_server
from tests.support.hostile import PAYLOADS, write_hostile

PAGES = ["", "story", "timeline", "topics", "proposals", "evidence"]
OPEN_EVERYTHING = """() => {
  const markers = Object.values(window.tourDashboard?.markers || {});
  for (const m of markers) { m.openTooltip(); m.openPopup(); }
  return markers.length;
}"""


def _record(key: str, value: object) -> None:
    from tests.support.reliability import record

    record("hostile text payloads", key, value)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tour = write_hostile(tmp_path_factory.mktemp("hostile") / "hostile.json")
    with streamlit_server({"TOUR_FILE": str(tour)}) as server:
        yield server.url


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def _pwned(frames: list[Frame]) -> list[object]:
    return [value for f in frames if (value := f.evaluate("() => window.__pwned")) is not None]


def _map_frame(page: Page) -> Frame:
    handle = page.locator(MAP_IFRAME).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    return frame


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_never_runs_in_any_view(
    page: Page, hostile_url: str, watch: Watch, dialogs: list[str], path: str
) -> None:
    page.route(TILES + "**", _fulfil_tile)
    app = App(page, hostile_url, watch)
    app.open(f"/{path}")
    main = page.get_by_test_id("stMain")
    if path == "":
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            "<script>window.__pwned='script'</script>"
        )
        app.wait_for_markers(count=2)  # the hostile tour is the mini tour: two visits
        app.wait_idle()  # the run the map asks for once drawn has ended: nothing redraws it now
        frame = _map_frame(page)
        opened = frame.evaluate(OPEN_EVERYTHING)
        assert opened == 4
        # Every tooltip stays open (a popup closes the one before): the payloads are in them, as text.
        expect(app.map.locator(".leaflet-tooltip").filter(has_text="window.__pwned")).not_to_have_count(0)
        assert (
            frame.locator(
                ".leaflet-popup-content img, .leaflet-tooltip img, .leaflet-popup-content svg"
            ).count()
            == 0
        )
    else:
        expect(main).to_contain_text("pwned")
    page.wait_for_timeout(300)  # give any injected handler (onerror, onload) its chance to fire
    assert _pwned(page.frames) == []
    assert dialogs == []
    assert main.locator("img[src='x'], svg[onload], a[href^='javascript']").count() == 0
    _record(f"browser view '/{path}': payloads rendered, none ran", len(PAYLOADS))


def test_hostile_text_never_runs_in_the_exported_file(
    offline_page: tuple[Page, list[str]], dialogs: list[str], tmp_path: Path
) -> None:
    page, _ = offline_page
    tour = write_hostile(tmp_path / "hostile.json")
    out = tmp_path / "map.html"
    subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "html", "--tour", str(tour), "-o", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    page.goto(out.as_uri())
    expect(page.locator(".tour-legend")).to_be_visible()
    assert page.evaluate(OPEN_EVERYTHING) == 4
    expect(page.locator(".leaflet-popup-content").first).to_contain_text("pwned")
    page.wait_for_timeout(300)
    assert _pwned([page.main_frame]) == [] and dialogs == []
    assert page.locator(".leaflet-popup-content img, .leaflet-tooltip img").count() == 0
    _record("exported file: payloads rendered, none ran", len(PAYLOADS))
