"""Where a record's places are: a city in its country, else a region's main city or the capital, said so."""

from __future__ import annotations

import pytest

from dashboard.archive import places


@pytest.mark.parametrize(
    ("place", "country", "precision", "at"),
    [
        ("Moscow", "RU", "city", "Moscow"),
        ("Halifax (Nova Scotia)", "CA", "city", "Halifax"),
        ("Mumbai (Bombay)", "IN", "city", "Mumbai"),
        ("St. Petersburg", "RU", "city", "Saint Petersburg"),
        ("Mexico, D.F.", "MX", "city", "Mexico City"),
        ("West Berlin", "DE", "city", "Berlin"),
        ("Bali", "ID", "region", "Denpasar"),
        ("Normandy", "FR", "region", "Caen"),
        ("Camp Bondsteel", "XK", "capital", "Pristina"),
        ("Ramstein Air Force Base", "DE", "capital", "Berlin"),
        ("Bermuda", "BM", "capital", "Hamilton"),
    ],
)
def test_a_place_is_located_with_its_precision(place: str, country: str, precision: str, at: str):
    found = places.locate(place, country)
    assert found is not None and (found.precision, found.at) == (precision, at)


def test_a_name_is_never_matched_in_another_country():
    found = places.locate("Lima", "CL")  # Peru's Lima is not looked at: Chile's capital stands in, said so
    assert found is not None and (found.precision, found.at) == ("capital", "Santiago")


def test_a_place_with_no_city_and_no_capital_is_not_located():
    assert places.locate("South Pole", "AQ") is None
