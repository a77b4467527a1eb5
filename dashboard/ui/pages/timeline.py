"""The timeline page: the election, each visit (scheduled and actual dates), the inauguration.

A click on a visit's point or bar selects its stop: the timeline narrows to it and the stop's
details follow, with a link to it on the map.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.render import charts
from dashboard.ui import navigation, state, widgets
from dashboard.ui.charts import selectable_chart
from dashboard.ui.state import LoadedTour, Widget
from dashboard.ui.stop_panel import render_stop
from dashboard.views import citations, markup, tables
from dashboard.views.filters import ViewState, to_query
from dashboard.views.formats import format_date, format_number
from dashboard.views.i18n import t


def _on_select(key: str) -> None:
    """A clicked point or bar of a place selects that stop, before the script reruns."""
    event: Any = state.widget(key) or {}
    points = event.get("selection", {}).get("points", []) if isinstance(event, dict) else []
    places = {p.id for p in state.shown().tour.places}
    chosen = [p.get("customdata") for p in points if p.get("customdata") in places]
    if chosen or not points:  # a point of a place selects it; clearing the selection clears the stop
        state.change_view(stop=chosen[0] if chosen else None)


def summary(frame: pd.DataFrame, lang: str) -> str:
    """The chart in one sentence (its accessible description): how many entries, from when to when."""
    name = t("chart.timeline_name", lang)
    if frame.empty:
        return f"**{markup.md(name)}.**"
    days = [tables.as_date(d) for d in [*frame["date"], *frame["end"]]]
    known = [d for d in days if d]
    said = t(
        "chart.timeline_summary",
        lang,
        count=format_number(len(frame), lang),
        first=format_date(min(known), lang),
        last=format_date(max(known), lang),
    )
    return f"**{markup.md(name)}.** {markup.md(said)}"


def render() -> None:
    loaded, view = state.page_context()
    lang = view.lang
    st.header(t("page.timeline", lang))
    frame = tables.timeline_frame(loaded.tour, view)
    has_dates = bool(loaded.tour.visits or loaded.tour.events)
    empty = None if has_dates else t("notice.no_dates", lang)  # else the chart blames the filters
    widgets.render_sources_key(loaded.tour, citations.split_ids(frame["sources"]), lang)
    figure = charts.timeline_figure(frame, lang, empty_message=empty)
    caption = summary(frame, lang) + " " + markup.md(t("chart.point_hint", lang))
    selectable_chart("timeline", figure, caption, Widget.TIMELINE_CHART, _on_select)
    if view.stop:
        render_selected(loaded, view)
    with st.expander(t("section.table_alternative", lang)):
        st.dataframe(tables.timeline_table(frame, lang), hide_index=True, width="stretch")


def render_selected(loaded: LoadedTour, view: ViewState) -> None:
    """The stop a click chose: its details, and the way to it on the map (same view, same link)."""
    render_stop(loaded, view)
    st.page_link(
        navigation.script("map"), label=t("action.open_on_map", view.lang), query_params=to_query(view)
    )


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
