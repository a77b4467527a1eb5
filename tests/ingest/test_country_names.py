"""Countries by their long and official names (ISO 3166 through pycountry, un-inverted), a demonym
that fits two countries read by the places around it, and a host's country is theirs: a place
named beside them in another country is not where they were met. Sentences written for these
tests (fictional people)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.draft import build_draft
from dashboard.ingest.people import find_people
from dashboard.ingest.places import all_mentions, uninverted


@pytest.mark.parametrize(
    ("text", "said", "country"),
    [
        ("Il est arrivé samedi en République démocratique du Congo.", "République démocratique du Congo",
         "CD"),
        ("He flew to the Democratic Republic of the Congo on Friday.", "Democratic Republic of the Congo",
         "CD"),
        ("Llegó a la República Democrática del Congo el martes.", "República Democrática del Congo", "CD"),
        ("Chegou à República Democrática do Congo na terça.", "República Democrática do Congo", "CD"),
        ("She then visited the Republic of Korea.", "Republic of Korea", "KR"),
        ("Il s'est rendu en République de Corée.", "République de Corée", "KR"),
        ("They landed in Bosnia and Herzegovina.", "Bosnia and Herzegovina", "BA"),
    ],
    ids=["fr-long", "en-long", "es-long", "pt-long", "en-official", "fr-uninverted", "en-and"],
)  # fmt: skip
def test_a_country_by_its_long_or_official_name(text: str, said: str, country: str) -> None:
    (place,) = all_mentions(text)
    assert (place.said, place.country, place.country_only) == (said, country, True)


@pytest.mark.parametrize(
    ("inverted", "plain"),
    [
        ("Congo, The Democratic Republic of the", "Democratic Republic of the Congo"),
        ("Corée, République de", "République de Corée"),
        ("Peru", "Peru"),
    ],
)
def test_iso_names_are_read_the_way_articles_write_them(inverted: str, plain: str) -> None:
    assert uninverted(inverted) == plain


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Il a rencontré le président congolais Jean Mavoungou à Kinshasa.", "CD"),
        ("Il a rencontré le président congolais Jean Mavoungou à Brazzaville.", "CG"),
        ("Se reunió con el presidente congoleño Pedro Ilunga en Kinsasa.", "CD"),
        ("Le président congolais Jean Mavoungou est arrivé. Brazzaville, capitale du Congo, l'attend.", "CG"),
        ("Il a rencontré le président congolais Jean Mavoungou.", None),
    ],
    ids=["fr-sentence-cd", "fr-sentence-cg", "es-sentence", "fr-article", "fr-no-place"],
)  # fmt: skip
def test_a_demonym_fitting_two_countries_is_read_by_the_places_named(text: str, country: str | None) -> None:
    (person,) = find_people(text)
    assert person.country == country


def test_a_place_named_beside_a_host_of_another_country_is_not_where_they_were_met() -> None:
    articles = [
        Article("a.txt", "Le président Paul Martin est arrivé vendredi à Kinshasa, en République "
                "démocratique du Congo. Samedi, il s'est entretenu avec son homologue congolais "
                "Jean Ilunga au palais. "
                "Il a joué le rôle de médiateur entre le président congolais Ilunga et son voisin, avec "
                "des mises en garde jusqu'à Kigali.", "fr", published=dt.date(2026, 3, 6)),
    ]  # fmt: skip
    draft = build_draft(articles)
    places = {p.id: p for p in draft.places}
    stops = {places[v.place].name: [c.name for c in v.counterparts] for v in draft.visits}
    assert "Kigali" not in stops
    assert any("Ilunga" in name for name in stops["Kinshasa"])
