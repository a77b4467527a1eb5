"""Visits an article reports: which place a date goes to, who was met, and how an article with no
date of its own is read."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.people import find_people
from dashboard.ingest.places import all_mentions
from dashboard.ingest.visits import cast_of, date_line, find_visits, home_country, reference

DAY = dt.date(2025, 12, 22)


def _visits(text: str, lang: str = "en", published: dt.date | None = DAY, others=(), home=None):
    article = Article("t.txt", text, lang, published=published)
    ref = reference(article, list(others))
    found = find_visits(article, ref, cast_of(text, all_mentions(text), find_people(text), home))
    return [(v.place.name, v.day.day, v.kind, [p.name for p in v.met], v.flag) for v in found]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "After a meeting with President Javier Milei in Argentina, Ana Ruiz is scheduled to meet "
            "President Daniel Noboa in Ecuador on Monday, December 22, and plans a visit to Peru. "
            "Ruiz spoke. Ruiz left.",
            "en",
        ),
        (
            "Tras reunirse con el presidente Javier Milei en Argentina, este lunes 22 Ana Ruiz se verá con "
            "el presidente Daniel Noboa en Ecuador y luego tiene anunciada una visita a Perú. Ruiz habló.",
            "es",
        ),
    ],
    ids=["en", "es"],
)
def test_a_date_goes_to_the_place_after_its_verb_not_to_every_place(text: str, lang: str) -> None:
    (visit,) = _visits(text, lang)
    assert visit[:2] == ("Quito", DAY)
    assert visit[3] == ["Daniel Noboa"]  # the person named nearest the place, not Milei
    assert visit[2] == "scheduled"


def test_a_sentence_without_a_place_takes_the_place_of_the_one_before() -> None:
    text = "Ruiz traveled to Peru, where she met President José Jerí. The meeting took place on December 17."
    assert _visits(text) == [("Lima", dt.date(2025, 12, 17), "actual", ["José Jerí"], None)]


def test_a_sentence_without_a_place_takes_the_place_its_counterpart_was_named_with() -> None:
    text = (
        "Ruiz met President Javier Milei on Tuesday.\n"
        "Ruiz's agenda in Argentina included lunch after seeing Milei. Ruiz flew home."
    )
    assert _visits(text)[0][:4] == ("Buenos Aires", dt.date(2025, 12, 16), "actual", ["Javier Milei"])


def test_a_date_nearer_an_election_is_not_a_visit_and_home_is_not_visited() -> None:
    text = "Since his election victory on December 14, Ruiz has made trips across the region from Chile."
    assert _visits(text, home="CL") == []


@pytest.mark.parametrize(
    ("head", "day"),
    [
        ("date 2025-12-22", DAY),
        ("27.1 C\nBuenos Aires\nMonday, December 22, 2025", DAY),
        ("Breaking news", None),
    ],
    ids=["iso", "page-header", "none"],
)
def test_a_date_line_at_the_top_of_the_text(head: str, day: dt.date | None) -> None:
    assert date_line(f"{head}\n\nRuiz met President Javier Milei in Buenos Aires on Tuesday.") == day


def test_an_undated_article_is_read_from_its_date_line_and_flagged() -> None:
    text = "Monday, December 22, 2025\n\nRuiz met President Javier Milei in Buenos Aires on Tuesday."
    ((place, day, _, _, flag),) = _visits(text, published=None)
    assert (place, day) == ("Buenos Aires", dt.date(2025, 12, 16))
    assert "date line (2025-12-22)" in flag


def test_an_undated_article_keeps_only_calendar_dates_with_the_other_articles_year() -> None:
    text = "On December 22, Ruiz arrived in Quito. On Tuesday she flew to Lima."
    (visit,) = _visits(text, published=None, others=[dt.date(2026, 1, 3)])
    assert visit[:2] == ("Quito", dt.date(2025, 12, 22))  # the year nearest the other article's date
    assert "year taken from the other articles (2026-01-03)" in visit[4]
    assert _visits(text, published=None) == []  # no date at all: nothing is guessed


def test_the_home_country_is_the_one_named_in_most_articles() -> None:
    texts = ["Chile and Peru.", "Chile and Argentina.", "Chilean and Peruvian news from Peru."]
    assert home_country([all_mentions(t) for t in texts]) == "CL"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "On December 17, Ana Ruiz arrived in Lima.\n\nThe day after their arrival, the two leaders met "
            "at the palace.",
            "en",
        ),
        ("Ana Ruiz llegó a Lima el 17 de diciembre.\n\nAl día siguiente se reunió con los ministros.", "es"),
        ("Ana Ruiz est arrivée à Lima le 17 décembre.\n\nLe lendemain, elle a rencontré le maire.", "fr"),
        ("Ana Ruiz chegou a Lima em 17 de dezembro.\n\nNo dia seguinte, reuniu-se com os ministros.", "pt"),
    ],
    ids=["en", "es", "fr", "pt"],
)
def test_the_next_day_is_the_day_after_the_last_visit_day_at_its_place(text: str, lang: str) -> None:
    arrival, meeting = _visits(text, lang)
    assert arrival[:2] == ("Lima", dt.date(2025, 12, 17))
    assert meeting[:3] == ("Lima", dt.date(2025, 12, 18), "actual")
    assert "read as the day after" in meeting[4]  # the reviewer is told how the day was found


def test_the_next_day_with_no_visit_day_before_it_is_not_a_date() -> None:
    assert _visits("Ana Ruiz spoke in Madrid.\n\nThe next day, she met the ministers.") == []
