"""The one table of the archive's country names: every name the records write maps to a country CLDR
knows, the historical and disputed ones as the issue asks, and each place to the country it is in today."""

from __future__ import annotations

import pytest
from babel import Locale

from dashboard.archive import countries
from dashboard.archive.records import bare, records
from dashboard.tourfile import countries as iso

CLDR = set(Locale("en").territories)


@pytest.fixture(scope="module")
def written() -> dict[str, set[str]]:
    """Every country name the archive writes, with the places of its locales (without qualifiers)."""
    found: dict[str, set[str]] = {}
    for row in records():
        found.setdefault(row.country_written, set()).update(bare(p) for p in row.places)
    return found


def test_every_country_name_in_the_archive_maps_to_a_country_cldr_knows(written):
    assert len(written) == 197
    for name in written:
        code = countries.code(name)
        assert code in CLDR and iso.is_assigned(code), name


def test_every_code_the_table_gives_is_one_cldr_knows():
    for default, places in countries.COUNTRIES.values():
        assert {default, *places.values()} <= CLDR


def test_every_name_and_place_of_the_table_is_in_the_archive(written):
    """No dead rows: each name the table maps is written in a record, each place in that name's locales."""
    for name, (_, places) in countries.COUNTRIES.items():
        assert name in written, name
        assert set(places) <= written[name], (name, set(places) - written[name])


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("U.S.S.R.", "RU"), ("Yugoslavia", "RS"), ("Germany, Federal Republic of", "DE"),
        ("German Democratic Republic", "DE"), ("Czechoslovakia", "CZ"), ("Palestinian Authority", "PS"),
        ("West Bank", "PS"), ("Kosovo", "XK"), ("Serbia-Montenegro (Kosovo)", "XK"), ("Burma", "MM"),
        ("China, People’s Republic of", "CN"), ("Republic of China", "TW"), ("Korea, South", "KR"),
        ("Ceylon", "LK"), ("Southern Rhodesia (Zimbabwe)", "ZW"), ("Netherlands Antilles", "CW"),
        ("Denmark (Greenland)", "GL"), ("United Kingdom (Wales)", "GB"), ("Niger ", "NE"), ("Turkey", "TR"),
    ],
)  # fmt: skip
def test_historical_and_disputed_names_map_to_todays_country(name: str, code: str):
    assert countries.code(name) == code


@pytest.mark.parametrize(
    ("name", "place", "code"),
    [
        ("U.S.S.R.", "Moscow", "RU"), ("U.S.S.R.", "Kiev", "UA"), ("U.S.S.R.", "Tblisi", "GE"),
        ("U.S.S.R.", "Alma Ata", "KZ"), ("Yugoslavia", "Belgrade", "RS"), ("Yugoslavia", "Zagreb", "HR"),
        ("Spain", "Havana", "CU"), ("United Kingdom", "Bermuda", "BM"), ("France", "Algiers", "DZ"),
        ("Denmark", "St. Thomas", "VI"), ("Netherlands Antilles", "Aruba", "AW"), ("France", "Paris", "FR"),
    ],
)  # fmt: skip
def test_each_place_is_in_the_country_it_is_in_today(name: str, place: str, code: str):
    assert countries.place_code(name, place) == code


def test_a_record_in_the_ussr_is_in_each_of_todays_countries():
    (row,) = [r for r in records() if r.locale == "Moscow, Kiev, Tblisi"]
    assert row.countries == ("RU", "UA", "GE") and row.country == "RU"


@pytest.mark.parametrize(("name", "code"), [("España", "ES"), ("Allemagne", "DE"), ("côte d’ivoire", "CI")])
def test_a_table_may_name_a_country_in_another_language(name: str, code: str):
    assert countries.from_any_name(name) == code


def test_an_unknown_name_has_no_code():
    assert countries.code("Atlantis") is None and countries.from_any_name("Atlantis") is None
