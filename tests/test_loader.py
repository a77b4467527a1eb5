"""Loading and validating tour files: every bad file gets one error naming field and value."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dashboard.errors import TourError
from dashboard.loader import MAX_BYTES, load_text, load_tour
from tests.conftest import MINI_YAML

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = data
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = data
        for part in parents:
            node = node[part]
        del node[last]

    return mutate


def _load(data: dict[str, Any]) -> None:
    load_text(json.dumps(data, default=str), "tour.json")


@pytest.mark.parametrize(
    ("mutation", "field", "shown"),
    [
        (_delete("id"), "id", "required"),
        (_delete("places.1.country"), "places[1].country", "required"),
        (_set("places.1.latitude", 91.5), "places[1].latitude", "91.5"),
        (_set("places.1.longitude", -181), "places[1].longitude", "-181"),
        (_set("places.1.latitude", "north"), "places[1].latitude", "'north'"),
        (_set("places.1.country", "Peru"), "places[1].country", "'Peru'"),
        (_set("places.1.role", "stopover"), "places[1].role", "'stopover'"),
        (_set("visits.0.order", "first"), "visits[0].order", "'first'"),
        (_set("visits.0.dates.0.start", "2026-02-30"), "visits[0].dates[0].start", "'2026-02-30'"),
        (_set("visits.0.dates.0.start", "7 January"), "visits[0].dates[0].start", "'7 January'"),
        (_set("visits.0.dates.0.end", "2026-01-01"), "visits[0].dates[0]", "before start"),
        (_set("visits.0.place", "paris"), "visits[0].place", "'paris'"),
        (_set("visits.0.sources", ["s9"]), "visits[0].sources[0]", "'s9'"),
        (_set("claims.0.topics", ["weather"]), "claims[0].topics[0]", "'weather'"),
        (_set("claims.0.sources", []), "claims[0].sources", "at least 1"),
        (_set("claims.1.mentions", ["arica"]), "claims[1].mentions[0]", "'arica'"),
        (_set("claims.0.proposals", ["p9"]), "claims[0].proposals[0]", "'p9'"),
        (_set("proposals.0.history.0.status", "approved"), "proposals[0].history[0].status", "'approved'"),
        (_set("proposals.0.history.0.visit", "paris"), "proposals[0].history[0].visit", "'paris'"),
        (_set("places.2.id", "lima"), "places", "'lima'"),
        (_set("sources.0.language", "fr"), "sources[0].language", "'fr'"),
        (_set("sources.0.published", "yesterday"), "sources[0].published", "'yesterday'"),
        (_set("places.1.colour", "red"), "places[1].colour", "unknown field"),
        (_set("discrepancies.0.variants", []), "discrepancies[0].variants", "at least 2"),
        (_set("visits.1.place", "tacna"), "visits[1].place", "'tacna'"),
        (_set("places", "Lima"), "places", "'Lima'"),
    ],
)
def test_bad_field_is_named_with_its_value(
    mini_data: dict[str, Any], mutation: Mutation, field: str, shown: str
):
    mutation(mini_data)
    with pytest.raises(TourError) as caught:
        _load(mini_data)
    message = str(caught.value)
    assert message.startswith("tour.json: ")
    line = next((ln for ln in message.splitlines() if ln.strip().startswith(f"- {field}")), None)
    assert line is not None, message
    assert shown in line, message


def test_every_problem_is_listed_at_once(mini_data: dict[str, Any]):
    mini_data["places"][1]["latitude"] = 100
    mini_data["places"][2]["longitude"] = 200
    del mini_data["subject"]
    with pytest.raises(TourError) as caught:
        _load(mini_data)
    assert len(caught.value.problems) == 3
    assert "3 problems" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("id: [unclosed", "not valid YAML"),
        ('{"id": "x",', "not valid JSON"),
        ("- just\n- a list\n", "expected a mapping of tour fields"),
        ("just a string", "expected a mapping of tour fields"),
        ("a: &x [1]\nb: *x\n", "aliases"),
        ("id: one\nid: two\n", "duplicate"),
        ('{"id": "a", "id": "b"}', "duplicate key 'id'"),
        ('{"id": NaN}', "NaN is not a number"),
        ("[" * 200 + "]" * 200, "nesting"),
    ],
)
def test_unreadable_text_is_refused_clearly(text: str, expected: str):
    with pytest.raises(TourError) as caught:
        load_text(text, "upload.yaml")
    assert str(caught.value).startswith("upload.yaml: 1 problem:")
    assert expected in str(caught.value)


def test_missing_file_is_named(tmp_path: Path):
    with pytest.raises(TourError, match=r"nope.yaml: 1 problem:\n  - \(top level\): no such file"):
        load_tour(tmp_path / "nope.yaml")


def test_binary_and_oversized_files_are_refused(tmp_path: Path):
    binary = tmp_path / "image.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(TourError, match="not UTF-8"):
        load_tour(binary)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(TourError, match="the limit is"):
        load_tour(huge)


def test_yaml_and_json_load_the_same_tour(tmp_path: Path, mini_tour):
    as_json = tmp_path / "mini.json"
    as_json.write_text(json.dumps(yaml.safe_load(MINI_YAML), default=str), encoding="utf-8")
    assert load_tour(as_json) == mini_tour


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_byte_order_mark_is_not_content(tmp_path: Path, mini_tour, suffix: str):
    # Windows Notepad saves UTF-8 with a BOM; the file is still the same tour.
    text = MINI_YAML if suffix == ".yaml" else json.dumps(yaml.safe_load(MINI_YAML), default=str)
    path = tmp_path / f"mini{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load_tour(path) == mini_tour
    assert load_text("\ufeff" + text, "mini", suffix[1:]) == mini_tour


def test_dates_are_typed_and_best_date_prefers_actual(mini_tour):
    quito = next(v for v in mini_tour.visits if v.place == "quito")
    assert quito.best_date().start.isoformat() == "2026-01-11"
    assert quito.best_date().kind == "actual"


def test_coordinates_must_come_in_pairs(mini_data: dict[str, Any]):
    del mini_data["places"][1]["longitude"]
    with pytest.raises(TourError, match=r"places\[1\]: give both latitude and longitude"):
        _load(mini_data)


def test_places_without_coordinates_are_valid(mini_data: dict[str, Any]):
    del mini_data["places"][1]["longitude"], mini_data["places"][1]["latitude"]
    _load(mini_data)  # geocoding fills them in later
