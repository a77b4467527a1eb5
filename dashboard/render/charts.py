"""plotly figures of a tour: the timeline and the topics per stop.

Pure: nothing here imports streamlit; the figures are built from the frames of
:mod:`dashboard.views.tables`, whose tables are the accessible alternative of each chart.

plotly renders a subset of HTML in trace names, tick labels, hover text and
annotations, so every text that comes from a tour file goes through :func:`esc`
first. Only the Okabe-Ito palette of :mod:`dashboard.views.style` is used, and what colour
says is also said by a symbol, a pattern or a label. Nothing needs a CDN, a map
token or a web font.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.views.formats import format_number, format_range, month_day, separators, short_month
from dashboard.views.i18n import t
from dashboard.views.style import COLORS, OKABE_ITO
from dashboard.views.tables import as_date

# Hollow or filled, and the shape, tell the kinds of point apart without colour.
MARKERS: dict[str, dict[str, Any]] = {
    "scheduled": {"symbol": "circle-open", "size": 10, "color": COLORS["visit"], "line": {"width": 2}},
    "actual": {
        "symbol": "circle",
        "size": 12,
        "color": COLORS["visit"],
        "line": {"color": "white", "width": 1},
    },
    "event": {"symbol": "diamond", "size": 13, "color": COLORS["origin"]},
}
# The legend's name of each kind of point.
TRACE_NAMES = {"event": "chart.milestones", "actual": "chart.visits", "scheduled": "chart.scheduled"}
LANE_HEIGHT = 56  # px per timeline row, at least
LINE_HEIGHT = 18  # px per line of a wrapped row label
SCHEDULED_LIFT = 0.4  # how far above its row a scheduled date sits (rows are 1 apart)
# Tick spacings, closest first; the timeline takes the first that needs at most MAX_TICKS ticks.
TICK_STEPS = [
    *(("day", n) for n in (1, 2, 3)),
    ("week", 1),
    ("half-month", 1),
    *(("month", n) for n in (1, 2, 3, 6)),
    *(("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 250, 500, 1000)),
]
MAX_TICKS = 8  # "22 Dec 2025" is about 80 px wide: eight fit a narrow window without overlapping
# Patterns take over from colour once the eight Okabe-Ito colours are used up.
PATTERNS = ["", "/", "x", ".", "\\", "+", "-", "|"]
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13}
LAYOUT: dict[str, Any] = {
    "template": "plotly_white",
    "font": FONT,
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    # Below everything (container coordinates), so it never covers the x axis title.
    "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
    "hoverlabel": {"font": FONT},
}


def esc(text: object) -> str:
    """Text as plotly markup. ``quote=False``: plotly only decodes &amp; &lt; &gt; (not &quot;),
    and without ``<`` no tag can form, so quotes are safe and must stay readable."""
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int = 32) -> str:
    # Wrap before escaping so a line break never splits an entity like &amp;.
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]
    return "<br>".join(esc(line) for line in lines)


def _empty(title: str, message: str) -> go.Figure:
    """A figure that says why it is empty (by default, that nothing matches), instead of empty axes."""
    fig = go.Figure()
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(LAYOUT, title={"text": esc(title)}, height=320)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _hover(row: dict[str, Any], lang: str) -> str:
    when = format_range(row["date"], as_date(row["end"]), lang, row["precision"])
    kind = t(f"date_kind.{row['kind']}", lang)
    sources = f"{t('field.sources', lang)}: {row.get('cited') or row['sources']}"  # by name, where named
    return f"<b>{esc(row['label'])}</b><br>{esc(when)} ({esc(kind)})<br>{esc(sources)}"


def _points(rows: list[dict[str, Any]], kind: str, lang: str, marker: dict[str, Any]) -> go.Scatter:
    mine = [r for r in rows if r["kind"] == kind]
    return go.Scatter(
        name=t(TRACE_NAMES[kind], lang),
        legendgroup=kind,
        mode="markers",
        x=[r["date"] for r in mine],
        y=[_y(r) for r in mine],
        customdata=[r["id"] for r in mine],
        hovertext=[_hover(r, lang) for r in mine],
        hoverinfo="text",
        marker=marker,
    )


def _y(row: dict[str, Any]) -> float:
    """A point's height: its row, or just above it for a scheduled date.

    A scheduled date a day or two before the actual one would otherwise sit under it
    (and hide the connector); above, it reads as "planned" even in greyscale.
    """
    return float(row["lane"]) - (SCHEDULED_LIFT if row["kind"] == "scheduled" else 0.0)


def _span_bars(
    rows: list[dict[str, Any]], name: str, style: dict[str, Any], legend: str, width: float = 0.3
) -> go.Bar:
    """Spans as horizontal bars from their first to their last day: hover text anywhere on them,
    and a click on one selects its stop (customdata: the row's id)."""
    days = [(as_date(r["end"]) or r["date"]) - r["date"] + dt.timedelta(days=1) for r in rows]
    return go.Bar(
        name=name,
        legendgroup=legend,
        showlegend=bool(rows),
        orientation="h",
        base=[dt.datetime.combine(r["date"], dt.time()) - dt.timedelta(hours=12) for r in rows],
        x=[d.total_seconds() * 1000 for d in days],  # a date axis measures bars in milliseconds
        y=[_y(r) for r in rows],
        width=width,
        customdata=[r["id"] for r in rows],
        hovertext=[r["hover"] for r in rows],
        hoverinfo="text",
        marker=style,
    )


def _ranges(rows: list[dict[str, Any]], lang: str) -> go.Bar:
    """Announced month-only dates as broad translucent bars from the first to the last day."""
    mine = [{**r, "hover": _hover(r, lang)} for r in rows if r["kind"] == "announced"]
    style = {"color": OKABE_ITO[0], "opacity": 0.45}
    return _span_bars(mine, t("chart.announced", lang), style, "announced", width=0.45)


def _moves(rows: list[dict[str, Any]], lang: str) -> go.Scatter:
    """Dotted lines from each scheduled date (above its row) down to the actual date of the same place."""
    x: list[dt.date | None] = []
    y: list[float | None] = []
    for r in (r for r in rows if r["kind"] == "scheduled"):
        actual = next((a for a in rows if a["kind"] == "actual" and a["id"] == r["id"]), None)
        if actual is not None and actual["date"] != r["date"]:
            x += [r["date"], actual["date"], None]
            y += [_y(r), _y(actual), None]
    return go.Scatter(
        name=t("chart.moved", lang),
        legendgroup="scheduled",  # hidden and shown together with the scheduled points
        showlegend=False,
        mode="lines",
        x=x,
        y=y,
        hoverinfo="skip",
        line={"color": COLORS["visit"], "width": 2, "dash": "dot"},
    )


def _tick_days(first: dt.date, last: dt.date, unit: str, n: int) -> Iterator[dt.date]:
    """Every tick of one spacing from ``first`` to ``last``: every ``n`` days, Mondays, the 1st and
    15th, the 1st of every ``n``-th month, or 1 January of every ``n``-th year."""
    if unit in ("day", "week"):
        day = first + dt.timedelta(days=-first.weekday() % 7) if unit == "week" else first
        step = dt.timedelta(days=7 if unit == "week" else n)
        while day <= last:
            yield day
            if last - day < step:  # stop before stepping past the last date (or dt.date.max)
                return
            day += step
        return
    months = range(1, 13, n) if unit == "month" else (1,) if unit == "year" else range(1, 13)
    for year in range(first.year, last.year + 1):
        if unit == "year" and year % n:
            continue
        for month in months:
            for d in (1, 15) if unit == "half-month" else (1,):
                if first <= dt.date(year, month, d) <= last:
                    yield dt.date(year, month, d)


def _tick_labels(days: list[dt.date], unit: str, lang: str) -> list[str]:
    """``22 Dec`` (``Dec`` for months), with the year on the first tick and wherever it changes, so
    every tick reads without the hover; on every tick once a month name could come round again."""
    every_year = len(days) > 1 and (days[-1] - days[0]).days >= 365
    labels = []
    for i, day in enumerate(days):
        year = every_year or i == 0 or days[i - 1].year != day.year
        if unit == "year":
            labels.append(str(day.year))
        else:
            labels.append(short_month(day, lang, year) if unit == "month" else month_day(day, lang, year))
    return labels


def _ticks(first: dt.date, last: dt.date, lang: str) -> tuple[list[dt.date], list[str]]:
    """Ticks written in ``lang`` (plotly's own are English only), as close as the span allows:
    the first spacing, from days to centuries, that needs at most MAX_TICKS of them."""
    days: list[dt.date] = []
    unit = "year"
    for unit, n in TICK_STEPS:
        days = list(itertools.islice(_tick_days(first, last, unit, n), MAX_TICKS + 1))
        if len(days) <= MAX_TICKS:
            break
    return days, _tick_labels(days, unit, lang)


def _layout(lang: str, title: str, height: int) -> dict[str, Any]:
    # separators: numbers on the axes and in plotly's own hover text use the language's marks.
    return {**LAYOUT, "title": {"text": esc(title)}, "height": height, "separators": separators(lang)}


def _timeline_axes(fig: go.Figure, rows: list[dict[str, Any]], lanes: list[str], lang: str) -> None:
    """Dates written in ``lang`` across; one row per lane down, the first on top (a reversed range)."""
    first = min(r["date"] for r in rows) - dt.timedelta(days=4)
    last = max(as_date(r["end"]) or r["date"] for r in rows) + dt.timedelta(days=4)
    tickvals, ticktext = _ticks(first, last, lang)
    fig.update_xaxes(
        title_text=esc(t("field.date", lang)),
        type="date",  # said outright: the span bars' lengths are numbers, which would make it linear
        range=[first, last],
        tickvals=tickvals,
        ticktext=ticktext,
    )
    fig.update_yaxes(
        tickvals=list(range(len(lanes))),
        ticktext=lanes,
        range=[len(lanes) - 0.5, -0.5],
        zeroline=False,
        automargin=True,
    )


def timeline_figure(frame: pd.DataFrame, lang: str, empty_message: str | None = None) -> go.Figure:
    """Milestones and every reported visit date, one row per place or milestone, earliest on top."""
    if frame.empty:
        return _empty(t("page.timeline", lang), empty_message or t("notice.no_match", lang))
    rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    lane = {label: i for i, label in enumerate(dict.fromkeys(_wrap(r["label"]) for r in rows))}
    for r in rows:  # rows are numbered, not categories, so a scheduled date can sit above its row
        r["lane"] = lane[_wrap(r["label"])]
    fig = go.Figure()
    fig.add_trace(_ranges(rows, lang))
    fig.add_trace(_stays(rows, lang))
    fig.add_trace(_moves(rows, lang))
    for kind in ("scheduled", "actual", "event"):
        fig.add_trace(_points(rows, kind, lang, MARKERS[kind]))
    fig.update_layout(_layout(lang, t("page.timeline", lang), timeline_height(r["label"] for r in rows)))
    _trip_bands(fig, rows)
    _timeline_axes(fig, rows, list(lane), lang)
    return fig


def timeline_height(labels: Iterable[str]) -> int:
    """The timeline's height in px for rows of ``labels`` (one row per label): each row as tall as the
    longest wrapped label needs, so that wrapped labels never run into the next row's."""
    lanes = list(dict.fromkeys(_wrap(label) for label in labels))
    lines = max((lane.count("<br>") + 1 for lane in lanes), default=1)
    return max(320, 80 + len(lanes) * max(LANE_HEIGHT, LINE_HEIGHT * lines + 20))


def _stays(rows: list[dict[str, Any]], lang: str) -> go.Bar:
    """A stay of several days as a bar from its first to its last day."""
    mine = [
        {**r, "hover": _hover(r, lang)}
        for r in rows
        if r["kind"] in ("actual", "scheduled")
        and r["precision"] == "day"
        and as_date(r["end"]) not in (None, r["date"])
    ]
    return _span_bars(mine, t("chart.stays", lang), {"color": COLORS["visit"], "opacity": 0.7}, "actual")


TRIPS_NAMED = 12  # trips named above the timeline; a longer record's bands go unnamed (its table names them)


def _trip_bands(fig: go.Figure, rows: list[dict[str, Any]]) -> None:
    """A shaded band behind each trip of a tour of several, named above the plot: trips read apart.

    Each name on a line of its own (trips a week apart are a few pixels apart on a phone), up to
    TRIPS_NAMED of them: a secretary's hundred trips would push the plot 2,000 px down. The bands
    are set in one layout update (plotly's add_vrect validates every shape again each time: 95 trips
    took 26 s).
    """
    spans: dict[str, list[dt.date]] = {}
    for r in sorted(rows, key=lambda r: r["kind"] != "actual"):  # a trip's actual dates, where known
        if r.get("trip") and (r["kind"] == "actual" or r["trip"] not in spans):
            spans.setdefault(r["trip"], []).extend([r["date"], as_date(r["end"]) or r["date"]])
    shapes, names = [], []
    for k, (name, days) in enumerate(spans.items()):
        x0, x1 = min(days) - dt.timedelta(hours=12), max(days) + dt.timedelta(hours=12)
        shapes.append({"type": "rect", "xref": "x", "yref": "y domain", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
                       "fillcolor": "#000000", "opacity": 0.04 if k % 2 else 0.08, "line": {"width": 0},
                       "layer": "below"})  # fmt: skip
        names.append({"text": esc(name), "x": x0, "xref": "x", "y": 1, "yref": "y domain", "xanchor": "left",
                      "yanchor": "bottom", "yshift": 2 + LINE_HEIGHT * k, "showarrow": False,
                      "font": {"size": 11}})  # fmt: skip
    named = len(spans) <= TRIPS_NAMED
    fig.update_layout(shapes=shapes, annotations=[*fig.layout.annotations, *(names if named else [])])
    if spans and named:
        fig.update_layout(margin={**LAYOUT["margin"], "t": 44 + LINE_HEIGHT * len(spans)})


def _topic_style(topic_id: str, topic_order: list[str]) -> dict[str, Any]:
    # Colour by the topic's place in the tour, not in the filtered frame, so it is stable across filters.
    i = topic_order.index(topic_id) if topic_id in topic_order else len(topic_order)
    return {
        "color": OKABE_ITO[i % len(OKABE_ITO)],
        "pattern": {"shape": PATTERNS[i // len(OKABE_ITO) % len(PATTERNS)]},
    }


def _ordered(values: Iterable[str], topic_order: list[str]) -> list[str]:
    unique = list(dict.fromkeys(values))
    return sorted(unique, key=lambda v: topic_order.index(v) if v in topic_order else len(topic_order))


def topics_figure(
    counts: pd.DataFrame,
    lang: str,
    topic_order: list[str],
    empty_message: str | None = None,
    totals: dict[str, int] | None = None,
) -> go.Figure:
    """Claims per stop: one bar per topic side by side (a claim on two topics is in two bars),
    and a mark for the stop's claims counted once each, so no bar adds up to more than was said.

    Customdata of each bar is ``[stop_id, topic_id]``.
    """
    title = t("page.topics", lang)
    if counts.empty:
        return _empty(title, empty_message or t("notice.no_match", lang))
    fig = go.Figure()
    for topic_id in _ordered(counts["topic_id"], topic_order):
        fig.add_trace(_topic_bars(counts[counts["topic_id"] == topic_id], topic_id, topic_order, lang))
    if totals:
        fig.add_trace(_stop_totals(counts, totals, lang))
    # Room for the legend below the plot: one row per entry on a phone, where it stacks.
    height = 300 + 24 * len(fig.data)
    fig.update_layout(_layout(lang, title, height), barmode="group", bargap=0.25)
    fig.update_layout(legend_title_text=esc(t("field.topics", lang)))
    fig.update_xaxes(
        title_text=esc(t("field.stop", lang)),
        categoryorder="array",
        categoryarray=[esc(s) for s in dict.fromkeys(counts["stop"])],
        automargin=True,
    )
    fig.update_yaxes(title_text=esc(t("chart.claims_count", lang)), rangemode="tozero", automargin=True)
    return fig


def _topic_bars(part: pd.DataFrame, topic_id: str, topic_order: list[str], lang: str) -> go.Bar:
    label = str(part["topic"].iloc[0])
    return go.Bar(
        name=esc(label),
        x=[esc(s) for s in part["stop"]],
        y=list(part["count"]),
        customdata=[[s, topic_id] for s in part["stop_id"]],
        hovertext=[
            f"<b>{esc(s)}</b><br>{esc(label)}: {format_number(n, lang)}"
            for s, n in zip(part["stop"], part["count"], strict=True)
        ],
        hoverinfo="text",
        marker=_topic_style(topic_id, topic_order),
    )


def _stop_totals(counts: pd.DataFrame, totals: dict[str, int], lang: str) -> go.Scatter:
    """A black bar-wide line at each stop's number of claims, labelled with it."""
    stops = counts.drop_duplicates("stop_id")
    values = [totals.get(sid, 0) for sid in stops["stop_id"]]
    name = t("chart.claims_total", lang)
    return go.Scatter(
        name=esc(name),
        x=[esc(s) for s in stops["stop"]],
        y=values,
        mode="markers+text",
        text=[format_number(n, lang) for n in values],
        textposition="top center",
        marker={"symbol": "line-ew-open", "size": 44, "color": "#000000", "line": {"width": 3}},
        hovertext=[
            f"<b>{esc(s)}</b><br>{esc(name)}: {format_number(n, lang)}"
            for s, n in zip(stops["stop"], values, strict=True)
        ],
        hoverinfo="text",
    )
