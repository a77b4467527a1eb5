"""Start and stop `streamlit run` servers for the benchmarks, and read their peak memory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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
        """Peak resident memory of the server process (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
        return kb / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy in {timeout} s")


@contextmanager
def streamlit(script: Path, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Iterator[Server]:
    """A `streamlit run SCRIPT` on a free loopback port, stopped on exit."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--logger.hideWelcomeMessage",
        "true",
    ]  # fmt: skip  (the banner looks up the public IP online)
    process = subprocess.Popen(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield Server(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def write_baselines(folder: Path) -> tuple[Path, Path, Path, Path]:
    """The baselines: an empty app (a title), a one-selectbox app, a page with only our map
    (the floor st_folium itself sets), and a blank HTML file (the floor of any file:// page).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in ("empty_app.py", "select_app.py", "map_only_app.py", "blank.html")]
    for path, text in zip(paths, [EMPTY_APP, SELECT_APP, MAP_ONLY_APP, BLANK_HTML], strict=True):
        path.write_text(text, encoding="utf-8")
    return paths[0], paths[1], paths[2], paths[3]
