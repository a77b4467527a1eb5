"""The views made for print: each chart as the app draws it, and the map page, with a heading, a legend,
a credit line and the date of the data drawn into the picture.

Pure: this builds plotly figures and HTML; :mod:`dashboard.render.images` turns them into PNG files
with a headless browser. The charts are the app's own figures (:mod:`dashboard.render.charts`) on a
wider page; the proposal tracker, a styled table in the app, becomes a plotly table. Tour text reaches
plotly through :func:`charts.esc` and HTML through :func:`html.escape`.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.private_api import frame_page
from dashboard.render import charts
from dashboard.render.asset_files import asset, shipped
from dashboard.render.basemap import ATTRIBUTION as LAND_ATTRIBUTION
from dashboard.render.maps import build_map, standalone_html
from dashboard.render.projection import Positions
from dashboard.tourfile.model import STATUSES, Tour
from dashboard.views import credits, tables
from dashboard.views.derive import stops
from dashboard.views.filters import ViewState
from dashboard.views.formats import stop_title
from dashboard.views.i18n import t
from dashboard.views.style import STATUS_STYLE

VIEWS = ("map", "timeline", "topics", "proposals")
WIDTH = 1600  # px: the width of every printed view
MAP_HEIGHT = 1100  # px: the map page, heading and credit line included
TITLE_ROOM = 96  # px above the plot: the title, its subtitle and a gap
HEADING_CHARS, HEADING_LINE = 95, 28  # a title wraps at this many characters; px per line more
AXIS_ROOM = 64  # px below the plot for a date axis: its ticks and title
LINE = 18  # px per line of small text
LEGEND_TITLE, LEGEND_ROW = 32, 20  # px: a legend's title, and each of its entries
CREDIT_CHARS = 150  # characters per line of the credit under a chart (about 1,000 px at 12 px)
TITLE_CHARS = 70  # characters per line of a proposal's title in the tracker
HEADER_HEIGHT, ROW_HEIGHT, ROW_LINE = 36, 30, 20  # px: the tracker's header, a row, a row's extra line
MUTED = "#444444"  # small print: dark enough on white for WCAG AA
OSM_CREDIT = "© OpenStreetMap contributors"


def view_name(view: str, lang: str) -> str:
    return t(f"page.{view}", lang)


def map_credit(tiles: bool) -> str:
    """Whose geography the map draws: the outlines always, OpenStreetMap only under its tiles."""
    return f"{LAND_ATTRIBUTION}; {OSM_CREDIT}" if tiles else LAND_ATTRIBUTION


# --- charts ----------------------------------------------------------------------------------


def print_figure(tour: Tour, view: str, lang: str) -> go.Figure:
    """The chart of ``view`` (timeline, topics or proposals) for the whole tour, made for print."""
    draw: dict[str, Callable[[Tour, str], tuple[go.Figure, int]]] = {
        "timeline": _timeline,
        "topics": _topics,
        "proposals": _proposals,
    }
    figure, below = draw[view](tour, lang)
    return _for_print(figure, tour, view_name(view, lang), lang, below)


def _timeline(tour: Tour, lang: str) -> tuple[go.Figure, int]:
    frame = tables.timeline_frame(tour, ViewState(lang=lang))
    empty = None if tour.visits or tour.events else t("notice.no_dates", lang)  # as the app says it
    return charts.timeline_figure(frame, lang, empty_message=empty), AXIS_ROOM


def _topics(tour: Tour, lang: str) -> tuple[go.Figure, int]:
    state = ViewState(lang=lang)
    counts = tables.topic_counts(tour, state)
    totals = tables.claim_totals(tour, state)
    empty = None if tour.claims else t("notice.no_claims", lang)
    figure = charts.topics_figure(counts, lang, [tp.id for tp in tour.topics], empty, totals)
    if counts.empty:
        return figure, 0
    # Stops' names wrapped and level, not tilted: the room they take below the plot is then known.
    stops = list(dict.fromkeys(counts["stop"]))
    width = max(12, 140 // len(stops))
    labels = [_wrapped(s, width) for s in stops]
    figure.update_xaxes(
        tickvals=[charts.esc(s) for s in stops], ticktext=labels, tickangle=0, automargin=False
    )
    lines = max(label.count("<br>") + 1 for label in labels)
    return figure, AXIS_ROOM + LINE * (lines - 1)


def _for_print(figure: go.Figure, tour: Tour, name: str, lang: str, below: int) -> go.Figure:
    """The app's figure on a print page: the tour's title and the view's name and date above, the
    legend at the right, the credit line below; the plot keeps the height the app gives it."""
    layout = figure.layout
    plot = (layout.height or 320) - (layout.margin.t or 0) - (layout.margin.b or 0)
    entries = sum(1 for trace in figure.data if getattr(trace, "showlegend", False) is not False)
    plot = max(plot, LEGEND_TITLE + LEGEND_ROW * entries)  # the legend beside the plot is never cut
    heading = _wrapped(credits.print_title(tour, lang), HEADING_CHARS)
    top = TITLE_ROOM + HEADING_LINE * heading.count("<br>")
    top += max(0, (layout.margin.t or 0) - charts.LAYOUT["margin"]["t"])  # the timeline's trip names
    credit = _wrapped(credits.credit_text(tour, lang), CREDIT_CHARS)
    bottom = below + LINE * (credit.count("<br>") + 1) + 24
    figure.update_layout(
        width=WIDTH,
        height=plot + top + bottom,
        margin={"t": top, "b": bottom, "l": 24, "r": 24},
        title=_title(heading, charts.esc(credits.print_subtitle(tour, name, lang))),
        legend={"orientation": "v", "x": 1.01, "xref": "paper", "xanchor": "left", "y": 1,
                "yref": "paper", "yanchor": "top"},
    )  # fmt: skip
    figure.add_annotation(
        text=credit, showarrow=False, align="left", font={"size": 13, "color": MUTED},
        xref="paper", x=0, xanchor="left", yref="paper", y=0, yanchor="top", yshift=-below,
    )  # fmt: skip
    return figure


def _title(heading: str, subtitle: str) -> dict[str, Any]:
    """Title and subtitle (plotly markup), at the top left of the image."""
    return {
        "text": f"<b>{heading}</b>",
        "subtitle": {"text": subtitle, "font": {"size": 15}},
        "font": {"size": 22},
        "x": 0,
        "xref": "container",
        "xanchor": "left",
        "y": 1,
        "yref": "container",
        "yanchor": "top",
        "pad": {"l": 24, "t": 20},
    }


# --- the proposal tracker --------------------------------------------------------------------


def _pale(colour: str) -> str:
    """The status colour mixed with three parts of white, as the app tints its grid: black text
    on it keeps its contrast."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{(c + 3 * 255) // 4:02x}" for c in rgb)


