"""Who travels, from which country, and whom they meet: read from the articles together, in four
languages. Every sentence here is written for these tests (fictional people)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.cast import find_traveller, hosts_in
from dashboard.ingest.draft import build_draft
from dashboard.ingest.people import find_people


@pytest.mark.parametrize(
    ("text", "name", "office", "country"),
    [
        ("He met the Prime Minister of Spain, Ana Díaz, in Madrid.", "Ana Díaz", "Prime Minister of Spain",
         "ES"),
        ("Se reunió con el presidente de Guatemala Otto Lima Prado en el palacio.", "Otto Lima Prado",
         "presidente de Guatemala", "GT"),
        ("Conversó con la jefa de Estado brasileña, Marta Souza, en su despacho.", "Marta Souza",
         "jefa de Estado brasileña", "BR"),
        ("Il a rencontré son homologue gabonais, Paul Mba, au palais.", "Paul Mba", "homologue gabonais",
         "GA"),
        ("Encontrou o primeiro-ministro etíope, Abel Tesfaye, na sede.", "Abel Tesfaye",
         "primeiro-ministro etíope", "ET"),
        ("Lula teve reunião com o presidente egípcio, Karim Saleh, na quinta.", "Karim Saleh",
         "presidente egípcio", "EG"),
        ("Il a été reçu par le ministre des Affaires étrangères, Jean Dupont.", "Jean Dupont",
         "ministre des Affaires étrangères", None),
    ],
    ids=["en-of", "es-de", "es-adjective", "fr-counterpart", "pt-adjective", "pt-irregular", "fr-minister"],
)  # fmt: skip
def test_an_office_and_whose_it_is(text: str, name: str, office: str, country: str | None) -> None:
    (person,) = find_people(text)
    assert (person.name, person.office, person.country) == (name, office, country)


@pytest.mark.parametrize(
    "text",
    [
        "The delegation included Industry Confederation President Ana Ruiz.",
        "Es presidente de la Confederación Nacional de Comercio.",
        "He met King Felipe.",
    ],
    ids=["organisation-en", "organisation-es", "one-name-monarch"],
)
def test_an_organisations_head_is_not_a_host_and_a_monarch_needs_one_name(text: str) -> None:
    people = find_people(text)
    assert [p.name for p in people] == (["Felipe"] if "King" in text else [])


def _article(text: str, lang: str, day: dt.date | None = dt.date(2026, 3, 6)) -> Article:
    return Article(f"{lang}.txt", text, lang, published=day)


TOUR = [
    _article("El presidente mexicano, Luis Ortega Vidal, llegó este lunes a Bogotá, donde se reunió con "
             "el mandatario colombiano, Carlos Rey Ruiz.", "es"),
    _article("O presidente Luis Ortega Vidal desembarcou nesta terça-feira em Lima. Ortega Vidal foi "
             "recebido pelo chanceler peruano, Jorge Paz Soto, e se reunirá com a presidente peruana, "
             "Rosa Díaz Mora.",
             "pt"),
    _article("Luis Ortega Vidal visited Quito on Wednesday and met Ecuadorian President Marco Ibarra.", "en"),
]  # fmt: skip


def test_the_traveller_is_the_one_who_travels_and_their_office_says_their_country() -> None:
    traveller = find_traveller(TOUR)
    assert traveller.name == "Luis Ortega Vidal" and traveller.home == "MX" and traveller.sure


def test_hosts_carry_their_country_and_how_they_were_met() -> None:
    traveller = find_traveller(TOUR)
    hosts = {h.person.name: h for h in hosts_in(TOUR[1], traveller)}
    assert (
        hosts["Jorge Paz Soto"].country == "PE" and hosts["Jorge Paz Soto"].note == "received the traveller"
    )
    assert hosts["Rosa Díaz Mora"].note.startswith("planned")


def test_each_stop_has_its_hosts_and_the_travellers_capital_is_no_stop() -> None:
    tour = [
        *TOUR,
        _article("El presidente mexicano Luis Ortega Vidal regresó a Ciudad de México el viernes.", "es"),
    ]
    draft = build_draft(tour)
    places = {p.id: p for p in draft.places}
    met = {places[v.place].country: {c.name for c in v.counterparts} for v in draft.visits}
    assert "MX" not in met
    assert met["CO"] == {"Carlos Rey Ruiz"} and met["EC"] == {"Marco Ibarra"}
    assert met["PE"] == {"Jorge Paz Soto", "Rosa Díaz Mora"}
    assert draft.subject == "Luis Ortega Vidal"
