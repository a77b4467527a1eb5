"""Dates in articles: relative to the article's date, month-only dates, contradicting weekdays."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.dates import find_dates

FRIDAY = dt.date(2025, 12, 19)  # the articles' publication date


@pytest.mark.parametrize(
    ("text", "lang", "day", "precision"),
    [
        ("Kast will meet Noboa on Monday 22 December in Quito.", "en", dt.date(2025, 12, 22), "day"),
        ("Este lunes 22 se verá con Daniel Noboa en Quito.", "es", dt.date(2025, 12, 22), "day"),
        ("En enero llegará a Lima.", "es", dt.date(2026, 1, 1), "month"),
        ("Il est arrivé à Lima hier.", "fr", dt.date(2025, 12, 18), "day"),
    ],
    ids=["en-weekday-and-day", "es-weekday-and-day", "es-month-only", "fr-relative"],
)
def test_dates_relative_to_the_article(text: str, lang: str, day: dt.date, precision: str) -> None:
    dates = find_dates(text, lang, FRIDAY)
    assert [(d.day, d.precision) for d in dates] == [(day, precision)]
    assert text[dates[0].start : dates[0].start + len(dates[0].said)] == dates[0].said
    assert dates[0].flag is None


def test_a_weekday_that_contradicts_its_date_is_flagged() -> None:
    (date,) = find_dates("The meeting is on Tuesday 22 December.", "en", FRIDAY)
    assert date.day == dt.date(2025, 12, 22)  # the date as written; the weekday is what is flagged
    assert date.flag and "weekday contradicts date" in date.flag and "Monday" in date.flag


def test_words_that_are_no_dates_are_left_out() -> None:
    assert find_dates("He said 2 things now.", "en", FRIDAY) == []
