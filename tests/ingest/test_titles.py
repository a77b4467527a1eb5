"""Quoted strings that no one says are not proposed as quotes (titles, slogans, terms, names), a
quotation cut off by the end of the text is kept and flagged, and one left open inside another is
found. Every sentence here is written for these tests, in four languages."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.draft import build_draft
from dashboard.ingest.quotes import find_quotes
from dashboard.ingest.titles import is_designation, is_name, is_term, is_title, unquoted


@pytest.mark.parametrize(
    "text",
    [
        "The president attended the event “Water for Every Village and Town” in the capital.",
        "El presidente participó en el foro «Agua y energía para todos los pueblos» en la capital.",
        "Le président a assisté au sommet « Des forêts et des hommes pour demain » à la capitale.",
        "O presidente participou do evento “Financiamento para a agricultura familiar” na capital.",
        "The crowd sang “Rivers Running Home Forever” as the motorcade passed.",
    ],
    ids=["en-event", "es-forum", "fr-summit", "pt-event", "title-case"],
)
def test_a_title_is_not_a_quote(text: str) -> None:
    (quote,) = find_quotes(text)
    assert is_title(text, quote)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The minister called the plan “reckless” on Monday.", True),
        ("El gobierno pidió «consultas formales» a la organización.", True),
        ("The president said that his rival «will copy» the plan.", False),
        ("« Nous avancerons ensemble », a déclaré la ministre Ana Torres.", False),
    ],
    ids=["one-word", "two-words-no-saying", "two-words-said", "named-speaker"],
)
def test_a_term_is_one_or_two_words_nobody_is_said_to_say(text: str, term: bool) -> None:
    (quote,) = find_quotes(text)
    assert is_term(quote) is term


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("On Friday the president will visit the old “bridge of the two banks” near the port.", True),
        ("El mandatario recorrió el llamado «paseo de los pescadores» junto al puerto.", True),
        ("Le président se rendra ensuite au « jardin de la paix » du quartier nord.", True),
        ("O presidente chegou ao chamado “mercado das flores” no fim da tarde.", True),
        ("The host described the visit as “a turning point for the region”.", False),
        ("The minister said the visit was “a turning point for the region”.", False),
        ("Theme of the leader's visit “bridges over rivers” was chosen in May.", False),
    ],
    ids=["en-visit", "es-recorrer", "fr-se-rendre", "pt-chegar", "noun-visit", "said", "possessive"],
)
def test_a_place_the_traveller_visits_is_not_a_quote(text: str, place: bool) -> None:
    (quote,) = find_quotes(text)
    assert is_designation(text, quote) is place


def test_words_another_article_writes_plainly_are_a_name() -> None:
    quoted = "Les chefs d'État se retrouvent au « Sommet des Grands Lacs » de la capitale."
    plain = unquoted([quoted, "Le Sommet des Grands Lacs s'ouvre jeudi dans la capitale."])
    (quote,) = find_quotes(quoted)
    assert is_name(quote, plain)


def test_speech_is_kept() -> None:
    text = "“We will build a safer border together,” Ana Torres said after the meeting."
    (quote,) = find_quotes(text)
    assert not (is_term(quote) or is_title(text, quote) or is_name(quote, unquoted([text])))


@pytest.mark.parametrize("mark", ["“", "«", '"'])
def test_a_quote_cut_off_by_the_end_of_the_text_is_kept_and_flagged(mark: str) -> None:
    text = f"A ministra chegou a Luanda na quarta-feira (4) e afirmou: {mark}Não encontro explicação para a"
    article = Article("pt.txt", text, "pt", published=dt.date(2026, 3, 6))
    (quote,) = find_quotes(text)
    assert quote.cut and text.endswith(quote.text)
    (claim,) = build_draft([article]).claims
    assert claim.quote == quote.text and "ends inside this quotation" in (claim.draft.flag or "")


def test_an_opening_mark_never_closed_gives_way_to_the_quotation_inside() -> None:
    text = "Il a déclaré : « La ville, en paix, ne doit « pas devenir un butin ». Puis il est parti."
    assert [q.text for q in find_quotes(text)] == ["pas devenir un butin"]
