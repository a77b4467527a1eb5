"""The exported map page works on its own: opened from disk with every outside request refused."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import ROOT, TILES, Watch


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
    assert len([d for d, dash in lines if dash is None]) == 3, paths  # the three legs
    assert len([d for d, dash in lines if dash == "6 6"]) == 1, paths  # the Arica–Tacna pair
    expect(page.locator(".tour-arrow")).to_have_count(3)
    expect(page.locator(".tour-legend strong")).to_have_text("Legend")

    numbers.filter(has_text=re.compile(r"^3$")).click()
    popup = page.locator(".leaflet-popup-content .tour-popup")
    expect(popup).to_be_visible()
    expect(popup.locator("h4")).to_have_text("3. Lima")
    expect(popup).to_contain_text("José Jerí")

    assert refused == [], "the exported page needs something besides map tiles"
    assert any(url.startswith(TILES) for url in watch.requests), "the exported map asked for no tile"
    assert watch.errors == []
