"""The Streamlit runtime as the app uses it: served files, the start-up heap, the tiles switch.

Everything here depends on Streamlit's process and session; nothing here draws widgets.
"""

from __future__ import annotations

import base64
import gc
import os
import sys

from dashboard.private_api import serve_from_memory


def served(text: str, mimetype: str, name: str) -> str:
    """A URL, relative to a component's frame, where the browser fetches ``text``.

    Streamlit's media endpoint serves it from memory (one copy whatever the number of
    sessions); registering it on every run keeps it alive for this session. Custom
    component frames live at ``<app>/component/<name>/index.html``, hence ``../..``.
    """
    from streamlit import runtime

    if not runtime.exists():  # bare mode (no server): inline it instead
        return "data:" + mimetype + ";base64," + base64.b64encode(text.encode()).decode()
    url = serve_from_memory(runtime.get_instance(), text.encode(), mimetype, f"tour-dashboard-{name}")
    return "../.." + url if url.startswith("/") else url


def freeze_startup_heap() -> None:
    """Leave what the process has loaded so far out of every later garbage collection.

    Streamlit collects garbage after each script run (``runner.postScriptGC``). Profiled, that
    full pass spent nearly all its time rescanning the objects of imported modules, which live as
    long as the process, and it holds the interpreter lock while the run's messages wait to be
    sent to the browser (docs/performance.md, "Measurements behind the design"). Frozen once,
    at the first run, those objects are skipped; whatever runs create is still collected.
    """
    # Only in a process `streamlit run` started: AppTest runs the script inside the test process,
    # whose heap is not ours to freeze.
    if gc.get_freeze_count() == 0 and "streamlit.web.bootstrap" in sys.modules:
        gc.freeze()


def tiles_enabled() -> bool:
    """Background tiles are the only thing the map fetches; TOUR_TILES=none turns them off."""
    return os.environ.get("TOUR_TILES", "osm").lower() != "none"
