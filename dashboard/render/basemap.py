"""A small world basemap that needs no network: Natural Earth's country outlines (world-atlas),
decoded from TopoJSON, clipped to the tour's region and simplified, as compact rings of
coordinates the map's script draws under the stops.

The 1:50m outlines serve regional tours, the 1:110m ones tours that span continents. Only the
rings that touch the region (with a margin) are kept, each cut to that box, so an exported page
carries tens of kilobytes of geography, not the world.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from dashboard.views.geometry import short_way

Ring = list[tuple[float, float]]  # (longitude, latitude)
Box = tuple[float, float, float, float]  # west, south, east, north

ATLAS = Path(__file__).resolve().parent / "world_atlas"
ATTRIBUTION = "Natural Earth outlines"
FINE_SPAN = 60.0  # degrees: a region narrower than this gets the 1:50m outlines
DETAIL = 400  # points kept across the region's span, at most: about 2 px apart on a 800 px map


@functools.cache
def _rings(scale: str) -> tuple[tuple[Ring, Box], ...]:
    """Every country ring at ``scale`` ("50m" or "110m"), with its bounding box."""
    topo = json.loads((ATLAS / f"countries-{scale}.json").read_text(encoding="utf-8"))
    (kx, ky), (dx, dy) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for qx, qy in arc:  # delta-encoded, quantised positions
            x, y = x + qx, y + qy
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        polygons = [polygons] if geometry.get("type") == "Polygon" else polygons
        for polygon in polygons:
            for ring_arcs in polygon:
                ring = _contiguous(_stitch(arcs, ring_arcs))
                lons, lats = [p[0] for p in ring], [p[1] for p in ring]
                out.append((ring, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(out)


def _stitch(arcs: list[Ring], indices: list[int]) -> Ring:
    ring: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]  # ~i: the arc walked backwards
        ring += arc[1:] if ring else arc
    return ring


def _contiguous(ring: Ring) -> Ring:
    """A ring that crosses ±180° (Fiji, Chukotka) with each point moved by whole turns next to the
    one before, so that it is one shape, not a band across the world once clipped."""
    if not ring or max(p[0] for p in ring) - min(p[0] for p in ring) <= 180:
        return ring
    out = [ring[0]]
    for lon, lat in ring[1:]:
        out.append((short_way(out[-1][0], lon), lat))
    return out


def _clip(ring: Ring, box: Box) -> Ring:
    """Sutherland–Hodgman: ``ring`` cut to ``box``, one side at a time (a closed ring in and out)."""
    west, south, east, north = box
    points = ring
    for axis, limit, keep_above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        if not points:
            break
        points = _clip_side(points, axis, limit, keep_above)
    return points


def _clip_side(points: Ring, axis: int, limit: float, keep_above: bool) -> Ring:
    def inside(p: tuple[float, float]) -> bool:
        return p[axis] >= limit if keep_above else p[axis] <= limit

    cross = _cross_x if axis == 0 else _cross_y
    kept: Ring = []
    for a, b in zip(points[-1:] + points[:-1], points, strict=True):
        if inside(b):
            if not inside(a):
                kept.append(cross(a, b, limit))
            kept.append(b)
        elif inside(a):
            kept.append(cross(a, b, limit))
    return kept


def _cross_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _cross_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def _simplify(ring: Ring, tolerance: float) -> list[int]:
    """The ring thinned to a point every ``tolerance`` degrees, as hundredths of a degree, each point
    after the first given as its step from the one before: ``[lon, lat, dlon, dlat, ...]``.

    Small integers are what makes the outlines of a whole region fit in tens of kilobytes.
    """
    flat: list[int] = []
    last: tuple[int, int] | None = None
    for lon, lat in ring:
        point = (round(lon * 100), round(lat * 100))
        if last is None:
            flat += point
        elif abs(point[0] - last[0]) + abs(point[1] - last[1]) >= tolerance * 100:
            flat += [point[0] - last[0], point[1] - last[1]]
        else:
            continue
        last = point
    return flat if len(flat) >= 6 else []


def outlines(box: Box) -> list[list[int]]:
    """Country outlines around ``box`` (west, south, east, north; longitudes may pass ±180 for a tour
    across the antimeridian), each ring clipped, simplified and encoded by :func:`_simplify`."""
    west, south, east, north = box
    span = max(east - west, north - south, 1.0)
    margin = max(span * 0.6, 4.0)
    view = (west - margin, max(south - margin, -89.9), east + margin, min(north + margin, 89.9))
    tolerance = span / DETAIL
    out = []
    for ring, (r_west, r_south, r_east, r_north) in _rings("50m" if span < FINE_SPAN else "110m"):
        too_small = max(r_east - r_west, r_north - r_south) < 2 * tolerance  # an islet: a dot at best
        if too_small or r_north < view[1] or r_south > view[3]:
            continue
        # Only the copies of the world the view shows: one for most tours, two or three for a tour drawn
        # past ±180° (a Pacific tour, a tour around the world), each cut to the view.
        for k in range(math.ceil((view[0] - r_east) / 360), math.floor((view[2] - r_west) / 360) + 1):
            turn = 360.0 * k
            moved = [(lon + turn, lat) for lon, lat in ring]
            if flat := _simplify(_clip(moved, view), tolerance):
                out.append(flat)
    return out
