"""The same agency text carried by two outlets, each cutting or heading it its own way, is one
source: the first's record, noting the other carrier and the agency credited, and its proposals
are made once. Texts written for these tests (fictional people)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.draft import propose
from dashboard.ingest.known import wire_copy, wire_credit

BODY = (
    "President Ana Kowalczyk arrived in Hanoi on Monday for a three-day visit, the first by a leader of her "
    "country in a decade. She was greeted at the airport by Vietnamese President Tran Van Minh and a guard "
    "of honour. \u201cWe have come to open a new chapter between our two peoples,\u201d Kowalczyk told "
    "reporters after the welcome ceremony. The two leaders are expected to sign agreements on trade, "
    "energy and education, officials said. Kowalczyk will then travel to Manila on Thursday."
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (f"HANOI (AP) \u2014 {BODY}", f"{BODY} More on this story later today."),
        (f"HANOI (AFP) - {BODY}", f"Kowalczyk in Vietnam\n\n{BODY[:330]}"),
    ],
    ids=["trailer", "cut-short"],
)
def test_wire_copy_carried_twice_is_one_source(first: str, second: str) -> None:
    day = dt.date(2026, 5, 4)
    articles = [
        Article("a.txt", first, "en", outlet="Daily One", url="https://one.example/a", published=day),
        Article("b.txt", second, "en", outlet="Weekly Two", url="https://two.example/b", published=day),
    ]
    ingested = propose(articles)
    (source,) = ingested.tour.sources
    assert source.original_outlet in ("AP", "AFP")
    assert source.note is not None and "Weekly Two" in source.note.en
    assert [k.rule for k in ingested.known] == ["wire"]
    quotes = [c.quote for c in ingested.tour.claims if c.quote]
    assert len(quotes) == len(set(quotes)) == 1


def test_two_articles_on_one_visit_are_two_sources() -> None:
    other = (
        "In Hanoi, Kowalczyk laid a wreath and toured a factory. Local papers praised the visit, and a "
        "business forum drew two hundred firms from both countries, organisers said on Tuesday evening."
    )
    assert not wire_copy(BODY, other)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("HANOI (AP) \u2014 The visit", "AP"),
        ("Text of the article.\n\u2014 Reuters", "Reuters"),
        ("No credit.", None),
    ],
)
def test_an_agency_credit(text: str, agency: str | None) -> None:
    assert wire_credit(text) == agency
