"""One formatter per concept, from CLDR: dates, ranges, numbers, country and language names, people,
stop titles, date rows and citations, the same in every view."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.tourfile.model import DateVariant, Person, Source, Text
from dashboard.views import formats
from dashboard.views.i18n import LANGS

D = dt.date


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (6802, "en", 0, "6,802"),
        (6802, "es", 0, "6.802"),
        (6802, "fr", 0, "6\u202f802"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (1234567.891, "es", 2, "1.234.567,89"),
        (7, "es", 0, "7"),
        (-1500, "es", 0, "-1.500"),
    ],
)
def test_numbers_use_the_marks_of_the_language(value: float, lang: str, decimals: int, expected: str):
    assert formats.format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(("lang", "expected"), [("en", ".,"), ("es", ",."), ("fr", ",\u202f")])
def test_plotly_separators_match_the_numbers(lang: str, expected: str):
    assert formats.separators(lang) == expected


@pytest.mark.parametrize(
    ("lang", "precision", "expected"),
    [
        ("en", "day", "22 December 2025"),
        ("es", "day", "22 de diciembre de 2025"),
        ("fr", "day", "22 décembre 2025"),
        ("en", "month", "December 2025"),
        ("es", "month", "diciembre de 2025"),
    ],
)
def test_dates_are_written_out(lang: str, precision: str, expected: str):
    assert formats.format_date(D(2025, 12, 22), lang, precision) == expected


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (D(2025, 12, 22), D(2025, 12, 23), "es", "22–23 de diciembre de 2025"),
        (D(2025, 12, 22), D(2025, 12, 23), "en", "22\u2009–\u200923 December 2025"),
        (D(2025, 11, 22), D(2025, 12, 3), "en", "22 November\u2009–\u20093 December 2025"),
        (D(2025, 12, 22), D(2026, 1, 3), "es", "22 de diciembre de 2025\u2009–\u20093 de enero de 2026"),
        (D(2025, 12, 22), D(2025, 12, 22), "en", "22 December 2025"),
        (D(2025, 12, 22), None, "fr", "22 décembre 2025"),
    ],
)
def test_ranges_follow_cldr_with_months_in_full(start, end, lang: str, expected: str):
    assert formats.format_range(start, end, lang) == expected


def test_a_month_only_range_is_its_month():
    assert formats.format_range(D(2026, 1, 1), D(2026, 1, 31), "es", "month") == "enero de 2026"


@pytest.mark.parametrize("lang", LANGS)
def test_no_date_is_not_stated(lang: str):
    assert formats.format_date(None, lang) not in ("", "None")


@pytest.mark.parametrize(
    ("code", "en", "es", "fr"),
    [
        ("PE", "Peru", "Perú", "Pérou"),
        ("US", "United States", "Estados Unidos", "États-Unis"),
        ("DE", "Germany", "Alemania", "Allemagne"),
        ("HM", "Heard Island & McDonald Islands", "Islas Heard y McDonald", "Îles Heard-et-MacDonald"),
    ],
)
def test_country_names_come_from_cldr(code: str, en: str, es: str, fr: str):
    assert [formats.country_name(code, lang) for lang in ("en", "es", "fr")] == [en, es, fr]
    assert formats.country_label(code, "es") == f"{es} ({code})"


def test_an_unknown_country_code_shows_as_itself():
    assert formats.country_label("ZZ", "en") == "ZZ"


@pytest.mark.parametrize(
    ("code", "lang", "expected"), [("de", "en", "German"), ("es", "es", "español"), ("ar", "fr", "arabe")]
)
def test_language_names_come_from_cldr(code: str, lang: str, expected: str):
    assert formats.language_name(code, lang) == expected


def test_the_switcher_names_each_language_in_itself():
    assert [formats.endonym(lang) for lang in LANGS] == ["English", "Español", "Français"]


def test_a_date_row_names_its_kind_and_sources():
    row = DateVariant(start=D(2025, 12, 22), kind="scheduled", sources=["s000-en", "s001-es"])
    assert formats.date_variant(row, "en") == "22 December 2025 (scheduled) [s000-en, s001-es]"
    assert formats.date_variant(row, "es") == "22 de diciembre de 2025 (prevista) [s000-en, s001-es]"


@pytest.mark.parametrize(
    ("name", "office", "expected"),
    [
        (
            "José Jerí",
            Text(en="President of Peru", es="presidente del Perú"),
            "José Jerí (presidente del Perú)",
        ),
        ("José Jerí", None, "José Jerí"),
        (None, Text(en="Foreign minister"), "Foreign minister"),
    ],
)
def test_a_person_is_a_name_and_an_office(name, office, expected: str):
    assert formats.person(Person(name=name, office=office, sources=["s1"]), "es") == expected


def test_stop_titles_number_visits_only():
    assert formats.stop_title(2, "Quito") == "2. Quito"
    assert formats.stop_title(None, "Arica") == "Arica"


def test_a_citation_says_what_the_article_is_and_leaves_out_what_it_does_not_say():
    source = Source(id="s1", title="Headline", outlet="Paper", language="es", published=D(2026, 1, 8))
    assert formats.source_citation(source, "en") == "Paper: Headline · Spanish · 8 January 2026"
    bare = Source(id="s2", language="en")
    assert formats.source_citation(bare, "es") == "artículo sin título · inglés"
    copy = Source(id="s3", title="Headline", outlet="Wire", original_outlet="Paper", language="en",
                  translation_of="s1")  # fmt: skip
    assert formats.source_citation(copy, "en", {"s1": "Paper: Headline (Spanish)"}) == (
        "Wire: Headline · First published by Paper · English · Translation of Paper: Headline (Spanish)"
    )


@pytest.mark.parametrize(
    ("source", "lang", "name"),
    [
        (Source(id="s1", language="en", title="Headline", outlet="Paper"), "en", "Paper: Headline"),
        (
            Source(id="s1", language="en", title="Headline", original_outlet="Ámbito"),
            "en",
            "Ámbito: Headline",
        ),
        (Source(id="s1", language="en", title="Headline"), "en", "Headline"),
        (Source(id="s1", language="en", outlet="Paper"), "es", "artículo sin título (Paper)"),
        (Source(id="s1", language="en"), "fr", "article sans titre"),
    ],
)
def test_a_source_is_named_by_outlet_and_title_never_by_id(source: Source, lang: str, name: str):
    assert formats.source_name(source, lang) == name


def test_a_short_name_cuts_the_title_at_a_word():
    source = Source(
        id="s1", language="en", outlet="Paper", title="Chile president-elect Kast targets crime and more"
    )
    assert formats.source_name(source, "en", short=True) == "Paper: Chile president-elect Kast targets crime…"
    assert formats.source_name(source, "en") == f"Paper: {source.title}"


def test_sources_sharing_a_name_are_told_apart_by_language_then_date_then_number():
    sources = [
        Source(id="a", language="es", title="Titular"),
        Source(id="b", language="en", title="Titular"),
        Source(id="c", language="en", published=D(2026, 1, 2)),
        Source(id="d", language="en", published=D(2026, 1, 3)),
        Source(id="e", language="fr"),
        Source(id="f", language="fr"),
        Source(id="g", language="en", title="Alone"),
    ]
    assert formats.source_names(sources, "en") == {
        "a": "Titular (Spanish)",
        "b": "Titular (English)",
        "c": "untitled article (English) (2 January 2026)",
        "d": "untitled article (English) (3 January 2026)",
        "e": "untitled article (French) #1",
        "f": "untitled article (French) #2",
        "g": "Alone",
    }
