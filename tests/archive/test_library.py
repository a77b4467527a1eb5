"""The library of the bundled archive: its people (XML only) and each person's tour."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.archive import library
from dashboard.tourfile.validate import check_references


def test_the_archive_is_bundled_with_its_public_domain_note():
    note = (library.ARCHIVE_DIR / "README.md").read_text(encoding="utf-8")
    assert "public domain" in note.lower() and "CC0" in note and "history.state.gov" in note


def test_people_are_everyone_in_the_archive_by_first_day():
    found = library.people()
    assert len(found) == 55 and sum(p.visits for p in found) == 4271
    assert [p.first_day for p in found] == sorted(p.first_day for p in found)
    seward = found[0]
    assert (seward.slug, seward.role, seward.first_day) == (
        "seward-william-henry",
        "secretary",
        dt.date(1866, 1, 9),
    )


def test_a_person_counts_records_days_and_todays_countries():
    rubio = next(p for p in library.people() if p.slug == "rubio-marco")
    assert (rubio.name, rubio.role, rubio.visits) == ("Marco Rubio", "secretary", 9)
    assert (rubio.first_day, rubio.last_day) == (dt.date(2025, 2, 1), dt.date(2025, 2, 19))
    assert rubio.countries == {"PA", "SV", "CR", "GT", "DO", "DE", "IL", "SA", "AE"}


def test_a_persons_tour_is_valid_and_cites_every_visit():
    tour = library.person_tour("rubio-marco")
    assert tour.subject == "Marco Rubio" and check_references(tour) == []
    assert all(v.sources for v in tour.visits)
    assert {s.url for s in tour.sources} == {
        "https://history.state.gov/departmenthistory/travels/secretary/rubio-marco"
    }


def test_an_unknown_person_is_a_key_error():
    with pytest.raises(KeyError):
        library.person_tour("nobody-at-all")
