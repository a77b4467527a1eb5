"""Imported first by a candidate server's process (issue 26, item 3: interactions without resending the
map): the map page's route map and its stop panel are drawn inside one ``st.fragment``, so that a click
on a stop reruns those two alone instead of the whole app.

For measuring only (``bench/candidates.py``): such a rerun leaves the sidebar's stop choice, the
figures and the address as they were, which is why the app itself does not do it (see the report's
"Interactions without resending the map"). It changes what this process runs, never the app's code on
disk. The map's module is patched at the first script run, not here: importing streamlit-folium before
Streamlit's runtime starts leaves its component unregistered (its frame is a 404).
"""

from __future__ import annotations

from typing import Any

from dashboard.ui import state
from dashboard.ui.state import LoadedTour, Widget
from dashboard.views.filters import ViewState

_page_context = state.page_context


def _install() -> None:
    """Draw the map page's map and stop panel in one fragment (see the module's docstring)."""
    import streamlit as st

    from dashboard.render.maps import state_layer
    from dashboard.ui import cache, route_map, stop_panel

    draw, render_stop, asset_urls = route_map.draw, stop_panel.render_stop, route_map.asset_urls

    @st.fragment
    def map_and_panel(lang: str, urls: Any, options: dict[str, Any]) -> None:
        # A fragment's rerun gets the arguments of the full run that first drew it: the stop a click
        # chose is read again here. The map's files are registered by the full run (``urls``).
        loaded, view = _page_context()
        visible = cache.visible(loaded, view) if view.is_filtered else None
        route_map.asset_urls = lambda *_: urls
        try:
            draw(loaded, lang, layer=state_layer(view.stop, visible), **options)
        finally:
            route_map.asset_urls = asset_urls
        render_stop(loaded, view)

    def draw_in_fragment(loaded: LoadedTour, lang: str, *, key: str, layer: Any, **options: Any) -> None:
        if not key.startswith(f"{Widget.MAP.value}-"):  # the story's map is drawn as the app draws it
            draw(loaded, lang, key=key, layer=layer, **options)
            return
        map_and_panel(lang, asset_urls(loaded, lang), {"key": key, **options})

    def panel_drawn_with_the_map(loaded: LoadedTour, view: ViewState) -> None:
        """The map page's own call: the panel is drawn inside the fragment, with the map."""

    route_map.draw = draw_in_fragment  # type: ignore[assignment]
    stop_panel.render_stop = panel_drawn_with_the_map


def _first_run_installs() -> tuple[LoadedTour, ViewState]:
    if state.page_context is _first_run_installs:
        state.page_context = _page_context
        _install()
    return _page_context()


state.page_context = _first_run_installs
