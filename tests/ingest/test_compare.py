"""Where articles agree (one item citing them all) and disagree (a proposed discrepancy with every
value and its sources): a visit's dates, a meeting's length, an event's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.ingest.articles import read
from dashboard.ingest.draft import build_draft, draft_text
from dashboard.ingest.durations import LENGTH, _length
from dashboard.tourfile.load import load_text


@pytest.mark.parametrize(
    ("said", "minutes", "qualifier"),
    [
        ("an over hour-long meeting", 60, "more than"),
        ("discussions lasting over an hour", 60, "more than"),
        ("se extendió por más de una hora", 60, "more than"),
        ("a two-hour meeting", 120, "about"),
        ("un entretien de deux heures", 120, "about"),
        ("una reunión de 90 minutos", 90, "about"),
    ],
)
def test_a_meeting_length_in_words_or_figures(said: str, minutes: int, qualifier: str) -> None:
    match = LENGTH.search(said)
    assert match and _length(match) == (minutes, qualifier)


def test_a_time_between_events_is_not_a_meeting_length() -> None:
    assert LENGTH.search("Less than 48 hours after the results were tallied") is None


ARTICLES = {
    "one.txt": (
        "Ana Ruiz arrived in Quito on Monday 5 January for a meeting with President Daniel Noboa. "
        "The talks lasted more than an hour. Ruiz will take office on 11 March. Ruiz left.",
        dt.date(2026, 1, 6),
    ),
    "dos.txt": (
        "Ana Ruiz llegó a Quito el lunes 5 de enero y mantuvo con el presidente Daniel Noboa una reunión "
        "de dos horas. Ruiz asumirá el 11 de marzo. Ruiz habló.",
        dt.date(2026, 1, 6),
    ),
    "trois.txt": (
        "Ana Ruiz est arrivée à Quito le mardi 6 janvier pour rencontrer le président Daniel Noboa. "
        "Ruiz prendra ses fonctions le 12 mars, lors de son investiture. Ruiz a parlé.",
        dt.date(2026, 1, 7),
    ),
}


@pytest.fixture
def disagreeing(tmp_path: Path):
    articles = []
    for name, (text, day) in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        articles.append(read(tmp_path / name, published=day))
    return load_text(draft_text(build_draft(articles)), "draft.yaml")


def test_articles_that_agree_are_cited_together_and_disagreements_keep_each_side(disagreeing) -> None:
    (quito,) = disagreeing.visits
    assert [(d.start, d.sources) for d in quito.dates] == [
        (dt.date(2026, 1, 5), ["a01-en", "a02-es"]),  # agree: one date citing both
        (dt.date(2026, 1, 6), ["a03-fr"]),
    ]
    assert [(d.minutes, d.qualifier, d.sources) for d in quito.duration] == [
        (60, "more than", ["a01-en"]),
        (120, "about", ["a02-es"]),
    ]
    found = {d.field: [(v.value.en, v.sources) for v in d.variants] for d in disagreeing.discrepancies}
    assert found["visits.quito.dates"] == [("2026-01-05", ["a01-en", "a02-es"]), ("2026-01-06", ["a03-fr"])]
    assert found["visits.quito.duration"] == [("More than 1 hour", ["a01-en"]), ("About 2 hours", ["a02-es"])]
    assert found["events.inauguration"] == [("2026-03-11", ["a01-en", "a02-es"]), ("2026-03-12", ["a03-fr"])]
    assert all(d.draft and d.draft.flag for d in disagreeing.discrepancies)
    (inauguration,) = disagreeing.events
    assert (inauguration.date, inauguration.sources) == (dt.date(2026, 3, 11), ["a01-en", "a02-es"])
