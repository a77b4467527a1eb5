"""The route map as a :class:`folium.Map`, drawn offline with Leaflet from installed packages.

The map needs only ``leaflet.js`` and ``leaflet.css`` (from ``xstatic-leaflet``): markers
are Leaflet ``divIcon``/``circleMarker`` objects (no image path to break), and tooltips
and popups are bound with plain Leaflet calls rather than ``folium.Popup`` (which needs
jQuery). Every stop, leg and label travels to the browser as one JSON payload built
here, so a 10,000-place tour is one script, not 10,000 folium objects.

All user text is HTML-escaped before it enters that payload, and the payload is
escaped for a ``<script>`` element, so a tour file cannot inject markup or script.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from dashboard.private_api import ST_FOLIUM_GLOBAL
from dashboard.tourfile.model import Tour
from dashboard.views.derive import Stop, legs, route_places, stops
from dashboard.views.formats import date_variants, format_range, person, stop_title
from dashboard.views.i18n import t
from dashboard.views.style import COLORS

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
INLINE = "tour-dashboard-inline:"  # placeholder URL scheme replaced by inlined files on export
MAX_LATITUDE = 85.0511287798  # where Web Mercator (and Leaflet's map) ends
MANY_STOPS = 300  # above this, stops are drawn as canvas circles, not numbered DOM markers
HERE = Path(__file__).resolve().parent


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
    m.default_js = [("leaflet", INLINE + "leaflet.js")]
    m.default_css = [("leaflet_css", INLINE + "leaflet.css")]
    return m


# Possessive quantifiers: the engine keeps no backtracking point per character, which for the
# tooltip string of a long tour cost many times that string's size in memory.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')


def _no_braces(match: re.Match[str]) -> str:
    return match.group(0).replace("{", "\\u007b").replace("}", "\\u007d")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and inert to Jinja.

    No ``</script>`` or HTML comment can appear, and no brace inside a string, so no
    ``{{ ... }}`` from a tour file can ever be evaluated by a template engine.
    """
    text = _JSON_STRING.sub(_no_braces, json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def esc(text: object) -> str:
    """HTML-escape user text (quotes included)."""
    return html.escape(str(text), quote=True)


def _first_quote(stop: Stop, lang: str, languages: dict[str, str]) -> tuple[str, str, list[str]] | None:
    """The stop's key quote: one said there, in the reader's language if there is one."""
    said_here = [c for c in stop.claims if c.quote and c.place == stop.place.id]
    claim = min(said_here, key=lambda c: languages.get(c.quote_source or "", lang) != lang, default=None)
    if claim is None or claim.quote is None:
        return None
    return claim.quote, claim.speaker or "", claim.sources


def _date_text(stop: Stop, lang: str) -> str:
    return date_variants(stop.visit.ranked_dates(), lang) if stop.visit else ""


POPUP_ROWS = ("dates", "venue", "met", "topics", "sources")  # field.* labels, sent once per map
ROLE_CODES = {"origin": "o", "visit": "v", "discussed": "d"}  # one letter per stop in the payload


def _met(stop: Stop, lang: str) -> str:
    return ", ".join(person(p, lang) for p in (stop.visit.counterparts if stop.visit else []))


def _title_suffix(stop: Stop, lang: str) -> str:
    role = "" if stop.place.role == "visit" else f" ({t(f'role.{stop.place.role}', lang)})"
    if not stop.visit:
        return role
    best = stop.visit.best_date()
    return f"{role} — {format_range(best.start, best.end, lang, best.precision)}"


@dataclass(frozen=True)
class Labels:
    """What every stop's texts are built from: topic names and source languages."""

    lang: str
    topics: dict[str, str]
    languages: dict[str, str]

    @classmethod
    def of(cls, tour: Tour, lang: str) -> Labels:
        topics = {tp.id: tp.label.get(lang) for tp in tour.topics}
        return cls(lang, topics, {s.id: s.language for s in tour.sources})


def point(stop: Stop, labels: Labels) -> list[Any]:
    """One stop's tooltip and popup texts, every one HTML-escaped: ``[title, suffix, rows, quote, cite]``.

    The map's script builds the markup from these when a tooltip or popup first opens.
    """
    visit, lang = stop.visit, labels.lang
    values = [
        _date_text(stop, lang),
        visit.venue.get(lang) if visit and visit.venue else "",
        _met(stop, lang),
        ", ".join(labels.topics.get(x, x) for x in stop.topics),
        ", ".join(stop.sources),
    ]
    title = stop_title(stop.order, stop.place.name)
    rows = [[i, esc(v)] for i, v in enumerate(values) if v]
    fields: list[Any] = [esc(title), esc(_title_suffix(stop, lang)), rows, "", ""]
    quote = _first_quote(stop, lang, labels.languages)
    if quote:
        text, speaker, sources = quote
        fields[3:] = [esc(text), esc(f"— {speaker} [{', '.join(sources)}]")]
    return fields


def _bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Screen angle (degrees clockwise from east) of the leg a -> b on a Mercator map."""

    def merc_y(lat: float) -> float:
        # Web Mercator ends at ±85.0511° (Leaflet draws a pole there); at ±90 the tangent is infinite.
        lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    dy = merc_y(b[0]) - merc_y(a[0])
    dx = b[1] - a[1]
    return -math.degrees(math.atan2(dy, dx))


def view_state(selected: str | None, visible: set[str] | None) -> dict[str, Any]:
    """Which stop is selected and which match the filters (None: all), as the map's script reads it."""
    return {"selected": selected, "visible": None if visible is None else sorted(visible)}


def _stops_columns(drawn: list[Stop], labels: Labels) -> dict[str, Any]:
    """The stops as columns (compact for 10,000 of them) and their texts as one JSON string.

    The page parses that string only when a tooltip or popup first opens: to the browser it
    is a single string, not thousands of objects to build before the map can draw.
    """
    texts = json.dumps([point(s, labels) for s in drawn], ensure_ascii=False, separators=(",", ":"))
    return {
        "ids": [s.place.id for s in drawn],
        "lat": [s.place.latitude for s in drawn],
        "lng": [s.place.longitude for s in drawn],
        "roles": "".join(ROLE_CODES[s.place.role] for s in drawn),
        "n": [s.order or 0 for s in drawn],
        "texts": texts,
    }


def _legs(tour: Tour, index: dict[str, int], many: bool) -> dict[str, Any]:
    """The route: for a long tour, stop indices in route order (one line); else legs with arrows."""
    if many:
        return {"route": [index[p.id] for p in route_places(tour) if p.id in index], "legs": []}
    route = legs(tour)
    rows = [
        {"a": [leg.start.latitude, leg.start.longitude], "b": [leg.end.latitude, leg.end.longitude],
         "deg": _bearing((leg.start.latitude or 0, leg.start.longitude or 0),
                         (leg.end.latitude or 0, leg.end.longitude or 0))}
        for leg in route
    ]  # fmt: skip
    return {"route": [], "legs": rows}


def _pairs(tour: Tour, lang: str) -> list[dict[str, Any]]:
    places = {p.id: p for p in tour.places if p.has_coordinates}
    pairs = {tuple(sorted((p.id, p.paired_with))) for p in places.values() if p.paired_with in places}
    return [
        {"a": [places[a].latitude, places[a].longitude], "b": [places[b].latitude, places[b].longitude],
         "tip": esc(f"{places[a].name} – {places[b].name}: {t('legend.border_pair', lang)}")}
        for a, b in sorted(pairs)
    ]  # fmt: skip


def _legend_label(kind: str, lang: str, many: bool) -> str:
    return t("legend.visit_unnumbered" if many and kind == "visit" else f"legend.{kind}", lang)


def payload(
    tour: Tour, lang: str, selected: str | None = None, visible: set[str] | None = None
) -> dict[str, Any]:
    """Everything the map's script draws, as plain JSON-able data."""
    drawn = [s for s in stops(tour) if s.place.has_coordinates]
    many = len(drawn) > MANY_STOPS
    pair_rows = _pairs(tour, lang)
    legend = [
        {"kind": kind, "label": esc(_legend_label(kind, lang, many))}
        for kind in ("origin", "visit", "discussed", "border_pair", "leg")
        if kind != "border_pair" or pair_rows
    ]
    index = {s.place.id: i for i, s in enumerate(drawn)}
    return {
        **_stops_columns(drawn, Labels.of(tour, lang)),
        **_legs(tour, index, many),
        "pairs": pair_rows,
        "legend": legend,
        "legendTitle": esc(t("legend.title", lang)),
        "labels": [esc(t(f"field.{key}", lang)) for key in POPUP_ROWS],
        "colors": COLORS,
        "many": many,
        "bounds": bounds(tour),
        "state": view_state(selected, visible),
    }


class _Raw(Element):
    """Text placed in the page as it is.

    branca's MacroElement wraps its rendered script in ``Element(text)``, which compiles
    the text as a Jinja template: tour text with ``{{ ... }}`` would then be evaluated on
    the server (template injection), and a long tour's script takes seconds to tokenize.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _RawMacroElement(MacroElement):
    """A MacroElement whose header and script reach the page without a second Jinja pass."""

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the map's root figure, not this element alone"
        module = self._template.module
        if hasattr(module, "header"):
            figure.header.add_child(_Raw(module.header(self, kwargs)), name=self.get_name())
        figure.script.add_child(_Raw(module.script(self, kwargs)), name=self.get_name())
        return ""


class TourLayer(_RawMacroElement):
    """Draws the payload with plain Leaflet: markers, legs with arrows, the border pair, a legend."""

    _template = Template(
        (HERE / "tour_layer.js.j2")
        .read_text(encoding="utf-8")
        .replace("/* tour_points.js */", (HERE / "tour_points.js").read_text(encoding="utf-8"))
    )

    def __init__(self, data: dict[str, Any] | str, tiles: bool = True) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "TourLayer"
        self.data_json = data if isinstance(data, str) else script_json(data)
        # The layer adds the tiles itself, once the view is fitted: the first tiles asked
        # for are then those of the final zoom, not a world view that is thrown away.
        self.tiles_json = script_json({"url": TILE_URL, "attribution": TILE_ATTRIBUTION} if tiles else None)
        self.st_folium_global = script_json(ST_FOLIUM_GLOBAL)


class TourState(_RawMacroElement):
    """Restyles the drawn stops for a selection and a filter, without redrawing the map.

    Sent to st_folium as ``feature_group_to_add``: a new state changes only this small
    script, so a click or a filter change does not reload the map in the browser.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "window.tourApplyState && window.tourApplyState({{ this.state_json }});"
        "{% endmacro %}"
    )

    def __init__(self, selected: str | None, visible: set[str] | None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "TourState"
        self.state_json = script_json(view_state(selected, visible))


def state_layer(selected: str | None, visible: set[str] | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="tour-state", control=False)
    TourState(selected, visible).add_to(group)
    return group


def bounds(tour: Tour) -> list[list[float]] | None:
    coords = [
        (p.latitude, p.longitude) for p in tour.places if p.latitude is not None and p.longitude is not None
    ]
    if not coords:
        return None
    lats, lngs = [c[0] for c in coords], [c[1] for c in coords]
    return [[min(lats), min(lngs)], [max(lats), max(lngs)]]


@dataclass(frozen=True)
class AssetUrls:
    leaflet_js: str
    leaflet_css: str
    data_js: str


def data_script(data_json: str) -> str:
    """The payload as a script file that defines ``window.tourData``."""
    return f"window.tourData = {data_json};\n"


def build_map(
    tour: Tour, lang: str = "en", tiles: bool = True, asset_urls: AssetUrls | None = None
) -> folium.Map:
    """The route map, with no stop selected and nothing dimmed (see :func:`state_layer`).

    ``asset_urls``: where the browser fetches Leaflet and the payload (see :func:`data_script`)
    instead of receiving them inside the page; the app serves them from the installed packages.
    Without them, the page links Leaflet by placeholders that :func:`standalone_html` inlines.
    """
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=len(tour.places) > MANY_STOPS)
    if asset_urls is None:
        use_offline_assets(m)
        data: dict[str, Any] | str = payload(tour, lang)
    else:
        m.default_js = [("leaflet", asset_urls.leaflet_js), ("tour_data", asset_urls.data_js)]
        m.default_css = [("leaflet_css", asset_urls.leaflet_css)]
        data = "window.tourData"  # defined by the data script, loaded before the map's
    TourLayer(data, tiles=tiles).add_to(m)
    return m


def _inline_script(js: str) -> str:
    return "<script>" + js.replace("</script", "<\\/script") + "</script>"


def standalone_html(m: folium.Map) -> str:
    """One self-contained HTML page: Leaflet's JS and CSS inlined, only tiles fetched."""
    page = m.get_root().render()
    page = page.replace(f'<script src="{INLINE}leaflet.js"></script>', _inline_script(leaflet_js()))
    page = page.replace(
        f'<link rel="stylesheet" href="{INLINE}leaflet.css"/>', f"<style>{leaflet_css()}</style>"
    )
    if INLINE in page:  # folium changed its link markup: fail loudly rather than ship a broken page
        raise RuntimeError("could not inline Leaflet into the exported map")
    return page
