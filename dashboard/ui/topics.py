"""Topics per stop: cited claims counted per topic and stop; a click on a bar lists its claims."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.render import charts
from dashboard.ui import runtime, widgets
from dashboard.ui.timeline import PLOTLY_CONFIG
from dashboard.views import citations, markup, tables
from dashboard.views.filters import filter_claims
from dashboard.views.i18n import t


def _selected_bar(event: Any) -> tuple[str, str] | None:
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else []
    if not points:
        points = getattr(getattr(event, "selection", None), "points", None) or []
    for point in points:
        data = point.get("customdata")
        if data and len(data) >= 2:
            return str(data[0]), str(data[1])
    return None


def render() -> None:
    loaded, state = runtime.page_context()
    tour, lang = loaded.tour, state.lang
    st.header(t("page.topics", lang))
    counts = tables.topic_counts(tour, state)
    empty = None if tour.claims else t("notice.no_claims", lang)  # else the chart blames the filters
    figure = charts.topics_figure(counts, lang, [tp.id for tp in tour.topics], empty_message=empty)
    event = st.plotly_chart(
        figure, config=PLOTLY_CONFIG, on_select="rerun", selection_mode="points", key="topics_chart"
    )
    bar = _selected_bar(event)
    if bar:
        stop_id, topic_id = bar
        claims = tables.claims_behind(tour, state, stop_id, topic_id)
        st.subheader(f"{t('section.claims', lang)}: {markup.md(counts_label(counts, stop_id, topic_id))}")
    else:
        claims = filter_claims(tour, state)
        st.subheader(t("section.claims", lang))
        st.caption(t("chart.bar_hint", lang))
    widgets.render_sources_key(tour, citations.claim_sources(claims), lang)
    widgets.render_claims(tour, claims, lang, key="topic_claims")
    with st.expander(t("section.table_alternative", lang)):
        st.dataframe(tables.topic_table(counts, lang), hide_index=True, width="stretch")


def counts_label(counts: Any, stop_id: str, topic_id: str) -> str:
    rows = counts[(counts["stop_id"] == stop_id) & (counts["topic_id"] == topic_id)]
    return "" if rows.empty else f"{rows.iloc[0]['stop']} — {rows.iloc[0]['topic']}"
