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
from dashboard.views.formats import format_date, format_number, stop_title
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
# A long tour's chart draws its first rows (timeline rows, proposals, topics in the legend), as many as fit
# this many px of plot and at most FIRST_ROWS, and says on the image what it leaves out: a timeline of
# 5,000 visits was 280,000 px tall, more than a browser draws in a minute and more than any page prints.
PLOT_HEIGHT, FIRST_ROWS = 2_400, 40
NOTE_CHARS = 150  # characters per line of that note, under the title (about 1,100 px at 15 px)
OSM_CREDIT = "© OpenStreetMap contributors"


def view_name(view: str, lang: str) -> str:
    return t(f"page.{view}", lang)


def map_credit(tiles: bool) -> str:
    """Whose geography the map draws: the outlines always, OpenStreetMap only under its tiles."""
    return f"{LAND_ATTRIBUTION}; {OSM_CREDIT}" if tiles else LAND_ATTRIBUTION


# --- charts ----------------------------------------------------------------------------------


def print_figure(tour: Tour, view: str, lang: str) -> go.Figure:
    """The chart of ``view`` (timeline, topics or proposals) for the whole tour, made for print."""
    draw: dict[str, Callable[[Tour, str], tuple[go.Figure, int, str | None]]] = {
        "timeline": _timeline,
        "topics": _topics,
        "proposals": _proposals,
    }
    figure, below, note = draw[view](tour, lang)
    return _for_print(figure, tour, view_name(view, lang), lang, below, note)


# --- what a long tour's chart leaves out ----------------------------------------------------------


def _first(items: list[Any], fits: Callable[[list[Any]], bool]) -> int:
    """How many of ``items`` an image draws: at most FIRST_ROWS, as many as ``fits`` its plot, one or more."""
    n = min(len(items), FIRST_ROWS)
    while n > 1 and not fits(items[:n]):
        n -= 1
    return n


def _left_out(key: str, shown: int, total: int, view: str, lang: str, **more: str) -> str:
    """The note saying what the image leaves out, and where to see it all."""
    count = {
        name: format_number(n, lang)
        for name, n in (("shown", shown), ("total", total), ("left", total - shown))
    }
    return t(key, lang, page=view_name(view, lang), **count, **more)


def _timeline_rows(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, str | None]:
    """The timeline's first rows (its rows are in date order) and the note on the rest; all, if they fit."""
    labels = list(dict.fromkeys(frame["label"])) if not frame.empty else []
    n = _first(labels, lambda some: charts.timeline_height(some) <= PLOT_HEIGHT)
    if n == len(labels):
        return frame, None
    after = min(frame.loc[frame["label"] == labels[n], "date"])
    note = _left_out("image.cut_timeline", n, len(labels), "timeline", lang, date=format_date(after, lang))
    return frame[frame["label"].isin(set(labels[:n]))], note


def _topic_rows(counts: pd.DataFrame, tour: Tour, lang: str) -> tuple[pd.DataFrame, str | None]:
    """The counts of the first topics, in the tour's order, as many as the legend beside the plot has
    room for (one entry each, and one for the claims counted once); all, if they fit."""
    rank = {tp.id: i for i, tp in enumerate(tour.topics)}
    present = sorted(set(counts["topic_id"]), key=lambda tid: (rank.get(tid, len(rank)), tid))
    n = _first(present, lambda some: LEGEND_TITLE + LEGEND_ROW * (len(some) + 1) <= PLOT_HEIGHT)
    if n == len(present):
        return counts, None
    note = _left_out("image.cut_topics", n, len(present), "topics", lang)
    return counts[counts["topic_id"].isin(set(present[:n]))], note


def _table_height(titles: list[str]) -> int:
    """The tracker's height in px: the header, then each row, a line more for each line its title wraps to."""
    lines = sum(title.count("<br>") + 1 for title in titles)
    return HEADER_HEIGHT + ROW_HEIGHT * len(titles) + ROW_LINE * (lines - len(titles)) + 12


# --- the charts -------------------------------------------------------------------------------------


