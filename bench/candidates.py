"""Interactions without resending the map (issue 26, item 3): the ways to update the route map in place,
measured side by side in one block.

- **dynamic updates** (what the app does): streamlit-folium's ``feature_group_to_add``. The map is
  built once per tour and language and keyed by them, so a rerun sends only a small state layer,
  which the frame evaluates without a remount; the whole app's script reruns.
- **keyed fragment**: the same map and the stop panel inside one ``st.fragment``
  (``bench/fragment_hook.py``), so that a click reruns those two alone.

Each is timed on a click on a stop, until the map draws it selected and the stop's panel names it,
with the one-selectbox rerun measured in the same block as the floor. The rounds alternate the
servers, so that a machine slowing down slows each alike.
"""

from __future__ import annotations

import statistics
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from bench import browser as bw
from bench.servers import streamlit, write_baselines

CANDIDATES = {
    "dynamic": (None, "streamlit-folium's dynamic updates, the whole script rerun (the app)"),
    "fragment": ("bench.fragment_hook", "a keyed fragment around the map and the stop panel"),
}
CLICK = ("2", "2. Quito", "quito")  # the marker's number, the panel's title, the stop's id


def _stats(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def measure(b: Browser, folder: Path, runs: int) -> dict[str, Any]:
    """Each candidate's click (map drawn selected; panel shown) and the select rerun, ``runs`` rounds
    after a discarded warm-up."""
    select = write_baselines(folder)[1]
    with ExitStack() as stack:
        urls = {
            name: stack.enter_context(streamlit(preload=hook)).url for name, (hook, _) in CANDIDATES.items()
        }
        floor = stack.enter_context(streamlit(select, cwd=folder)).url
        clicks: dict[str, list[tuple[float, float]]] = {name: [] for name in CANDIDATES}
        rerun: list[float] = []
        for round_ in range(runs + 1):
            order = list(CANDIDATES)[round_ % 2 :] + list(CANDIDATES)[: round_ % 2]
            for name in order:
                click = bw.map_click(b, urls[name], *CLICK)
                if round_:
                    clicks[name].append(click)
            select_time = bw.rerun_select(b, floor)
            if round_:
                rerun.append(select_time)
    return {
        "select_rerun": _stats(rerun),
        **{
            name: {
                "what": CANDIDATES[name][1],
                "click_drawn": _stats([c[0] for c in clicks[name]]),
                "click_shown": _stats([c[1] for c in clicks[name]]),
            }
            for name in CANDIDATES
        },
    }
