"""The Atlas's world map: countries shaded by visits (or days), a key, and the chosen country outlined.

A folium map of one GeoJSON layer (:mod:`dashboard.render.world`'s outlines, dots for the small
states) drawn offline with the installed Leaflet, as the route map is. A click on a country
reaches the app through streamlit-folium (the clicked feature's ``code``). The tooltips are HTML
in folium, so each is escaped here; the key's words reach its script as JSON and are written
with ``textContent``. The same map, made self-contained, is the Atlas's PNG.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
from jinja2 import Template

from dashboard.private_api import ST_FOLIUM_GLOBAL, set_page_assets
from dashboard.render.asset_files import asset, shipped
from dashboard.render.maps import RawMacroElement, standalone_html, use_offline_assets
from dashboard.render.safe_html import esc, script_json
from dashboard.render.world import countries
from dashboard.views.atlas import class_of, classes, range_label
from dashboard.views.formats import country_name, format_number
from dashboard.views.i18n import t

# ColorBrewer's "Blues" (sequential, safe for colour blindness and in greyscale), palest first.
SHADES = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NONE = "#f7f7f7"
EDGE = "#7f7f7f"
CHOSEN = "#D55E00"  # Okabe-Ito vermilion: the outline of the country whose visits are listed
CREDIT = "Natural Earth"


class AtlasKey(RawMacroElement):
    """The map's key (shades and what they stand for) and its frame's name."""

    template = Template(asset("atlas_map.js.j2"))
    script_body = shipped(asset("atlas_map.js"))
    style = shipped(asset("atlas_map.css"), "css")

    def __init__(self, key: dict[str, Any]) -> None:
        super().__init__("AtlasKey", self.template)
        self.key_json = script_json(key)


def _shade(value: int, ranges: list[tuple[int, int]]) -> str:
    index = class_of(value, ranges)
    if index is None:
        return NONE
    # Fewer ranges than shades: spread them over the palette, so two ranges never look alike.
    step = (len(SHADES) - 1) / max(len(ranges) - 1, 1)
    return SHADES[round(index * step)]


def _tip(code: str, value: int, measure: str, lang: str) -> str:
    said = t(f"atlas.tip_{measure}", lang, count=format_number(value, lang))
    return esc(f"{country_name(code, lang)}: {said}")


def _features(totals: Mapping[str, int], measure: str, lang: str) -> dict[str, Any]:
    """The countries with their code and tooltip (escaped: folium's tooltips are HTML)."""
    features = [
        {**f, "properties": {"code": f["id"], "tip": _tip(f["id"], totals.get(f["id"], 0), measure, lang)}}
        for f in countries()
        if f["geometry"]["type"] != "Point" or totals.get(f["id"])  # a small state's dot: only when visited
    ]
    return {"type": "FeatureCollection", "features": features}


def _styles(totals: Mapping[str, int], chosen: str | None) -> dict[str, dict[str, Any]]:
    """Each country's style by code: its shade, and a thick outline for the chosen one."""
    ranges = classes(totals.values())
    styles = {}
    for code in {f["id"] for f in countries()}:
        value = totals.get(code, 0)
        mine = code == chosen
        styles[code] = {"fillColor": _shade(value, ranges), "color": CHOSEN if mine else EDGE, "fill": True,
                        "weight": 3 if mine else 0.6, "fillOpacity": 1 if value else 0.8}  # fmt: skip
    return styles


def _key(totals: Mapping[str, int], measure: str, lang: str) -> dict[str, Any]:
    ranges = classes(totals.values())
    rows = [{"colour": _shade(low, ranges), "label": range_label(low, high, lang)} for low, high in ranges]
    rows.append({"colour": NONE, "label": t(f"atlas.key_none_{measure}", lang)})
    return {
        "title": t(f"atlas.col_{measure}", lang),
        "rows": rows,
        "credit": t("atlas.credit", lang, credit=CREDIT),
        "name": t("atlas.map_name", lang),
        "stFolium": ST_FOLIUM_GLOBAL,
    }


def atlas_map(
    totals: Mapping[str, int],
    measure: str,
    lang: str,
    chosen: str | None = None,
    leaflet: tuple[str, str] | None = None,
) -> folium.Map:
    """The world shaded by ``totals`` (visits or days per country code), ``chosen`` outlined.

    ``leaflet``: the URLs of Leaflet's script and stylesheet (the app serves them); without them
    the page links placeholders that :func:`atlas_html` inlines.
    """
    m = folium.Map(tiles=None, zoom_start=1, min_zoom=1, max_zoom=6, world_copy_jump=True, zoom_snap=0.25,
                   scroll_wheel_zoom=False, attribution_control=False)  # fmt: skip
    if leaflet is None:
        use_offline_assets(m)
    else:
        set_page_assets(m, js=[("leaflet", leaflet[0])], css=[("leaflet_css", leaflet[1])])
    styles = _styles(totals, chosen)
    folium.GeoJson(
        _features(totals, measure, lang),
        name="countries",
        style_function=lambda feature: styles.get(feature.get("properties", {}).get("code"), {}),
        highlight_function=lambda _: {"weight": 2, "color": "#000"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        marker=folium.CircleMarker(radius=5),
        zoom_on_click=False,
    ).add_to(m)
    AtlasKey(_key(totals, measure, lang)).add_to(m)
    return m


def atlas_html(totals: Mapping[str, int], measure: str, lang: str) -> str:
    """The Atlas's map as one self-contained page (for its PNG): nothing is fetched."""
    return standalone_html(atlas_map(totals, measure, lang))
