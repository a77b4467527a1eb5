"""Loading and validating tour files: every bad file gets one error naming field and value."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import MAX_BYTES, load_text, load_tour
from tests.conftest import MINI_YAML, plain, plain_text

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
        (_set("sources.0.language", "xx"), "sources[0].language", "'xx'"),
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
    message = plain_text(caught.value)
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
    assert expected in plain_text(caught.value)


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
    with pytest.raises(TourError) as caught:
        _load(mini_data)
    assert "places[1]: give both latitude and longitude" in plain_text(caught.value)


def test_places_without_coordinates_are_valid(mini_data: dict[str, Any]):
    del mini_data["places"][1]["longitude"], mini_data["places"][1]["latitude"]
    _load(mini_data)  # geocoding fills them in later


# --- every problem at once: the schema's and the references' -------------------------------


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(TourError) as caught:
        _load(data)
    return plain(caught.value.problems)


@pytest.mark.parametrize(
    ("mutations", "expected"),
    [
        (
            [_set("places.1.latitude", 133.4), _set("claims.0.topics", ["weather"])],
            [
                "places[1].latitude: expected a number from -90 to 90 (got 133.4)",
                "claims[0].topics[0]: unknown topic",
            ],
        ),
        (
            [_set("visits.0.order", "one"), _set("visits.1.place", "paris"), _set("places.3.id", "lima")],
            [
                "visits[0].order: expected a whole number",
                "places: duplicate id",
                "visits[1].place: unknown place",
            ],
        ),
        (
            [_delete("subject"), _set("claims.1.proposals", ["p9"]), _set("proposals.0.sources", ["s9"])],
            [
                "subject: this field is required",
                "claims[1].proposals[0]: unknown proposal",
                "sources[0]: unknown source",
            ],
        ),
        (
            [
                _set("sources.0.language", "xx"),
                _set("places.0.role", "visit"),
                _set("visits.0.place", "tacna"),
            ],
            ["sources[0].language: expected an ISO 639-1", "visits[0].place: this place has role"],
        ),
    ],
)
def test_type_errors_and_broken_references_are_reported_together(
    mini_data: dict[str, Any], mutations: list[Mutation], expected: list[str]
):
    for mutate in mutations:
        mutate(mini_data)
    shown = "\n".join(_problems(mini_data))
    for part in expected:
        assert part in shown, shown


def test_schema_problems_come_first_in_a_stable_order(mini_data: dict[str, Any]):
    _set("claims.0.topics", ["weather"])(mini_data)
    _set("places.2.latitude", 100)(mini_data)
    _set("places.1.latitude", 100)(mini_data)
    first = _problems(mini_data)
    assert first == _problems(mini_data)
    assert [p.split(":")[0] for p in first] == [
        "places[1].latitude",
        "places[2].latitude",
        "claims[0].topics[0]",
    ]


@pytest.mark.parametrize(
    ("mutation", "path", "shown"),
    [
        (_set("visits.0.place", "Lima"), "visits[0].place", "expected an id"),  # not also "unknown place"
        (_set("claims.0.sources", ["S1"]), "claims[0].sources[0]", "expected an id"),
        (_set("places.1.paired_with", 5), "places[1].paired_with", "expected text"),
    ],
)
def test_a_field_the_schema_faults_is_not_faulted_again(
    mini_data: dict[str, Any], mutation: Mutation, path: str, shown: str
):
    mutation(mini_data)
    at_path = [p for p in _problems(mini_data) if p.startswith(f"{path}: ")]
    assert len(at_path) == 1 and shown in at_path[0], at_path


@pytest.mark.parametrize(
    "mutation",
    [
        _set("places.1.id", "Lima"),  # refused, so references to 'lima' cannot be judged
        _set("places.1.id", 7),
        _delete("places.1.id"),
        _set("places.1", "Lima"),
        _set("places", {"lima": {}}),
    ],
)
def test_a_broken_id_does_not_make_every_reference_unknown(mini_data: dict[str, Any], mutation: Mutation):
    mutation(mini_data)
    problems = _problems(mini_data)
    assert not [p for p in problems if "unknown place" in p], problems


@pytest.mark.parametrize(
    "mutation",
    [
        _set("visits", [5, None, "x", [], {"place": ["lima"]}]),
        _set("claims", {"c1": "x"}),
        _set("claims.0", {"place": {"a": 1}, "mentions": "lima", "topics": 3, "sources": [None, [1]]}),
        _set("sources", [{"id": ["s1"]}, "s1"]),
        _set("proposals.0.history", "rejected"),
        _set("proposals.0.history.0", [1, 2]),
        _set("discrepancies.0.variants", [None, {"sources": "s1"}]),
        _set("places.0", {"id": "home", "role": ["origin"], "paired_with": {"x": 1}}),
        _set("visits.0.order", [1]),
        _set("visits.1.order", True),
    ],
)
def test_reference_checks_survive_any_shape(mini_data: dict[str, Any], mutation: Mutation):
    mutation(mini_data)
    _set("proposals.0.topics", ["weather"])(mini_data)
    problems = _problems(mini_data)
    assert any(p.startswith("proposals[0].topics[0]: unknown topic id") for p in problems), problems


# --- places that fit their roles ----------------------------------------------------------


@pytest.mark.parametrize(
    ("mutation", "line"),
    [
        (
            _set("places.2.role", "origin"),
            "places[2].role: only one place can be the origin; 'home' (places[0]) already is (got 'origin')",
        ),
        (
            _set("visits.0.place", "home"),
            "visits[0].place: this place has role 'origin', but a visited place must have role 'visit'"
            " (got 'home')",
        ),
        (
            _set("visits.1.place", "tacna"),
            "visits[1].place: this place has role 'discussed', but a visited place must have role 'visit'"
            " (got 'tacna')",
        ),
        (
            _set("places.3.paired_with", "tacna"),
            "places[3].paired_with: a place cannot be paired with itself",
        ),
        (
            _set("places.3.paired_with", "arica"),
            "places[3].paired_with: unknown place id: no place has this id",
        ),
    ],
)
def test_places_must_fit_their_roles(mini_data: dict[str, Any], mutation: Mutation, line: str):
    mutation(mini_data)
    assert line in "\n".join(_problems(mini_data))


def test_a_pair_of_two_places_is_valid(mini_data: dict[str, Any]):
    mini_data["places"][3]["paired_with"] = "lima"
    mini_data["places"][1]["paired_with"] = "tacna"
    _load(mini_data)


# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ZZ", "UK", "XX", "EU", "AA"])
def test_unassigned_country_codes_are_refused(mini_data: dict[str, Any], code: str):
    mini_data["places"][1]["country"] = code
    (line,) = _problems(mini_data)
    assert line.startswith(
        "places[1].country: expected an officially assigned ISO 3166-1 alpha-2 country code"
    )
    assert f"(got {code!r})" in line


def test_kosovo_xk_is_accepted(mini_data: dict[str, Any]):
    mini_data["places"][1]["country"] = "XK"
    assert load_text(json.dumps(mini_data, default=str), "tour.json").places[1].country == "XK"


def test_a_claim_can_concern_countries(mini_data: dict[str, Any]):
    mini_data["claims"][0]["countries"] = ["PE", "VE"]
    mini_data["claims"][1]["countries"] = ["ZZ"]
    (line,) = _problems(mini_data)
    assert line.startswith("claims[1].countries[0]: expected an officially assigned")
    del mini_data["claims"][1]["countries"]
    assert load_text(json.dumps(mini_data, default=str), "t.json").claims[0].countries == ["PE", "VE"]
