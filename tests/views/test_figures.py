"""Headline figures: the whole tour, and the part of it the filters show."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from dashboard.views.derive import counterparts_met, legs
from dashboard.views.figures import figure_text, figure_total, key_figures
from dashboard.views.filters import ViewState, visible_places


def test_kast_key_figures(kast):
    figures = key_figures(kast)
    assert {k: figures[k] for k in ("visits", "countries", "days", "counterparts")} == {
        "visits": 3,
        "countries": 3,  # AR, EC, PE: Chile is the origin, not a visit
        "days": 3,  # three separate trips of one day each: the days at home between them do not count
        "counterparts": 7,
    }
    assert "Javier Milei" in counterparts_met(kast)
    # Each trip from Santiago: to Buenos Aires ≈ 1,140 km, to Quito ≈ 3,640 km, to Lima ≈ 2,460 km.
    assert isinstance(figures["km"], int)
    assert 7100 < figures["km"] < 7600


def test_two_trips_count_only_what_was_travelled(mini_data):
    from dashboard.tourfile.load import load_text

    mini_data["visits"][0]["trip"] = 1  # Lima, 7 January
    mini_data["visits"][1]["trip"] = 2  # Quito, 10-11 January
    two = load_text(yaml.safe_dump(mini_data), "two.yaml")
    one = load_text(
        yaml.safe_dump({**mini_data, "visits": [{**v, "trip": None} for v in mini_data["visits"]]}),
        "one.yaml",
    )
    assert key_figures(one)["days"] == 5  # 7 to 11 January, one trip
    # A day each: Lima on the 7th, Quito held on the 11th (its best date); not the days between.
    assert key_figures(two)["days"] == 1 + 1
    # One trip: Santiago -> Lima -> Quito; two: Santiago -> Lima, Santiago -> Quito (no Lima -> Quito leg).
    assert [(leg.start.id, leg.end.id) for leg in legs(two)] == [("home", "lima"), ("home", "quito")]
    assert key_figures(two)["km"] != key_figures(one)["km"]


def test_key_figures_without_coordinates(mini_tour):
    bare = [p.model_copy(update={"latitude": None, "longitude": None}) for p in mini_tour.places]
    figures = key_figures(mini_tour.model_copy(update={"places": bare}))
    assert figures["km"] is None
    assert figures["days"] == 5  # 7 to 11 January
    assert key_figures(mini_tour)["km"] > 0


@pytest.mark.parametrize(
    ("start", "end", "visits", "countries", "counterparts"),
    [
        (dt.date(2025, 12, 14), dt.date(2025, 12, 20), 1, 1, None),  # Buenos Aires only
        (dt.date(2026, 2, 1), dt.date(2026, 2, 7), 0, 0, 0),  # a week after the tour
    ],
)
def test_filtered_figures_count_only_the_visits_in_view(kast, start, end, visits, countries, counterparts):
    state = ViewState(start=start, end=end)
    whole, part = key_figures(kast), key_figures(kast, visible_places(kast, state))
    assert (part["visits"], part["countries"]) == (visits, countries)
    assert part["visits"] < whole["visits"]
    assert part["km"] is not None and part["km"] < whole["km"]
    assert part["days"] is not None and part["days"] <= visits  # one-day visits: a day each at most
    if counterparts is not None:
        assert part["counterparts"] == counterparts


def test_filtered_km_are_the_legs_to_the_stops_in_view(kast):
    lima = {p.id for p in kast.places if p.name == "Lima"}
    expected = round(sum(leg.km for leg in legs(kast) if leg.end.id in lima))
    assert key_figures(kast, lima)["km"] == expected > 0


@pytest.mark.parametrize(
    ("value", "total", "lang", "filtered", "shown", "of"),
    [
        (6802, 6802, "es", False, "6.802", None),
        (2, 3, "en", True, "2", "of 3"),
        (2, 3, "es", True, "2", "de 3"),
        (1140, 7368, "en", True, "1,140", "of 7,368"),
        (1140, 7368, "fr", True, "1\u202f140", "sur 7\u202f368"),
        (None, 7368, "en", True, "—", None),
    ],
)
def test_a_filtered_figure_says_what_it_is_part_of_apart_from_the_number(
    value, total, lang, filtered, shown, of
):
    assert figure_text(value, lang) == shown
    assert figure_total(value, total, lang, filtered) == of


def test_a_date_filter_counts_only_the_days_inside_it(mini_data):
    from dashboard.tourfile.load import load_text

    mini_data["visits"][0]["dates"] = [{"start": "2026-01-07", "end": "2026-01-16", "sources": ["s1"]}]
    tour = load_text(yaml.safe_dump(mini_data), "stay.yaml")
    span = (dt.date(2026, 1, 10), dt.date(2026, 1, 12))
    shown = visible_places(tour, ViewState(start=span[0], end=span[1]))
    assert key_figures(tour, shown, span)["days"] == 3  # the 10th to the 12th of a ten-day stay


def test_a_filter_that_hides_no_visit_keeps_the_days_abroad(kast):
    every = {v.place for v in kast.visits}
    assert key_figures(kast, every)["days"] == key_figures(kast)["days"]


def test_kilometres_of_stops_without_coordinates_are_unknown(kast):
    bare = kast.model_copy(
        update={"places": [p.model_copy(update={"latitude": None, "longitude": None}) for p in kast.places]}
    )
    assert key_figures(bare, {"lima"})["km"] is None
