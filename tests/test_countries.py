"""ISO 3166-1 alpha-2 codes and their English and Spanish names."""

from __future__ import annotations

import pytest

from dashboard.tourfile import countries


def test_every_officially_assigned_code_is_there():
    assert len(countries.CODES) == 249  # ISO 3166-1's officially assigned alpha-2 codes
    assert all(len(code) == 2 and code.isascii() and code.isupper() for code in countries.CODES)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_names_are_present_and_tell_countries_apart(lang: str):
    names = [countries.name(code, lang) for code in sorted(countries.CODES)]
    assert all(n and n != code for n, code in zip(names, sorted(countries.CODES), strict=True))
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    ("code", "en", "es"),
    [
        ("PE", "Peru", "Perú"),
        ("CL", "Chile", "Chile"),
        ("AR", "Argentina", "Argentina"),
        ("EC", "Ecuador", "Ecuador"),
        ("VE", "Venezuela", "Venezuela"),
        ("US", "United States", "Estados Unidos"),
        ("GB", "United Kingdom", "Reino Unido"),
        ("DE", "Germany", "Alemania"),
        ("MX", "Mexico", "México"),
        ("BR", "Brazil", "Brasil"),
    ],
)
def test_names_in_english_and_spanish(code: str, en: str, es: str):
    assert countries.name(code, "en") == en
    assert countries.name(code, "es") == es
    assert countries.name(code) == en  # English unless asked otherwise
    assert countries.label(code, "es") == f"{es} ({code})"


@pytest.mark.parametrize("code", ["ZZ", "UK", "XK", "EU", "pe", ""])
def test_unassigned_codes_fall_back_to_the_code(code: str):
    assert not countries.is_assigned(code)
    assert countries.name(code, "es") == code
    assert countries.label(code) == code


@pytest.mark.parametrize(
    ("code", "meant"), [("pe", "PE"), (" cl ", "CL"), ("UK", "GB"), ("EL", "GR"), ("ZZ", None)]
)
def test_suggestion_for_a_near_miss(code: str, meant: str | None):
    assert countries.suggestion(code) == meant
