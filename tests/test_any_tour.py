"""A tour nobody here wrote (tests/data/two-trips.yaml: test data, not real events) is drawn right:
two separate trips over three continents, close stops, a leg across the antimeridian, sources in
French and German with links, and people given as plain names."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard.render import exports, schema
from dashboard.render.map_data import payload
from dashboard.tourfile.load import load_tour
from dashboard.tourfile.model import Tour
from dashboard.views.derive import legs
from dashboard.views.figures import key_figures
from dashboard.views.filters import ViewState
from dashboard.views.tables import stops_frame
from tests.conftest import DATA

TWO_TRIPS = DATA / "two-trips.yaml"


@pytest.fixture(scope="module")
def two() -> Tour:
    return load_tour(TWO_TRIPS)


def test_no_leg_joins_the_two_trips_and_each_starts_from_home(two: Tour):
    pairs = [(leg.start.id, leg.end.id, leg.trip) for leg in legs(two)]
    assert ("berlin", "tokyo", 2) not in pairs and all(b != "tokyo" or a == "madrid" for a, b, _ in pairs)
    assert next(p[:2] for p in pairs if p[2] == 2) == ("madrid", "tokyo")


def test_kilometres_and_days_count_only_what_was_travelled(two: Tour):
    figures = key_figures(two)
    assert figures["days"] == 5 + 8  # 2-6 March, then 20-27 March; not the two weeks at home
    travelled = sum(leg.km for leg in legs(two))
    assert figures["km"] == round(travelled)
    assert 22_000 < figures["km"] < 25_000  # Berlin -> Tokyo (~8,900 km) is not among them


def test_the_itinerary_shows_the_trips_apart(two: Tour):
    frame = stops_frame(two, ViewState())
    trips = dict(zip(frame["Place"], frame["Trip"], strict=True))
    assert trips["Berlin"] == "Trip 1" and trips["Tokyo"] == "Trip 2" and trips["Madrid"] == ""


def test_the_map_goes_the_short_way_across_the_antimeridian(two: Tour):
    data = payload(two, "en")
    suva, apia = (data["ids"].index(pid) for pid in ("suva", "apia"))
    assert abs(data["lng"][suva] - data["lng"][apia]) < 20  # not 350° the other way round
    leg = next(leg for leg in data["legs"] if leg["a"][1] == pytest.approx(data["lng"][suva]))
    assert abs(leg["b"][1] - leg["a"][1]) < 20
    assert {row["trip"] for row in data["legs"]} == {0, 1}


def test_geojson_cuts_the_pacific_leg_at_the_antimeridian(two: Tour):
    features = json.loads(exports.geojson_text(two))["features"]
    pacific = next(f for f in features if f["properties"].get("from") == "suva")
    assert pacific["geometry"]["type"] == "MultiLineString"
    first, second = pacific["geometry"]["coordinates"]
    assert first[-1][0] == 180 and second[0][0] == -180 and first[-1][1] == second[0][1]
    assert {f["properties"]["trip"] for f in features if f["properties"].get("kind") == "leg"} == {1, 2}


def test_popups_and_the_exported_key_give_titles_outlets_and_links(two: Tour):
    data = payload(two, "en", key=True)
    french = data["sources"]["fr1"]
    assert (
        '<a href="https://example.org/fr/tournee?id=1&amp;lang=fr" target="_blank" rel="noopener noreferrer">'
        in french
    )
    # Named as every view names a source: outlet and title, the link on them.
    assert "Le Quotidien d&#x27;exemple: La ministre entame sa tournée européenne</a> · French" in french
    assert "archived copy</a>" in data["sources"]["de1"] and data["key"] is True
    paris = schema.named("point", json.loads(data["texts"])[data["ids"].index("paris")])
    assert paris["sources"] == ["fr1"]  # the popup's sources row is made from this table


def test_people_given_as_plain_names_are_shown(two: Tour):
    frame = stops_frame(two, ViewState())
    assert dict(zip(frame["Place"], frame["Counterparts"], strict=True))["Paris"] == "Mayor Anne Exemple"


def test_the_sources_csv_gives_every_field():
    rows = list(csv.DictReader(io.StringIO(exports.sources_csv(load_tour(TWO_TRIPS)))))
    assert list(rows[0]) == exports.SOURCE_COLUMNS
    assert [(r["source_id"], r["language"], r["author"]) for r in rows] == [
        ("fr1", "fr", "Claire Martin"),
        ("de1", "de", ""),
        ("en1", "en", ""),
    ]
    assert rows[1]["archived_url"].startswith("https://web.archive.org/")
    assert rows[0]["accessed"] == "2026-03-05"


def test_the_kast_exports_keep_their_stable_columns(kast: Tour):
    assert exports.claims_csv(kast).splitlines()[0] == ",".join(exports.CLAIM_COLUMNS)
    assert exports.CLAIM_COLUMNS == ["claim_id", "place_id", "topics", "speaker", "text", "quote", "sources"]
    assert exports.PROPOSAL_COLUMNS == [
        "proposal_id",
        "proposal",
        "country",
        "status",
        "date",
        "sources",
        "note",
    ]
