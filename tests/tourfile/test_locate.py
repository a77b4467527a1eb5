"""Every problem names its item by id and says where it is in the file, in YAML and JSON alike; a
mistyped id gets a "did you mean"."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import load_text
from dashboard.tourfile.locate import parse_path
from tests.conftest import MINI_YAML


def _problems(text: str, fmt: str) -> list[str]:
    with pytest.raises(TourError) as caught:
        load_text(text, f"tour.{fmt}", fmt)
    return [str(p) for p in caught.value.problems]


def _broken() -> dict[str, Any]:
    data = yaml.safe_load(MINI_YAML)
    data["visits"][1]["dates"][0]["start"] = "2026-13-01"
    data["claims"][0]["place"] = "lmia"
    return data


def test_yaml_problems_name_the_item_and_the_line():
    text = yaml.safe_dump(_broken(), sort_keys=False, allow_unicode=True, default_flow_style=False)
    lines = text.splitlines()
    found = _problems(text, "yaml")
    date = next(p for p in found if ".dates[0].start" in p)
    assert date.startswith("visit 'quito' (visits[1]).dates[0].start (line ")
    line, column = (int(n) for n in date.split("(line ", 1)[1].split(")", 1)[0].split(", column "))
    assert lines[line - 1][column - 1 :].startswith("start:")  # it points at the field itself
    claim = next(p for p in found if ".place" in p)
    assert claim.startswith("claim 'c1' (claims[0]).place (line ")
    assert claim.endswith("(got 'lmia'); did you mean 'lima'?")


def test_json_problems_name_the_item_and_the_line_and_column():
    text = json.dumps(_broken(), indent=2, ensure_ascii=False, default=str)
    lines = text.splitlines()
    found = _problems(text, "json")
    date = next(p for p in found if ".dates[0].start" in p)
    line, column = (int(n) for n in date.split("(line ", 1)[1].split(")", 1)[0].split(", column "))
    assert lines[line - 1][column - 1 :].startswith('"2026-13-01"')
    assert date.startswith("visit 'quito' (visits[1]).dates[0].start")


def test_a_missing_field_is_shown_at_its_record():
    data = yaml.safe_load(MINI_YAML)
    del data["places"][1]["country"]
    text = json.dumps(data, indent=1, default=str)
    (found,) = _problems(text, "json")
    assert found.startswith("place 'lima' (places[1]).country (line ")
    line = int(found.split("(line ", 1)[1].split(",")[0])
    assert '"id": "lima"' in text.splitlines()[line - 1] or "{" in text.splitlines()[line - 1]


@pytest.mark.parametrize(
    ("mistake", "meant", "where"),
    [
        (("visits", 0, "place", "lmia"), "lima", "visits[0].place"),
        (("claims", 1, "mentions", ["tacan"]), "tacna", "claims[1].mentions[0]"),
        (("claims", 0, "topics", ["securty"]), "security", "claims[0].topics[0]"),
        (("proposals", 0, "sources", ["s2"]), None, "proposals[0].sources[0]"),  # nothing close enough
    ],
)
def test_a_mistyped_id_gets_a_did_you_mean(mistake: tuple[Any, ...], meant: str | None, where: str):
    data = yaml.safe_load(MINI_YAML)
    kind, index, field, value = mistake
    data[kind][index][field] = value
    (found,) = _problems(json.dumps(data, default=str), "json")
    assert f"({where.split('.')[0]})" in found or where in found
    assert found.endswith(f"did you mean {meant!r}?") if meant else "did you mean" not in found


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("visits[2].dates[0].start", ("visits", 2, "dates", 0, "start")),
        ("title.en", ("title", "en")),
        ("", ()),
    ],
)
def test_paths_parse_into_their_parts(path: str, parts: tuple[Any, ...]):
    assert parse_path(path) == parts
