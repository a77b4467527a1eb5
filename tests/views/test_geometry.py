"""Longitudes that read on one strip of the map (dashboard/views/geometry.py): places moved by whole turns
so that every leg joins its two places the short way, as they are drawn."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.views.geometry import along, together
from tests.conftest import examples

OTTAWA, TOKYO, SEOUL, NEW_DELHI, BRUSSELS, LONDON, BERLIN = (
    -75.6972,
    139.6503,
    126.978,
    77.209,
    4.3517,
    -0.1276,
    13.405,
)


def _turns(a: float, b: float) -> float:
    """How many turns apart two values are (0 for the same place on the same copy)."""
    return (a - b) / 360


def _whole(turns: float) -> bool:
    return abs(turns - round(turns)) < 1e-9


@pytest.mark.parametrize(
    ("longitudes", "links"),
    [
        # Around the world: Ottawa west over the Pacific to Tokyo, on to Seoul, New Delhi, Brussels.
        ([OTTAWA, TOKYO, SEOUL, NEW_DELHI, BRUSSELS], [(0, 1), (1, 2), (2, 3), (3, 4)]),
        # Two trips from Ottawa: one east to London and Berlin, one west over the Pacific to Tokyo and Seoul.
        ([OTTAWA, LONDON, BERLIN, TOKYO, SEOUL], [(0, 1), (1, 2), (0, 3), (3, 4)]),
        # Fiji, Tonga, Samoa, Vanuatu from Wellington: on both sides of 180°.
        ([174.7762, 178.4419, -175.2049, -171.7667, 168.3273], [(0, 1), (1, 2), (2, 3), (3, 4)]),
    ],
    ids=["around-the-world", "two-trips-east-and-west", "pacific"],
)
def test_every_link_goes_the_short_way_between_the_places_as_drawn(
    longitudes: list[float], links: list[tuple[int, int]]
):
    drawn = along(longitudes, links)
    assert all(abs(drawn[a] - drawn[b]) <= 180 for a, b in links), drawn
    # Each place is itself, moved by whole turns only.
    assert all(_whole(_turns(d, lon)) for d, lon in zip(drawn, longitudes, strict=True))
    assert -180 <= (min(drawn) + max(drawn)) / 2 <= 180  # the group is centred near 0°


def test_around_the_world_the_origin_moves_and_the_visits_keep_their_values():
    drawn = along([OTTAWA, TOKYO, SEOUL, NEW_DELHI, BRUSSELS], [(0, 1), (1, 2), (2, 3), (3, 4)])
    assert drawn == [OTTAWA + 360, TOKYO, SEOUL, NEW_DELHI, BRUSSELS]


def test_a_place_no_leg_reaches_sits_with_the_places_around_it():
    # Anadyr (177.5°, discussed) beside a tour drawn from Ottawa west to Brussels: not a world away.
    drawn = along([OTTAWA, TOKYO, SEOUL, NEW_DELHI, BRUSSELS, 177.4968], [(0, 1), (1, 2), (2, 3), (3, 4)])
    assert drawn[5] == 177.4968 and abs(drawn[5] - drawn[1]) < 60


@pytest.mark.parametrize(
    "longitudes",
    [
        [-70.64827, -58.37723, -78.52495, -77.02824, -70.30058, -70.25],  # the Kast tour
        [-3.7038, 2.3522, 4.3517, 4.9041, 13.405, 139.6503, 139.638, 126.978, 178.4419, -171.7667],
        [174.7762, 178.4419, -175.2049, -171.7667],
    ],
)
def test_a_tour_with_an_empty_band_wider_than_half_the_world_keeps_its_values_exactly(
    longitudes: list[float],
):
    chain = [(i, i + 1) for i in range(len(longitudes) - 1)]
    assert along(longitudes, chain) == together(longitudes)


def test_a_loop_around_the_world_still_ends_every_link_on_its_places():
    # Ottawa -> Tokyo -> New Delhi -> Brussels -> Ottawa again: one link must go the long way round,
    # and it still joins the two places as drawn (the caller draws it from them).
    drawn = along([OTTAWA, TOKYO, NEW_DELHI, BRUSSELS], [(0, 1), (1, 2), (2, 3), (3, 0)])
    long_ones = [(a, b) for a, b in [(0, 1), (1, 2), (2, 3), (3, 0)] if abs(drawn[a] - drawn[b]) > 180]
    assert len(long_ones) == 1


lon = st.floats(-180, 180, allow_nan=False)


@settings(max_examples=examples(200))
@given(st.lists(lon, min_size=1, max_size=30), st.data())
def test_links_that_form_no_loop_all_go_the_short_way(longitudes: list[float], data: st.DataObject):
    # Each place after the first is linked to one before it: a tree, as a tour's trips from its origin are.
    links = [(data.draw(st.integers(0, i - 1)), i) for i in range(1, len(longitudes))]
    drawn = along(longitudes, links)
    assert all(abs(drawn[a] - drawn[b]) <= 180 + 1e-9 for a, b in links)
    assert all(_whole(_turns(d, x)) for d, x in zip(drawn, longitudes, strict=True))
