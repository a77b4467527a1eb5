"""What a printed view says about itself: the date of its data, its sources' names, its title."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.tourfile.model import Source, Tour
from dashboard.views import credits


def _with_sources(tour: Tour, sources: list[Source]) -> Tour:
    return tour.model_copy(update={"sources": sources})


def test_the_data_is_as_of_the_newest_source_not_the_inauguration_still_to_come(kast: Tour):
    assert max(e.date for e in kast.events) == dt.date(2026, 3, 11)  # scheduled: says nothing of the data
    assert credits.data_as_of(kast) == dt.date(2025, 12, 22)


def test_a_source_read_later_than_published_dates_the_data(mini_tour: Tour):
    read = Source(id="s1", language="en", published=dt.date(2026, 1, 2), accessed=dt.date(2026, 2, 1))
    assert credits.data_as_of(_with_sources(mini_tour, [read])) == dt.date(2026, 2, 1)


def test_undated_sources_fall_back_to_the_last_thing_that_happened(mini_tour: Tour):
    # Lima on 7 January, Quito actually on 11 January (scheduled for the 10th), a status on the 7th.
    assert all(s.published is None and s.accessed is None for s in mini_tour.sources)
    assert credits.data_as_of(mini_tour) == dt.date(2026, 1, 11)


def test_no_date_anywhere_says_so(mini_tour: Tour):
    bare = mini_tour.model_copy(update={"visits": [], "proposals": [], "claims": []})
    assert credits.data_as_of(bare) is None
    assert credits.as_of_text(bare, "en") == "Date of the data not stated"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Data as of 22 December 2025"),
        ("es", "Datos al 22 de diciembre de 2025"),
        ("fr", "Données au 22 décembre 2025"),
    ],
)
def test_the_date_is_written_in_the_readers_language(kast: Tour, lang: str, expected: str):
    assert credits.as_of_text(kast, lang) == expected


def test_the_kast_credit_names_each_outlet_once(kast: Tour):
    # s000 and s001 are one article in two languages: named once; s002 has no name and is only counted.
    assert credits.sources_text(kast, "en") == (
        "Sources (5): “Kast encadena su tour derechista: tras Milei…”, Ámbito, Latin America Reports"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Sources (9): Outlet 0, Outlet 1, Outlet 2, Outlet 3, Outlet 4, Outlet 5 and 3 more"),
        ("es", "Fuentes (9): Outlet 0, Outlet 1, Outlet 2, Outlet 3, Outlet 4, Outlet 5 y 3 más"),
    ],
)
def test_many_sources_are_counted_past_the_first_names(mini_tour: Tour, lang: str, expected: str):
    many = [Source(id=f"s{i}", language="en", outlet=f"Outlet {i}") for i in range(9)]
    assert credits.sources_text(_with_sources(mini_tour, many), lang) == expected


LONG = "A very long headline, with commas, about a tour of several countries"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Short title", "“Short title”"),
        (LONG, "“A very long headline, with commas, about a tour…”"),
        ("x" * 60, "“" + "x" * credits.TITLE_CHARS + "…”"),
    ],
)
def test_an_untitled_outlet_is_named_by_its_title_cut_at_a_word(title: str, expected: str):
    assert credits.source_name(Source(id="s1", language="en", title=title), "en") == expected


def test_the_map_credit_follows_the_sources(kast: Tour):
    text = credits.credit_text(kast, "es", "Natural Earth outlines")
    assert text.startswith("Fuentes (5): ")
    assert text.endswith(" · Mapa: Natural Earth outlines")
    assert "Map" not in credits.credit_text(kast, "en")  # a chart draws no geography


def test_the_subtitle_names_the_view_and_the_date(kast: Tour):
    assert credits.print_subtitle(kast, "Cronología", "es") == "Cronología · Datos al 22 de diciembre de 2025"
    assert credits.print_title(kast, "es") == kast.title.es
