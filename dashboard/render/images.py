"""Images of the views for print: PNG files at least 1,600 px wide, drawn by a headless chromium.

The charts go through plotly and kaleido, which drives the browser over its DevTools pipe, in a process
of its own (:mod:`dashboard.render.kaleido_worker`); the map page is opened by the same browser from a
temporary file and photographed (``--screenshot``). What is drawn comes from :mod:`dashboard.render.prints`.
Nothing is fetched: kaleido's MathJax (a CDN script by default) is turned off and plotly.js comes from the
installed plotly (a test checks that every script of kaleido's page is a local file); for the map, tiles are
off and the browser cannot resolve a host name.

Every drawing runs under a wall-clock deadline (:data:`DEADLINE` for one image, :data:`ALL_IMAGES` for the
four of the app's "Draw the images" and of the evidence pack): when it passes, the drawing process is killed
with every process it started, its temporary files go, and the refusal is one line.

The browser is ``BROWSER_PATH`` if set, else ``chromium``, ``chromium-browser`` or
``google-chrome`` on ``PATH`` (Debian: ``apt-get install chromium``; Streamlit Community Cloud:
``chromium`` in ``packages.txt``). Every failure is an :class:`ExportError` of one line.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

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
DEADLINE = 60.0  # seconds of wall-clock time for one image, the browser's start included (a few here)
ALL_IMAGES = 120.0  # seconds for the four views together (about 12 s here)
# The chart's drawing process: this interpreter running kaleido_worker.py by its path; it gives up this
# many seconds before the deadline, so that kaleido can say why where it can, before it is killed.
WORKER = (sys.executable, str(Path(__file__).with_name("kaleido_worker.py")))
WORKER_MARGIN = 1.0
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


@dataclass(frozen=True)
class Deadline:
    """When drawing must be over: ``seconds`` of wall-clock time from ``start``; ``what`` is drawn
    ("the map", "the chart", "the images") is named in the refusal."""

    seconds: float
    what: str
    start: float = field(default_factory=time.monotonic)

    def left(self, browser: str) -> float:
        """The seconds left; none left is the refusal."""
        left = self.seconds - (time.monotonic() - self.start)
        if left <= 0:
            raise self.refusal(browser)
        return left

    def refusal(self, browser: str) -> ExportError:
        return ExportError(f"the browser took over {self.seconds:g} s to draw {self.what} ({browser})")


def png(tour: Tour, view: str, lang: str = "en", seconds: float | None = None) -> bytes:
    """``view`` (map, timeline, topics or proposals) of the whole tour as a PNG for print, in ``lang``,
    drawn within ``seconds`` (:data:`DEADLINE`); a draft's proposals are left out: a published image
    shows what a person has accepted."""
    what = "the map" if view == "map" else "the chart"
    return pngs(tour, [view], lang, Deadline(seconds or DEADLINE, what))[view]


def pngs(
    tour: Tour, views: Sequence[str], lang: str = "en", deadline: Deadline | None = None
) -> dict[str, bytes]:
    """Each of ``views`` as a PNG (see :func:`png`), all drawn before ``deadline`` (:data:`ALL_IMAGES`)."""
    for view in views:
        if view not in prints.VIEWS:
            raise ExportError(f"no such view: {view!r} (choose one of {', '.join(prints.VIEWS)})")
    browser = find_browser()
    deadline = deadline or Deadline(ALL_IMAGES, "the images")
    tour = accepted(tour)
    return {view: _draw(tour, view, lang, browser, deadline) for view in views}


def _draw(tour: Tour, view: str, lang: str, browser: str, deadline: Deadline) -> bytes:
    deadline.left(browser)  # the figure took its time: none left, no browser started
    if view == "map":
        size = (prints.WIDTH, prints.MAP_HEIGHT)
        return screenshot(prints.print_page(tour, lang), browser, size, deadline)
    return chart_png(prints.print_figure(tour, view, lang), browser, deadline)


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


# --- charts: plotly through kaleido, in a process of its own ----------------------------------


def chart_png(figure: go.Figure, browser: str, deadline: Deadline) -> bytes:
    """The figure as a PNG the size its layout says, drawn by kaleido in ``browser`` (kaleido_worker.py),
    its temporary files (kaleido's page, the browser's profile) in a folder removed here, killed or not."""
    opts = {"format": "png", "width": figure.layout.width, "height": figure.layout.height, "scale": 1}
    with tempfile.TemporaryDirectory(prefix="tour-chart-", ignore_cleanup_errors=True) as folder:
        seconds = f"{max(deadline.left(browser) - WORKER_MARGIN, 0.1):.3f}"  # it stops itself first
        command = [*WORKER, browser, json.dumps(opts), folder, seconds]
        code, data, said = _run(command, browser, deadline, pio.to_json(figure, validate=False).encode())
    if code == 2:  # kaleido_worker's own time ran out
        raise deadline.refusal(browser)
    if code:
        raise ExportError(f"the browser could not draw the chart ({browser}): {said}")
    if not data.startswith(b"\x89PNG"):
        raise ExportError(f"the browser returned no PNG for the chart ({browser})")
    return data


# --- the map: a page photographed --------------------------------------------------------------


def screenshot(page: str, browser: str, size: tuple[int, int], deadline: Deadline) -> bytes:
    """``page`` (HTML) drawn in a window of ``size`` px and photographed; temporary files removed."""
    with tempfile.TemporaryDirectory(prefix="tour-image-") as folder:
        source, shot = Path(folder) / "page.html", Path(folder) / "page.png"
        source.write_text(page, encoding="utf-8")
        command = [browser, *SHOT_FLAGS, f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--window-size={size[0]},{size[1]}", f"--virtual-time-budget={MAP_BUDGET}",
                   f"--screenshot={shot}", source.as_uri()]  # fmt: skip
        code, _, said = _run(command, browser, deadline)
        if code:
            raise ExportError(f"the browser failed (exit {code}, {browser}): {said}")
        if not shot.is_file() or not shot.read_bytes().startswith(b"\x89PNG"):
            raise ExportError(f"the browser drew no image of the map ({browser}): {said}")
        return shot.read_bytes()


# --- a drawing process, under the deadline ------------------------------------------------------


def _run(command: list[str], browser: str, deadline: Deadline, given: bytes = b"") -> tuple[int, bytes, str]:
    """Run ``command`` to its end, ``given`` on its input, before ``deadline``: its exit code, its output
    and its last line of errors. It runs in a session of its own: past the deadline, it is killed with
    everything it started."""
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        raise ExportError(f"the browser could not start ({browser}): {exc.strerror or exc}") from None
    try:
        out, err = process.communicate(given, timeout=deadline.left(browser))
    except (subprocess.TimeoutExpired, ExportError):
        _kill(process)
        raise deadline.refusal(browser) from None
    lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
    return process.returncode, out, lines[-1] if lines else "no message"


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the process's group and the groups of every process below it: kaleido starts the browser
    in a session of its own, which killing the drawing process alone would leave running."""
    groups = {process.pid}
    for pid in _descendants(process.pid):
        try:
            groups.add(os.getpgid(pid))
        except OSError:  # gone already
            continue
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except OSError:
            continue
    process.communicate()


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from Linux's ``/proc`` (elsewhere none are found, and only the
    drawing process's own group is killed). Read before killing: a killed process's children move to init."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):  # a process that ended meanwhile, or no /proc
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        below = children.get(todo.pop(), [])
        found += below
        todo += below
    return found


def atlas_png(totals: dict[str, int], measure: str, lang: str = "en", seconds: float | None = None) -> bytes:
    """The Atlas's map (countries shaded by ``totals``) as a PNG for print, drawn offline within
    ``seconds`` (:data:`DEADLINE`)."""
    deadline = Deadline(seconds or DEADLINE, "the map")
    size = (prints.WIDTH, prints.WIDTH // 2)
    return screenshot(atlas_html(totals, measure, lang), find_browser(), size, deadline)
