"""The plotly figures: what their points, names, hover texts and labels say, and that tour text is escaped."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.charts import esc, timeline_figure, topics_figure
from dashboard.filters import ViewState
from dashboard.frames import TIMELINE_COLUMNS, TOUR_WIDE, timeline_frame, topic_counts
from dashboard.model import Event, Text, Tour

EVIL = "<img src=x onerror=alert(1)>"
EN = ViewState()
ES = ViewState(lang="es")


def _trace(fig, name):
    matches = [trace for trace in fig.data if trace.name == name]
    assert len(matches) == 1, [trace.name for trace in fig.data]
    return matches[0]


def _points(trace):
    """(date, id) pairs of a trace, without the None gaps that break lines."""
    return [(x, c) for x, c in zip(trace.x, trace.customdata, strict=True) if x is not None]


def _timeline(tour, state=EN):
    return timeline_figure(timeline_frame(tour, state), state.lang)


def _topics(tour, state=EN):
    return topics_figure(topic_counts(tour, state), state.lang, [t.id for t in tour.topics])


# --- timeline ------------------------------------------------------------------------------


def test_quito_scheduled_then_actual(kast):
    fig = _timeline(kast)
    assert (dt.date(2025, 12, 22), "quito") in _points(_trace(fig, "Scheduled"))
    assert (dt.date(2025, 12, 23), "quito") in _points(_trace(fig, "Visits"))
    assert (dt.date(2025, 12, 23), "quito") not in _points(_trace(fig, "Scheduled"))
    # The dotted line joins the two dates of the same row.
    moved = _trace(fig, "Scheduled → actual date")
    assert [x for x in moved.x if x is not None] == [dt.date(2025, 12, 22), dt.date(2025, 12, 23)]
    assert moved.line.dash == "dot"
    assert moved.y[0] == moved.y[1]


def test_lima_announced_for_january(kast):
    bar = _trace(_timeline(kast), "Announced (month only)")
    assert _points(bar) == [(dt.date(2026, 1, 1), "lima"), (dt.date(2026, 1, 31), "lima")]
    assert bar.mode == "lines"
    assert bar.line.width >= 10
    assert bar.opacity < 1
    assert "January 2026" in bar.hovertext[0]


def test_milestones(kast):
    fig = _timeline(kast)
    events = _trace(fig, "Milestones")
    assert events.marker.symbol == "diamond"
    assert (dt.date(2025, 12, 14), "runoff-election") in _points(events)
    assert (dt.date(2026, 3, 11), "inauguration") in _points(events)
    assert _trace(fig, "Visits").marker.symbol == "circle"
    assert _trace(fig, "Scheduled").marker.symbol == "circle-open"


def test_one_row_per_place_or_milestone(kast):
    fig = _timeline(kast)
    scheduled, visits = _trace(fig, "Scheduled"), _trace(fig, "Visits")
    quito_lane = scheduled.y[list(scheduled.customdata).index("quito")]
    assert quito_lane == visits.y[list(visits.customdata).index("quito")]
    assert "2. Quito — Daniel Noboa" in quito_lane
    lanes = fig.layout.yaxis.categoryarray
    assert len(lanes) == 6  # three visits, three milestones
    assert "Kast wins" in lanes[0]  # earliest at the top
    assert fig.layout.yaxis.autorange == "reversed"


def test_timeline_hover_text(kast):
    fig = _timeline(kast)
    scheduled = _trace(fig, "Scheduled")
    hover = scheduled.hovertext[list(scheduled.customdata).index("quito")]
    assert "22 December 2025" in hover
    assert "scheduled" in hover
    assert "s000-en, s001-es" in hover
    spanish = _trace(_timeline(kast, ES), "Prevista").hovertext[0]
    assert "22 de diciembre de 2025" in spanish
    assert "prevista" in spanish
    assert "Fuentes" in spanish


@pytest.mark.parametrize(
    ("state", "names", "title", "tick"),
    [
        (EN, {"Milestones", "Visits", "Scheduled", "Announced (month only)"}, "Timeline", "1 Jan 2026"),
        (ES, {"Hitos", "Visitas", "Prevista", "Anunciada (solo el mes)"}, "Cronología", "1 ene 2026"),
    ],
)
def test_timeline_is_localized(kast, state, names, title, tick):
    fig = _timeline(kast, state)
    assert names <= {trace.name for trace in fig.data}
    assert fig.layout.title.text == title
    assert tick in fig.layout.xaxis.ticktext
    assert fig.layout.xaxis.title.text == ("Date" if state.lang == "en" else "Fecha")


def test_timeline_follows_the_filters(kast):
    fig = _timeline(kast, ViewState(stop="lima"))
    visits = _trace(fig, "Visits")
    assert list(visits.customdata) == ["lima"]
    assert _trace(fig, "Scheduled").x == ()
    assert _trace(fig, "Scheduled → actual date").x == ()
    assert len(_trace(fig, "Milestones").x) == 3


def test_mini_timeline_connects_the_rescheduled_visit(mini_tour):
    moved = _trace(_timeline(mini_tour), "Scheduled → actual date")
    assert [x for x in moved.x if x is not None] == [dt.date(2026, 1, 10), dt.date(2026, 1, 11)]


# --- topics --------------------------------------------------------------------------------


def test_topic_traces_are_named_by_topic_with_ids_in_customdata(kast):
    fig = _topics(kast)
    labels = {t.id: t.label.en for t in kast.topics}
    assert [trace.name for trace in fig.data] == [labels[t.id] for t in kast.topics]
    mining = _trace(fig, "Mining")
    assert [tuple(c) for c in mining.customdata] == [("lima", "mining"), (TOUR_WIDE, "mining")]
    assert list(mining.x) == ["3. Lima", "Tour-wide"]
    assert list(mining.y) == [2, 2]
    assert fig.layout.barmode == "stack"
    assert list(fig.layout.xaxis.categoryarray) == ["1. Buenos Aires", "2. Quito", "3. Lima", "Tour-wide"]


def test_topics_in_spanish(kast):
    fig = _topics(kast, ES)
    assert "Seguridad y crimen organizado" in {trace.name for trace in fig.data}
    assert fig.layout.title.text == "Temas por parada"
    assert fig.layout.yaxis.title.text == "Afirmaciones citadas"
    assert "Toda la gira" in fig.layout.xaxis.categoryarray


def _style(trace):
    return (trace.marker.color, trace.marker.pattern.shape)


def test_topic_colours_are_stable_across_filters_and_distinct(kast):
    full = {trace.name: _style(trace) for trace in _topics(kast).data}
    filtered = _topics(kast, ViewState(topics=("mining", "prisons")))
    assert [trace.name for trace in filtered.data] == ["Mining", "Prisons"]
    for trace in filtered.data:
        assert _style(trace) == full[trace.name]
    # Nine topics, eight colours: the ninth differs by its pattern.
    assert len(set(full.values())) == len(kast.topics) == 9


def test_topics_hover(mini_tour):
    security = _trace(_topics(mini_tour), "Security")
    assert security.hovertext == ("<b>1. Lima</b><br>Security: 2",)


# --- empty figures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "message"), [("en", "Nothing matches these filters."), ("es", "Nada coincide")]
)
def test_empty_frames_say_so(lang, message):
    empty_counts = pd.DataFrame(columns=["stop_id", "stop", "topic_id", "topic", "count"])
    for fig in (
        topics_figure(empty_counts, lang, []),
        timeline_figure(pd.DataFrame(columns=TIMELINE_COLUMNS), lang),
    ):
        assert fig.data == ()
        assert message in fig.layout.annotations[0].text


def test_filters_that_match_nothing(kast):
    state = ViewState(topics=("prisons",), countries=("AR",))
    assert "Nothing matches" in _topics(kast, state).layout.annotations[0].text


# --- every figure --------------------------------------------------------------------------


@pytest.mark.parametrize("build", [_timeline, _topics])
@pytest.mark.parametrize("state", [EN, ES, ViewState(stop="quito")])
def test_every_trace_is_named_and_layout_is_compact(kast, build, state):
    fig = build(kast, state)
    assert fig.data
    assert all(trace.name for trace in fig.data)
    assert 320 <= fig.layout.height <= 420
    assert fig.layout.template.layout.paper_bgcolor == "white"  # plotly_white
    assert fig.layout.margin.l <= 20 and fig.layout.margin.r <= 20
    assert all(trace.type in {"scatter", "bar"} for trace in fig.data)  # nothing that needs a CDN or a token


def test_esc_escapes_markup_but_keeps_quotes_readable():
    # plotly decodes &lt; &gt; &amp; but not &quot; or &#x27;, so quotes must stay as they are.
    assert esc('Kast\'s "tour" & <b>x</b>') == 'Kast\'s "tour" &amp; &lt;b&gt;x&lt;/b&gt;'


def _evil_tour(tour: Tour) -> Tour:
    """``tour`` with markup in a place name, a counterpart's name, a topic label and an event label."""
    places = [p.model_copy(update={"name": EVIL}) if p.id == "lima" else p for p in tour.places]
    first, *rest = tour.topics
    topics = [first.model_copy(update={"label": Text(en=f"Security {EVIL}")}), *rest]
    event = Event(id="e1", label=Text(en=f"Vote {EVIL}"), date=dt.date(2026, 1, 2), sources=["s1"])
    return tour.model_copy(update={"places": places, "topics": topics, "events": [event]})


def test_tour_text_is_escaped_in_figures(mini_tour):
    evil = _evil_tour(mini_tour)
    for fig in (_timeline(evil), _timeline(evil, ES), _topics(evil)):
        text = fig.to_json()
        assert "<img" not in text
        assert "\\u003cimg" not in text.lower()
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "Security &lt;img src=x onerror=alert(1)&gt;" in {trace.name for trace in _topics(evil).data}
