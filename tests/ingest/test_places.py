"""Places named in articles: cities from the offline gazetteer, countries standing for capitals."""

from __future__ import annotations

import pytest

from dashboard.ingest.places import find_places

EN = "After Buenos Aires the delegation flew to Quito, then on to Ecuador's neighbour, Peru."
ES = "Tras Buenos Aires, la delegación viajó a Quito y luego a Perú."
FR = "Après Buenos Aires, la délégation s'est rendue à Quito puis au Pérou."


@pytest.mark.parametrize("text", [EN, ES, FR], ids=["en", "es", "fr"])
def test_cities_and_a_country_named_alone(text: str) -> None:
    places = find_places(text)
    assert [(p.name, p.country, p.country_only) for p in places if p.country != "EC" or p.name == "Quito"][
        :3
    ] == [
        ("Buenos Aires", "AR", False),
        ("Quito", "EC", False),
        ("Lima", "PE", True),  # only the country is named: its capital, flagged for review
    ]
    for place in places:
        assert text[place.start : place.start + len(place.said)] == place.said
        assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180


def test_a_city_named_after_its_country_is_not_flagged() -> None:
    places = find_places("Peru's president met him in Lima.")
    assert [(p.name, p.country_only, p.said) for p in places] == [("Lima", False, "Lima")]


def test_capitalised_words_that_are_no_place_propose_nothing() -> None:
    assert find_places("The President And His Team Said Nothing.") == []


@pytest.mark.parametrize(
    ("text", "said", "capital"),
    [
        ("The Ecuadorian president spoke.", "Ecuadorian", "Quito"),
        ("Habló el mandatario peruano ayer.", "peruano", "Lima"),
        ("Les dirigeants argentins ont parlé.", "argentins", "Buenos Aires"),
        ("A Chilean delegation left.", "Chilean", "Santiago"),
    ],
    ids=["en", "es", "fr-plural", "en-chile"],
)
def test_a_demonym_stands_for_its_country_and_is_flagged(text: str, said: str, capital: str) -> None:
    (place,) = find_places(text)
    assert (place.said, place.name, place.country_only) == (said, capital, True)
    assert text[place.start : place.start + len(said)] == said


@pytest.mark.parametrize(
    "text",
    [
        "He travelled with his advisor Cristián Valenzuela and nobody else.",
        "The talks included the industrial society's president Rosario Navarro as well.",
        "Reunión con Noboa\nLa reunión fue larga y cordial.",
        "Franco and Italo came too.",
    ],
    ids=["surname", "first-name", "common-word-at-start", "short-names-no-demonym"],
)
def test_names_and_common_words_that_are_also_places_propose_nothing(text: str) -> None:
    assert find_places(text) == []


def test_a_city_keeps_its_place_at_the_start_of_a_sentence_and_after_a_connector() -> None:
    text = "Valenzuela is a city. El Ministerio de Relaciones Exteriores de Perú habló."
    assert [p.name for p in find_places(text)] == ["Valenzuela", "Lima"]
