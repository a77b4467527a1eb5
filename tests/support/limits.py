"""A valid tour at the validator's own limits: the poles, the antimeridian, one spot twice, the first
and last days a tour may hold, and a stay spanning them."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.tourfile.model import FIRST_DAY, LAST_DAY

FIRST, LAST = FIRST_DAY.isoformat(), LAST_DAY.isoformat()


def _place(pid: str, lat: float, lon: float, role: str = "visit") -> dict[str, object]:
    return {"id": pid, "name": pid.title(), "country": "FJ", "role": role, "latitude": lat, "longitude": lon}


def _visit(pid: str, order: int, **date: str) -> dict[str, object]:
    return {"place": pid, "order": order, "dates": [{**date, "sources": ["s1"]}], "sources": ["s1"]}


LIMITS: dict[str, object] = {
    "id": "limits",
    "title": {"en": "At the limits"},
    "subject": "Someone",
    "sources": [{"id": "s1", "language": "en", "published": FIRST}],
    "places": [
        _place("south-pole", -90, -180, "origin"),
        _place("north-pole", 90, 180),
        _place("east", -17.7, 179.9),  # east -> west crosses the antimeridian
        _place("west", -17.7, -179.9),
        _place("twin", -17.7, -179.9),  # the same spot as "west"
    ],
    "visits": [
        _visit("north-pole", 1, start=FIRST),
        _visit("east", 2, start=FIRST, end=LAST),  # a stay of two centuries
        _visit("west", 3, start="2100-12-01", end=LAST, precision="month", kind="announced"),
        _visit("twin", 4, start=LAST),
    ],
    "events": [
        {"id": "first", "label": {"en": "First day"}, "date": FIRST, "sources": ["s1"]},
        {"id": "last", "label": {"en": "Last day"}, "date": LAST, "sources": ["s1"]},
    ],
    "topics": [{"id": "t", "label": {"en": "A topic"}}],
    "claims": [
        {
            "id": "c1",
            "place": "twin",
            "topics": ["t"],
            "text": {"en": "Said"},
            "date": LAST,
            "sources": ["s1"],
        }
    ],
    "proposals": [
        {
            "id": "p1",
            "title": {"en": "A plan"},
            "proposer": "Someone",
            "description": {"en": "Do it"},
            "history": [
                {"country": "FJ", "status": "proposed", "date": FIRST, "visit": "east", "sources": ["s1"]}
            ],
            "sources": ["s1"],
        }
    ],
}


def write_limits(path: Path) -> Path:
    path.write_text(json.dumps(LIMITS), encoding="utf-8")
    return path
