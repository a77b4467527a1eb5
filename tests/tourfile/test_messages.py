"""Every kind of schema error, as a newcomer reads it: the field's path, the bad value, what was expected."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import load_text
from tests.conftest import plain_text

Mutation = Callable[[dict[str, Any]], None]

# Pydantic's own phrasing: none of it may reach a user.
PYDANTIC_WORDS = [
    "should match pattern",
    "Input should",
    "String should",
    "List should",
    "Value error",
    "valid dictionary",
    "instance of",
    "Extra inputs",
    "Field required",
    "unable to parse",
    "after validation",
]


def _at(path: str, value: Any) -> Mutation:
    """Set ``places.1.country``-style ``path`` to ``value``; ``DELETE`` removes the key."""

    def mutate(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = data
        for part in parents:
            node = node[part]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value

    return mutate


DELETE = object()


def _problems(mini_data: dict[str, Any], mutation: Mutation) -> str:
    mutation(mini_data)
    with pytest.raises(TourError) as caught:
        load_text(json.dumps(mini_data, default=str), "tour.json")
    return plain_text(caught.value)


def _shown(path: str) -> str:
    """``proposals.0.history`` as messages write it: ``proposals[0].history``."""
    return re.sub(r"\.(\d+)", r"[\1]", path)


def _line(message: str, path: str) -> str:
    line = next((ln for ln in message.splitlines() if ln.startswith(f"  - {path}: ")), None)
    assert line is not None, message
    return line


@pytest.mark.parametrize(
    ("path", "value", "expected", "hint"),
    [
        # ids: the rule, and the id the author probably meant
        ("places.1.id", "Buenos Aires", "lowercase letters (a-z), digits, '-' or '_'", "'buenos-aires'"),
        ("visits.0.place", "Lima", "expected an id", "did you mean 'lima'?"),
        # countries: the format, then whether ISO assigned the code
        ("places.1.country", "Peru", "an ISO 3166-1 alpha-2 code such as 'CL'", ""),
        ("places.1.country", "pe", "an ISO 3166-1 alpha-2 code such as 'CL'", "did you mean 'PE'?"),
        ("places.1.country", "ZZ", "an officially assigned ISO 3166-1 alpha-2 country code", ""),
        ("proposals.0.history.0.country", "UK", "officially assigned", "did you mean 'GB'?"),
        # strings and lists too short or too long
        ("places.1.name", "", "expected some text; it must not be empty", ""),
        ("places.1.name", "x" * 301, "expected at most 300 characters, not 301", ""),
        ("discrepancies.0.variants", [], "expected at least 2 items", ""),
        ("claims.0.sources", [], "expected at least 1 item", ""),
        # literals: the allowed values, and the closest one
        ("places.1.role", "vist", "one of 'origin', 'visit' or 'discussed'", "did you mean 'visit'?"),
        ("proposals.0.history.0.status", "approved", "'proposed', 'discussed', 'agreed'", ""),
        ("sources.0.language", "xx", "expected an ISO 639-1 language code", ""),
        ("sources.0.language", "sp", "expected an ISO 639-1 language code", "did you mean 'es'?"),
        ("sources.0.language", "FR", "expected an ISO 639-1 language code", "did you mean 'fr'?"),
        ("format_version", 3, "expected 1 or 2", ""),
        # dates
        ("sources.0.published", "yesterday", "expected a date written YYYY-MM-DD, such as '2026-01-07'", ""),
        ("visits.0.dates.0.start", "2026-13-07", "the month must be 01 to 12", ""),
        ("visits.0.dates.0.start", "2026-02-30", "that month has no such day", ""),
        ("visits.0.dates.0.start", "2026-01-07T10:00", "without a time of day", ""),
        # numbers
        ("places.1.latitude", 91.5, "expected a number from -90 to 90", ""),
        ("places.1.longitude", -181, "expected a number from -180 to 180", ""),
        ("places.1.latitude", "north", "expected a number, such as -12.05", ""),
        ("visits.0.order", "first", "expected a whole number", ""),
        ("visits.0.order", 1.5, "not a fraction", ""),
        ("visits.0.order", 0, "expected a number from 1 to 100,000", ""),
        ("visits.0.trip", 0, "expected a number at least 1", ""),
        # wrong shapes
        ("places", "Lima", "expected a list", ""),
        ("visits.0.venue", "Palace", "expected a text in English and, optionally, Spanish", ""),
        ("topics.0", "security", "expected a mapping of fields", ""),
        ("subject", 42, "expected text", ""),
    ],
)
def test_each_error_names_the_field_the_value_and_what_was_expected(
    mini_data: dict[str, Any], path: str, value: Any, expected: str, hint: str
):
    message = _problems(mini_data, _at(path, value))
    line = _line(message, _shown(path))
    assert expected in line
    assert f"(got {value!r}"[:40] in line
    assert hint in line
    assert not [w for w in PYDANTIC_WORDS if w in message], message


@pytest.mark.parametrize(
    ("path", "key", "shown", "hint"),
    [
        ("places.1", "colour", "places[1].colour: unknown field (got 'red')", ""),
        ("places.1", "countyr", "places[1].countyr: unknown field", "did you mean 'country'?"),
        ("visits.0", "dates_", "visits[0].dates_: unknown field", "did you mean 'dates'?"),
        ("", "titel", "titel: unknown field", "did you mean 'title'?"),
    ],
)
def test_unknown_fields_suggest_the_field_meant(
    mini_data: dict[str, Any], path: str, key: str, shown: str, hint: str
):
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for part in filter(None, path.split(".")):
            node = node[int(part)] if part.isdigit() else node[part]
        node[key] = "red"

    line = _line(_problems(mini_data, mutate), shown.split(":")[0])
    assert line.startswith(f"  - {shown}")
    assert hint in line


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("id", "id: this field is required: a short identifier"),
        ("places.1.country", "places[1].country: this field is required: an officially assigned ISO 3166-1"),
        ("sources.0.language", "sources[0].language: this field is required: the ISO 639-1 code"),
        ("claims.0.text", "claims[0].text: this field is required"),
    ],
)
def test_missing_fields_say_what_belongs_there(mini_data: dict[str, Any], path: str, shown: str):
    message = _problems(mini_data, _at(path, DELETE))
    assert _line(message, shown.split(":")[0]).startswith(f"  - {shown}")


@pytest.mark.parametrize(
    ("mutation", "shown"),
    [
        (_at("places.1.longitude", DELETE), "places[1]: give both latitude and longitude, or neither"),
        (_at("visits.0.dates.0.end", "2026-01-01"), "visits[0].dates[0]: end '2026-01-01' is before start"),
        (_at("claims.1.speaker", DELETE), "claims[1]: a quote needs a speaker"),
        (_at("visits.0.counterparts.0", {"sources": ["s1"]}), "visits[0].counterparts[0]: give a name or"),
    ],
)
def test_record_rules_are_explained_without_dumping_the_record(
    mini_data: dict[str, Any], mutation: Mutation, shown: str
):
    line = _line(_problems(mini_data, mutation), shown.split(":")[0])
    assert line.startswith(f"  - {shown}")
    assert "{'" not in line  # the record's fields are not dumped as a Python dict


def test_only_the_given_coordinate_is_named(mini_data: dict[str, Any]):
    line = _line(_problems(mini_data, _at("places.1.longitude", DELETE)), "places[1]")
    assert "(only latitude -12.05 is given)" in line


@pytest.mark.parametrize(
    ("path", "value", "hint"),
    [
        ("proposals.0.history.1.status", "refused", "did you mean 'rejected'?"),
        ("proposals.0.history.0.status", "Approved", "did you mean 'agreed'?"),
        ("proposals.0.history.0.status", "under review", "did you mean 'under-study'?"),
        ("places.1.role", "visited", "did you mean 'visit'?"),
    ],
)
def test_words_a_newcomer_writes_suggest_the_value_they_mean(
    mini_data: dict[str, Any], path: str, value: str, hint: str
):
    # Spelling alone would mislead: "refused" is closer to "agreed" than to "rejected".
    line = _line(_problems(mini_data, _at(path, value)), _shown(path))
    assert line.endswith(hint), line


@pytest.mark.parametrize(
    "char", ["\x1b", "\x07", "\x00", "\x9b", "\x7f"], ids=["ESC", "BEL", "NUL", "CSI", "DEL"]
)
def test_control_characters_are_refused_and_never_printed_raw(char: str, tmp_path, capsys):
    from dashboard import cli

    path = tmp_path / "ctl.yaml"
    title = f"{char}]0;pwned{char}[2J"
    path.write_text(
        "id: x\ntitle: {en: " + json.dumps(title) + "}\nsubject: S\nsources: [{id: s1, language: en}]\n"
        "places: [{id: a, name: A, country: CL, role: origin, " + json.dumps(f"{char}bad") + ": 1}]\n",
        encoding="utf-8",
    )
    assert cli.main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "title.en (line 2, column 9): expected text without control characters" in err
    assert "unknown field" in err
    assert char not in err  # shown as an escape, never sent to the terminal as is


def test_tabs_and_line_breaks_stay_allowed_in_texts():
    from dashboard.tourfile.model import Text

    assert Text(en="one\ttwo\nthree\r\nfour").en.count("\n") == 2
