"""The route map as every page draws it: Leaflet and the tour's data served by Streamlit, the map
built once per tour and language, and a small layer per run for what changes (the selection, the
filters, a story step).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import folium
from streamlit_folium import st_folium

from dashboard.render.maps import AssetUrls, build_map, leaflet_css, leaflet_js
from dashboard.ui import cache, runtime
from dashboard.ui.state import LoadedTour, Widget, keyed


def asset_urls(loaded: LoadedTour, lang: str) -> AssetUrls:
    """Leaflet (from xstatic-leaflet) and the map's data, served by Streamlit's media endpoint.

    Sent inside the component's arguments instead, a long tour's payload kept the
    browser busy for seconds before the map's frame even appeared, on every rerun.
    """
    return AssetUrls(
        leaflet_js=runtime.served(leaflet_js(), "text/javascript", "leaflet.js"),
        leaflet_css=runtime.served(leaflet_css(), "text/css", "leaflet.css"),
        data_js=runtime.served(cache.map_data(loaded, lang), "text/javascript", "tour-data.js"),
    )


def map_key(widget: Widget, loaded: LoadedTour, lang: str) -> str:
    """The map component's key: the base map depends on the tour and language only, so a new
    selection or filter restyles the drawn map instead of reloading it."""
    return keyed(widget, hash((loaded.key, lang)))


def draw(
    loaded: LoadedTour,
    lang: str,
    *,
    key: str,
    height: int,
    layer: folium.FeatureGroup,
    returned: list[str],
    on_change: Callable[[], None] | None = None,
) -> dict[str, Any] | None:
    """The route map in the page, with ``layer`` (the state of this run) drawn over it."""
    m = build_map(loaded.tour, lang=lang, tiles=runtime.tiles_enabled(), asset_urls=asset_urls(loaded, lang))
    result: dict[str, Any] | None = st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        feature_group_to_add=layer,
        returned_objects=returned,
        on_change=on_change,
    )
    return result
