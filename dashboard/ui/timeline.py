"""The timeline page: the election, each visit (scheduled and actual dates), the inauguration."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, frames
from dashboard.i18n import t
from dashboard.ui import common

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def render() -> None:
    loaded, state = common.page_context()
    lang = state.lang
    st.header(t("timeline", lang))
    frame = frames.timeline_frame(loaded.tour, state)
    st.plotly_chart(charts.timeline_figure(frame, lang), config=PLOTLY_CONFIG, key="timeline_chart")
    with st.expander(t("table_alternative", lang)):
        st.dataframe(frames.timeline_table(frame, lang), hide_index=True, width="stretch")
