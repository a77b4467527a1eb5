"""The offline GeoNames gazetteer: the tour's cities, found in the right country only."""

from __future__ import annotations

import pytest

from dashboard.geo import gazetteer
from dashboard.geo.geocode import offline_hit
from dashboard.tourfile.model import Place

KNOWN = {
    ("Lima", "PE"): (-12.05, -77.04),
    ("Arica", "CL"): (-18.48, -70.31),
    ("Tacna", "PE"): (-18.01, -70.25),
    ("Quito", "EC"): (-0.23, -78.52),
    ("Buenos Aires", "AR"): (-34.61, -58.38),
    ("Santiago", "CL"): (-33.46, -70.65),
}


@pytest.mark.parametrize(("name", "country"), KNOWN.keys(), ids=[n for n, _ in KNOWN])
def test_tour_cities_are_found_in_their_country(name: str, country: str) -> None:
    found = gazetteer.lookup(name, country)

    assert found is not None
    lat, lon = KNOWN[name, country]
    assert found.latitude == pytest.approx(lat, abs=0.5)
    assert found.longitude == pytest.approx(lon, abs=0.5)
    assert found.country == country
    assert gazetteer.normalise(found.name) == gazetteer.normalise(name)


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("lima", "pe", "Lima"),
        ("LIMA", "PE", "Lima"),
        ("  Buenos   Aires ", "AR", "Buenos Aires"),
        ("buenos-aires", "AR", "Buenos Aires"),
        ("Bogota", "CO", "Bogotá"),
        ("BOGOTÁ", "CO", "Bogotá"),
        ("Asuncion", "PY", "Asunción"),
        ("sao paulo", "BR", "São Paulo"),
        ("Concepción", "CL", "Concepción"),
    ],
)
def test_lookup_ignores_case_accents_and_spacing(name: str, country: str, expected: str) -> None:
    found = gazetteer.lookup(name, country)
    assert found is not None
    assert found.name == expected


def test_lima_in_the_us_is_lima_ohio_not_peru() -> None:
    ohio = gazetteer.lookup("Lima", "US")
    peru = gazetteer.lookup("Lima", "PE")

    assert ohio is not None and peru is not None
    assert ohio.country == "US"
    assert ohio.latitude == pytest.approx(40.74, abs=0.5)
    assert ohio.longitude == pytest.approx(-84.11, abs=0.5)
    assert peru.latitude < 0 < ohio.latitude


def test_the_biggest_namesake_in_a_country_wins() -> None:
    santiago = gazetteer.lookup("Santiago", "CL")
    assert santiago is not None
    assert santiago.population > 1_000_000  # the capital, not a small namesake


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Xyzzyville", "PE"),
        ("Lima", "CL"),  # a real city, but not in that country
        ("Tacna", "CL"),
        ("Quito", "XX"),
        ("Quito", ""),
        ("", "PE"),
        ("   ", "PE"),
        ("-", "PE"),
    ],
)
def test_unknown_names_give_none(name: str, country: str) -> None:
    assert gazetteer.lookup(name, country) is None


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Bogotá", "bogota"),
        ("SÃO  PAULO", "sao paulo"),
        ("Zürich", "zurich"),
        ("Saint-Étienne", "saint etienne"),
    ],
)
def test_normalise(name: str, normal: str) -> None:
    assert gazetteer.normalise(name) == normal


def test_offline_hit_searches_the_query_and_attributes_geonames() -> None:
    place = Place(id="moneda", name="Palacio de La Moneda", query="Santiago", country="CL", role="visit")

    hit = offline_hit(place)

    assert hit is not None
    assert (hit.latitude, hit.longitude) == pytest.approx(KNOWN["Santiago", "CL"], abs=0.5)
    assert "GeoNames" in hit.by and "CC BY" in hit.by


def test_offline_hit_for_an_unknown_place_is_none() -> None:
    place = Place(id="x", name="Palacio de La Moneda", country="CL", role="visit")
    assert offline_hit(place) is None
