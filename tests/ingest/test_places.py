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
