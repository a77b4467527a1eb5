"""Start and stop `streamlit run` servers, and read their peak memory: the one copy of this code, used by
the benchmarks and by the browser tests (``tests/browser/conftest.py``). No pytest here: bench runs without
it, and the tests turn a :class:`ServerError` into a test failure."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "streamlit_app.py"
STARTUP_TIMEOUT = 60.0  # seconds for `streamlit run` to answer its health check

EMPTY_APP = 'import streamlit as st\n\nst.title("Baseline")\n'
SELECT_APP = (
    "import streamlit as st\n\n"
    'choice = st.selectbox("Pick", ["alpha", "beta", "gamma"])\n'
    'st.write(f"Chosen: {choice}")\n'
)


BLANK_HTML = (
    "<!doctype html><html><body><script>"
    "requestAnimationFrame(function () { window.tourDashboard = {paintedAt: performance.now()}; });"
    "</script></body></html>"
)
MAP_ONLY_APP = f"""import os
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from streamlit_folium import st_folium
from dashboard.tourfile.load import load_tour
from dashboard.render.map_data import payload
from dashboard.render.maps import AssetUrls, build_map, data_script, leaflet_css, leaflet_js, state_layer
from dashboard.render.safe_html import script_json
from dashboard.ui.runtime import freeze_startup_heap, served

# The floor: the app's own map, served the app's way, with one filter widget and nothing else
# (and the app's server setting: its start-up heap frozen, out of the post-run collection).
freeze_startup_heap()
tour = st.cache_resource(load_tour)(os.environ.get("TOUR_FILE"))
path = os.environ.get("TOUR_FILE")
data = st.cache_resource(lambda path: data_script(script_json(payload(tour, "en"))))(path)
urls = AssetUrls(served(leaflet_js(), "text/javascript", "leaflet.js"),
                 served(leaflet_css(), "text/css", "leaflet.css"),
                 served(data, "text/javascript", "tour-data.js"))
chosen = st.pills("Topic", ["Mining", "Security"], selection_mode="multi") or []
st_folium(build_map(tour, asset_urls=urls), key="map", height=480, use_container_width=True,
          feature_group_to_add=state_layer(None, set() if chosen else None),
          returned_objects=["last_object_clicked"])
st.write("Chosen: " + (", ".join(chosen) or "none"))
"""


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the server process so far (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
        return kb / 1024


class ServerError(RuntimeError):
    """`streamlit run` exited or did not answer its health check in time; the message has its output."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.read().strip() == b"ok")
    except OSError:
        return False


@contextmanager
def streamlit(
    script: Path = APP,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    timeout: float = STARTUP_TIMEOUT,
    preload: str | None = None,
) -> Iterator[Server]:
    """`streamlit run SCRIPT` on a free loopback port, once it answers its health check; stopped on exit.

    The environment is this process's without ``TOUR_FILE`` and ``TOUR_TILES`` (so the app shows the
    embedded Kast tour whatever the shell says), plus ``env``. Raises :class:`ServerError`, with the
    server's output, if it exits or does not answer within ``timeout`` seconds. ``preload``: a module the
    server process imports before Streamlit starts (the breakdown's switches, ``bench/breakdown_hook.py``).
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environ = {k: v for k, v in os.environ.items() if k not in ("TOUR_FILE", "TOUR_TILES")}
    environ.update(env or {})
    # No welcome banner: on a headless server, printing it makes Streamlit look up the machine's public
    # IP on the internet (checkip.amazonaws.com), and servers here use loopback only. No usage statistics
    # either (the baselines run outside the repository, without its .streamlit/config.toml), and no file
    # watcher: nothing edits the script while it is served.
    # With a preload, the same `streamlit run` command line from a process that has imported it first.
    start = ["-c", f"import {preload}; from streamlit.web.cli import main; main(prog_name='streamlit')"]
    command = [sys.executable, *(start if preload else ["-m", "streamlit"]), "run", str(script),
               "--server.port", str(port), "--server.headless", "true", "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
               "--logger.hideWelcomeMessage", "true"]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=environ, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    why = (
                        f"exited with code {process.returncode}"
                        if process.poll() is not None
                        else "timed out"
                    )
                    log.seek(0)
                    output = log.read().decode("utf-8", "replace")
                    raise ServerError(
                        f"`streamlit run {script.name}` {why} before {url}/_stcore/health answered 'ok' "
                        f"(waited up to {timeout:.0f} s). Server output:\n{output}"
                    )
                time.sleep(0.1)
            yield Server(url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def write_baselines(folder: Path) -> tuple[Path, Path, Path, Path]:
    """The baselines: an empty app (a title), a one-selectbox app, a page with only our map
    (the floor st_folium itself sets), and a blank HTML file (the floor of any file:// page).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in ("empty_app.py", "select_app.py", "map_only_app.py", "blank.html")]
    for path, text in zip(paths, [EMPTY_APP, SELECT_APP, MAP_ONLY_APP, BLANK_HTML], strict=True):
        path.write_text(text, encoding="utf-8")
    return paths[0], paths[1], paths[2], paths[3]
