"""Longitudes for a map that reads anywhere: tours that cross the antimeridian draw the short way.

Leaflet draws a longitude of 190 just east of 180, on the next copy of the world. Shifting each
place by a whole turn (±360°) so that the tour's places sit together, around the middle of the
widest empty band of longitudes, keeps a Pacific tour in one piece; a leg between two places
more than 180° apart is then drawn to the nearer copy of its end.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence


def seam(longitudes: Sequence[float]) -> float:
    """The longitude where the map is cut: the middle of the widest gap between the places."""
    if not longitudes:
        return 180.0
    ordered = sorted(((lon + 180) % 360) - 180 for lon in longitudes)
    gaps = [(b - a, a) for a, b in itertools.pairwise(ordered)]
    gaps.append((ordered[0] + 360 - ordered[-1], ordered[-1]))  # the gap that wraps around
    width, start = max(gaps)
    return ((start + width / 2 + 180) % 360) - 180


def together(longitudes: Sequence[float]) -> list[float]:
    """``longitudes`` moved by whole turns so that they sit together (no gap wider than the widest
    empty band), the group centred as near 0° as it can be: most tours keep their own values."""
    if not longitudes:
        return []
    cut = seam(longitudes)
    moved = [cut + (lon - cut) % 360 for lon in longitudes]
    centre = round((min(moved) + max(moved)) / 2 / 360)
    # Whole turns added to each value as given: a place that needs no turn keeps its exact value.
    turns = [round((m - lon) / 360) - centre for m, lon in zip(moved, longitudes, strict=True)]
    return [lon + 360 * k if k else lon for lon, k in zip(longitudes, turns, strict=True)]


def short_way(start: float, end: float) -> float:
    """``end`` moved by whole turns to within 180° of ``start``: a leg then goes the short way."""
    return start + ((end - start + 180) % 360) - 180


def split_at_antimeridian(a: tuple[float, float], b: tuple[float, float]) -> list[list[tuple[float, float]]]:
    """A leg a -> b (longitude, latitude, each in [-180, 180]) as one or two lines that go the short
    way and never cross ±180°, as RFC 7946 asks of GeoJSON."""
    (lon_a, lat_a), (lon_b, lat_b) = a, b
    end = short_way(lon_a, lon_b)
    if -180 <= end <= 180:
        return [[a, b]]
    edge = 180.0 if end > 180 else -180.0
    lat = lat_a + (lat_b - lat_a) * (edge - lon_a) / (end - lon_a)
    return [[a, (edge, lat)], [(-edge, lat), b]]