def _proposals(tour: Tour, lang: str) -> tuple[go.Figure, int]:
    """Proposals × countries, each cell its latest status as the app's grid shows it: symbol, word
    and tint; the legend gives each status its symbol and colour."""
    grid = tables.proposal_grid(tour, ViewState(lang=lang))
    if grid.empty:
        return _no_proposals(lang), 0
    titles = [_wrapped(str(title), TITLE_CHARS) for title in grid.index]
    lines = sum(title.count("<br>") + 1 for title in titles)
    figure = go.Figure(_table(grid, titles, lang))
    for status in STATUSES:  # legend entries only: the table itself cannot have a legend
        figure.add_trace(_status_key(status, lang))
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    # The header, then each row: one line of text, and a line more for each line its title wraps to.
    table = HEADER_HEIGHT + ROW_HEIGHT * len(grid) + ROW_LINE * (lines - len(grid)) + 12
    margin = charts.LAYOUT["margin"]
    height = table + margin["t"] + margin["b"]  # a table taller than its room would scroll, cut off
    figure.update_layout(charts.LAYOUT, height=height, legend_title_text=charts.esc(t("legend.title", lang)))
    return figure, 0


def _wrapped(text: str, width: int) -> str:
    lines = textwrap.wrap(text, width, break_long_words=True) or [text]
    return "<br>".join(charts.esc(line) for line in lines)


