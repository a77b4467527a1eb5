"""plotly figures of the Atlas and of Compare: visits per year by person, the top destinations,
and two tours' trips per year.

Pure, like :mod:`dashboard.render.charts`, whose conventions these follow: every text that comes
from data goes through :func:`~dashboard.render.charts.esc`, only the Okabe-Ito palette is used
and a pattern takes over where its colours run out, numbers are written in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.render.charts import LAYOUT, PATTERNS, esc
from dashboard.views.formats import country_name, format_number, separators
from dashboard.views.i18n import t
from dashboard.views.style import OKABE_ITO

MOST_PEOPLE = 8  # people drawn apart in the per-year chart; the rest are one "others" band
SIDES = ("#0072B2", "#D55E00")  # Compare's two tours: blue, and vermilion with a pattern


def _layout(title: str, height: int, lang: str) -> dict[str, Any]:
    return {**LAYOUT, "title": {"text": esc(title)}, "height": height, "separators": separators(lang)}


def _empty(title: str, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=esc(t("atlas.summary_empty", lang)), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper")  # fmt: skip
    fig.update_layout(_layout(title, 300, lang))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _style(i: int) -> dict[str, Any]:
    return {
        "color": OKABE_ITO[i % len(OKABE_ITO)],
        "pattern": {"shape": PATTERNS[i // len(OKABE_ITO) % len(PATTERNS)]},
    }


def _bands(frame: pd.DataFrame, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """The people drawn apart (those with most visits, up to MOST_PEOPLE), then everyone else as one."""
    totals = frame.groupby(["slug", "person"])["value"].sum().sort_values(ascending=False)
    shown = list(totals.index[:MOST_PEOPLE]) if len(totals) > MOST_PEOPLE else list(totals.index)
    bands = [(person, frame[frame["slug"] == slug]) for slug, person in shown]
    rest = frame[~frame["slug"].isin([slug for slug, _ in shown])]
    if not rest.empty:
        others = t("atlas.others", lang, count=format_number(rest["slug"].nunique(), lang))
        bands.append((others, rest.groupby("year", as_index=False)["value"].sum()))
    return bands


def years_figure(frame: pd.DataFrame, measure: str, lang: str) -> go.Figure:
    """Visits (or days) per year, a stacked band per person."""
    title = t("atlas.section_years", lang)
    if frame.empty:
        return _empty(title, lang)
    fig = go.Figure()
    unit = t(f"atlas.col_{measure}", lang)
    for i, (name, part) in enumerate(_bands(frame, lang)):
        fig.add_trace(
            go.Bar(
                name=esc(name),
                x=list(part["year"]),
                y=list(part["value"]),
                marker=_style(i),
                hovertext=[
                    f"<b>{esc(name)}</b><br>{y}: {format_number(v, lang)} {esc(unit.lower())}"
                    for y, v in zip(part["year"], part["value"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(_layout(title, 360 + 22 * len(fig.data), lang), barmode="stack", bargap=0.15)
    fig.update_xaxes(title_text=esc(t("atlas.col_year", lang)), tickformat="d")
    fig.update_yaxes(title_text=esc(unit), rangemode="tozero")
    return fig


def top_figure(top: Sequence[tuple[str, int]], measure: str, lang: str) -> go.Figure:
    """The top destinations as horizontal bars, the first on top; each bar's customdata is its code."""
    title = t("atlas.section_top", lang)
    if not top:
        return _empty(title, lang)
    names = [esc(country_name(code, lang)) for code, _ in top]
    unit = t(f"atlas.col_{measure}", lang)
    fig = go.Figure(
        go.Bar(
            orientation="h",
            x=[value for _, value in top],
            y=names,
            customdata=[code for code, _ in top],
            marker={"color": OKABE_ITO[4]},
            text=[format_number(value, lang) for _, value in top],
            textposition="outside",
            hovertext=[
                f"<b>{n}</b><br>{esc(unit)}: {format_number(v, lang)}"
                for n, (_, v) in zip(names, top, strict=True)
            ],
            hoverinfo="text",
        )
    )
    fig.update_layout(_layout(title, 120 + 26 * len(top), lang), showlegend=False)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=esc(unit), rangemode="tozero")
    return fig


def trips_figure(frame: pd.DataFrame, names: tuple[str, str], lang: str) -> go.Figure:
    """Two tours' trips per year, side by side (the second patterned, so it reads in greyscale)."""
    title = t("compare.section_trips", lang)
    if frame.empty:
        return _empty(title, lang)
    fig = go.Figure()
    for side in (0, 1):
        part = frame[frame["side"] == side]
        marker = {"color": SIDES[side], "pattern": {"shape": "/" if side else ""}}
        fig.add_trace(
            go.Bar(name=esc(names[side]), x=list(part["year"]), y=list(part["trips"]), marker=marker)
        )
    fig.update_layout(_layout(title, 380, lang), barmode="group", bargap=0.2)
    fig.update_xaxes(title_text=esc(t("atlas.col_year", lang)), tickformat="d")
    fig.update_yaxes(title_text=esc(t("compare.col_trips", lang)), rangemode="tozero")
    return fig
