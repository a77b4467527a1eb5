"""English as news agencies write it: whose office it is from a demonym or a possessive before it,
or "of Ruritania" after the name; a name with its office after it ("Ana Vera, the Ruritanian
president,"); religious and international offices in the four languages; a city-state named by
its name is its city; hosts who received the traveller keep that note where they are also named
at the stop. Every sentence is written for these tests (fictional people)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.draft import build_draft
from dashboard.ingest.people import find_people
from dashboard.ingest.places import all_mentions


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("She was welcomed by Vietnamese President Tran Van Minh.", "Tran Van Minh", "VN"),
        ("She met Kenya's Prime Minister Ruth Wanjiku on Friday.", "Ruth Wanjiku", "KE"),
        ("She met New Zealand's Prime Minister Tom Kila on Friday.", "Tom Kila", "NZ"),
        ("He then met Prime Minister Anwar Rahman of Malaysia.", "Anwar Rahman", "MY"),
        ("The Netherlands' King Willem received him.", "Willem", "NL"),
        ("She was greeted by President Ramon Cruz.", "Ramon Cruz", None),
    ],
    ids=["demonym", "possessive", "possessive-two-words", "of-after", "possessive-monarch", "none"],
)
def test_whose_office_english_says_around_it(text: str, name: str, country: str | None) -> None:
    people = {p.name: p for p in find_people(text)}
    assert people[name].country == country


@pytest.mark.parametrize(
    ("text", "name", "office", "country"),
    [
        ("He met Le Quoc Hung, the Vietnamese prime minister, in the capital.", "Le Quoc Hung",
         "Vietnamese prime minister", "VN"),
        ("Ruth Wanjiku, Kenya's president, greeted him.", "Ruth Wanjiku", "Kenya's president", "KE"),
        ("He spoke with Anna Berg, the prime minister of Sweden.", "Anna Berg", "prime minister", "SE"),
    ],
    ids=["demonym", "possessive", "of"],
)  # fmt: skip
def test_a_name_with_its_office_after_it(text: str, name: str, office: str, country: str) -> None:
    (person,) = find_people(text)
    assert (person.name, person.office, person.country) == (name, office, country)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("He prayed with Grand Imam Ahmad Basri at the mosque.", "Ahmad Basri"),
        ("Il a rencontré le grand imam Ahmad Basri à la mosquée.", "Ahmad Basri"),
        ("Se reunió con el patriarca Teodoro Ilias en la catedral.", "Teodoro Ilias"),
        ("Encontrou o cardeal Pedro Sousa na catedral.", "Pedro Sousa"),
        ("He met Secretary-General Ana Vera in the afternoon.", "Ana Vera"),
    ],
    ids=["en-imam", "fr-imam", "es-patriarch", "pt-cardinal", "en-secretary-general"],
)
def test_religious_and_international_offices(text: str, name: str) -> None:
    assert [p.name for p in find_people(text)] == [name]


@pytest.mark.parametrize(
    ("text", "country_only"),
    [("He flew to Monaco.", False), ("He flew to Luxembourg.", False), ("He flew to Peru.", True)],
)
def test_a_city_state_named_is_its_city(text: str, country_only: bool) -> None:
    (place,) = all_mentions(text)
    assert place.country_only is country_only


def test_an_english_tour_reads_its_hosts_countries() -> None:
    articles = [
        Article("a.txt", "Prime Minister Ana Kowalczyk arrived in Hanoi on Monday. She was greeted by "
                "Vietnamese President Tran Van Minh.", "en", published=dt.date(2026, 5, 4)),
        Article("b.txt", "Kowalczyk landed in Nairobi on Wednesday. Kenya's President Ruth Wanjiku, who "
                "welcomed her, said the talks went well.", "en", published=dt.date(2026, 5, 6)),
    ]  # fmt: skip
    draft = build_draft(articles)
    places = {p.id: p for p in draft.places}
    stops = {places[v.place].name: v for v in draft.visits}
    assert [c.name for c in stops["Hanoi"].counterparts] == ["Tran Van Minh"]
    assert [c.name for c in stops["Nairobi"].counterparts] == ["Ruth Wanjiku"]
    (host,) = stops["Hanoi"].counterparts
    assert host.note is not None and host.note.en == "received the traveller"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("He will travel there on Sept. 6 and then home.", dt.date(2025, 9, 6)),
        ("She arrived on Aug. 30 with her team.", dt.date(2025, 8, 30)),
        ("The talks are set for Dec. 2, 2025.", dt.date(2025, 12, 2)),
    ],
    ids=["sept", "aug", "dec-year"],
)
def test_a_month_abbreviated_as_agencies_write_it(text: str, day: dt.date) -> None:
    from dashboard.ingest.dates import find_dates

    assert [d.day for d in find_dates(text, "en", dt.date(2025, 9, 2))] == [day]


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("He landed in Suva on Friday.", "Suva"),
        ("Elle est arrivée à Apia vendredi.", "Apia"),
        ("Llegó a Valletta el viernes.", "Valletta"),
    ],
    ids=["en", "fr", "es"],
)
def test_a_small_countrys_capital_by_its_own_name(text: str, capital: str) -> None:
    assert [p.name for p in all_mentions(text)] == [capital]


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        ("Ana Kowalczyk wrapped up her trip in Auckland on Thursday, meeting New Zealand Prime Minister "
         "Kate Moana.", "Auckland"),
        ("Ana Kowalczyk met Kenya's President Ruth Wanjiku in Mombasa on Thursday.", "Mombasa"),
        ("Ana Kowalczyk se reunió el jueves con el presidente de Colombia, Iván Rojas, en Medellín.",
         "Medellín"),
        ("La presidenta polaca Ana Kowalczyk se reunió el jueves con el presidente de Colombia, Iván Rojas.",
         "Bogotá"),
    ],
    ids=["en-name-before", "en-possessive", "es-of", "es-country-only"],
)  # fmt: skip
def test_a_country_that_says_whose_office_is_not_the_stop_where_a_city_of_it_is_named(
    text: str, stop: str
) -> None:
    lang = "es" if " el " in text else "en"
    draft = build_draft([Article("a.txt", text, lang, published=dt.date(2026, 5, 8))])
    places = {p.id: p.name for p in draft.places}
    assert [places[v.place] for v in draft.visits] == [stop]


def test_a_weekday_that_dateparser_reads_too_far_is_the_last_such_day() -> None:
    from dashboard.ingest.dates import find_dates

    found = find_dates("She landed there on Friday after a six-hour flight.", "en", dt.date(2025, 9, 6))
    assert [d.day for d in found] == [dt.date(2025, 9, 5)]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("He was received by Samoan Prime Minister Fiame Tuala.", "Fiame Tuala", "WS"),
        ("Il a été reçu par le Premier ministre maltais Paul Borg.", "Paul Borg", "MT"),
        ("Kenya's president, Ruth Wanjiku, greeted him.", "Ruth Wanjiku", "KE"),
        ("He met the president of Kenya, Ruth Wanjiku, on Monday.", "Ruth Wanjiku", "KE"),
    ],
    ids=["en-small-country-demonym", "fr-small-country-demonym", "en-possessive-lower", "en-of-lower"],
)
def test_small_countries_demonyms_and_lower_case_offices(text: str, name: str, country: str) -> None:
    people = {p.name: p for p in find_people(text)}
    assert people[name].country == country


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ana Kowalczyk landed in Suva on Friday after a flight from Manila. She was welcomed by Prime "
         "Minister Jone Ratu. On Saturday, Kowalczyk met with Ratu.", "en"),
        ("Ana Kowalczyk aterrizó el viernes en Suva procedente de Manila. Fue recibida por el primer "
         "ministro Jone Ratu. El sábado, Kowalczyk se reunió con Ratu.", "es"),
    ],
    ids=["en", "es"],
)  # fmt: skip
def test_where_the_traveller_came_from_is_not_where_they_meet(text: str, lang: str) -> None:
    draft = build_draft([Article("a.txt", text, lang, published=dt.date(2025, 9, 6))])
    places = {p.id: p.name for p in draft.places}
    stops = {places[v.place]: [c.name for c in v.counterparts] for v in draft.visits}
    assert "Manila" not in stops
    assert stops["Suva"] == ["Jone Ratu"]


@pytest.mark.parametrize(
    ("office", "head"),
    [
        ("President", True),
        ("Vietnamese prime minister", True),
        ("Kenya's president", True),
        ("Vice President", False),
        ("Vietnamese Vice President", False),
        ("Foreign Minister", False),
        ("presidente argentino", True),
    ],
)
def test_a_head_of_state_or_government_with_whose_office_before_it(office: str, head: bool) -> None:
    from dashboard.ingest.cast import is_head

    assert is_head(office) is head


@pytest.mark.parametrize(
    "text",
    [
        "Crowds waved banners that read “Welcome to our land, dear friend”.",
        "The visit is held under the theme “Faith, hope and love”.",
        "Hubo pancartas con la leyenda «Bienvenido a casa, amigo».",
        "Des pancartes qui disaient « Bienvenue chez nous, ami ».",
        "Faixas com os dizeres “Bem-vindo à nossa terra, amigo”.",
    ],
    ids=["en-read", "en-theme", "es-leyenda", "fr-disaient", "pt-dizeres"],
)
def test_what_a_banner_reads_or_a_theme_is_not_a_quote(text: str) -> None:
    from dashboard.ingest.quotes import find_quotes
    from dashboard.ingest.titles import is_title

    (quote,) = find_quotes(text)
    assert is_title(text, quote)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("He met President Vera on Monday.", "Vera", None),
        ("Kenyan President Wanjiku's government welcomed him.", "Wanjiku", "KE"),
        ("He thanked Prime Minister Okonjo for the welcome.", "Okonjo", None),
    ],
    ids=["surname", "demonym-possessive", "prime-minister"],
)
def test_a_head_named_by_surname_alone(text: str, name: str, country: str | None) -> None:
    people = {p.name: p for p in find_people(text)}
    assert people[name].country == country


def test_a_surname_alone_is_the_person_named_in_full_before() -> None:
    people = find_people("President Ana Vera met him. Later President Vera spoke.")
    assert [p.name for p in people] == ["Ana Vera"]
