"""plotly figures of a tour: the timeline and the topics per stop.

Pure: nothing here imports streamlit; the figures are built from the frames of
:mod:`dashboard.frames`, whose tables are the accessible alternative of each chart.

plotly renders a subset of HTML in trace names, tick labels, hover text and
annotations, so every text that comes from a tour file goes through :func:`esc`
first. Only the Okabe-Ito palette of :mod:`dashboard.style` is used, and what colour
says is also said by a symbol, a pattern or a label. Nothing needs a CDN, a map
token or a web font.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.frames import TIMELINE_KINDS, Words, as_date, word
from dashboard.i18n import MONTHS, format_range, t
from dashboard.style import COLORS, OKABE_ITO

# Trace names; the i18n table is owned elsewhere, so the chart's own words live here.
NAMES: Words = {
    "event": {"en": "Milestones", "es": "Hitos"},
    "actual": {"en": "Visits", "es": "Visitas"},
    "scheduled": {"en": "Scheduled", "es": "Prevista"},
    "announced": {"en": "Announced (month only)", "es": "Anunciada (solo el mes)"},
    "moved": {"en": "Scheduled → actual date", "es": "Fecha prevista → real"},
}
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


def _empty(title: str, lang: str) -> go.Figure:
    """A figure that says nothing matches, instead of empty axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=esc(t("no_match", lang)), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_layout(LAYOUT, title={"text": esc(title)}, height=320)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _hover(row: dict[str, Any], lang: str) -> str:
    when = format_range(row["date"], as_date(row["end"]), lang, row["precision"])
    kind = word(TIMELINE_KINDS, row["kind"], lang)
    sources = f"{t('sources', lang)}: {row['sources']}"
    return f"<b>{esc(row['label'])}</b><br>{esc(when)} ({esc(kind)})<br>{esc(sources)}"


def _points(rows: list[dict[str, Any]], kind: str, lang: str, marker: dict[str, Any]) -> go.Scatter:
    mine = [r for r in rows if r["kind"] == kind]
    return go.Scatter(
        name=word(NAMES, kind, lang),
        legendgroup=kind,
        mode="markers",
        x=[r["date"] for r in mine],
        y=[_wrap(r["label"]) for r in mine],
        customdata=[r["id"] for r in mine],
        hovertext=[_hover(r, lang) for r in mine],
        hoverinfo="text",
        marker=marker,
    )


def _ranges(rows: list[dict[str, Any]], lang: str) -> go.Scatter:
    """Announced month-only dates as thick translucent bars from the first to the last day."""
    x: list[dt.date | None] = []
    y: list[str | None] = []
    ids: list[str | None] = []
    hover: list[str | None] = []
    for r in (r for r in rows if r["kind"] == "announced"):
        x += [r["date"], as_date(r["end"]) or r["date"], None]  # None breaks the line
        y += [_wrap(r["label"])] * 2 + [None]
        ids += [r["id"], r["id"], None]
        hover += [_hover(r, lang)] * 2 + [None]
    return go.Scatter(
        name=word(NAMES, "announced", lang),
        legendgroup="announced",
        mode="lines",
        x=x,
        y=y,
        customdata=ids,
        hovertext=hover,
        hoverinfo="text",
        line={"color": OKABE_ITO[0], "width": 14},
        opacity=0.45,
    )


def _moves(rows: list[dict[str, Any]], lang: str) -> go.Scatter:
    """Dotted lines from each scheduled date to the actual date of the same place, where they differ."""
    x: list[dt.date | None] = []
    y: list[str | None] = []
    for r in (r for r in rows if r["kind"] == "scheduled"):
        actual = next((a["date"] for a in rows if a["kind"] == "actual" and a["id"] == r["id"]), None)
        if actual is not None and actual != r["date"]:
            x += [r["date"], actual, None]
            y += [_wrap(r["label"])] * 2 + [None]
    return go.Scatter(
        name=word(NAMES, "moved", lang),
        legendgroup="scheduled",  # hidden and shown together with the scheduled points
        showlegend=False,
        mode="lines",
        x=x,
        y=y,
        hoverinfo="skip",
        line={"color": COLORS["visit"], "width": 1.5, "dash": "dot"},
    )


