"""The plotly figures: what their points, names, hover texts and labels say, and that tour text is escaped."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import yaml

from dashboard.render.charts import esc, timeline_figure, topics_figure
from dashboard.tourfile.model import Event, Text, Tour
from dashboard.views.filters import ViewState
from dashboard.views.tables import (
    COUNT_COLUMNS,
    TIMELINE_COLUMNS,
    TOUR_WIDE,
    claim_stop,
    claim_totals,
    timeline_frame,
    topic_counts,
)

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


def _y(trace, place):
    return trace.y[list(trace.customdata).index(place)]


def test_quito_scheduled_then_actual(kast):
    fig = _timeline(kast)
    assert (dt.date(2025, 12, 22), "quito") in _points(_trace(fig, "Scheduled"))
    assert (dt.date(2025, 12, 23), "quito") in _points(_trace(fig, "Visits"))
    assert (dt.date(2025, 12, 23), "quito") not in _points(_trace(fig, "Scheduled"))
    # The dotted line joins the scheduled date (lifted above the row) to the actual one, a day apart.
    moved = _trace(fig, "Scheduled → actual date")
    assert [x for x in moved.x if x is not None] == [dt.date(2025, 12, 22), dt.date(2025, 12, 23)]
    assert moved.line.dash == "dot"
    scheduled, actual = _y(_trace(fig, "Scheduled"), "quito"), _y(_trace(fig, "Visits"), "quito")
    assert list(moved.y[:2]) == [scheduled, actual]


def test_a_scheduled_date_sits_above_the_actual_one_in_the_same_row(kast):
    # One day apart the two markers would overlap: the hollow one sits higher, in the same row,
    # so the pair reads in greyscale too (hollow above, filled on the line).
    fig = _timeline(kast)
    scheduled, actual = _y(_trace(fig, "Scheduled"), "quito"), _y(_trace(fig, "Visits"), "quito")
    assert actual - 0.5 < scheduled < actual - 0.2  # above (the first row is on top) and in the row
    assert round(scheduled) == actual  # the same row
    assert _trace(fig, "Scheduled").marker.symbol == "circle-open"
    assert _trace(fig, "Visits").marker.symbol == "circle"


def _spans(bar):
    """(first day, last day, id) of each horizontal bar: it starts half a day before its first day."""
    half = dt.timedelta(hours=12)
    out = []
    for base, ms, cid in zip(bar.base, bar.x, bar.customdata, strict=True):
        start = dt.datetime.fromisoformat(str(base)) + half
        out.append((start.date(), (start + dt.timedelta(milliseconds=ms) - 2 * half).date(), cid))
    return out


def test_lima_announced_for_january(kast):
    bar = _trace(_timeline(kast), "Announced (month only)")
    assert _spans(bar) == [(dt.date(2026, 1, 1), dt.date(2026, 1, 31), "lima")]
    # A bar, so its hover text shows anywhere along it (a line showed it only at its two ends).
    assert bar.type == "bar" and bar.orientation == "h"
    assert bar.marker.opacity < 1
    assert len(bar.hovertext) == 1 and "January 2026" in bar.hovertext[0]


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
    lanes = fig.layout.yaxis.ticktext
    assert list(fig.layout.yaxis.tickvals) == list(range(len(lanes)))
    assert len(lanes) == 6  # three visits, three milestones
    assert "Kast wins" in lanes[0]  # earliest at the top: the range runs from the last row to the first
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]
    visits = _trace(fig, "Visits")
    assert lanes[int(_y(visits, "quito"))] == "2. Quito — Daniel Noboa"
    assert lanes[int(_y(_trace(fig, "Announced (month only)"), "lima"))] == "3. Lima — José Jerí"


def test_timeline_hover_text(kast):
    fig = _timeline(kast)
    scheduled = _trace(fig, "Scheduled")
    hover = scheduled.hovertext[list(scheduled.customdata).index("quito")]
    assert "22 December 2025" in hover
    assert "scheduled" in hover
    assert "Sources: Kast encadena su tour derechista: tras… (English); Kast encadena" in hover
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


def _one_visit_tour(mini_tour, start: dt.date, end: dt.date | None) -> Tour:
    """The mini tour with a single visit, from ``start`` to ``end``, and no milestones."""
    visit = mini_tour.visits[0]
    dates = [visit.dates[0].model_copy(update={"start": start, "end": end})]
    return mini_tour.model_copy(update={"visits": [visit.model_copy(update={"dates": dates})], "events": []})


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2026, 1, 7), None),  # a one-day tour
        (dt.date(2026, 1, 7), dt.date(2026, 1, 12)),  # six days: the 1st/15th ticks gave none
        (dt.date(2026, 1, 2), dt.date(2026, 1, 13)),  # twelve days: they gave one
        (dt.date(2026, 1, 2), dt.date(2026, 1, 30)),
        (dt.date(2025, 12, 1), dt.date(2026, 4, 30)),
        (dt.date(2024, 3, 1), dt.date(2026, 9, 30)),
        (dt.date(1990, 1, 1), dt.date(2026, 1, 1)),
    ],
)
def test_every_span_gets_a_readable_date_axis(mini_tour, start, end):
    axis = _timeline(_one_visit_tour(mini_tour, start, end)).layout.xaxis
    ticks, first, last = list(axis.tickvals), *axis.range
    assert 3 <= len(ticks) <= 8, axis.ticktext
    assert ticks == sorted(ticks) and first <= ticks[0] and ticks[-1] <= last
    assert len(set(axis.ticktext)) == len(ticks)  # no two ticks read the same
    assert str(ticks[0].year) in axis.ticktext[0]  # the year is on the first tick


@pytest.mark.parametrize(
    ("start", "end", "lang", "labels"),
    [
        (dt.date(2026, 1, 7), None, "en", ["3 Jan 2026", "5 Jan", "7 Jan", "9 Jan", "11 Jan"]),
        (dt.date(2026, 1, 7), None, "es", ["3 ene 2026", "5 ene", "7 ene", "9 ene", "11 ene"]),
        (
            dt.date(2025, 12, 28),
            dt.date(2026, 1, 20),
            "en",
            ["29 Dec 2025", "5 Jan 2026", "12 Jan", "19 Jan"],
        ),
        (
            dt.date(2025, 6, 1),
            dt.date(2026, 5, 1),
            "es",
            ["jul 2025", "sept", "nov", "ene 2026", "mar", "may"],  # CLDR abbreviations
        ),
    ],
)
def test_ticks_are_spaced_for_the_span_and_written_in_the_language(mini_tour, start, end, lang, labels):
    # Days for a short tour, Mondays for a few weeks, months for a year; the year where it changes.
    fig = _timeline(_one_visit_tour(mini_tour, start, end), ViewState(lang=lang))
    assert list(fig.layout.xaxis.ticktext) == labels


@pytest.mark.parametrize(("lang", "separators"), [("en", ".,"), ("es", ",.")])
def test_numbers_in_figures_use_the_marks_of_the_language(kast, lang, separators):
    state = ViewState(lang=lang)
    assert _timeline(kast, state).layout.separators == separators
    assert _topics(kast, state).layout.separators == separators


def test_topic_hover_counts_are_written_per_language():
    counts = pd.DataFrame([["lima", "Lima", "mining", "Mining", 1234]], columns=COUNT_COLUMNS)
    assert topics_figure(counts, "es", ["mining"]).data[0].hovertext == ("<b>Lima</b><br>Mining: 1.234",)
    assert topics_figure(counts, "en", ["mining"]).data[0].hovertext == ("<b>Lima</b><br>Mining: 1,234",)


# --- topics --------------------------------------------------------------------------------


def test_topic_traces_are_named_by_topic_with_ids_in_customdata(kast):
    fig = _topics(kast)
    labels = {t.id: t.label.en for t in kast.topics}
    assert [trace.name for trace in fig.data] == [labels[t.id] for t in kast.topics]
    mining = _trace(fig, "Mining")
    assert [tuple(c) for c in mining.customdata] == [("lima", "mining"), (TOUR_WIDE, "mining")]
    assert list(mining.x) == ["3. Lima", "Tour-wide"]
    assert list(mining.y) == [2, 2]
    # Side by side, not stacked: a claim on two topics is in two bars, never in one taller bar.
    assert fig.layout.barmode == "group"
    assert list(fig.layout.xaxis.categoryarray) == ["1. Buenos Aires", "2. Quito", "3. Lima", "Tour-wide"]


def test_topics_in_spanish(kast):
    fig = _topics(kast, ES)
    assert "Seguridad y crimen organizado" in {trace.name for trace in fig.data}
    assert fig.layout.title.text == "Temas por parada"
    assert fig.layout.yaxis.title.text == "Afirmaciones por tema"
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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_empty_figure_can_say_the_tour_has_nothing(lang):
    # A tour with no claims at all is not a filter problem: the page says what is missing instead.
    empty_counts = pd.DataFrame(columns=COUNT_COLUMNS)
    fig = topics_figure(empty_counts, lang, [], empty_message="No claims <b>here</b>")
    assert fig.layout.annotations[0].text == "No claims &lt;b&gt;here&lt;/b&gt;"
    timeline = timeline_figure(pd.DataFrame(columns=TIMELINE_COLUMNS), lang, empty_message="No dates")
    assert timeline.layout.annotations[0].text == "No dates"


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
    assert 320 <= fig.layout.height <= 600
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


@pytest.mark.parametrize("state", [EN, ES])
def test_timeline_rows_are_tall_enough_for_their_wrapped_labels(kast, state):
    fig = _timeline(kast, state)
    labels = list(fig.layout.yaxis.ticktext)
    lines = max(label.count("<br>") + 1 for label in labels)
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b - 60  # title, axis, legend
    assert plot / len(labels) >= 18 * lines, (plot, len(labels), lines)


def test_a_stay_of_several_days_is_a_bar(mini_data):
    from dashboard.tourfile.load import load_text

    mini_data["visits"][0]["dates"] = [{"start": "2026-01-07", "end": "2026-01-09", "sources": ["s1"]}]
    tour = load_text(yaml.safe_dump(mini_data), "stay.yaml")
    stays = next(trace for trace in _timeline(tour, EN).data if trace.name.startswith("Stays"))
    assert _spans(stays) == [(dt.date(2026, 1, 7), dt.date(2026, 1, 9), "lima")]
    assert stays.hovertext[0].count("<br>") >= 1


def test_trips_are_shaded_bands_named_on_the_timeline(kast):
    fig = _timeline(kast, EN)
    names = sorted(a.text for a in fig.layout.annotations)
    assert names == ["Trip 1", "Trip 2", "Trip not stated"]  # Lima: the sources name no trip
    assert len(fig.layout.shapes) == 3


def test_each_stop_shows_its_claims_counted_once_and_no_bar_exceeds_them(kast):
    state = EN
    counts = topic_counts(kast, state)
    fig = topics_figure(counts, "en", [t.id for t in kast.topics], totals=claim_totals(kast, state))
    totals = _trace(fig, "All claims at the stop (each counted once)")
    shown = dict(zip(totals.x, totals.y, strict=True))
    at_ba = [c for c in kast.claims if claim_stop(c) == "buenos-aires" and c.topics]
    assert shown["1. Buenos Aires"] == len(at_ba)
    assert list(totals.text) == [str(n) for n in totals.y]  # the number is written on the chart
    for trace in fig.data:
        if trace.type == "bar":
            assert all(n <= shown[x] for x, n in zip(trace.x, trace.y, strict=True)), trace.name
    # Stacked, Buenos Aires's topic tags add up to more than the claims made there.
    ba_tags = counts[counts["stop_id"] == "buenos-aires"]["count"].sum()
    assert ba_tags > len(at_ba)
