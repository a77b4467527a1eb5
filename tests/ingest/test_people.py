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


@pytest.mark.parametrize(
    "text",
    [
        "Vice President Ana Vera met President-elect Juan Ruiz in the capital on Monday.",
        "El presidente de Ruritania, Juan Ruiz, y la ministra de Finanzas Ana Vera hablaron.",
        "Le président ruritanien Jean Roi a reçu le Premier ministre Paul Vert.",
        "O presidente Lula e o primeiro-ministro Abiy Ahmed; President Vera's government.",
        "No office here at all, only Presidents' Day and a vice-presidency.",
    ],
    ids=["overlapping-offices", "es", "fr", "pt", "none"],
)
def test_an_office_pattern_finds_the_same_matches_tried_only_where_offices_begin(text: str) -> None:
    from dashboard.ingest.people import PATTERN, at_offices

    assert [m.span() for m in at_offices(PATTERN, text)] == [m.span() for m in PATTERN.finditer(text)]
