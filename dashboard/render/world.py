"""The world's countries as GeoJSON, for the Atlas's map: Natural Earth's 1:110m outlines
(``world_atlas/countries-110m.json``, vendored, public domain) decoded once, each feature named by
its ISO 3166-1 alpha-2 code, and a point for each state too small for that scale.

world-atlas names countries by ISO 3166-1 *numeric* code; the three it leaves without one are
named here (Kosovo is XK, as the archive and CLDR write it; Northern Cyprus and Somaliland are
drawn as parts of Cyprus and Somalia, whose codes the archive uses). Coordinates are rounded to
hundredths of a degree (about a kilometre): the whole world is about 170 KB of GeoJSON.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pycountry

ATLAS = Path(__file__).resolve().parent / "world_atlas"
UNNUMBERED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
# States (and a few territories the archive names) too small for the 1:110m outlines: their
# capital's position (latitude, longitude), drawn as a dot.
SMALL: dict[str, tuple[float, float]] = {
    "AD": (42.51, 1.52), "AG": (17.12, -61.85), "AW": (12.52, -70.03), "BB": (13.10, -59.62),
    "BH": (26.23, 50.59), "BM": (32.30, -64.78), "CK": (-21.21, -159.78), "CV": (14.93, -23.51),
    "CW": (12.12, -68.93), "DM": (15.30, -61.39), "FM": (6.92, 158.16), "GD": (12.06, -61.75),
    "GI": (36.14, -5.35), "GP": (16.24, -61.53), "HK": (22.32, 114.17), "KI": (1.33, 172.98),
    "KM": (-11.70, 43.26), "KN": (17.30, -62.72), "LC": (14.01, -60.99), "LI": (47.14, 9.52),
    "MC": (43.73, 7.42), "MF": (18.07, -63.08), "MH": (7.09, 171.38), "MO": (22.20, 113.55),
    "MQ": (14.60, -61.07), "MT": (35.90, 14.51), "MU": (-20.16, 57.50), "MV": (4.18, 73.51),
    "NR": (-0.55, 166.92), "PW": (7.50, 134.62), "SC": (-4.62, 55.45), "SG": (1.35, 103.82),
    "SM": (43.94, 12.45), "ST": (0.34, 6.73), "SX": (18.03, -63.05), "TO": (-21.14, -175.20),
    "TV": (-8.52, 179.20), "VA": (41.90, 12.45), "VC": (13.16, -61.23), "VI": (18.34, -64.93),
    "WS": (-13.83, -171.76),
}  # fmt: skip


def _code(geometry: dict[str, Any]) -> str | None:
    numeric = geometry.get("id")
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else UNNUMBERED.get(geometry.get("properties", {}).get("name", ""))


def _arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    """The topology's arcs as positions: delta-encoded, quantised integers decoded."""
    (kx, ky), (dx, dy) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for qx, qy in arc:
            x, y = x + qx, y + qy
            points.append([round(x * kx + dx, 2), round(y * ky + dy, 2)])
        out.append(points)
    return out


def _ring(arcs: list[list[list[float]]], indices: list[int]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]  # ~i: the arc walked backwards
        ring += arc[1:] if ring else arc
    return _contiguous(ring)


def _contiguous(ring: list[list[float]]) -> list[list[float]]:
    """A ring that crosses ±180° (Fiji, Chukotka) with each point moved by whole turns next to the
    one before: Leaflet would otherwise draw it as a band across the whole world. Antarctica's ring
    runs from -180° to 180° along its coast and back along the pole, a shape as it is."""
    if max(p[0] for p in ring) - min(p[0] for p in ring) <= 180 or min(p[1] for p in ring) < -85:
        return ring
    out = [ring[0]]
    for lon, lat in ring[1:]:
        turns = round((out[-1][0] - lon) / 360)
        out.append([lon + 360 * turns, lat])
    return out


def _geometry(arcs: list[list[list[float]]], geometry: dict[str, Any]) -> dict[str, Any]:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    coordinates = [[_ring(arcs, ring) for ring in polygon] for polygon in polygons]
    return {"type": "MultiPolygon", "coordinates": coordinates}


@functools.cache
def countries() -> tuple[dict[str, Any], ...]:
    """Every country outline as a GeoJSON feature (``id`` and ``properties.code``: its alpha-2
    code), then a point feature for each state of :data:`SMALL`. Read once per process."""
    topo = json.loads((ATLAS / "countries-110m.json").read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = _code(geometry)
        if code and geometry.get("arcs"):
            features.append({"type": "Feature", "id": code, "properties": {"code": code},
                             "geometry": _geometry(arcs, geometry)})  # fmt: skip
    drawn = {f["id"] for f in features}
    for code, (lat, lon) in SMALL.items():
        if code not in drawn:
            point = {"type": "Point", "coordinates": [lon, lat]}
            features.append({"type": "Feature", "id": code, "properties": {"code": code}, "geometry": point})
    return tuple(features)


def drawn_codes() -> frozenset[str]:
    """The codes the map can draw, as an outline or a dot."""
    return frozenset(f["id"] for f in countries())
