"""People named after their office, in English, Spanish and French."""

from __future__ import annotations

import pytest

from dashboard.ingest.people import find_people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met President Daniel Noboa in Quito.", [("Daniel Noboa", "President")]),
        (
            "Se reunió con el presidente argentino, Javier Milei, y luego con el presidente "
            "interino José Jerí.",
            [("Javier Milei", "presidente argentino"), ("José Jerí", "presidente interino")],
        ),
        ("Elle a reçu la présidente Ana Torres à Paris.", [("Ana Torres", "présidente")]),
        ("The minister spoke for an hour.", []),
    ],
    ids=["en", "es", "fr", "none"],
)
def test_people_after_their_office(text: str, expected: list[tuple[str, str]]) -> None:
    people = find_people(text)
    assert [(p.name, p.office) for p in people] == expected
    for person in people:
        assert text[person.start : person.start + len(person.name)] == person.name
