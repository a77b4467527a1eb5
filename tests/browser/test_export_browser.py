"""The exported map page works on its own: opened from disk with every outside request refused."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, TILES, Watch

# Where stop number i of a long tour is on the screen (the canvas layer keeps its projected points).
POINT_ON_SCREEN = """i => {
  const p = window.tourDashboard.points, map = p._map;
  const at = map.layerPointToContainerPoint([p._x[i], p._y[i]]);
  const box = map.getContainer().getBoundingClientRect();
  return [box.left + at.x, box.top + at.y];
}"""


def test_exported_html_map_works_offline(
    offline_page: tuple[Page, list[str]], watch: Watch, tmp_path: Path
) -> None:
    page, refused = offline_page
    out = tmp_path / "map.html"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "html", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page.goto(out.as_uri())

    numbers = page.locator(".tour-icon .tour-num")
    expect(numbers).to_have_text(["1", "2", "3"])
    paths = page.locator(".leaflet-overlay-pane path").evaluate_all(
        "els => els.map(p => [p.getAttribute('d'), p.getAttribute('stroke-dasharray')])"
    )
    circles = [d for d, _ in paths if re.search(r"a\d", d)]
    lines = [(d, dash) for d, dash in paths if not re.search(r"[aA]", d)]
    assert len(circles) == 3, paths  # Santiago, Arica, Tacna
    assert len([d for d, dash in lines if dash != "6 6"]) == 3, paths  # the three legs, a trip each
    assert len([d for d, dash in lines if dash == "6 6"]) == 1, paths  # the Arica–Tacna pair
    expect(page.locator(".tour-arrow")).to_have_count(3)
    expect(page.locator(".tour-legend button")).to_have_text("Legend")

    numbers.filter(has_text=re.compile(r"^3$")).click()
    popup = page.locator(".leaflet-popup-content .tour-popup")
    expect(popup).to_be_visible()
    expect(popup.locator("h4")).to_have_text("3. Lima")
    expect(popup).to_contain_text("José Jerí")
    # The legend (a control, drawn above every pane) steps aside so it cannot cover the popup.
    expect(page.locator(".tour-legend")).to_be_hidden()
    # Dispatched on the button itself: a pointer click can miss it while the map pans the popup into view.
    page.locator(".leaflet-popup-close-button").dispatch_event("click")
    expect(page.locator(".tour-legend")).to_be_visible()

    assert refused == [], "the exported page needs something besides map tiles"
    assert any(url.startswith(TILES) for url in watch.requests), "the exported map asked for no tile"
    assert watch.errors == []


def test_a_long_tour_is_drawn_as_circles_on_one_route_line(
    offline_page: tuple[Page, list[str]], watch: Watch, tmp_path: Path
) -> None:
    from bench.synth import write_tour

    page, refused = offline_page
    tour, out = write_tour(400, tmp_path / "long.json"), tmp_path / "long.html"
    cmd = [sys.executable, "-m", "dashboard", "export", "html", "--tour", str(tour), "-o", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page.goto(out.as_uri())

    page.wait_for_function("window.tourDashboard?.paintedAt !== undefined")
    # Above 300 places: no numbered DOM markers and no arrow per leg, two canvases (the route,
    # and on top of it the stops, so a restyle redraws the stops only), every stop painted.
    assert page.evaluate("window.tourDashboard.points.drawn") == 400
    expect(page.locator(".tour-icon .tour-num")).to_have_count(0)
    expect(page.locator(".tour-arrow")).to_have_count(0)
    expect(page.locator(".leaflet-overlay-pane canvas")).to_have_count(2)
    top = "document.querySelector('.leaflet-overlay-pane canvas:last-child')"
    on_top = f"window.tourDashboard.points._renderer._container === {top}"
    assert page.evaluate(on_top)

    # The canvas answers the mouse like markers would: a tooltip on hover, a popup on click.
    x, y = page.evaluate(POINT_ON_SCREEN, 7)
    page.mouse.move(x, y)
    expect(page.locator(".leaflet-tooltip")).to_have_text(re.compile(r"^7\. Place 7 — "))
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup-content .tour-popup")
    expect(popup.locator("h4")).to_have_text("7. Place 7")
    expect(popup).to_contain_text("Leader 7 (President)")
    assert refused == [] and watch.errors == []


def test_a_tour_at_the_limits_draws_without_an_error(
    offline_page: tuple[Page, list[str]], watch: Watch, tmp_path: Path
) -> None:
    """The poles, the antimeridian, one spot twice: the exported map draws every stop, no script fails."""
    from tests.support.limits import write_limits

    page, refused = offline_page
    out = tmp_path / "limits.html"
    tour = write_limits(tmp_path / "limits.json")
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "html", "--tour", str(tour), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page.goto(out.as_uri())
    expect(page.locator(".tour-icon .tour-num")).to_have_count(4)
    expect(page.locator(".tour-legend")).to_have_count(1)
    assert watch.errors == [] and refused == []
