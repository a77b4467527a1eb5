"""The timeline page: the election, each visit (scheduled and actual dates), the inauguration."""

from __future__ import annotations

import streamlit as st

from dashboard.render import charts
from dashboard.ui import runtime, widgets
from dashboard.views import citations, tables
from dashboard.views.i18n import t

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def render() -> None:
    loaded, state = runtime.page_context()
    lang = state.lang
    st.header(t("page.timeline", lang))
    frame = tables.timeline_frame(loaded.tour, state)
    has_dates = bool(loaded.tour.visits or loaded.tour.events)
    empty = None if has_dates else t("notice.no_dates", lang)  # else the chart blames the filters
    widgets.render_sources_key(loaded.tour, citations.split_ids(frame["sources"]), lang)
    figure = charts.timeline_figure(frame, lang, empty_message=empty)
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key="timeline_chart")
    with st.expander(t("section.table_alternative", lang)):
        st.dataframe(tables.timeline_table(frame, lang), hide_index=True, width="stretch")
