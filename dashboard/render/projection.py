"""Where the maps draw things: each place's position, a leg's screen angle, and the boxes a view is
fitted to.

Longitudes are shifted by whole turns so that the tour's places sit together (a Pacific tour is
not split at ±180°) and every leg goes the short way from one drawn place to another (a tour around
the world is drawn on one strip of the map, past ±180°), see :mod:`dashboard.views.geometry`. Every
map (the app's, the exported page, the story file, the image for print) draws from these positions,
so a stop and the legs that meet it are always on the same copy of the world. Angles are measured on
Web Mercator, which ends at ±85.0511° as Leaflet's map does.
"""

from __future__ import annotations

import math
from itertools import pairwise

from dashboard.tourfile.model import Tour
from dashboard.views.derive import routes
from dashboard.views.geometry import along, together

MAX_LATITUDE = 85.0511287798  # where Web Mercator (and Leaflet's map) ends

Box = tuple[float, float, float, float]  # west, south, east, north
LatLng = list[float]  # [latitude, longitude], as Leaflet takes a point


def _mercator_y(lat: float) -> float:
    # Web Mercator ends at ±85.0511° (Leaflet draws a pole there); at ±90 the tangent is infinite.
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Screen angle (degrees clockwise from east) of the leg a -> b on a Mercator map."""
    dy = _mercator_y(b[0]) - _mercator_y(a[0])
    dx = b[1] - a[1]
    return -math.degrees(math.atan2(dy, dx))


class Positions:
    """Where each place is drawn: its latitude, and its longitude moved by whole turns so that the
    tour's places sit together and each leg (and border pair) joins its places the short way
    (:func:`dashboard.views.geometry.along`)."""

    def __init__(self, tour: Tour) -> None:
        located = [p for p in tour.places if p.latitude is not None and p.longitude is not None]
        located = [p for p in located if p.role == "origin"] + [p for p in located if p.role != "origin"]
        given = [float(p.longitude or 0) for p in located]
        lons = together(given)
        if lons and max(lons) - min(lons) > 180:
            # No empty band of longitudes is wider than half the world: cut anywhere, some leg would
            # run the long way round. Move the places along the legs instead, from the origin.
            index = {p.id: i for i, p in enumerate(located)}
            # The legs (each trip's route through its located places, as views.derive.legs draws them)
            # and the border pairs.
            links = [
                (index[a.id], index[b.id])
                for _, route in routes(tour)
                for a, b in pairwise(p for p in route if p.id in index)
            ]
            links += [(index[p.id], index[p.paired_with]) for p in located if p.paired_with in index]
            lons = along(given, links)
        self.at = {p.id: (float(p.latitude or 0), lon) for p, lon in zip(located, lons, strict=True)}

    def leg(self, a: str, b: str) -> tuple[LatLng, LatLng]:
        """The ends of the line from place ``a`` to place ``b``: the two places where they are drawn
        (which :func:`~dashboard.views.geometry.along` chose so that the line goes the short way)."""
        return list(self.at[a]), list(self.at[b])

    def box(self) -> Box | None:
        """West, south, east and north of every place drawn; None when none has coordinates."""
        if not self.at:
            return None
        lats, lons = [a for a, _ in self.at.values()], [o for _, o in self.at.values()]
        return min(lons), min(lats), max(lons), max(lats)


def leaflet_bounds(box: Box | None) -> list[LatLng] | None:
    """A box as Leaflet fits a view to it: ``[[south, west], [north, east]]``."""
    return None if box is None else [[box[1], box[0]], [box[3], box[2]]]


def outline_bounds(land: list[list[int]]) -> list[LatLng] | None:
    """South-west and north-east corners of country outlines packed as
    :func:`dashboard.render.basemap.outlines` packs them (hundredths of a degree, steps after the first)."""
    lats: list[int] = []
    lons: list[int] = []
    for flat in land:
        lon, lat = flat[0], flat[1]
        lons.append(lon)
        lats.append(lat)
        for k in range(2, len(flat), 2):
            lon, lat = lon + flat[k], lat + flat[k + 1]
            lons.append(lon)
            lats.append(lat)
    if not lats:
        return None
    return [[min(lats) / 100, min(lons) / 100], [max(lats) / 100, max(lons) / 100]]
