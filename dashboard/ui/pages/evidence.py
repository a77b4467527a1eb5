"""Sources and evidence: the disagreements, every claim and quote with its sources, and the articles.

All three follow the filters: the disagreements about what the filters show, their claims,
and the articles those cite; a note says so whenever something is left out.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.tourfile.model import Discrepancy, Tour
from dashboard.ui import state, widgets
from dashboard.ui.state import Widget
from dashboard.views import citations, markup, tables
from dashboard.views.filters import ViewState, filter_claims
from dashboard.views.formats import format_number
from dashboard.views.i18n import t


def _filtered_note(key: str, shown: int, total: int, lang: str) -> None:
    if shown < total:  # say so only when the filters actually left something out
        st.caption(t(key, lang, shown=format_number(shown, lang), total=format_number(total, lang)))


def render_sources(tour: Tour, lang: str, cited: list[str] | None) -> None:
    """The articles: all of them, or (``cited``) only those the page above cites."""
    st.subheader(t("section.articles", lang))
    frame = citations.articles_frame(tour, lang, cited)
    _filtered_note("notice.articles_filtered", len(frame), len(tour.sources), lang)
    columns: dict[str, Any] = {
        tables.header(k, lang): st.column_config.LinkColumn() for k in ("url", "archived_url")
    }
    columns[tables.header("id", lang)] = None  # readers know an article by name; its id is for editors
    st.dataframe(frame, hide_index=True, width="stretch", column_config=columns)


def render_discrepancies(tour: Tour, shown: list[Discrepancy], lang: str) -> None:
    """Each disagreement with its versions side by side, each version with its sources."""
    st.subheader(t("section.discrepancies", lang))
    _filtered_note("notice.discrepancies_filtered", len(shown), len(tour.discrepancies), lang)
    if not shown:
        widgets.empty_notice(
            bool(tour.discrepancies), "notice.no_discrepancies", lang, "notice.no_discrepancy_match"
        )
    wanted = {d.id for d in shown}
    for row in (r for r in tables.discrepancy_rows(tour, lang) if r["id"] in wanted):
        with st.container(border=True):
            st.markdown(f"**{markup.md(row['subject'])}**")
            columns = st.columns(len(row["variants"]))
            for column, variant in zip(columns, row["variants"], strict=True):
                column.markdown(markup.md(variant["value"]))
                with column:
                    widgets.sources_caption(tour, variant["sources"], lang)
            if row.get("note"):
                st.caption(markup.md(row["note"]))


def render_page(tour: Tour, view: ViewState) -> None:
    lang = view.lang
    st.header(t("page.evidence", lang))
    shown, claims = citations.discrepancies_shown(tour, view), filter_claims(tour, view)
    cited = list(dict.fromkeys(citations.discrepancy_sources(shown) + citations.claim_sources(claims)))
    widgets.render_sources_key(tour, cited, lang)
    render_discrepancies(tour, shown, lang)
    st.subheader(t("section.claims", lang))
    widgets.render_claims(tour, claims, lang, key=Widget.EVIDENCE_CLAIMS)
    render_sources(tour, lang, cited if view.is_filtered else None)


def render() -> None:
    loaded, view = state.page_context()
    render_page(loaded.tour, view)


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
