"""The rules that tell what a tour already holds: the same address, the same quotation, a date
within a date the tour gives, an event of the same kind."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.known import normal_url, overlaps, same_kind, same_quote
from dashboard.tourfile.model import DateVariant, Event, Text

PAGE = "https://news.example.org/world/talks?id=7"


@pytest.mark.parametrize(
    "url",
    [
        "http://NEWS.example.org/world/talks?id=7",
        "https://www.news.example.org/world/talks/?id=7",
        "https://news.example.org:443/world/talks?id=7#comments",
        "https://news.example.org/world/talks?utm_source=feed&utm_medium=social&id=7&fbclid=abc&gclid=x",
        "https://web.archive.org/web/20260110093000/https://news.example.org/world/talks?id=7",
        "https://web.archive.org/web/20260110093000id_/http://news.example.org/world/talks/?id=7",
        "http://web.archive.org/web/2026/news.example.org/world/talks?id=7",
    ],
)
def test_the_same_page_has_one_normal_address(url: str) -> None:
    assert normal_url(url) == normal_url(PAGE)


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example.org/world/talks?id=8",  # another page
        "https://news.example.org/world/talks",
        "https://news.example.org/World/Talks?id=7",  # a path's case can matter
        "https://other.example.org/world/talks?id=7",
        "https://news.example.org:8443/world/talks?id=7",
    ],
)
def test_another_page_has_another(url: str) -> None:
    assert normal_url(url) != normal_url(PAGE)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("We came to listen before we came to sign", "“We came to listen before we came to sign,”", True),
        ("we came to  listen\nbefore we came to sign.", "We came to listen before we came to sign", True),
        ("It’s our river", "It's our river", True),  # apostrophes of either style
        ("our ports will open", "Our ports will open their doors to each other", True),  # a part of it
        ("ports will", "Our ports will open their doors", False),  # two words: not enough to tell
        ("No", "No, we will not sign", False),
        ("will open their", "Our ports will opened their doors", False),  # whole words only
        ("A bridge is only a bridge", "A river is only a river", False),
    ],
)
def test_the_same_quotation(a: str, b: str, same: bool) -> None:
    assert same_quote(a, b) is same and same_quote(b, a) is same


def test_a_day_within_a_date_the_tour_gives() -> None:
    january = DateVariant(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), precision="month")
    assert overlaps(dt.date(2026, 1, 7), dt.date(2026, 1, 7), january)
    assert not overlaps(dt.date(2026, 2, 1), dt.date(2026, 2, 1), january)
    assert overlaps(dt.date(2025, 12, 30), dt.date(2026, 1, 2), DateVariant(start=dt.date(2026, 1, 2)))


@pytest.mark.parametrize(
    ("kind", "event_id", "label", "same"),
    [
        ("election", "runoff-election", "Runoff", True),
        ("election", "vote", "Segunda vuelta", True),
        ("election", "poll", "Second tour de l'élection", True),
        ("inauguration", "handover", "Sworn in", True),
        ("inauguration", "general-election", "General election", False),
    ],
)
def test_an_event_of_the_same_kind(kind: str, event_id: str, label: str, same: bool) -> None:
    event = Event(id=event_id, label=Text(en=label), date=dt.date(2026, 3, 1), sources=["s1"])
    assert same_kind(kind, event) is same
