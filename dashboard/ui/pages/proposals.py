"""The proposal tracker: proposals × countries with each current status, and every status history."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.tourfile.model import Tour
from dashboard.ui import state, style, widgets
from dashboard.ui.state import Widget
from dashboard.views import markup, tables
from dashboard.views.filters import ViewState, filter_history, filter_proposals
from dashboard.views.i18n import t


def render_legend(lang: str) -> None:
    # Symbol and word carry the meaning; colour only repeats it, so the grid reads in greyscale.
    parts = [f"{symbol} {word}" for symbol, word, _ in tables.status_legend(lang)]
    st.caption(f"{t('legend.title', lang)}: " + " · ".join(parts))


def _pale(colour: str) -> str:
    """The colour mixed with three parts of white: an opaque tint, the same in light and dark themes,
    under which black text keeps its contrast."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{(c + 3 * 255) // 4:02x}" for c in rgb)


def style_grid(grid: pd.DataFrame, lang: str) -> Styler:
    """Tint each cell with its status colour (a pale tint, so black text keeps its contrast)."""
    colours = {symbol: _pale(colour) for symbol, _, colour in tables.status_legend(lang)}

    def cell(value: object) -> str:
        text = str(value or "")
        colour = colours.get(text[:1])
        return f"background-color: {colour}; color: #000" if colour else ""

    return grid.style.map(cell)


def proposal_list(grid: pd.DataFrame) -> str:
    """The matrix for a narrow screen: each proposal, then each country's status (Markdown)."""
    lines = []
    for title, row in grid.iterrows():
        lines.append(f"- **{markup.md(str(title))}**")
        lines += [
            f"  - {markup.md(str(country))}: {markup.md(str(cell))}" for country, cell in row.items() if cell
        ]
    return "\n".join(lines)


def _cited(tour: Tour, view: ViewState) -> list[str]:
    """The source ids the histories below show: each row's, then each proposal's own."""
    ids = []
    for proposal in filter_proposals(tour, view):
        ids += [sid for row in filter_history(proposal, view, tour) for sid in row.sources]
        ids += proposal.sources
    return ids


def render_history(frame: pd.DataFrame) -> None:
    """One proposal's status rows: a plain table, whose notes wrap whole (a grid cuts them mid-word),
    or the scrolling grid for a history too long for one."""
    if len(frame) <= widgets.MARKDOWN_ROWS:
        st.markdown(markup.md_table(frame))
    else:
        st.dataframe(frame, hide_index=True, width="stretch")


def render_histories(tour: Tour, view: ViewState) -> None:
    lang = view.lang
    widgets.render_sources_key(tour, _cited(tour, view), lang)
    for proposal in filter_proposals(tour, view):
        rows = filter_history(proposal, view, tour)
        title = f"{proposal.title.get(lang)} — {t('field.proposer', lang)}: {proposal.proposer}"
        with st.expander(markup.md(title), expanded=len(rows) > 1):
            st.markdown(markup.md(proposal.description.get(lang)))
            render_history(tables.history_frame(tour, proposal, rows, lang))
            widgets.sources_caption(tour, proposal.sources, lang)


def render() -> None:
    loaded, view = state.page_context()
    lang = view.lang
    st.header(t("page.proposals", lang))
    grid = tables.proposal_grid(loaded.tour, view)
    if grid.empty:
        widgets.empty_notice(bool(loaded.tour.proposals), "notice.no_proposals", lang)
        return
    render_legend(lang)
    wide, narrow = style.by_width("proposals")
    wide.dataframe(style_grid(grid, lang), width="stretch", key=Widget.PROPOSAL_GRID)
    narrow.markdown(proposal_list(grid))
    st.subheader(t("section.history", lang))
    render_histories(loaded.tour, view)


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
