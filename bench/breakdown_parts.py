"""The app with parts of its map switched off, for the paint breakdown (``bench/breakdown.py``).

Installed by ``bench/breakdown_hook.py``, which a `streamlit run` server the breakdown starts imports
(``servers.streamlit(preload=...)``) before the app's script first runs; ``TOUR_BENCH_OFF`` names the
parts to leave out, comma-separated (see ``SERVER_PARTS``). It changes what the app sends, never the
app's code on disk: the switches exist only in a process started this way, so no reader's page can
turn them on (no query parameter, no setting).
"""

from __future__ import annotations

import os
from typing import Any

# Each part the server can leave out, and where it lives: a payload key, a part of the map's layer
# script (a file of dashboard/render/assets put in at its /* name */ mark), or the page's own script.
PAYLOAD_PARTS = ("texts", "land", "playback")
SCRIPT_PARTS = {
    "legend": "tour_legend.js",
    "map_access": "tour_access.js",
    "land": "tour_land.js",
    "playback": "tour_playback.js",
}
SERVER_PARTS = ("texts", "land", "playback", "legend", "map_access", "page_a11y")
ENV = "TOUR_BENCH_OFF"


def off() -> set[str]:
    """The parts switched off in this process; an unknown name is an error, not a silent full map."""
    names = {n for n in os.environ.get(ENV, "").split(",") if n}
    if unknown := names - set(SERVER_PARTS):
        raise ValueError(f"{ENV}: unknown parts {sorted(unknown)}; known: {SERVER_PARTS}")
    return names


def blank(value: Any) -> Any:
    """A stop's text record with its text emptied and its shape kept (the scripts index into it)."""
    if isinstance(value, str):
        return ""
    if isinstance(value, list):
        return []
    return value


def trimmed_payload(data: dict[str, Any], parts: set[str]) -> dict[str, Any]:
    """The map's payload without the parts switched off: each record's texts emptied, no land, no
    playback. The scripts already handle an empty land and a tour with nothing to play."""
    import json

    out = dict(data)
    if "texts" in parts:
        out["texts"] = json.dumps([[blank(v) for v in rec] for rec in json.loads(data["texts"])])
        out["sources"], out["sourceNames"] = {}, {}
    if "land" in parts:
        out["land"] = []
    if "playback" in parts:
        out["play"] = None
    return out


def layer_script(parts: set[str]) -> str:
    """The layer's script as :func:`dashboard.render.maps._layer_script` builds it, without the parts off."""
    from dashboard.render import maps
    from dashboard.render.asset_files import asset, shipped

    gone = {SCRIPT_PARTS[p] for p in parts if p in SCRIPT_PARTS}
    script = asset("tour_layer.js")
    for name in maps.SCRIPT_PARTS:
        script = script.replace(f"/* {name} */", "" if name in gone else asset(name))
    return shipped(script)


def install(parts: set[str]) -> None:
    """Switch the parts off in this process: the cache's payload, the layer's script, the page script."""
    from dashboard.render.maps import TourLayer
    from dashboard.ui import cache, style

    # setattr: these replace the app's own functions for this process only, as a test's monkeypatch does.
    made = cache.payload  # type: ignore[attr-defined]
    setattr(cache, "payload", lambda *a, **k: trimmed_payload(made(*a, **k), parts))  # noqa: B010
    TourLayer.script_body = layer_script(parts)
    if "page_a11y" in parts:
        import streamlit as st

        from dashboard.render.asset_files import asset

        setattr(style, "render", lambda: st.html(f"<style>{asset('app.css')}</style>"))  # noqa: B010
