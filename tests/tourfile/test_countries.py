"""ISO 3166-1 alpha-2 codes: the officially assigned ones, and near misses."""

from __future__ import annotations

import pytest

from dashboard.tourfile import countries


def test_every_officially_assigned_code_is_there():
    assert len(countries.codes()) == 250  # ISO 3166-1's 249 officially assigned alpha-2 codes, and XK
    assert all(len(code) == 2 and code.isascii() and code.isupper() for code in countries.codes())


@pytest.mark.parametrize("code", ["ZZ", "UK", "XX", "EU", "pe", ""])
def test_reserved_user_assigned_and_lower_case_codes_are_not_assigned(code: str):
    assert not countries.is_assigned(code)


@pytest.mark.parametrize(
    ("code", "meant"), [("pe", "PE"), (" cl ", "CL"), ("UK", "GB"), ("EL", "GR"), ("ZZ", None)]
)
def test_suggestion_for_a_near_miss(code: str, meant: str | None):
    assert countries.suggestion(code) == meant


def test_kosovo_is_a_country_though_iso_has_not_assigned_it():
    from babel import Locale

    assert countries.is_assigned("XK") and Locale("en").territories["XK"] == "Kosovo"
