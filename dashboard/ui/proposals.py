"""The proposal tracker: proposals × countries with each current status, and every status history."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.tourfile.model import Tour
from dashboard.ui import runtime, widgets
from dashboard.views import markup, tables
from dashboard.views.filters import ViewState, filter_history, filter_proposals
from dashboard.views.i18n import t


def render_legend(lang: str) -> None:
    # Symbol and word carry the meaning; colour only repeats it, so the grid reads in greyscale.
    parts = [f"{symbol} {word}" for symbol, word, _ in tables.status_legend(lang)]
    st.caption(f"{t('legend.title', lang)}: " + " · ".join(parts))


def style_grid(grid: pd.DataFrame, lang: str) -> Styler:
    """Tint each cell with its status colour (a pale tint, so black text keeps its contrast)."""
    colours = {symbol: colour for symbol, _, colour in tables.status_legend(lang)}

    def cell(value: object) -> str:
        text = str(value or "")
        colour = colours.get(text[:1])
        return f"background-color: {colour}40; color: #000" if colour else ""

    return grid.style.map(cell)


def _cited(tour: Tour, state: ViewState) -> list[str]:
    """The source ids the histories below show: each row's, then each proposal's own."""
    ids = []
    for proposal in filter_proposals(tour, state):
        ids += [sid for row in filter_history(proposal, state, tour) for sid in row.sources]
        ids += proposal.sources
    return ids


def render_histories(tour: Tour, state: ViewState) -> None:
    lang = state.lang
    widgets.render_sources_key(tour, _cited(tour, state), lang)
    for proposal in filter_proposals(tour, state):
        rows = filter_history(proposal, state, tour)
        title = f"{proposal.title.get(lang)} — {t('field.proposer', lang)}: {proposal.proposer}"
        with st.expander(markup.md(title), expanded=len(rows) > 1):
            st.markdown(markup.md(proposal.description.get(lang)))
            frame = tables.history_frame(tour, proposal, rows, lang)
            st.dataframe(frame, hide_index=True, width="stretch")
            st.caption(f"{t('field.sources', lang)}: {markup.md(', '.join(proposal.sources))}")


def render() -> None:
    loaded, state = runtime.page_context()
    lang = state.lang
    st.header(t("page.proposals", lang))
    grid = tables.proposal_grid(loaded.tour, state)
    if grid.empty:
        widgets.empty_notice(bool(loaded.tour.proposals), "notice.no_proposals", lang)
        return
    render_legend(lang)
    st.dataframe(style_grid(grid, lang), width="stretch", key="proposal_grid")
    st.subheader(t("section.history", lang))
    render_histories(loaded.tour, state)
