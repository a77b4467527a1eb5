"""Topics per stop: claims counted per topic and stop (and once per stop); a bar's claims on a click.

The chosen bar is part of the view (``?bar=STOP/TOPIC``), so a link opens the same list.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.render import charts
from dashboard.ui import state, widgets
from dashboard.ui.charts import selectable_chart
from dashboard.ui.state import LoadedTour, Widget
from dashboard.views import citations, markup, tables
from dashboard.views.filters import ViewState, filter_claims
from dashboard.views.formats import format_number
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


def _on_select(key: str) -> None:
    """A click on a bar (or clearing it) becomes the view's drill-down, before the script reruns."""
    state.change_view(bar=_selected_bar(state.widget(key)))


def summary(counts: pd.DataFrame, totals: dict[str, int], lang: str) -> str:
    """The chart in one sentence (its accessible description): how many stops, which has most claims."""
    name = t("chart.topics_name", lang)
    if counts.empty or not totals:
        return f"**{markup.md(name)}.**"
    labels = dict(zip(counts["stop_id"], counts["stop"], strict=False))
    top = max(labels, key=lambda sid: totals.get(sid, 0))
    said = t(
        "chart.topics_summary",
        lang,
        stops=format_number(len(labels), lang),
        top=labels[top],
        count=format_number(totals.get(top, 0), lang),
    )
    return f"**{markup.md(name)}.** {markup.md(said)}"


def render_chart(loaded: LoadedTour, view: ViewState, counts: pd.DataFrame) -> None:
    tour, lang = loaded.tour, view.lang
    totals = tables.claim_totals(tour, view)
    empty = None if tour.claims else t("notice.no_claims", lang)  # else the chart blames the filters
    figure = charts.topics_figure(counts, lang, [tp.id for tp in tour.topics], empty, totals)
    selectable_chart("topics", figure, summary(counts, totals, lang), Widget.TOPICS_CHART, _on_select)


def render() -> None:
    loaded, view = state.page_context()
    tour, lang = loaded.tour, view.lang
    st.header(t("page.topics", lang))
    counts = tables.topic_counts(tour, view)
    render_chart(loaded, view, counts)
    label = counts_label(counts, *view.bar) if view.bar else ""
    if label and view.bar:  # a bar the filters have since removed lists every claim instead
        claims = tables.claims_behind(tour, view, *view.bar)
        st.subheader(f"{t('section.claims', lang)}: {markup.md(label)}")
        st.button(t("action.show_all_claims", lang), on_click=_show_all, key=Widget.SHOW_ALL_CLAIMS)
    else:
        claims = filter_claims(tour, view)
        st.subheader(t("section.claims", lang))
        st.caption(t("chart.bar_hint", lang))
    widgets.render_sources_key(tour, citations.claim_sources(claims), lang)
    widgets.render_claims(tour, claims, lang, key=Widget.TOPIC_CLAIMS)
    with st.expander(t("section.table_alternative", lang)):
        st.dataframe(tables.topic_table(counts, lang), hide_index=True, width="stretch")


def _show_all() -> None:
    state.change_view(bar=None)
    state.forget_chart_selections()


def counts_label(counts: Any, stop_id: str, topic_id: str) -> str:
    rows = counts[(counts["stop_id"] == stop_id) & (counts["topic_id"] == topic_id)]
    return "" if rows.empty else f"{rows.iloc[0]['stop']} — {rows.iloc[0]['topic']}"


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
