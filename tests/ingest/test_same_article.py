"""The same article given twice is one source (issue 24), even with a headline, byline or other
spacing around the same text; two articles sharing a sentence stay two."""

from __future__ import annotations

import pytest

from dashboard.ingest.articles import from_text
from dashboard.ingest.draft import propose
from tests.support.articles import TEXT, dated, record_case


@pytest.mark.parametrize(
    "again",
    [
        "Torres in Montevideo\n\n" + TEXT,  # with its headline on top
        "By Staff Writer\n" + TEXT + "\nUpdated 6 January 2026\n",  # with a byline and an update line
        TEXT.replace("\n", "\r\n").replace(". ", ".  "),  # other line ends and spacing
    ],
    ids=["headline", "byline", "spacing"],
)
def test_the_same_article_given_twice_is_one_source(again: str) -> None:
    first, second = from_text("a.txt", TEXT, "en"), from_text("b.txt", again, "en")
    ingested = propose([dated(first), dated(second)])
    assert [s.id for s in ingested.tour.sources] == ["a01-en"]
    assert len(ingested.tour.claims) == 1 and len(ingested.tour.visits) == 1
    (known,) = ingested.known
    assert known.article == "b.txt" and known.earlier
    record_case("the same article twice, once with a headline, byline or other spacing", "one source: noted")


def test_two_articles_sharing_one_sentence_stay_two_sources() -> None:
    other = (
        "The talks in Montevideo touched on fishing rights and a new rail link to the north. "
        "“We will build a safer border together,” Ana Torres said.\n"
    )
    ingested = propose([dated(from_text("a.txt", TEXT, "en")), dated(from_text("b.txt", other, "en"))])
    assert [s.id for s in ingested.tour.sources] == ["a01-en", "a02-en"] and not ingested.known


def test_the_note_about_an_article_read_twice_shows_its_names_control_characters_as_question_marks() -> None:
    first, second = from_text("a.txt", TEXT, "en"), from_text("b\x1b[31m.txt", TEXT, "en")
    (known,) = propose([dated(first), dated(second)]).known
    note = known.note()
    assert "\x1b" not in note
    assert note.startswith("note: b?[31m.txt is the same article")
