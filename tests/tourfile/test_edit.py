"""Adding coordinates to a tour file's text changes nothing else; files are written atomically."""

from __future__ import annotations

import difflib
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml

from dashboard.geo.geocode import NOMINATIM_ATTRIBUTION, GeocodeOptions, Hit
from dashboard.tourfile.edit import add_coordinates
from dashboard.tourfile.files import write_atomic
from dashboard.tourfile.load import load_text, load_tour
from dashboard.workflows import geocode_file
from tests.conftest import changed_lines

HEAD = """\
id: mini
title: {en: Mini}
subject: Someone
sources:
  - {id: s1, language: en}
places:
  - {id: a, name: Santiago, country: CL, role: origin, latitude: -33.4, longitude: -70.6}
"""
TAIL = """\
visits:
  - place: b
    order: 1
    dates: [{start: 2026-01-07, sources: [s1]}]
    sources: [s1]
topics: [{id: t, label: {en: T}}]
claims:
  - {id: c1, place: b, topics: [t], text: {en: hi}, sources: [s1]}
"""
BLOCK_B = """\
  - id: b   # a comment that must survive
    name: Lima
    country: PE
    role: visit
"""

BY = "Test gazetteer"
LIMA = Hit(-12.0464, -77.0428, BY)
Q = json.dumps(BY)  # how the attribution is written: a double-quoted scalar


def tour(place_b: str) -> str:
    """The mini tour with ``place_b`` as its second place (a list at column 0 if it starts there)."""
    head = HEAD.replace("  - {id: a", "- {id: a") if place_b.startswith("- ") else HEAD
    return head + place_b + TAIL


def lines_changed(before: str, after: str) -> tuple[list[str], list[str]]:
    a, b = before.splitlines(), after.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


PLACE_CASES = {
    "block": (
        BLOCK_B,
        BLOCK_B + f"    latitude: -12.0464\n    longitude: -77.0428\n    geocoded_by: {Q}\n",
    ),
    "block, role not last": (
        "  - id: b\n    role: visit\n    name: Lima\n    country: PE\n    sources: [s1]\n",
        "  - id: b\n    role: visit\n"
        f"    latitude: -12.0464\n    longitude: -77.0428\n    geocoded_by: {Q}\n"
        "    name: Lima\n    country: PE\n    sources: [s1]\n",
    ),
    "block, multi-line description": (
        "  - id: b\n    name: Lima\n    country: PE\n    role: visit\n"
        "    description:\n      en: >-\n        A long\n        text.\n",
        "  - id: b\n    name: Lima\n    country: PE\n    role: visit\n"
        f"    latitude: -12.0464\n    longitude: -77.0428\n    geocoded_by: {Q}\n"
        "    description:\n      en: >-\n        A long\n        text.\n",
    ),
    "block at column 0 of the list": (
        "- id: b\n  name: Lima\n  country: PE\n  role: visit  # trailing comment\n",
        "- id: b\n  name: Lima\n  country: PE\n  role: visit  # trailing comment\n"
        f"  latitude: -12.0464\n  longitude: -77.0428\n  geocoded_by: {Q}\n",
    ),
    "flow": (
        "  - {id: b, name: Lima, country: PE, role: visit}  # flow style\n",
        "  - {id: b, name: Lima, country: PE, role: visit, latitude: -12.0464, longitude: -77.0428, "
        f"geocoded_by: {Q}}}  # flow style\n",
    ),
    "flow over two lines": (
        "  - {id: b, name: Lima,\n     country: PE, role: visit}\n",
        "  - {id: b, name: Lima,\n     country: PE, role: visit, latitude: -12.0464, longitude: -77.0428, "
        f"geocoded_by: {Q}}}\n",
    ),
    "flow with a trailing comma": (
        "  - {id: b, name: Lima,\n     country: PE, role: visit,\n    }\n",
        "  - {id: b, name: Lima,\n     country: PE, role: visit,\n    "
        f"latitude: -12.0464, longitude: -77.0428, geocoded_by: {Q}}}\n",
    ),
    "nulls": (
        "  - id: b\n    name: Lima\n    country: PE\n    role: visit\n"
        "    latitude: null\n    longitude: null\n",
        f"  - id: b\n    name: Lima\n    country: PE\n    role: visit\n    geocoded_by: {Q}\n"
        "    latitude: -12.0464\n    longitude: -77.0428\n",
    ),
    "tilde nulls and a null geocoded_by": (
        "  - id: b\n    latitude: ~   # to do\n    longitude: ~\n    geocoded_by: null\n"
        "    name: Lima\n    country: PE\n    role: visit\n",
        "  - id: b\n    latitude: -12.0464   # to do\n    longitude: -77.0428\n"
        f"    geocoded_by: {Q}\n    name: Lima\n    country: PE\n    role: visit\n",
    ),
    "empty values": (
        "  - id: b\n    name: Lima\n    country: PE\n"
        "    latitude:\n    longitude:   # fill in\n    role: visit\n",
        "  - id: b\n    name: Lima\n    country: PE\n    latitude: -12.0464\n"
        f"    longitude: -77.0428   # fill in\n    role: visit\n    geocoded_by: {Q}\n",
    ),
    "flow with nulls": (
        "  - {id: b, name: Lima, country: PE, role: visit, latitude: null, longitude: null}\n",
        "  - {id: b, name: Lima, country: PE, role: visit, latitude: -12.0464, longitude: -77.0428, "
        f"geocoded_by: {Q}}}\n",
    ),
}


