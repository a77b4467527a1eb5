"""What a printed view says about itself: the date of its data, its sources' names, its title."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.tourfile.model import DateVariant, Event, Source, Text, Tour
from dashboard.views import credits


def _with_sources(tour: Tour, sources: list[Source]) -> Tour:
    return tour.model_copy(update={"sources": sources})


def test_the_kast_tour_is_dated_by_its_lima_meeting_not_its_newest_dated_source(kast: Tour):
    # The sources with a date end on 22 December; the undated s004-en reports Lima, 7 January.
    assert credits.newest_source_day(kast) == dt.date(2025, 12, 22)
    assert credits.newest_fact(kast) == credits.Dated(dt.date(2026, 1, 7))
    assert max(e.date for e in kast.events) == dt.date(2026, 3, 11)  # the inauguration: still to come


def _visit_dates(tour: Tour, place: str, dates: list[DateVariant]) -> Tour:
    visits = [v.model_copy(update={"dates": dates}) if v.place == place else v for v in tour.visits]
    return tour.model_copy(update={"visits": visits})


def test_a_scheduled_or_announced_date_is_not_a_fact(mini_tour: Tour):
    # Quito actually on 11 January; a plan for February, however late, says nothing happened then.
    later = [DateVariant(start=dt.date(2026, 2, 20), kind=kind) for kind in ("scheduled", "announced")]
    quito = next(v for v in mini_tour.visits if v.place == "quito")
    tour = _visit_dates(mini_tour, "quito", [*quito.dates, *later])
    assert credits.newest_fact(tour) == credits.Dated(dt.date(2026, 1, 11))


def test_an_event_counts_only_once_the_reporting_reaches_its_day(mini_tour: Tour):
    def with_event(day: dt.date, published: dt.date | None) -> Tour:
        event = Event(id="e1", label=Text(en="A milestone"), date=day, sources=["s1"])
        source = Source(id="s1", language="en", published=published)
        return mini_tour.model_copy(update={"events": [event], "sources": [source]})

    # Undated sources, facts up to 11 January: an event on the 20th has not been reported as past.
    assert credits.newest_fact(with_event(dt.date(2026, 1, 20), None)) == credits.Dated(dt.date(2026, 1, 11))
    # A source of 25 January: by then the 20th had passed.
    dated = with_event(dt.date(2026, 1, 20), dt.date(2026, 1, 25))
    assert credits.newest_fact(dated) == credits.Dated(dt.date(2026, 1, 20))


def test_an_actual_date_known_to_the_month_is_written_as_the_month(mini_tour: Tour):
    month = DateVariant(start=dt.date(2026, 2, 1), precision="month")
    tour = _visit_dates(mini_tour, "quito", [month])
    assert credits.newest_fact(tour) == credits.Dated(dt.date(2026, 2, 1), "month")
    assert credits.as_of_text(tour, "en") == "Facts up to February 2026"
    assert credits.as_of_text(tour, "es") == "Hechos hasta febrero de 2026"


def test_a_source_read_later_than_published_dates_the_sources(mini_tour: Tour):
    read = Source(id="s1", language="en", published=dt.date(2026, 1, 2), accessed=dt.date(2026, 2, 1))
    assert credits.as_of_text(_with_sources(mini_tour, [read]), "en") == (
        "Facts up to 11 January 2026 · Sources dated up to 1 February 2026"
    )


def test_undated_sources_leave_the_facts_alone(mini_tour: Tour):
    # Lima on 7 January, Quito actually on 11 January (scheduled for the 10th), a status on the 7th.
    assert all(s.published is None and s.accessed is None for s in mini_tour.sources)
    assert credits.as_of_text(mini_tour, "en") == "Facts up to 11 January 2026"


def test_no_date_anywhere_says_so(mini_tour: Tour):
    bare = mini_tour.model_copy(update={"visits": [], "proposals": [], "claims": []})
    assert credits.newest_fact(bare) is None
    assert credits.as_of_text(bare, "en") == "Date of the data not stated"
    dated = _with_sources(bare, [Source(id="s1", language="en", published=dt.date(2025, 12, 22))])
    assert credits.as_of_text(dated, "en") == "Sources dated up to 22 December 2025"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Facts up to 7 January 2026 · Sources dated up to 22 December 2025"),
        ("es", "Hechos hasta el 7 de enero de 2026 · Fuentes fechadas hasta el 22 de diciembre de 2025"),
        ("fr", "Faits jusqu’au 7 janvier 2026 · Sources datées jusqu’au 22 décembre 2025"),
    ],
)
def test_the_date_is_written_in_the_readers_language(kast: Tour, lang: str, expected: str):
    assert credits.as_of_text(kast, lang) == expected


def test_the_kast_credit_names_each_outlet_once(kast: Tour):
    # s000 and s001 are one article in two languages: named once; s002 has no name and is only counted.
    assert credits.sources_text(kast, "en") == (
        "Sources (5): “Kast encadena su tour derechista: tras Milei, se…”, Ámbito, Latin America Reports"
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
    assert credits.credit_name(Source(id="s1", language="en", title=title), "en") == expected


def test_the_map_credit_follows_the_sources(kast: Tour):
    text = credits.credit_text(kast, "es", "Natural Earth outlines")
    assert text.startswith("Fuentes (5): ")
    assert text.endswith(" · Mapa: Natural Earth outlines")
    assert "Map" not in credits.credit_text(kast, "en")  # a chart draws no geography


def test_the_subtitle_names_the_view_and_the_date(kast: Tour):
    assert credits.print_subtitle(kast, "Cronología", "es") == (
        "Cronología · Hechos hasta el 7 de enero de 2026 · Fuentes fechadas hasta el 22 de diciembre de 2025"
    )
    assert credits.print_title(kast, "es") == kast.title.es
