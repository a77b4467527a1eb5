"""The payload's contract (dashboard/render/schema.py): what Python sends is what the schema names, and
the scripts read it by those names only."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.render import schema
from dashboard.render.asset_files import asset
from dashboard.render.map_data import payload
from dashboard.render.maps import SCRIPT_PARTS
from dashboard.tourfile.model import Tour

# The scripts that read the map's payload: the layer with its parts, and the story page's step on it.
PAYLOAD_READERS = ("tour_layer.js", *SCRIPT_PARTS, "story_focus.js")


def _many(tour: Tour, extra: int = 400) -> Tour:
    base = tour.places[1]
    places = [base.model_copy(update={"id": f"p{i}", "role": "discussed"}) for i in range(extra)]
    return tour.model_copy(update={"places": [*tour.places, *places]})


def test_the_payload_has_exactly_the_keys_the_schema_names(kast: Tour):
    data = payload(kast, "en")
    assert list(data) == list(schema.PAYLOAD)
    assert list(data["words"]) == list(schema.MAP_WORDS)
    assert list(data["play"]["words"]) == list(schema.PLAY_WORDS)
    assert len(data["labels"]) == len(schema.LABEL)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_record_has_the_fields_its_schema_names(kast: Tour, lang: str):
    data = payload(kast, lang)
    points = [schema.named("point", p) for p in json.loads(data["texts"])]
    rows = [schema.named("row", r) for p in points for r in p["rows"]]
    assert len(points) == len(data["ids"]) and rows
    assert {r["label"] for r in rows} <= set(range(len(schema.LABEL)))
    timings = [schema.named("timing", m) for m in data["play"]["more"].values()]
    bands = [schema.named("band", b) for b in data["play"]["bands"]]
    assert timings and bands and all(b["first"] <= b["last"] for b in bands)
    assert set(data["roles"]) <= set(schema.ROLES.values())


def test_a_long_tours_payload_has_the_same_keys(mini_tour: Tour):
    assert list(payload(_many(mini_tour), "en")) == list(schema.PAYLOAD)


@pytest.mark.parametrize(
    ("fields", "ok"),
    [
        ({"first": 1, "last": 2, "label": "x"}, True),
        ({"first": 1, "last": 2}, False),
        ({"first": 1, "last": 2, "label": "x", "extra": 0}, False),
    ],
)
def test_a_record_is_built_from_exactly_its_fields(fields: dict, ok: bool):
    if ok:
        assert schema.record(schema.BAND, **fields) == [1, 2, "x"]
    else:
        with pytest.raises((ValueError, KeyError)):
            schema.record(schema.BAND, **fields)


def test_a_record_of_the_wrong_length_is_refused_by_name():
    with pytest.raises(ValueError, match="'band' record has 3 fields"):
        schema.named("band", [1, 2])


def test_the_scripts_get_every_records_field_positions():
    table = schema.fields()
    assert table["point"]["title"] == schema.POINT.index("title")
    assert table["band"] == {"first": 0, "last": 1, "label": 2}
    assert table["role"] == schema.ROLES


def _layer_source() -> str:
    return "\n".join(asset(name) for name in PAYLOAD_READERS)


def test_the_layer_reads_records_only_by_fields_the_schema_names():
    source = _layer_source()
    kinds = dict(re.findall(r"\b([A-Z])\s*=\s*F\.(\w+)\b", source))  # var P = F.point, ...
    assert set(kinds.values()) == {"point", "row", "timing", "band"}, kinds
    used = re.findall(r"\bF\.(\w+)\.(\w+)", source)
    used += [
        (kinds[alias], name) for alias, name in re.findall(r"\b([A-Z])\.(\w+)", source) if alias in kinds
    ]
    assert used
    known = {kind: set(names) for kind, names in schema.RECORDS.items()} | {"role": set(schema.ROLES)}
    assert [(kind, name) for kind, name in used if name not in known.get(kind, set())] == []


def test_the_layer_reads_no_record_by_a_bare_position():
    # d: a stop's texts, r: a popup row, b: a band, m/more: a playback record (not leg.b[0], a point).
    assert re.findall(r"(?<![.\w])(?:d|r|b|m|more)\[\d+\]", _layer_source()) == []


def test_the_scripts_read_only_payload_keys_the_schema_names():
    read = set(re.findall(r"\bdata\.(\w+)", _layer_source()))
    assert read and read <= set(schema.PAYLOAD), read - set(schema.PAYLOAD)
