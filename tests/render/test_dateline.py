"""Tours across the date line, by structure (tests/data/dateline*.yaml and pacific.yaml: test data, not real
events): every surface draws each stop, the legs that meet it and the land under it on one copy of the
world. Each leg goes the short way and ends on its stops as drawn, in the app's payload, the exported
page, the page the image for print photographs, the story file and a long tour's canvas route; the
GeoJSON keeps RFC 7946's longitudes. In a browser: tests/browser/test_dateline_browser.py."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest

from dashboard.render import exports, prints
from dashboard.render.basemap import outlines
from dashboard.render.map_data import MANY_STOPS, payload
from dashboard.render.schema import member_prefix
from dashboard.render.story import story_html
from dashboard.tourfile.load import load_tour
from dashboard.tourfile.model import Place, Tour
from dashboard.views.derive import legs
from tests.conftest import DATA

TOURS = [
    "dateline.yaml",
    "dateline-trips.yaml",
    "pacific.yaml",
    "two-trips.yaml",
    "kast",
]  # kast: the embedded tour
ACROSS = ["dateline.yaml", "dateline-trips.yaml"]  # no cut of the map keeps every leg short
STORY_PREFIX = member_prefix("storyData")


def approx(point: list[float]) -> Any:
    """A point to a billionth of a degree: where a line ends is where its stop is drawn."""
    return pytest.approx(point, rel=0, abs=1e-9)


def _tour(name: str) -> Tour:
    return load_tour(None if name == "kast" else DATA / name)


def _map_data(page: str) -> dict[str, Any]:
    """The payload a route map page draws (the exported page, the page printed), as the browser reads it."""
    match = re.search(r"var data = (\{.*?\});\n", page)
    assert match, "the map's data payload is missing"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def _story_data(page: str) -> dict[str, Any]:
    start = page.index(STORY_PREFIX) + len(STORY_PREFIX)
    return json.loads(page[start : page.index(";</script>", start)])  # type: ignore[no-any-return]


SURFACES = {
    "payload": lambda tour: payload(tour, "en"),
    "exported page": lambda tour: _map_data(exports.map_html(tour)),
    "printed page": lambda tour: _map_data(prints.print_page(tour, "en")),
}


def _drawn(data: dict[str, Any]) -> dict[str, list[float]]:
    return {pid: [lat, lng] for pid, lat, lng in zip(data["ids"], data["lat"], data["lng"], strict=True)}


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("name", TOURS)
def test_every_leg_ends_on_its_stops_as_drawn_and_goes_the_short_way(name: str, surface: str):
    tour = _tour(name)
    data = SURFACES[surface](tour)
    at = _drawn(data)
    expected = [(leg.start.id, leg.end.id) for leg in legs(tour)]
    assert [(data["ids"][a], data["ids"][b]) for a, b in (leg["s"] for leg in data["legs"])] == expected
    for leg in data["legs"]:
        start, end = (data["ids"][i] for i in leg["s"])
        assert (leg["a"], leg["b"]) == (approx(at[start]), approx(at[end])), (start, end)
        assert abs(leg["b"][1] - leg["a"][1]) <= 180, (start, end)
    for pair in data["pairs"]:
        assert approx(pair["a"]) in at.values() and approx(pair["b"]) in at.values()
        assert abs(pair["b"][1] - pair["a"][1]) <= 180


def test_around_the_world_the_stops_are_shifted_not_only_the_line():
    data = payload(_tour("dateline.yaml"), "en")
    at = _drawn(data)
    # Ottawa (the origin) is drawn a turn east, past 180°: the leg to Tokyo crosses the Pacific, and
    # Tokyo, Seoul, New Delhi and Brussels keep their own values; Anadyr (discussed) sits near Tokyo.
    assert at["ottawa"] == [45.4215, -75.6972 + 360]
    assert [at[p][1] for p in ("tokyo", "seoul", "new-delhi", "brussels")] == [
        139.6503,
        126.978,
        77.209,
        4.3517,
    ]
    assert at["anadyr"][1] == 177.4968


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Even-odd rule: is ``point`` (longitude, latitude) inside ``ring``?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _rings(land: list[list[int]]) -> list[list[tuple[float, float]]]:
    """The packed outlines decoded as assets/land_rings.js decodes them."""
    out = []
    for flat in land:
        lon, lat = flat[0], flat[1]
        ring = [(lon / 100, lat / 100)]
        for k in range(2, len(flat), 2):
            lon, lat = lon + flat[k], lat + flat[k + 1]
            ring.append((lon / 100, lat / 100))
        out.append(ring)
    return out


@pytest.mark.parametrize("name", ACROSS)
def test_land_is_drawn_under_every_stop_on_the_copy_of_the_world_it_is_drawn_on(name: str):
    tour = _tour(name)
    for data in (payload(tour, "en"), _story_data(story_html(tour, "en"))):
        rings = _rings(data["land"])
        stops = _drawn(data) if "ids" in data else {s["id"]: s["at"] for s in data["stops"]}
        # Every stop of these tours is a capital city on a continent: on land, wherever it is drawn.
        off_land = [
            pid for pid, (lat, lng) in stops.items() if not any(_inside((lng, lat), r) for r in rings)
        ]
        assert off_land == []


@pytest.mark.parametrize("name", TOURS)
def test_the_story_draws_each_route_through_its_stops_as_drawn(name: str):
    tour = _tour(name)
    data = _story_data(story_html(tour, "en"))
    drawn = [s["at"] for s in data["stops"]] + ([data["origin"]["at"]] if data["origin"] else [])
    assert {tuple(s["at"]) for s in data["steps"] if s["at"]} <= {tuple(p) for p in drawn}
    for route in data["routes"]:
        assert all(approx(point) in drawn for point in route["points"]), route["points"]
        assert all(abs(b[1] - a[1]) <= 180 for a, b in itertools.pairwise(route["points"]))
    (south, west), (north, east) = data["bounds"]
    assert all(west <= lng <= east and south <= lat <= north for lat, lng in drawn)


def _long_dateline_tour() -> Tour:
    """The date-line tour with enough discussed places (on Japan's coast) to be drawn on canvas."""
    tour = _tour("dateline.yaml")
    base = next(p for p in tour.places if p.id == "anadyr")
    extra: list[Place] = [
        base.model_copy(
            update={"id": f"p{i}", "name": f"Place {i}", "latitude": 30 + i / 100, "longitude": 135.0}
        )
        for i in range(MANY_STOPS)
    ]
    return tour.model_copy(update={"places": [*tour.places, *extra]})


def test_a_long_tours_canvas_route_goes_the_short_way_through_its_stops():
    data = payload(_long_dateline_tour(), "en")
    assert data["many"] is True
    for line in data["route"]:
        lngs = [data["lng"][i] for i in line]
        assert all(abs(b - a) <= 180 for a, b in itertools.pairwise(lngs)), lngs


def test_geojson_keeps_longitudes_within_180_and_cuts_the_pacific_leg():
    tour = _tour("dateline.yaml")
    features = json.loads(exports.geojson_text(tour))["features"]
    points = {
        f["properties"]["id"]: f["geometry"]["coordinates"]
        for f in features
        if f["geometry"]["type"] == "Point"
    }
    lines = [f for f in features if f["properties"].get("kind") == "leg"]
    assert len(lines) == 4
    for line in lines:
        geometry = line["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
        # Each leg starts and ends on its places' own coordinates, every longitude within ±180.
        assert (
            parts[0][0] == points[line["properties"]["from"]]
            and parts[-1][-1] == points[line["properties"]["to"]]
        )
        assert all(-180 <= lon <= 180 for part in parts for lon, _ in part)
    pacific = next(f for f in lines if f["properties"]["from"] == "ottawa")
    assert pacific["geometry"]["type"] == "MultiLineString"  # Ottawa -> Tokyo, cut at 180°


@pytest.mark.parametrize("turns", [-2, -1, 0, 1, 2])
def test_land_is_drawn_on_whichever_copy_of_the_world_a_tour_reaches(turns: int):
    # Nevada and Utah, on the copy a tour that goes around the world twice may reach (their own at 0).
    box = (-118 + 360 * turns, 37.0, -112 + 360 * turns, 41.0)
    rings = _rings(outlines(box))
    middle = (-115 + 360 * turns, 39.0)
    assert any(_inside(middle, ring) for ring in rings)
    assert all(box[0] - 360 < lon < box[2] + 360 for ring in rings for lon, _ in ring)  # no copy but that one


@pytest.mark.parametrize("name", ACROSS)
def test_a_click_on_a_stop_drawn_a_turn_away_finds_it_in_the_app(name: str):
    from dashboard.ui.pages.map import _clicked_place  # the point st_folium reports is the marker's own

    tour = _tour(name)
    data = payload(tour, "en")
    assert any(abs(lng) > 180 for lng in data["lng"])  # some stop is drawn past ±180°
    found = [
        _clicked_place(tour, {"lat": lat, "lng": lng})
        for lat, lng in zip(data["lat"], data["lng"], strict=True)
    ]
    assert found == data["ids"]