def _ticks(first: dt.date, last: dt.date, lang: str) -> tuple[list[dt.date], list[str]]:
    """Ticks on the 1st and 15th of each month, written in ``lang`` (plotly's own are English only)."""
    months = MONTHS["es" if lang == "es" else "en"]
    days = [
        dt.date(year, month, day)
        for year in range(first.year, last.year + 1)
        for month in range(1, 13)
        for day in (1, 15)
        if first <= dt.date(year, month, day) <= last
    ]
    # The year on the first tick and on each 1st, so every date can be read without the hover.
    text = [
        f"{d.day} {months[d.month - 1][:3]}" + (f" {d.year}" if d.day == 1 or i == 0 else "")
        for i, d in enumerate(days)
    ]
    return days, text


def timeline_figure(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Milestones and every reported visit date, one row per place or milestone, earliest on top."""
    if frame.empty:
        return _empty(t("timeline", lang), lang)
    rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    fig = go.Figure()
    fig.add_trace(_ranges(rows, lang))
    fig.add_trace(_moves(rows, lang))
    fig.add_trace(
        _points(rows, "scheduled", lang, {"symbol": "circle-open", "size": 12, "color": COLORS["visit"]})
    )
    visit = {"symbol": "circle", "size": 12, "color": COLORS["visit"], "line": {"color": "white", "width": 1}}
    fig.add_trace(_points(rows, "actual", lang, visit))
    fig.add_trace(_points(rows, "event", lang, {"symbol": "diamond", "size": 13, "color": COLORS["origin"]}))
    first = min(r["date"] for r in rows) - dt.timedelta(days=4)
    last = max(as_date(r["end"]) or r["date"] for r in rows) + dt.timedelta(days=4)
    tickvals, ticktext = _ticks(first, last, lang)
    lanes = list(dict.fromkeys(_wrap(r["label"]) for r in rows))
    fig.update_layout(
        LAYOUT, title={"text": esc(t("timeline", lang))}, height=max(320, min(420, 80 + 36 * len(lanes)))
    )
    fig.update_xaxes(
        title_text=esc(t("date", lang)), range=[first, last], tickvals=tickvals, ticktext=ticktext
    )
    fig.update_yaxes(categoryorder="array", categoryarray=lanes, autorange="reversed", automargin=True)
    return fig


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


def topics_figure(counts: pd.DataFrame, lang: str, topic_order: list[str]) -> go.Figure:
    """Stacked bars of cited claims per stop, one trace per topic; customdata is ``[stop_id, topic_id]``."""
    title = t("topics_per_stop", lang)
    if counts.empty:
        return _empty(title, lang)
    fig = go.Figure()
    for topic_id in _ordered(counts["topic_id"], topic_order):
        part = counts[counts["topic_id"] == topic_id]
        label = str(part["topic"].iloc[0])
        fig.add_trace(
            go.Bar(
                name=esc(label),
                x=[esc(s) for s in part["stop"]],
                y=list(part["count"]),
                customdata=[[s, topic_id] for s in part["stop_id"]],
                hovertext=[
                    f"<b>{esc(s)}</b><br>{esc(label)}: {n}"
                    for s, n in zip(part["stop"], part["count"], strict=True)
                ],
                hoverinfo="text",
                marker=_topic_style(topic_id, topic_order),
            )
        )
    fig.update_layout(LAYOUT, barmode="stack", title={"text": esc(title)}, height=400)
    fig.update_layout(legend_title_text=esc(t("topics", lang)))
    fig.update_xaxes(
        title_text=esc(t("stop", lang)),
        categoryorder="array",
        categoryarray=[esc(s) for s in dict.fromkeys(counts["stop"])],
    )
    fig.update_yaxes(title_text=esc(t("claims_count", lang)), rangemode="tozero")
    return fig
