"""A place within 60 km of a bigger visited city of the same country (an airport town, a residence
outside the capital) is that city's visit, with the smaller place as its venue, not a stop of its
own. Sentences written for these tests (fictional people)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.draft import build_draft

DAY = dt.date(2026, 5, 4)


@pytest.mark.parametrize(
    ("texts", "lang", "city", "venue"),
    [
        (["President Ana Kowalczyk landed in Incheon on Monday.",
          "Ana Kowalczyk met the president in Seoul on Monday."], "en", "Seoul", "Incheon"),
        (["La présidente Ana Kowalczyk est arrivée lundi à Berlin.",
          "Ana Kowalczyk a rencontré le chancelier lundi à Potsdam."], "fr", "Berlin", "Potsdam"),
        (["La presidenta Ana Kowalczyk llegó el lunes a Madrid.",
          "Ana Kowalczyk visitó el lunes una fábrica en Getafe."], "es", "Madrid", "Getafe"),
    ],
    ids=["en-airport", "fr-residence", "es-suburb"],
)  # fmt: skip
def test_a_sub_place_is_the_venue_of_the_bigger_citys_visit(
    texts: list[str], lang: str, city: str, venue: str
) -> None:
    draft = build_draft([Article(f"a{i}.txt", t, lang, published=DAY) for i, t in enumerate(texts)])
    places = {p.id: p for p in draft.places}
    (visit,) = draft.visits
    assert places[visit.place].name == city
    assert visit.venue is not None and visit.venue.en == venue
    assert {p.name: p.role for p in draft.places}[venue] == "discussed"


def test_a_city_far_away_is_a_stop_of_its_own() -> None:
    texts = [
        "President Ana Kowalczyk arrived in Seoul on Monday.",
        "Ana Kowalczyk arrived in Busan on Tuesday.",
    ]
    draft = build_draft([Article(f"a{i}.txt", t, "en", published=DAY) for i, t in enumerate(texts)])
    assert len(draft.visits) == 2
