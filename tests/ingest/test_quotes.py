"""Quotations found in articles: verbatim, with their sentence and speaker, in three languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.ingest.quotes import find_quotes
from tests.conftest import SEEDS, examples, needs_seeds

# Small articles written for these tests (not taken from any publication).
EN = (
    "The minister landed in Quito on Monday. “We will build a safer border together,” "
    'Ana Torres said after the meeting.\n\nHer host was brief. He said: "Trade comes first."\n'
)
ES = (
    "La ministra llegó a Lima el martes. “Cerraremos la frontera a los delitos”, dijo Ana Torres "
    "ante la prensa.\n\nSu anfitrión, Luis Prado, afirmó: «La cooperación no es opcional».\n"
)
FR = (
    "La ministre est arrivée à Quito lundi. « Nous avancerons ensemble », a déclaré Ana Torres.\n\n"
    "C’est l’essentiel, selon les diplomates ; aucune date n’a été fixée.\n"
)


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (EN, [("We will build a safer border together,", "Ana Torres"), ("Trade comes first.", None)]),
        (
            ES,
            [
                ("Cerraremos la frontera a los delitos", "Ana Torres"),
                ("La cooperación no es opcional", "Luis Prado"),
            ],
        ),
        (FR, [("Nous avancerons ensemble", "Ana Torres")]),
    ],
    ids=["en", "es", "fr"],
)
def test_quotes_and_their_speakers(article: str, expected: list[tuple[str, str | None]]) -> None:
    quotes = find_quotes(article)
    assert [(q.text, q.speaker) for q in quotes] == expected
    for quote in quotes:
        assert article[quote.start : quote.end] == quote.text
        assert quote.text in quote.sentence and "\n" not in quote.sentence


def test_apostrophes_are_not_quotation_marks() -> None:
    article = "Chile’s president didn’t travel; ‘a short pause’ was announced."
    assert [q.text for q in find_quotes(article)] == ["a short pause"]


def test_an_unclosed_mark_proposes_nothing() -> None:
    assert find_quotes("He said “this never ends.\n\nNext paragraph without a closing mark.") == []


def test_the_sentence_is_the_evidence() -> None:
    quote = find_quotes(EN)[0]
    assert quote.sentence == "“We will build a safer border together,” Ana Torres said after the meeting."


@given(st.text(alphabet=st.sampled_from(list("ab “”«»„‘’\"'.,\n\t")), max_size=200))
@settings(max_examples=examples(300))
def test_every_quote_is_the_articles_own_characters(article: str) -> None:
    for quote in find_quotes(article):
        assert article[quote.start : quote.end] == quote.text
        assert quote.text.strip() == quote.text and quote.text


@needs_seeds
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
def test_every_quote_proposed_from_a_seed_article_is_verbatim(name: str) -> None:
    article = (SEEDS / name).read_text(encoding="utf-8")
    quotes = find_quotes(article)
    assert quotes, name  # every seed article quotes someone
    for quote in quotes:
        assert article[quote.start : quote.end] == quote.text
        assert quote.text in article


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("Ana Torres argued for action. “Borders need cameras,” he declared.", "Ana Torres"),
        ("Torres aims far beyond symbolic gestures, toward what she calls “tough diplomacy.”", "Torres"),
        ("Ana Torres habló largo. “La frontera es de todos”, dijo él.", "Ana Torres"),
        ("Ana Torres a parlé. « Nous avancerons », a-t-il dit, puis il a répété « ensemble », dit-il.", None),
        ("Her host was brief. He said: “Trade comes first.”", None),
        ("“Trade comes first,” he said.", None),
    ],
    ids=["en-after", "en-before", "es", "fr-unresolved", "possessive-is-no-name", "no-subject"],
)
def test_a_pronoun_speaks_for_the_name_its_sentence_or_the_one_before_opens_with(
    article: str, speaker: str | None
) -> None:
    (quote, *_) = find_quotes(article)
    assert (quote.speaker, quote.inferred) == (speaker, speaker is not None)
