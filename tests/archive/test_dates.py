"""Dates as tables write them: read when unambiguous, refused with the reason otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.archive.dates import parse_dates

D = dt.date


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("2001-04-20", False, (D(2001, 4, 20), None)),
        ("1866-01-09", False, (D(1866, 1, 9), None)),
        ("20.4.2001", True, (D(2001, 4, 20), None)),
        ("20/04/2001", True, (D(2001, 4, 20), None)),
        ("4/20/2001", False, (D(2001, 4, 20), None)),
        ("April 20, 2001", False, (D(2001, 4, 20), None)),
        ("20 April 2001", False, (D(2001, 4, 20), None)),
        ("Apr. 20, 2001", False, (D(2001, 4, 20), None)),
        ("April 20–22, 2001", False, (D(2001, 4, 20), D(2001, 4, 22))),
        ("April 20-22, 2001", False, (D(2001, 4, 20), D(2001, 4, 22))),
        ("20–22 April 2001", False, (D(2001, 4, 20), D(2001, 4, 22))),
        ("April 30 – May 2, 2001", False, (D(2001, 4, 30), D(2001, 5, 2))),
        ("30 April – 2 May 2001", False, (D(2001, 4, 30), D(2001, 5, 2))),
        ("Dec. 30, 2001 - Jan. 2, 2002", False, (D(2001, 12, 30), D(2002, 1, 2))),
        ("2001-04-20/2001-04-22", False, (D(2001, 4, 20), D(2001, 4, 22))),
        ("2001-04-20/2001-04-20", False, (D(2001, 4, 20), None)),
    ],
)
def test_a_date_is_read(text: str, dayfirst: bool, expected: tuple[dt.date, dt.date | None]):
    assert parse_dates(text, dayfirst) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no date"),
        ("soon", "not a date this importer reads"),
        ("April 2001", "not a date this importer reads"),
        ("2001-02-30", "no such day"),
        ("30.4.2001", "is the day first (d.m.yyyy)? give --dayfirst"),
        ("2001-04-22/2001-04-20", "the range ends (2001-04-20) before it starts (2001-04-22)"),
    ],
)
def test_a_date_that_cannot_be_read_says_why(text: str, reason: str):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        parse_dates(text)
