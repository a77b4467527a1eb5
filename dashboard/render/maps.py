"""The route map as a :class:`folium.Map`, drawn offline with Leaflet from installed packages.

The map needs only ``leaflet.js`` and ``leaflet.css`` (from ``xstatic-leaflet``): markers
are Leaflet ``divIcon``/``circleMarker`` objects (no image path to break), and tooltips
and popups are bound with plain Leaflet calls rather than ``folium.Popup`` (which needs
jQuery). Every stop, leg, label and outline travels to the browser as one JSON payload
(:mod:`dashboard.render.map_data`), so a 10,000-place tour is one script, not 10,000
folium objects.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from dashboard.private_api import (
    ST_FOLIUM_GLOBAL,
    add_to_page,
    inline_page_assets,
    macro_parts,
    make_macro,
    parent_name,
    set_page_assets,
)
from dashboard.render.asset_files import asset, shipped
from dashboard.render.basemap import ATTRIBUTION as LAND_ATTRIBUTION
from dashboard.render.map_data import MANY_STOPS, payload, view_state
from dashboard.render.safe_html import script_json, script_text
from dashboard.render.schema import NAMESPACE, fields, set_member
from dashboard.tourfile.model import Tour

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
INLINE = "tour-dashboard-inline:"  # placeholder URL scheme replaced by inlined files on export


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    return (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as data: URIs (so nothing is fetched)."""
    css = (_leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        data = (_leaflet_dir() / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode()})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


def use_offline_assets(m: folium.Map) -> folium.Map:
    """Point the map at the installed Leaflet instead of folium's CDNs (for this map only).

    The links are placeholders that :func:`standalone_html` replaces with the files' contents.
    """
    set_page_assets(m, js=[("leaflet", INLINE + "leaflet.js")], css=[("leaflet_css", INLINE + "leaflet.css")])
    return m


class _Raw(Element):
    """Text placed in the page as it is.

    branca's MacroElement wraps its rendered script in ``Element(text)``, which compiles
    the text as a Jinja template: tour text with ``{{ ... }}`` would then be evaluated on
    the server (template injection), and a long tour's script takes seconds to tokenize.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class RawMacroElement(MacroElement):
    """A MacroElement whose header and script reach the page without a second Jinja pass.

    Its template (from ``assets/``) has a ``script`` macro and may have a ``header`` one, as folium's
    own elements do; what reaches into branca to render them is in :mod:`dashboard.private_api`.
    """

    def __init__(self, name: str, template: Template) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        make_macro(self, name, template)

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the map's root figure, not this element alone"
        header, script = macro_parts(self, kwargs)
        if header is not None:
            add_to_page(figure, "header", _Raw(header), self.get_name())
        add_to_page(figure, "script", _Raw(script), self.get_name())
        return ""

    @property
    def map_name(self) -> str:
        """The JavaScript variable of the map this element was added to (``this.map_name`` in templates)."""
        return parent_name(self)


SCRIPT_PARTS = (
    "land_rings.js",
    "spread.js",
    "tour_land.js",
    "tour_points.js",
    "tour_few.js",
    "tour_playback.js",
    "tour_legend.js",
    "tour_access.js",
)


def _layer_script() -> str:
    """The layer's script (``assets/tour_layer.js``) with each of its parts put in at its ``/* name */``
    mark, as pages get it (:func:`~dashboard.render.asset_files.shipped`)."""
    script = asset("tour_layer.js")
    for name in SCRIPT_PARTS:
        script = script.replace(f"/* {name} */", asset(name))
    return shipped(script)


class TourLayer(RawMacroElement):
    """Draws the payload with plain Leaflet: markers, legs with arrows, the border pair, a legend."""

    template = Template(asset("tour_layer.js.j2"))
    script_body = _layer_script()
    style = shipped(asset("tour_layer.css"), "css")
    fields_json = script_json(fields())  # the payload's record fields by name (render/schema.py)

    def __init__(self, data: dict[str, Any] | str, tiles: bool = True) -> None:
        super().__init__("TourLayer", self.template)
        self.data_json = data if isinstance(data, str) else script_json(data)
        # The layer adds the tiles itself, once the view is fitted: the first tiles asked
        # for are then those of the final zoom, not a world view that is thrown away.
        self.tiles_json = script_json({"url": TILE_URL, "attribution": TILE_ATTRIBUTION} if tiles else None)
        self.st_folium_global = script_json(ST_FOLIUM_GLOBAL)
        self.land_attribution = script_json(LAND_ATTRIBUTION)


class TourState(RawMacroElement):
    """Restyles the drawn stops for a selection and a filter, without redrawing the map.

    Sent to st_folium as ``feature_group_to_add``: a new state changes only this small
    script, so a click or a filter change does not reload the map in the browser.
    """

    template = Template(asset("tour_state.js.j2"))

    def __init__(self, selected: str | None, visible: set[str] | None) -> None:
        super().__init__("TourState", self.template)
        self.state_json = script_json(view_state(selected, visible))


def state_layer(selected: str | None, visible: set[str] | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="tour-state", control=False)
    TourState(selected, visible).add_to(group)
    return group


@dataclass(frozen=True)
class AssetUrls:
    leaflet_js: str
    leaflet_css: str
    data_js: str


def data_script(data_json: str) -> str:
    """The payload as a script file that defines ``window.tourDashboard.data``."""
    return set_member("data", data_json) + "\n"


def build_map(
    tour: Tour, lang: str = "en", tiles: bool = True, asset_urls: AssetUrls | None = None
) -> folium.Map:
    """The route map, with no stop selected and nothing dimmed (see :func:`state_layer`).

    ``asset_urls``: where the browser fetches Leaflet and the payload (see :func:`data_script`)
    instead of receiving them inside the page; the app serves them from the installed packages.
    Without them, the page links Leaflet by placeholders that :func:`standalone_html` inlines.
    """
    m = folium.Map(
        tiles=None,
        control_scale=True,
        # The payload draws canvas circles above MANY_STOPS located places: the same count here.
        prefer_canvas=sum(p.has_coordinates for p in tour.places) > MANY_STOPS,
        scroll_wheel_zoom=False,  # the wheel scrolls the page; Ctrl/Cmd + wheel zooms (tour_access.js)
    )
    if asset_urls is None:
        use_offline_assets(m)
        data: dict[str, Any] | str = payload(tour, lang, key=True)  # a page of its own: it keys its sources
    else:
        js = [("leaflet", asset_urls.leaflet_js), ("tour_data", asset_urls.data_js)]
        set_page_assets(m, js=js, css=[("leaflet_css", asset_urls.leaflet_css)])
        data = f"window.{NAMESPACE}.data"  # defined by the data script, loaded before the map's
    TourLayer(data, tiles=tiles).add_to(m)
    return m


def standalone_html(m: folium.Map) -> str:
    """One self-contained HTML page: Leaflet's JS and CSS inlined, only tiles fetched."""
    return inline_page_assets(
        m.get_root().render(),
        scripts={INLINE + "leaflet.js": script_text(leaflet_js())},
        styles={INLINE + "leaflet.css": leaflet_css()},
    )
