"""'Yesterday' in an article with no date: the tour's days that the dated articles leave free
between their visits (one, or the span of them), flagged with how it was read; in four languages.
Sentences written for these tests (fictional people)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ingest.articles import Article
from dashboard.ingest.dates import is_article_day
from dashboard.ingest.draft import build_draft
from dashboard.ingest.visits import free_days

DATED = [
    Article("a.txt", "President Ana Kowalczyk arrived in Lima on Monday.", "en",
            published=dt.date(2026, 3, 2)),
    Article("b.txt", "Ana Kowalczyk arrived in Quito on Wednesday.", "en", published=dt.date(2026, 3, 4)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ana Kowalczyk met officials in Bogotá yesterday.", "en"),
        ("Ana Kowalczyk se reunió ayer en Bogotá con el canciller.", "es"),
        ("Ana Kowalczyk est arrivée hier à Bogotá.", "fr"),
        ("Ana Kowalczyk chegou ontem a Bogotá.", "pt"),
    ],
    ids=["en", "es", "fr", "pt"],
)
def test_yesterday_in_an_undated_article_is_the_day_the_others_leave_free(text: str, lang: str) -> None:
    draft = build_draft([*DATED, Article("c.txt", text, lang)])
    places = {p.id: p.name for p in draft.places}
    (visit,) = [v for v in draft.visits if places[v.place] == "Bogotá"]
    assert visit.best_date().start == dt.date(2026, 3, 3)
    assert visit.draft is not None and "no dated article gives a visit" in (visit.draft.flag or "")


def test_the_free_days_between_visits() -> None:
    days = [dt.date(2026, 3, 2), dt.date(2026, 3, 5), dt.date(2026, 3, 3)]
    assert free_days(days) == (dt.date(2026, 3, 4),)
    assert free_days([]) == ()


@pytest.mark.parametrize(
    ("said", "lang", "expected"),
    [("yesterday", "en", True), ("ayer", "es", True), ("hier", "fr", True), ("ontem", "pt", True),
     ("last week", "en", False), ("el pasado martes", "es", False), ("hierarchy", "en", False)],
)  # fmt: skip
def test_words_for_the_articles_own_day(said: str, lang: str, expected: bool) -> None:
    assert is_article_day(said, lang) is expected