def _timeline(tour: Tour, lang: str) -> tuple[go.Figure, int, str | None]:
    frame, note = _timeline_rows(tables.timeline_frame(tour, ViewState(lang=lang)), lang)
    empty = None if tour.visits or tour.events else t("notice.no_dates", lang)  # as the app says it
    return charts.timeline_figure(frame, lang, empty_message=empty), AXIS_ROOM, note


def _topics(tour: Tour, lang: str) -> tuple[go.Figure, int, str | None]:
    state = ViewState(lang=lang)
    counts, note = _topic_rows(tables.topic_counts(tour, state), tour, lang)
    totals = tables.claim_totals(tour, state)
    empty = None if tour.claims else t("notice.no_claims", lang)
    figure = charts.topics_figure(counts, lang, [tp.id for tp in tour.topics], empty, totals)
    if counts.empty:
        return figure, 0, note
    # Stops' names wrapped and level, not tilted: the room they take below the plot is then known.
    stops = list(dict.fromkeys(counts["stop"]))
    width = max(12, 140 // len(stops))
    labels = [_wrapped(s, width) for s in stops]
    figure.update_xaxes(
        tickvals=[charts.esc(s) for s in stops], ticktext=labels, tickangle=0, automargin=False
    )
    lines = max(label.count("<br>") + 1 for label in labels)
    return figure, AXIS_ROOM + LINE * (lines - 1), note


def _for_print(
    figure: go.Figure, tour: Tour, name: str, lang: str, below: int, note: str | None
) -> go.Figure:
    """The app's figure on a print page: the tour's title and the view's name and date above (and, in
    bold, what a long tour's chart leaves out), the legend at the right, the credit line below; the plot
    keeps the height the app gives it."""
    layout = figure.layout
    plot = (layout.height or 320) - (layout.margin.t or 0) - (layout.margin.b or 0)
    entries = sum(1 for trace in figure.data if getattr(trace, "showlegend", False) is not False)
    plot = max(plot, LEGEND_TITLE + LEGEND_ROW * entries)  # the legend beside the plot is never cut
    heading = _wrapped(credits.print_title(tour, lang), HEADING_CHARS)
    subtitle = charts.esc(credits.print_subtitle(tour, name, lang))
    if note:
        subtitle += f"<br><b>{_wrapped(note, NOTE_CHARS)}</b>"
    top = TITLE_ROOM + HEADING_LINE * (heading.count("<br>") + subtitle.count("<br>"))
    top += max(0, (layout.margin.t or 0) - charts.LAYOUT["margin"]["t"])  # the timeline's trip names
    credit = _wrapped(credits.credit_text(tour, lang), CREDIT_CHARS)
    bottom = below + LINE * (credit.count("<br>") + 1) + 24
    figure.update_layout(
        width=WIDTH,
        height=plot + top + bottom,
        margin={"t": top, "b": bottom, "l": 24, "r": 24},
        title=_title(heading, subtitle),
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


def _proposals(tour: Tour, lang: str) -> tuple[go.Figure, int, str | None]:
    """Proposals × countries, each cell its latest status as the app's grid shows it: symbol, word
    and tint; the legend gives each status its symbol and colour. A long tracker's first rows."""
    grid = tables.proposal_grid(tour, ViewState(lang=lang))
    if grid.empty:
        return _no_proposals(lang), 0, None
    titles = [_wrapped(str(title), TITLE_CHARS) for title in grid.index]
    n = _first(titles, lambda some: _table_height(some) <= PLOT_HEIGHT)
    note = _left_out("image.cut_proposals", n, len(titles), "proposals", lang) if n < len(titles) else None
    grid, titles = grid.iloc[:n], titles[:n]
    figure = go.Figure(_table(grid, titles, lang))
    for status in STATUSES:  # legend entries only: the table itself cannot have a legend
        figure.add_trace(_status_key(status, lang))
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    margin = charts.LAYOUT["margin"]
    height = _table_height(titles) + margin["t"] + margin["b"]  # a table taller than its room would scroll
    figure.update_layout(charts.LAYOUT, height=height, legend_title_text=charts.esc(t("legend.title", lang)))
    return figure, 0, note


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