@pytest.mark.parametrize(("before", "after"), PLACE_CASES.values(), ids=PLACE_CASES.keys())
def test_yaml_place_gets_coordinates_and_nothing_else_changes(before: str, after: str) -> None:
    original = tour(before)

    result = add_coordinates(original, {"b": LIMA})

    assert result == tour(after)
    place = load_text(result).place("b")  # still a valid tour (duplicate keys would be refused)
    assert (place.latitude, place.longitude, place.geocoded_by) == (-12.0464, -77.0428, BY)
    expected = yaml.safe_load(original)
    expected["places"][1].update(latitude=-12.0464, longitude=-77.0428, geocoded_by=BY)
    assert yaml.safe_load(result) == expected


@pytest.mark.parametrize("case", ["block", "flow", "block at column 0 of the list"])
def test_yaml_diff_is_only_added_coordinate_lines_or_values(case: str) -> None:
    before, _ = PLACE_CASES[case]
    original = tour(before)

    removed, added = lines_changed(original, add_coordinates(original, {"b": LIMA}))

    if case == "flow":  # one line, rewritten with the fields appended before its closing brace
        [old] = removed
        [new] = added
        assert new.replace(", latitude: -12.0464, longitude: -77.0428, geocoded_by: " + Q, "") == old
    else:
        assert removed == []
        assert [line.split(":")[0].strip() for line in added] == ["latitude", "longitude", "geocoded_by"]


def test_several_places_at_once_and_unknown_ids_ignored() -> None:
    extra = "  - {id: c, name: Tacna, country: PE, role: discussed}\n  - id: d\n    name: Arica\n"
    extra += "    country: CL\n    role: discussed\n"
    original = tour(BLOCK_B + extra)
    hits = {
        "d": Hit(-18.4783, -70.3126, BY),
        "nope": Hit(1, 2, BY),
        "b": LIMA,
        "c": Hit(-18.0146, -70.2536, BY),
    }

    result = add_coordinates(original, hits)

    found = load_text(result)
    assert [(p.id, p.latitude, p.longitude) for p in found.places] == [
        ("a", -33.4, -70.6),
        ("b", -12.0464, -77.0428),
        ("c", -18.0146, -70.2536),
        ("d", -18.4783, -70.3126),
    ]
    assert "nope" not in result
    assert result.count("# a comment that must survive") == 1


def test_no_matching_id_leaves_the_text_identical() -> None:
    original = tour(BLOCK_B)
    assert add_coordinates(original, {"zzz": LIMA}) == original
    assert add_coordinates(original, {}) == original


def test_last_place_at_the_end_of_a_file_without_a_final_newline() -> None:
    text = HEAD + BLOCK_B.rstrip("\n")
    result = add_coordinates(text, {"b": LIMA})
    added = f"    latitude: -12.0464\n    longitude: -77.0428\n    geocoded_by: {Q}\n"
    assert result == HEAD + BLOCK_B + added


@pytest.mark.parametrize(
    "by", ['He said "hi": © OSM', "a: b # not a comment", "línea\\con\\barras", "'quoted'", "null", "- x"]
)
def test_any_attribution_text_round_trips(by: str) -> None:
    result = add_coordinates(tour(BLOCK_B), {"b": Hit(-12.0464, -77.0428, by)})
    assert load_text(result).place("b").geocoded_by == by


def test_coordinates_are_rounded_to_six_decimals() -> None:
    result = add_coordinates(tour(BLOCK_B), {"b": Hit(-12.046412345678, -77.04280000001, BY)})
    assert "    latitude: -12.046412\n    longitude: -77.0428\n" in result


# -- JSON --------------------------------------------------------------------------------


def tour_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(tour(BLOCK_B))
    data["title"]["es"] = "Gira por Perú"  # something non-ASCII
    data["visits"][0]["dates"][0]["start"] = "2026-01-07"
    return data


