"""Where the map's paint goes (issue 26, item 1): the seed map's first paint with one part switched off
at a time, side by side in one run with the full map and the two floors (the empty app, and the page
holding only this map in st_folium), so that each part's cost is a difference measured in the same run.

Each variant is a server of its own, started with ``bench/breakdown_hook.py`` (it leaves the parts out
of what the app sends); fonts are refused by the browser instead. The variants are measured in rounds,
one paint each per round, in an order that rotates from round to round: a machine that slows down
during the block slows every variant alike, and none always comes first after another.
"""

from __future__ import annotations

import re
import statistics
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from bench import browser as bw
from bench.servers import APP, streamlit, write_baselines

# Each part: the parts the server leaves out (bench/breakdown_hook.py), and what it is, for the report.
PARTS: dict[str, tuple[tuple[str, ...], str]] = {
    "texts": (("texts",), "payload: the stops' texts (tooltips, popups, sources), sent empty"),
    "land": (("land",), "basemap: the country outlines, their script and their decode and draw"),
    "playback": (("playback",), "playback: its data, script and control's layout"),
    "legend": (("legend",), "legend: its script, layout and placement checks"),
    "map_access": (("map_access",), "the map's accessibility script (tour_access.js)"),
    "page_a11y": (("page_a11y",), "the page's accessibility script (app_a11y.js)"),
    "layer_extras": (
        ("land", "playback", "legend", "map_access"),
        "scripts: all four of the layer's parts above (land, playback, legend, map access)",
    ),
    "fonts": ((), "fonts: the web fonts (the browser refuses them; the system's are used)"),
}
FONT_FILES = re.compile(r"\.(woff2?|ttf|otf)(\?|$)")
# The map's first painted frame (set by the layer's script): no legend needed, one of the parts.
MAP_PAINTED = (
    f"[...document.querySelectorAll({bw.MAP_FRAME!r})].some(f => {{ const w = f.contentWindow;"
    " return !!w && !!w.tourDashboard && w.tourDashboard.paintedAt !== undefined; })"
)


def _no_fonts(page: Page) -> None:
    page.route(FONT_FILES, lambda route: route.abort())


def paint(b: Browser, url: str, fonts: bool = True) -> dict[str, float]:
    """The app's paint: the map's first painted frame, then the whole first screen."""
    with bw.new_page(b) as page:
        if not fonts:
            _no_fonts(page)
        page.goto(url, wait_until="commit")
        painted = bw.since_navigation(page, MAP_PAINTED)
        return {"map_painted": painted, "first_screen": bw.since_navigation(page, bw.FIRST_SCREEN)}


def paint_floor(b: Browser, url: str, empty: bool) -> dict[str, float]:
    """A floor's paint: the empty app's title, or the map-only page's map painted."""
    with bw.new_page(b) as page:
        page.goto(url, wait_until="commit")
        return {"map_painted": bw.since_navigation(page, bw.text_shown("Baseline") if empty else MAP_PAINTED)}


def _servers(stack: ExitStack, folder: Path) -> dict[str, tuple[str, bool]]:
    """A server per variant (URL, fonts allowed): the full map, each part off, and the two floors."""

    def app(off: tuple[str, ...]) -> str:
        env = {"TOUR_BENCH_OFF": ",".join(off)}
        return stack.enter_context(streamlit(APP, env=env, preload="bench.breakdown_hook")).url

    empty, _, map_only, _ = write_baselines(folder)
    urls = {"full": (app(()), True)}
    for name, (off, _what) in PARTS.items():
        urls[name] = (urls["full"][0], False) if name == "fonts" else (app(off), True)
    urls["floor_empty"] = (stack.enter_context(streamlit(empty, cwd=folder)).url, True)
    urls["floor_map_only"] = (stack.enter_context(streamlit(map_only, cwd=folder)).url, True)
    return urls


def _one(b: Browser, name: str, url: str, fonts: bool) -> dict[str, float]:
    if name.startswith("floor_"):
        return paint_floor(b, url, empty=name == "floor_empty")
    return paint(b, url, fonts)


def _stats(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def rounds(b: Browser, urls: dict[str, tuple[str, bool]], runs: int) -> dict[str, dict[str, Any]]:
    """``runs`` rounds (after one discarded warm-up round), each variant once per round, the order
    rotated by one each round; each variant's figures as medians with min and max."""
    names = list(urls)
    seen: dict[str, dict[str, list[float]]] = {n: {} for n in names}
    for r in range(runs + 1):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            figures = _one(b, name, *urls[name])
            if r == 0:
                continue  # the warm-up round: each server compiles and caches on its first visitor
            for key, value in figures.items():
                seen[name].setdefault(key, []).append(value)
    return {n: {k: _stats(v) for k, v in figs.items()} for n, figs in seen.items()}


def measure(b: Browser, folder: Path, runs: int) -> dict[str, Any]:
    """The breakdown block: every variant's paint, interleaved, and what each part is."""
    with ExitStack() as stack:
        figures = rounds(b, _servers(stack, folder), runs)
    return {
        "runs": runs,
        "tour": "seed",
        "parts": {name: what for name, (_off, what) in PARTS.items()},
        "figures": figures,
    }
