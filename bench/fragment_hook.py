"""Imported first by a candidate server's process (issue 26, item 3: interactions without resending the
map): the map page's route map and its stop panel are drawn inside one ``st.fragment``, so that a click
on a stop reruns those two alone instead of the whole app.

For measuring only (``bench/candidates.py``): such a rerun leaves the sidebar's stop choice, the
figures and the address as they were, which is why the app itself does not do it (see the report's
"Interactions without resending the map"). It changes what this process runs, never the app's code on
disk.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.render.maps import state_layer
from dashboard.ui import cache, route_map, state, stop_panel
from dashboard.ui.state import LoadedTour, Widget
from dashboard.views.filters import ViewState

_draw, _render_stop = route_map.draw, stop_panel.render_stop


@st.fragment
def _map_and_panel(lang: str, options: dict[str, Any]) -> None:
    """The map and the stop panel, from the view as it is now (a fragment's rerun gets the arguments
    of the full run that first drew it: the stop a click chose is read again here)."""
    loaded, view = state.page_context()
    visible = cache.visible(loaded, view) if view.is_filtered else None
    _draw(loaded, lang, layer=state_layer(view.stop, visible), **options)
    _render_stop(loaded, view)


def _draw_in_fragment(loaded: LoadedTour, lang: str, *, key: str, layer: Any, **options: Any) -> None:
    if not key.startswith(f"{Widget.MAP.value}-"):  # the story's map is drawn as the app draws it
        _draw(loaded, lang, key=key, layer=layer, **options)
        return
    _map_and_panel(lang, {"key": key, **options})


def _panel_drawn_with_the_map(loaded: LoadedTour, view: ViewState) -> None:
    """The map page's own call: the panel is drawn inside the fragment, with the map."""


route_map.draw = _draw_in_fragment  # type: ignore[assignment]
stop_panel.render_stop = _panel_drawn_with_the_map
