"""Images of the views for print: PNG files at least 1,600 px wide, drawn by a headless chromium.

The charts go through plotly and kaleido, which drives the browser over its DevTools pipe; the map
page is opened by the same browser from a temporary file and photographed (``--screenshot``). What
is drawn comes from :mod:`dashboard.render.prints`. Nothing is fetched: kaleido's MathJax (a CDN
script by default) is turned off and plotly.js comes from the installed plotly (a test checks that
every script of kaleido's page is a local file); for the map, tiles are off and the browser cannot
resolve a host name.

The browser is ``BROWSER_PATH`` if set, else ``chromium``, ``chromium-browser`` or
``google-chrome`` on ``PATH`` (Debian: ``apt-get install chromium``; Streamlit Community Cloud:
``chromium`` in ``packages.txt``). Every failure is an :class:`ExportError` of one line.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go

from dashboard.render import prints
from dashboard.render.atlas_map import atlas_html
from dashboard.render.errors import ExportError
from dashboard.tourfile.model import Tour
from dashboard.views.drafts import accepted

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
NO_BROWSER = (
    "no browser to draw images: install chromium (Debian: apt-get install chromium; "
    "Streamlit Community Cloud: list chromium in packages.txt) or set BROWSER_PATH"
)
TIMEOUT = 60.0  # seconds for one image, the browser's start included (a few seconds here)
MAP_BUDGET = 5000  # ms of page time the map may take to draw (its land is drawn after the first paint)
# Flags for the screenshot: no sandbox, as kaleido starts it (containers seldom allow one; the page is
# our own, its tour text escaped); no name resolution, so nothing can be fetched; a fresh profile.
SHOT_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--no-first-run",
    "--disable-sync",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def png(tour: Tour, view: str, lang: str = "en") -> bytes:
    """``view`` (map, timeline, topics or proposals) of the whole tour as a PNG for print, in ``lang``;
    a draft's proposals are left out: a published image shows what a person has accepted."""
    if view not in prints.VIEWS:
        raise ExportError(f"no such view: {view!r} (choose one of {', '.join(prints.VIEWS)})")
    browser = find_browser()
    tour = accepted(tour)
    if view == "map":
        return screenshot(prints.print_page(tour, lang), browser, (prints.WIDTH, prints.MAP_HEIGHT))
    return chart_png(prints.print_figure(tour, view, lang), browser)


def find_browser() -> str:
    """The browser's path: ``BROWSER_PATH``, else the first of :data:`BROWSERS` on ``PATH``."""
    if chosen := os.environ.get("BROWSER_PATH"):
        found = shutil.which(chosen)
        if not found:
            raise ExportError(f"BROWSER_PATH={chosen!r} is not a program that can be run; {NO_BROWSER}")
        return found
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    raise ExportError(NO_BROWSER)


# --- charts: plotly through kaleido ----------------------------------------------------------


# kaleido (1.x) starts its page and keeps the first JavaScript context the browser announces; on a
# busy machine that can be the blank page before its own, where its script was never defined. The
# draw then fails at once with this error, and a second start draws the chart.
STARTUP_RACE = "kaleido_scopes is not defined"


def chart_png(figure: go.Figure, browser: str) -> bytes:
    """The figure as a PNG the size its layout says, drawn by kaleido in ``browser`` (started again,
    once, when kaleido lost the race for its own page: see :data:`STARTUP_RACE`)."""
    opts = {"format": "png", "width": figure.layout.width, "height": figure.layout.height, "scale": 1}
    try:
        try:
            data = _run(_kaleido(figure, opts, browser))
        except Exception as exc:
            if STARTUP_RACE not in str(exc):
                raise
            data = _run(_kaleido(figure, opts, browser))
    except TimeoutError:  # asyncio's, since Python 3.11
        raise ExportError(f"the browser took over {TIMEOUT:g} s to draw the chart ({browser})") from None
    except Exception as exc:  # kaleido, choreographer and the browser each have their own errors
        raise ExportError(f"the browser could not draw the chart ({browser}): {_first_line(exc)}") from None
    if not isinstance(data, bytes) or not data.startswith(b"\x89PNG"):
        raise ExportError(f"the browser returned no PNG for the chart ({browser})")
    return data


async def _kaleido(figure: go.Figure, opts: dict[str, Any], browser: str) -> Any:
    # mathjax=False: kaleido would load MathJax from a CDN. (plotly.io.defaults.mathjax = False
    # does not reach kaleido: plotly 7.1 passes the setting on only when it is truthy.)
    async with kaleido.Kaleido(n=1, path=browser, mathjax=False, timeout=TIMEOUT) as drawer:
        return await drawer.calc_fig(figure, opts=opts)


def _run(work: Any) -> Any:
    """Run a coroutine to its end in a thread of its own, within :data:`TIMEOUT`.

    Its own thread: the caller may be inside an event loop already (the app, a notebook).
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(work, TIMEOUT)).result()


def _first_line(exc: BaseException) -> str:
    """What went wrong, in one line (choreographer gives several sentences as the error's args)."""
    said = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    return (said.strip() or type(exc).__name__).splitlines()[0]


# --- the map: a page photographed --------------------------------------------------------------


def screenshot(page: str, browser: str, size: tuple[int, int]) -> bytes:
    """``page`` (HTML) drawn in a window of ``size`` px and photographed; temporary files removed."""
    with tempfile.TemporaryDirectory(prefix="tour-image-") as folder:
        source, shot = Path(folder) / "page.html", Path(folder) / "page.png"
        source.write_text(page, encoding="utf-8")
        command = [browser, *SHOT_FLAGS, f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--window-size={size[0]},{size[1]}", f"--virtual-time-budget={MAP_BUDGET}",
                   f"--screenshot={shot}", source.as_uri()]  # fmt: skip
        errors = _browse(command, browser)
        if not shot.is_file() or not shot.read_bytes().startswith(b"\x89PNG"):
            raise ExportError(f"the browser drew no image of the map ({browser}): {errors}")
        return shot.read_bytes()


def _browse(command: list[str], browser: str) -> str:
    """Run the browser to its end (its whole process group killed after :data:`TIMEOUT`); its last
    line of errors, for a report. A new session: the browser's helper processes go with it."""
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
    except OSError as exc:
        raise ExportError(f"the browser could not start ({browser}): {exc.strerror or exc}") from None
    try:
        _, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ExportError(f"the browser took over {TIMEOUT:g} s to draw the map ({browser})") from None
    lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
    last = lines[-1] if lines else "no message"
    if process.returncode:
        raise ExportError(f"the browser failed (exit {process.returncode}, {browser}): {last}")
    return last


def atlas_png(totals: dict[str, int], measure: str, lang: str = "en") -> bytes:
    """The Atlas's map (countries shaded by ``totals``) as a PNG for print, drawn offline."""
    return screenshot(atlas_html(totals, measure, lang), find_browser(), (prints.WIDTH, prints.WIDTH // 2))
