"""The library's search: by person, office, year and country, in the reader's language."""

from __future__ import annotations

import pytest

from dashboard.views.library import Entry, archive_entries, label, matches, search
from tests.support.travels import PEOPLE


@pytest.fixture
def entries() -> list[Entry]:
    return archive_entries(PEOPLE)


def _keys(found: list[Entry]) -> list[str]:
    return [e.key for e in found]


def test_presidents_first_then_secretaries_each_in_order_of_time(entries: list[Entry]):
    assert _keys(entries) == ["person:cy", "person:ada", "person:bo"]
    assert entries[1].slug == "ada" and Entry("tour", "Kast").slug is None


@pytest.mark.parametrize(
    ("query", "lang", "found"),
    [
        ("", "en", ["person:cy", "person:ada", "person:bo"]),
        ("perez", "en", ["person:cy"]),  # accents and case do not matter
        ("president", "en", ["person:cy"]),
        ("presidente", "es", ["person:cy"]),
        ("secrétaire", "fr", ["person:ada", "person:bo"]),
        ("2014", "en", ["person:ada"]),
        ("2015", "en", []),  # between records, still in office? the archive's days say no
        ("cuba", "en", ["person:cy"]),
        ("chine", "fr", ["person:bo"]),
        ("XK", "en", ["person:bo"]),
        ("kosovo 2018", "en", ["person:bo"]),
        ("secretary, france", "en", ["person:ada"]),
        ("ada 1950", "en", []),
    ],
)
def test_search_by_person_office_year_and_country(
    entries: list[Entry], query: str, lang: str, found: list[str]
):
    assert _keys(search(entries, query, lang)) == found


def test_a_tour_file_matches_by_its_name_only():
    kast = Entry("tour", "Kast's regional tour")
    assert matches(kast, "kast", "en") and not matches(kast, "president", "en")
    assert label(kast, "en") == "Kast's regional tour"


def test_labels_name_the_office_years_and_visits(entries: list[Entry]):
    assert label(entries[1], "en") == "Ada Example — Secretary of State, 2013–2014, 3 visits"
    assert label(entries[0], "es") == "Cy Pérez — Presidente, 1950–1951, 2 visitas"
