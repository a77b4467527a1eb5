"""GeoJSON and CSV exports: valid, stable columns, formulas neutralised."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard.render import exports
from dashboard.tourfile.model import Tour


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_geojson_is_an_rfc7946_feature_collection(mini_tour: Tour):
    data = json.loads(exports.geojson_text(mini_tour))
    assert data["type"] == "FeatureCollection"
    points = [f for f in data["features"] if f["geometry"]["type"] == "Point"]
    lines = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    assert [p["properties"]["id"] for p in points] == ["home", "lima", "quito", "tacna"]
    lima = points[1]
    assert lima["geometry"]["coordinates"] == [-77.04, -12.05]  # longitude first
    assert lima["properties"] == {
        "id": "lima",
        "name": "Lima",
        "country": "PE",
        "role": "visit",
        "order": 1,
        "start_date": "2026-01-07",
        "end_date": "2026-01-07",
        "counterparts": ["José Jerí"],
        "topics": ["security", "border"],
        "sources": ["s1"],
    }
    assert points[0]["properties"]["order"] is None
    assert [(ln["properties"]["from"], ln["properties"]["to"]) for ln in lines] == [
        ("home", "lima"),
        ("lima", "quito"),
    ]


def test_geojson_skips_places_without_coordinates(mini_tour: Tour):
    places = [
        p.model_copy(update={"latitude": None, "longitude": None}) if p.id == "quito" else p
        for p in mini_tour.places
    ]
    tour = mini_tour.model_copy(update={"places": places})
    ids = [f["properties"].get("id") for f in exports.geojson(tour)["features"]]
    assert "quito" not in ids


def test_proposals_csv_has_a_row_per_status_change(mini_tour: Tour):
    text = exports.proposals_csv(mini_tour)
    assert text.splitlines()[0] == "proposal_id,proposal,country,status,date,sources,note"
    rows = _rows(text)
    assert [(r["country"], r["status"], r["date"]) for r in rows] == [
        ("PE", "proposed", "2026-01-07"),
        ("PE", "rejected", ""),
    ]
    assert rows[1]["note"] == "Said no"


def test_claims_csv_columns_and_quotes(mini_tour: Tour):
    text = exports.claims_csv(mini_tour)
    assert text.splitlines()[0] == "claim_id,place_id,topics,speaker,text,quote,sources"
    rows = _rows(text)
    assert rows[0]["quote"] == ""
    assert rows[1]["topics"] == "border;security"
    # A quote that is a spreadsheet formula is neutralised, not executed.
    assert rows[1]["quote"] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33", "'+33"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("plain", "plain"),
        ("", ""),
        (" =1+1", "' =1+1"),  # a leading space, a no-break space, a line break: still a formula
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\tplain", "'\tplain"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("a = b", "a = b"),  # a sign inside the text is no formula
        ("-", "'-"),
    ],
)
def test_safe_cell(cell: str, expected: str):
    assert exports.safe_cell(cell) == expected


def test_control_characters_never_reach_csv_bytes():
    text = exports.table_csv(["a"], [["x\x1b]0;title\x07y\x00z\x9b"]])
    assert not any(ch in text for ch in "\x1b\x07\x00\x9b")
    assert "x\ufffd]0;title\ufffdy\ufffdz\ufffd" in text
