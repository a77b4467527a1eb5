"""Ingest's work grows linearly with the article (issue 24), checked by counting work, never by timing
it: the lines of ingest's own code run while reading an article four times as long, and the calls to
dateparser. Times are measured by ``python -m bench.ingest_scale`` (docs/performance.md)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import dashboard.ingest
from bench.ingest_scale import PUBLISHED, article_text
from dashboard.ingest.articles import Article
from dashboard.ingest.draft import propose
from dashboard.ingest.durations import find_lengths
from dashboard.ingest.people import find_people
from dashboard.ingest.places import all_mentions
from dashboard.ingest.quotes import find_quotes
from dashboard.ingest.visits import cast_of, find_visits, reference

INGEST = str(Path(dashboard.ingest.__file__).parent)
SMALL, LARGE = 8_000, 32_000  # bytes: four times as long
LINEAR = 5.0  # 4x the text may cost at most 5x the lines (quadratic work costs 16x)


def _lines(work: Callable[[], Any]) -> int:
    """How many lines of ingest's own code ``work`` runs (loop iterations included)."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename.startswith(INGEST) else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def _growth(work: Callable[[str], Any]) -> float:
    """How many times the lines for an article four times as long: each text is new to the caches
    (another seed), after a warm-up that builds what is built once (the gazetteer, word lists)."""
    work(article_text(SMALL, seed=2))
    small, large = article_text(SMALL, seed=3), article_text(LARGE, seed=4)
    return _lines(lambda: work(large)) / _lines(lambda: work(small))


def _draft(text: str) -> Any:
    return propose([Article("a.txt", text, "en", published=PUBLISHED)])


@pytest.mark.parametrize(
    "work",
    [
        pytest.param(find_quotes, id="quotes and their sentences"),
        pytest.param(_draft, id="the whole draft"),
    ],
)
def test_work_grows_linearly_with_the_article(work: Callable[[str], Any]) -> None:
    assert _growth(work) <= LINEAR


def test_visits_and_meeting_lengths_look_at_each_place_once_per_sentence_not_every_place() -> None:
    def cost(size: int, seed: int) -> int:
        one = Article("a.txt", article_text(size, seed), "en", published=PUBLISHED)
        cast = cast_of(one.text, all_mentions(one.text), find_people(one.text))
        ref = reference(one, [])
        return _lines(lambda: (find_visits(one, ref, cast), find_lengths(one.text, cast)))

    cost(SMALL, 2)
    assert cost(LARGE, 4) / cost(SMALL, 3) <= LINEAR


def test_dateparser_reads_each_date_phrase_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article of 200 dated travel sentences naming 4 days: dateparser runs a handful of times,
    not once per sentence (it takes milliseconds each time)."""
    import dateparser
    import dateparser.search

    calls = 0

    def counted(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(dateparser.search, "search_dates", counted(dateparser.search.search_dates))
    monkeypatch.setattr(dateparser, "parse", counted(dateparser.parse))
    days = ["Monday 5 January", "Tuesday 6 January", "Friday 9 January", "Monday 12 January"]
    text = "\n\n".join(
        f"Ana Torres flew to {place} on {days[n % 4]} to meet President Marta Ríos."
        for n, place in enumerate(["Quito", "Lima", "Montevideo", "Bogotá", "La Paz"] * 40)
    )
    visits = propose([Article("a.txt", text, "en", published=dt.date(2026, 1, 13))]).tour.visits
    assert len(visits) == 5 and all(v.dates for v in visits)
    assert calls <= 2 * len(days)
