"""The interface's words: every string in both languages, matching placeholders, numbers and dates."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from dashboard.render import charts
from dashboard.views import tables as frames
from dashboard.views.i18n import LANGS, STRINGS, format_date, format_number, format_range, t

# Every table of interface words: i18n's own, and the headers and words frames and charts keep.
TABLES = {
    "i18n.STRINGS": STRINGS,
    "frames.HEADERS": frames.HEADERS,
    "frames.ROLES": frames.ROLES,
    "frames.CLAIM_KINDS": frames.CLAIM_KINDS,
    "frames.STATUS_WORDS": frames.STATUS_WORDS,
    "frames.TIMELINE_KINDS": frames.TIMELINE_KINDS,
    "frames.LANGUAGE_NAMES": frames.LANGUAGE_NAMES,
    "charts.NAMES": charts.NAMES,
}
ENTRIES = [(f"{table}[{key!r}]", entry) for table, words in TABLES.items() for key, entry in words.items()]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize(("where", "entry"), ENTRIES, ids=[where for where, _ in ENTRIES])
def test_every_string_is_in_every_language_and_not_blank(where: str, entry: dict[str, str]):
    assert set(entry) == set(LANGS), where
    assert all(text.strip() == text and text for text in entry.values()), entry


@pytest.mark.parametrize(("where", "entry"), ENTRIES, ids=[where for where, _ in ENTRIES])
def test_placeholders_match_across_languages(where: str, entry: dict[str, str]):
    assert _placeholders(entry.get("es", "")) == _placeholders(entry["en"]), where


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Sources cited here (3)"), ("es", "Fuentes citadas aquí (3)"), ("fr", "Sources cited here (3)")],
)
def test_t_fills_placeholders_and_falls_back_to_english(lang: str, expected: str):
    assert t("sources_key", lang, count=3) == expected


@pytest.mark.parametrize(
    ("key", "lang"), [(key, lang) for key in ("days", "km", "counterparts") for lang in LANGS]
)
def test_key_figure_labels_fit_a_fifth_of_the_page(key: str, lang: str):
    # Five metrics share a row: a longer label is cut with an ellipsis; the help says the rest.
    assert len(t(key, lang)) <= 14
    assert len(t(f"{key}_help", lang)) > len(t(key, lang))


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (6802, "en", 0, "6,802"),
        (6802, "es", 0, "6.802"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (1234567.891, "es", 2, "1.234.567,89"),
        (7, "es", 0, "7"),
        (-1500, "es", 0, "-1.500"),
    ],
)
def test_numbers_use_the_marks_of_the_language(value: float, lang: str, decimals: int, expected: str):
    assert format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("lang", "precision", "expected"),
    [
        ("en", "day", "22 December 2025"),
        ("es", "day", "22 de diciembre de 2025"),
        ("en", "month", "December 2025"),
        ("es", "month", "diciembre de 2025"),
    ],
)
def test_dates_are_written_out(lang: str, precision: str, expected: str):
    assert format_date(dt.date(2025, 12, 22), lang, precision) == expected


def test_a_range_names_both_days():
    assert format_range(dt.date(2025, 12, 22), dt.date(2025, 12, 23), "es") == (
        "22 de diciembre de 2025 – 23 de diciembre de 2025"
    )