@pytest.mark.parametrize("indent", [2, 4, "\t", None], ids=["2", "4", "tab", "compact"])
@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "ascii"])
@pytest.mark.parametrize("final_newline", [True, False], ids=["eol", "no-eol"])
def test_json_keeps_its_style(indent: int | str | None, ascii_only: bool, final_newline: bool) -> None:
    data = tour_data()
    end = "\n" if final_newline else ""
    original = json.dumps(data, indent=indent, ensure_ascii=ascii_only) + end

    result = add_coordinates(original, {"b": Hit(-12.0464, -77.0428, NOMINATIM_ATTRIBUTION)})

    data["places"][1].update(latitude=-12.0464, longitude=-77.0428, geocoded_by=NOMINATIM_ATTRIBUTION)
    assert result == json.dumps(data, indent=indent, ensure_ascii=ascii_only) + end
    place = load_text(result, "t.json", "json").place("b")
    assert (place.latitude, place.longitude) == (-12.0464, -77.0428)
    assert list(json.loads(result)["places"][1]) == [
        "id",
        "name",
        "country",
        "role",
        "latitude",
        "longitude",
        "geocoded_by",
    ]


def test_geocode_file_json_offline_keeps_indent(tmp_path: Path) -> None:
    data = tour_data()
    path = tmp_path / "tour.json"
    path.write_text(json.dumps(data, indent=3, ensure_ascii=False) + "\n", encoding="utf-8")

    report = geocode_file(path, GeocodeOptions(offline=True))

    assert report.written
    text = path.read_text(encoding="utf-8")
    assert '\n   "id": "mini",\n' in text
    assert "Gira por Perú" in text
    hit = report.added["b"]
    data["places"][1].update(latitude=hit.latitude, longitude=hit.longitude, geocoded_by=hit.by)
    assert text == json.dumps(data, indent=3, ensure_ascii=False) + "\n"
    assert load_tour(path).place("b").latitude == pytest.approx(-12.04, abs=0.05)


# -- atomic writes -------------------------------------------------------------------------


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_writes_exactly_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    text = "línea uno\r\nline two\n"

    write_atomic(path, text)

    assert path.read_bytes() == text.encode("utf-8")  # no newline translation
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # permissions kept
    assert temp_files(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["tour.yaml"]


def test_write_atomic_creates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    write_atomic(path, "{}\n")
    assert path.read_text(encoding="utf-8") == "{}\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "tour.yaml"
    original = tour(BLOCK_B).encode()
    path.write_bytes(original)

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, "half a file")
    monkeypatch.undo()

    assert path.read_bytes() == original
    assert temp_files(tmp_path) == []


def test_geocode_file_failing_to_write_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tour.yaml"
    original = tour(BLOCK_B).encode()
    path.write_bytes(original)

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        geocode_file(path, GeocodeOptions(offline=True))
    monkeypatch.undo()

    assert path.read_bytes() == original
    assert temp_files(tmp_path) == []


QUIRKY_JSON = """{
  "id": "quirky",   "title": {"en": "Quirky", "es": "Gira por Bogot\\u00e1"},
  "subject": "Someone",
  "sources": [ {"id": "s1", "language": "en"} ],
  "places": [
    {"id": "home", "name": "Santiago", "country": "CL", "role": "origin",
     "latitude": -33.4570, "longitude": -70.6480},
    {
        "id" : "b",
        "name" : "Lima",
        "country" : "PE",
        "role" : "visit"
    },
    {"id": "c", "name": "Quito", "country": "EC", "role": "visit", "latitude": null, "longitude": null}
  ],
  "visits": [
    {"place": "b", "order": 1, "dates": [{"start": "2026-01-07", "sources": ["s1"]}], "sources": ["s1"]},
    {"place": "c", "order": 2, "dates": [{"start": "2026-01-09", "sources": ["s1"]}], "sources": ["s1"]}
  ]
}
"""


def test_json_edits_touch_only_the_coordinates() -> None:
    hits = {"b": Hit(-12.0464, -77.0428, "© OSM"), "c": Hit(-0.2299, -78.525, "© OSM")}

    result = add_coordinates(QUIRKY_JSON, hits)

    expected = QUIRKY_JSON.replace(
        '        "role" : "visit"\n    }',
        '        "role" : "visit",\n        "latitude": -12.0464,\n        "longitude": -77.0428,\n'
        '        "geocoded_by": "\\u00a9 OSM"\n    }',
    ).replace(
        '"latitude": null, "longitude": null}',
        '"latitude": -0.2299, "longitude": -78.525, "geocoded_by": "\\u00a9 OSM"}',
    )
    assert result == expected
    removed, added = changed_lines(QUIRKY_JSON, result)
    assert len(removed) == 2 and len(added) == 5  # two lines touched, three added: nothing else
    assert "-33.4570" in result and "Bogot\\u00e1" in result  # the file's own spellings survive
    assert load_text(result, "q.json", "json").place("c").latitude == -0.2299
