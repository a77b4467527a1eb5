"""Draw one plotly figure as a PNG with kaleido, in a process of its own.

``python kaleido_worker.py BROWSER OPTIONS FOLDER SECONDS`` reads the figure as plotly JSON on standard input
and writes the PNG to standard output; OPTIONS is kaleido's ``opts`` as JSON (format, width, height, scale),
FOLDER holds its temporary files (kaleido's page, the browser's profile), which the caller removes even when
it had to kill this process, and SECONDS is how long it may try. A failure is one line on standard error and
exit code 1; no image within SECONDS is exit code 2.

:mod:`dashboard.render.images` runs it by its path under a wall-clock deadline and kills it, with the
browser it started, when the deadline passes. Inside one process a deadline could not be kept: asyncio's
timeout cancels kaleido and then waits for it to close its browser, which a browser busy drawing a
280,000 px image did not do for minutes. This file imports nothing from the dashboard, so it runs
wherever kaleido is installed, whatever the working directory.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
import time
from typing import Any

import kaleido

# kaleido (1.x) starts its page and keeps the first JavaScript context the browser announces; on a
# busy machine that can be the blank page before its own, where its script was never defined. The
# draw then fails at once with this error, and a second start draws the chart.
STARTUP_RACE = "kaleido_scopes is not defined"
PREFLIGHT = 10.0  # seconds for `browser --version`: a working browser answers in a tenth of one


async def _kaleido(figure: dict[str, Any], opts: dict[str, Any], browser: str) -> Any:
    # mathjax=False: kaleido would load MathJax from a CDN. (plotly.io.defaults.mathjax = False does
    # not reach kaleido: plotly 7.1 passes the setting on only when it is truthy.) No timeout of its
    # own: the deadline is the parent's, kept by killing this process.
    async with kaleido.Kaleido(n=1, path=browser, mathjax=False, timeout=None) as drawer:
        return await drawer.calc_fig(figure, opts=opts)


def draw(figure: dict[str, Any], opts: dict[str, Any], browser: str, seconds: float | None = None) -> Any:
    """The figure drawn by kaleido in ``browser`` within ``seconds`` (asyncio's TimeoutError past them),
    started again, once, when kaleido lost the race for its own page (see :data:`STARTUP_RACE`).

    The caller kills this process at its own deadline, a second later: this one only lets kaleido say
    why it is stuck where it can (a browser that died as it started can leave choreographer waiting for
    an answer until it is cancelled, and then it says so)."""
    started = time.monotonic()
    try:
        return asyncio.run(asyncio.wait_for(_kaleido(figure, opts, browser), seconds))
    except Exception as exc:  # kaleido, choreographer and the browser each have their own errors
        if STARTUP_RACE not in str(exc):
            raise
    left = None if seconds is None else seconds - (time.monotonic() - started)
    return asyncio.run(asyncio.wait_for(_kaleido(figure, opts, browser), left))


def first_line(exc: BaseException) -> str:
    """What went wrong, in one line (choreographer gives several sentences as the error's args)."""
    said = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    return (said.strip() or type(exc).__name__).splitlines()[0]


def browser_fault(browser: str) -> str | None:
    """Why ``browser`` cannot start, asked with ``--version`` first (a tenth of a second): kaleido, given
    a browser that exits as it starts, can miss the exit and wait for its page until the deadline
    (seen under load), which would then be reported as a slow drawing."""
    try:
        done = subprocess.run([browser, "--version"], capture_output=True, timeout=PREFLIGHT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"the browser does not start: {first_line(exc)}"
    if done.returncode:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"the browser does not start (exit {done.returncode}): {said[-1] if said else 'no message'}"
    return None


def main(argv: list[str]) -> int:
    browser, opts = argv[0], json.loads(argv[1])
    fault = browser_fault(browser)
    if fault is not None:
        print(fault, file=sys.stderr)
        return 1
    # Python's temporary files only (kaleido's and choreographer's folders): the browser keeps its own
    # temporary directory, whose short path its sockets need.
    tempfile.tempdir = argv[2]
    try:
        data = draw(json.loads(sys.stdin.buffer.read()), opts, browser, float(argv[3]))
    except TimeoutError:  # asyncio's, since Python 3.11
        return 2
    except Exception as exc:
        print(first_line(exc), file=sys.stderr)
        return 1
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
