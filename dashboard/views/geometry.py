"""Longitudes for a map that reads anywhere: tours that cross the antimeridian draw the short way.

Leaflet draws a longitude of 190 just east of 180, on the next copy of the world. Shifting each
place by a whole turn (±360°) so that the tour's places sit together, around the middle of the
widest empty band of longitudes, keeps a Pacific tour in one piece (:func:`together`). A tour that
leaves no empty band wider than 180° (around the world, or one trip east and one west) cannot be cut
anywhere without some leg running the long way round: :func:`along` then moves the places themselves
along the legs, so that each leg goes the short way *and* ends on its places as they are drawn.
"""

from __future__ import annotations

import itertools
from collections import deque
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


def along(longitudes: Sequence[float], links: Sequence[tuple[int, int]]) -> list[float]:
    """``longitudes`` moved by whole turns so that each link (two indices: a leg, a border pair)
    joins its two places the short way, as they are drawn: no line needs a copy of its end.

    Starts from :func:`together`; then, from each linked place not reached yet, in the order given
    (the origin first), walks the links and puts each place it reaches within 180° of the one it came
    from. A place no link reaches then sits within 180° of the middle of those placed before it.
    Only a loop of links around the whole world (a place visited twice) can leave a link longer than
    180°, which still ends on its places. The group is then centred as near 0° as it can be. A tour
    that leaves an empty band of longitudes wider than 180° (most tours) keeps the values
    :func:`together` gives, exactly.
    """
    # Whole turns per place, counted from the value as given: a place that needs none keeps it exactly.
    turns = [round((moved - lon) / 360) for moved, lon in zip(together(longitudes), longitudes, strict=True)]

    def at(i: int, k: int) -> float:
        return longitudes[i] + 360 * k if k else longitudes[i]

    drawn = [at(i, k) for i, k in enumerate(turns)]
    near: list[list[int]] = [[] for _ in longitudes]
    for a, b in links:
        near[a].append(b)
        near[b].append(a)
    placed = [False] * len(longitudes)
    low, high = float("inf"), float("-inf")
    # The places the links join first (in the order given), then the others, each near the middle.
    roots = [i for i, n in enumerate(near) if n] + [i for i, n in enumerate(near) if not n]
    for root in roots:
        if placed[root]:
            continue
        placed[root] = True
        if low <= high and abs(drawn[root] - (low + high) / 2) > 180:
            turns[root] = round((short_way((low + high) / 2, drawn[root]) - longitudes[root]) / 360)
            drawn[root] = at(root, turns[root])
        queue = deque([root])
        while queue:
            i = queue.popleft()
            here = drawn[i]
            low, high = min(low, here), max(high, here)
            for j in near[i]:
                if placed[j]:
                    continue
                placed[j] = True
                queue.append(j)
                if abs(drawn[j] - here) > 180:  # the long way round: move it by the turns that make it short
                    turns[j] = round((short_way(here, drawn[j]) - longitudes[j]) / 360)
                    drawn[j] = at(j, turns[j])
    centre = round((low + high) / 2 / 360) if longitudes else 0
    return drawn if not centre else [at(i, k - centre) for i, k in enumerate(turns)]


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