def _table(grid: pd.DataFrame, titles: list[str], lang: str) -> go.Table:
    tints = {symbol: _pale(colour) for symbol, _, colour in tables.status_legend(lang)}
    columns = [[str(cell or "") for cell in grid[c]] for c in grid.columns]
    fills = [["#ffffff"] * len(grid)] + [[tints.get(cell[:1], "#ffffff") for cell in col] for col in columns]
    header = [charts.esc(grid.index.name or ""), *(charts.esc(c) for c in grid.columns)]
    return go.Table(
        columnwidth=[3, *([1] * len(grid.columns))],
        header={"values": [f"<b>{h}</b>" for h in header], "align": "left", "height": HEADER_HEIGHT,
                "fill": {"color": "#eeeeee"}, "font": {"size": 15, "color": "#000000"}},
        cells={"values": [titles, *[[charts.esc(c) for c in col] for col in columns]], "align": "left",
               "height": ROW_HEIGHT, "fill": {"color": fills}, "font": {"size": 15, "color": "#000000"},
               "line": {"color": "#bbbbbb"}},
    )  # fmt: skip


def _status_key(status: str, lang: str) -> go.Scatter:
    colour = STATUS_STYLE[status][0]
    return go.Scatter(
        name=charts.esc(tables.status_text(status, lang)),
        x=[None],
        y=[None],
        mode="markers",
        marker={
            "symbol": "square",
            "size": 14,
            "color": _pale(colour),
            "line": {"color": colour, "width": 2},
        },
        hoverinfo="skip",
    )


def _no_proposals(lang: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=charts.esc(t("notice.no_proposals", lang)), showarrow=False,
                          x=0.5, y=0.5, xref="paper", yref="paper")  # fmt: skip
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure.update_layout(charts.LAYOUT, height=240)


# --- the map ---------------------------------------------------------------------------------


def print_page(tour: Tour, lang: str, tiles: bool = False) -> str:
    """The exported map page made for print: tiles off (nothing to fetch), heading and credit line."""
    page = standalone_html(build_map(tour, lang=lang, tiles=tiles))
    style = f"<style>{shipped(asset('print.css'), 'css')}</style>\n"
    return frame_page(page, style, "tour-print", _heading(tour, lang), _footer(tour, lang, tiles))


def _heading(tour: Tour, lang: str) -> str:
    title = html.escape(credits.print_title(tour, lang))
    subtitle = html.escape(credits.print_subtitle(tour, view_name("map", lang), lang))
    return f'<header class="tour-print-head"><h1>{title}</h1><p>{subtitle}</p></header>'


KEYED_STOPS = 40  # a print names this many numbered stops; a longer tour's are counted


def _listed(titles: list[str]) -> str:
    more = f" (+{len(titles) - KEYED_STOPS})" if len(titles) > KEYED_STOPS else ""
    return " · ".join(titles[:KEYED_STOPS]) + more


def _stop_key(tour: Tour, lang: str) -> str:
    """The numbered stops the map draws, by name ("1. Buenos Aires · 2. Quito"): on paper no tooltip
    says which is which. A stop without coordinates is not drawn, so the key never names it among
    them; a line of its own says it is missing, or a reader would look for it (1, 2, 4: where is 3?)."""
    drawn = Positions(tour).at
    numbered = [s for s in stops(tour) if s.order is not None]
    shown = [stop_title(s.order, s.place.name) for s in numbered if s.place.id in drawn]
    missing = [stop_title(s.order, s.place.name) for s in numbered if s.place.id not in drawn]
    key = f'<p class="tour-print-key">{html.escape(_listed(shown))}</p>' if shown else ""
    if missing:
        key += (
            f'<p class="tour-print-key">{html.escape(t("image.not_drawn", lang, stops=_listed(missing)))}</p>'
        )
    return key


def _footer(tour: Tour, lang: str, tiles: bool) -> str:
    credit = html.escape(credits.credit_text(tour, lang, map_credit(tiles)))
    return f'<footer class="tour-print-foot">{_stop_key(tour, lang)}<p>{credit}</p></footer>'
