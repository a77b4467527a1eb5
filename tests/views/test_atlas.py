"""The Atlas's views over synthetic records: the address, the choice, every figure and table."""

from __future__ import annotations

import itertools

import pytest

from dashboard.views import atlas
from dashboard.views.archive import AtlasView, atlas_from_query, atlas_to_query, by_country, chosen, year_span
from dashboard.views.world import STATES, UN_MEMBERS
from tests.support.travels import PEOPLE, RECORDS


def test_the_address_round_trips_and_reports_what_does_not_fit():
    view = atlas_from_query({"who": "bo,ada", "from": "2017", "by": "days", "country": "GB"}, PEOPLE)
    assert view == AtlasView(who=("bo", "ada"), start=2017, measure="days", country="GB")
    assert atlas_to_query(view) == {"who": "bo,ada", "from": "2017", "by": "days", "country": "GB"}
    assert atlas_to_query(AtlasView()) == {}
    bad = atlas_from_query({"who": "nobody,ada", "from": "17", "to": "x", "by": "km", "role": "king",
                            "country": "<b>"}, PEOPLE)  # fmt: skip
    assert bad.who == ("ada",) and bad.start is None and bad.measure == "visits" and bad.role is None
    assert bad.country is None and len(bad.problems) == 6
    reversed_years = atlas_from_query({"from": "2018", "to": "2013"}, PEOPLE)
    assert (reversed_years.start, reversed_years.end) == (None, None) and reversed_years.problems


def test_the_choice_keeps_its_people_office_and_years():
    assert {r.slug for r in chosen(RECORDS, AtlasView(who=("bo",)))} == {"bo"}
    assert {r.slug for r in chosen(RECORDS, AtlasView(role="president"))} == {"cy"}
    assert [r.record_id for r in chosen(RECORDS, AtlasView(start=2014, end=2017))] == [3, 4, 5]
    assert year_span(RECORDS) == (1950, 2018)


def test_visits_and_days_per_country_the_most_first():
    assert by_country(RECORDS) == {"GB": 3, "FR": 2, "CN": 1, "CU": 1, "XK": 1}
    assert by_country(RECORDS, "days") == {"GB": 6, "CN": 4, "CU": 4, "FR": 2, "XK": 1}


def test_per_year_by_person_and_the_top_destinations():
    frame = atlas.per_year(RECORDS)
    assert frame[frame["slug"] == "ada"][["year", "value"]].values.tolist() == [[2013, 2], [2014, 1]]
    assert atlas.top_destinations(RECORDS, n=2) == [("GB", 3), ("FR", 2)]


def test_first_visits_by_office_and_countries_never_visited():
    firsts = atlas.first_visits(RECORDS, "secretary")
    assert [(f.country, f.record.record_id) for f in firsts] == [("GB", 1), ("FR", 2), ("CN", 5), ("XK", 6)]
    assert [f.country for f in atlas.first_visits(RECORDS, "president")] == ["FR", "CU"]
    never = atlas.never_visited(RECORDS)
    assert "US" not in never and "GB" not in never and "DE" in never
    assert len(never) == len(STATES) - 1 - 5  # the U.S. is home; GB, FR, CN, CU and XK visited


def test_the_world_is_the_un_its_observers_kosovo_and_taiwan():
    assert len(UN_MEMBERS) == 193 and {"VA", "PS", "XK", "TW"} <= STATES and len(STATES) == 197


def test_tables_are_in_the_readers_language_and_keep_text_as_text():
    frame = atlas.visits_table(atlas.country_visits(RECORDS, "CU"), "es")
    assert list(frame.columns) == ["Fechas", "Persona", "Cargo", "Dónde", "Observaciones", "Fuente"]
    assert frame.iloc[0]["Observaciones"] == '=HYPERLINK("x")'  # escaped where it is placed (CSV, grid)
    assert frame.iloc[0]["Cargo"] == "Presidente"
    countries = atlas.countries_table(RECORDS, "days", "fr")
    assert countries.iloc[0].tolist() == ["Royaume-Uni", "GB", 3, 6]
    assert atlas.countries_table(RECORDS, "visits", "en").iloc[-1]["Country"] == "Kosovo"


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_every_chart_has_a_one_sentence_summary(lang: str):
    sentences = [
        atlas.map_summary(RECORDS, "visits", lang),
        atlas.years_summary(atlas.per_year(RECORDS), "days", lang),
        atlas.top_summary(atlas.top_destinations(RECORDS), "visits", lang),
        atlas.firsts_summary(atlas.first_visits(RECORDS, "president"), "president", lang),
        atlas.never_summary(atlas.never_visited(RECORDS), lang),
    ]
    assert all(s.endswith(".") and s.count(". ") == 0 for s in sentences), sentences
    assert "8" in sentences[0] and "1950" in sentences[1]
    assert atlas.map_summary([], "visits", lang) == atlas.years_summary(atlas.per_year([]), "visits", lang)


def test_shades_hold_about_as_many_countries_each():
    assert atlas.classes([]) == []
    assert atlas.classes([4]) == [(4, 4)]
    assert atlas.classes(range(1, 101)) == [(1, 20), (21, 40), (41, 60), (61, 80), (81, 100)]
    ranges = atlas.classes([1] * 50 + [2] * 20 + [3, 5, 8, 40, 87])
    assert ranges[0] == (1, 1) and ranges[-1][1] == 87
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))
    assert atlas.class_of(0, ranges) is None and atlas.class_of(87, ranges) == len(ranges) - 1
    assert atlas.range_label(1000, 2000, "fr") == "1\u202f000–2\u202f000"
