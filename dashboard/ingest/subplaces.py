"""Places that belong to a bigger city's visit: an airport town outside a capital, a residence a few
dozen kilometres away. A place an article says was visited, within :data:`NEAR_KM` of a bigger
visited city of the same country (the gazetteer's population), is that city's visit, with the
smaller place as its venue; it stays on the map as a place discussed."""

from __future__ import annotations

import math
from dataclasses import replace

from dashboard.geo.gazetteer import lookup
from dashboard.ingest.places import PlaceMention
from dashboard.ingest.reading import Reading

NEAR_KM = 60  # an airport or a residence outside town: farther is a stop of its own


def _km(a: PlaceMention, b: PlaceMention) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _people(place: PlaceMention) -> int:
    hit = lookup(place.name, place.country)
    return hit.population if hit else 0


def join_sub_places(readings: list[Reading]) -> list[Reading]:
    """The readings with each visit to a sub-place moved to the bigger city's visit (its venue and
    a flag say so)."""
    visited = {(s.place.country, s.place.name): s.place for r in readings for s in r.visits}
    bigger: dict[tuple[str, str], PlaceMention] = {}
    for key, place in visited.items():
        near = [
            other for other in visited.values()
            if other.country == place.country and other.name != place.name and _km(place, other) <= NEAR_KM
            and _people(other) > _people(place)
        ]  # fmt: skip
        if near:
            bigger[key] = max(near, key=_people)
    if not bigger:
        return readings
    out = []
    for reading in readings:
        moved = []
        for sighting in reading.visits:
            city = bigger.get((sighting.place.country, sighting.place.name))
            if city is None:
                moved.append(sighting)
                continue
            note = f"at {sighting.place.name}, {_km(sighting.place, city):.0f} km from {city.name}: its venue"
            flag = "; ".join(f for f in (sighting.flag, note) if f)[:300]
            place = replace(city, start=sighting.place.start)
            moved.append(replace(sighting, place=place, venue=sighting.place.name, flag=flag))
        out.append(replace(reading, visits=moved))
    return out
