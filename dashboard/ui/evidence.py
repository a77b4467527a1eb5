"""Sources and evidence: the articles, every claim and quote with its sources, and the disagreements."""

from __future__ import annotations

import streamlit as st

from dashboard import frames
from dashboard.filters import filter_claims
from dashboard.i18n import t
from dashboard.model import Tour
from dashboard.ui import common


def render_sources(tour: Tour, lang: str) -> None:
    st.subheader(t("articles", lang))
    st.dataframe(frames.sources_frame(tour, lang), hide_index=True, width="stretch")


def render_discrepancies(tour: Tour, lang: str) -> None:
    st.subheader(t("discrepancies", lang))
    for row in frames.discrepancy_rows(tour, lang):
        with st.container(border=True):
            st.markdown(f"**{common.md(row['subject'])}**")
            columns = st.columns(len(row["variants"]))
            for column, variant in zip(columns, row["variants"], strict=True):
                column.markdown(common.md(variant["value"]))
                column.caption(f"{t('sources', lang)}: {common.md(', '.join(variant['sources']))}")
            if row.get("note"):
                st.caption(common.md(row["note"]))


def render() -> None:
    loaded, state = common.page_context()
    tour, lang = loaded.tour, state.lang
    st.header(t("evidence", lang))
    render_discrepancies(tour, lang)
    st.subheader(t("claims", lang))
    common.render_claims(tour, filter_claims(tour, state), lang, key="evidence_claims")
    render_sources(tour, lang)
