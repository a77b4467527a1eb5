"""Compare's maps: two tours side by side on one page, moved together, each shading the countries
it visited and marking its stops.

One self-contained page (Leaflet, the world's outlines and both tours inlined, nothing fetched) that
the app shows in a frame of its own: the two maps share the frame, so that one script moves them
together. Names reach the page HTML-escaped; the stops' labels reach the script as JSON and are
written with ``textContent``.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.render.asset_files import asset, shipped
from dashboard.render.maps import leaflet_css, leaflet_js
from dashboard.render.projection import leaflet_bounds
from dashboard.render.safe_html import esc, inline_script, script_json
from dashboard.render.world import countries
from dashboard.tourfile.model import Tour
from dashboard.views.compare import visited_countries
from dashboard.views.formats import format_range, stop_title
from dashboard.views.i18n import t

COLOURS = ("#0072B2", "#D55E00")  # blue and vermilion (Okabe-Ito), as Compare's chart draws them
WORLD = (-170.0, -56.0, 180.0, 78.0)  # west, south, east, north: the view of two tours with no stop


@dataclass(frozen=True)
class Side:
    """One of the two tours: its name, the countries it visited, its stops (lat, lon, label)."""

    name: str
    countries: list[str]
    stops: list[tuple[float, float, str]]


def side(tour: Tour, name: str, lang: str) -> Side:
    """A tour as one side of the comparison: its visited countries and located stops, in tour order."""
    places = {p.id: p for p in tour.places}
    stops = []
    for visit in sorted(tour.visits, key=lambda v: v.order):
        place = places.get(visit.place)
        if place is None or place.latitude is None or place.longitude is None:
            continue
        best = visit.best_date()
        when = format_range(best.start, best.end, lang, best.precision)
        stops.append((place.latitude, place.longitude, f"{stop_title(visit.order, place.name)} — {when}"))
    return Side(name, sorted(visited_countries(tour)), stops)


def _bounds(sides: tuple[Side, Side]) -> list[list[float]] | None:
    points = [(lat, lon) for s in sides for lat, lon, _ in s.stops]
    if not points:
        return leaflet_bounds(WORLD)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return leaflet_bounds((min(lons), min(lats), max(lons), max(lats)))


def compare_page(sides: tuple[Side, Side], lang: str) -> str:
    """The two maps as one page, in ``lang``."""
    title = t("compare.map_name", lang, a=sides[0].name, b=sides[1].name)
    world = [f for f in countries() if f["geometry"]["type"] != "Point"]
    data = {
        "world": {"type": "FeatureCollection", "features": world},
        "sides": [
            {"countries": s.countries, "stops": s.stops, "colour": c}
            for s, c in zip(sides, COLOURS, strict=True)
        ],
        "bounds": _bounds(sides),
    }
    sections = "".join(
        f'<section style="--side:{c}"><h2>{esc(s.name)}</h2><div class="compare-map" id="compare-map-{i}" '
        f'role="region" aria-label="{esc(s.name)}"></div></section>'
        for i, (s, c) in enumerate(zip(sides, COLOURS, strict=True))
    )
    return (
        f'<!doctype html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
        f"<style>{leaflet_css()}</style><style>{shipped(asset('compare_map.css'), 'css')}</style></head>"
        f'<body><main class="compare" aria-label="{esc(title)}">{sections}</main>'
        f'<p class="hint">{esc(t("compare.maps_hint", lang))}</p>'
        f"{inline_script(leaflet_js())}<script>var compareData = {script_json(data)};</script>"
        f"{inline_script(shipped(asset('compare_map.js')))}</body></html>"
    )
