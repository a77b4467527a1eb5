"""Small pieces every page draws: notices for empty views, claim tables, the key to sources, key figures."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from dashboard.tourfile.model import Claim, Source, Tour
from dashboard.ui import state
from dashboard.ui.state import Widget
from dashboard.views import citations, tables
from dashboard.views.figures import figure_text, figure_total
from dashboard.views.formats import format_number, named, source_details, source_name
from dashboard.views.i18n import t
from dashboard.views.markup import md, md_link, md_table

MARKDOWN_ROWS = 40  # up to this many rows a table is plain Markdown; longer ones scroll in the grid
# A long tour's itinerary shows this many rows (the CSV has them all) and its stop selector lists
# this many stops: 10,000 of either kept the browser busy for seconds on every rerun.
LONG_LIST = 500
ROW_HEIGHT = 84  # px: four lines of grid text, enough for most claims and quotes


def empty_notice(tour_has_any: bool, none_key: str, lang: str, filtered_key: str = "notice.no_match") -> None:
    """Why a table is empty: the filters leave nothing (``filtered_key``), or the tour file has
    nothing of the kind (``none_key``): blaming the filters then would send readers looking for one."""
    st.info(t(filtered_key if tour_has_any else none_key, lang))


def claim_columns(lang: str) -> dict[str, Any]:
    """Grid columns of a claims table: room for the claim and the quote, help on the headers, no id."""

    def column(key: str, width: int) -> Any:
        return st.column_config.TextColumn(width=width, help=t(f"help.{key}", lang))

    return {
        tables.header("claim", lang): column("claim", 340),
        tables.header("quote", lang): column("quote", 260),
        tables.header("speaker", lang): column("speaker", 130),
        tables.header("sources", lang): column("sources", 130),
        tables.header("id", lang): None,  # None hides a column: an internal key, not for readers
    }


def render_claims(tour: Tour, claims: list[Claim], lang: str, key: Widget = Widget.CLAIMS) -> None:
    """Claims and quotes as a table (plain text cells: nothing in them is rendered as markup)."""
    if not claims:
        empty_notice(bool(tour.claims), "notice.no_claims", lang)
        return
    frame = tables.claims_frame(tour, claims, lang)
    if len(frame) <= MARKDOWN_ROWS:  # a plain table: no grid code to fetch before it shows
        st.markdown(md_table(frame.drop(columns=[tables.header("id", lang)])))
    else:
        # Taller rows let the claim and the quote wrap onto up to four lines.
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            key=key,
            column_config=claim_columns(lang),
            row_height=ROW_HEIGHT,
        )


def render_sources_key(tour: Tour, ids: Iterable[str], lang: str) -> None:
    """A compact key to the sources this part of the page cites by name: each article's whole
    citation, its name a link to it where it has one."""
    sources = citations.cited_sources(tour, ids)
    if not sources:
        return
    names = tables.reader_names(tour, lang)
    with st.expander(t("section.sources_key", lang, count=format_number(len(sources), lang))):
        st.markdown("\n".join(f"- {cited_line(s, lang, names)}" for s in sources))


def cited_line(source: Source, lang: str, names: Mapping[str, str]) -> str:
    """``**Outlet: Title** · English · 22 December 2025``, the name a link to the article where it has
    one, then a link to its archived copy (Markdown; ``names``: how the details name other sources)."""
    name = source_name(source, lang)
    details = "".join(f" · {md(part)}" for part in source_details(source, lang, names))
    archived = f" · {md_link(t('word.archived', lang), source.archived_url)}" if source.archived_url else ""
    return f"**{md_link(name, source.url)}**{details}{archived}"


def sources_caption(tour: Tour, ids: Iterable[str], lang: str) -> None:
    """``Sources: Ámbito: Chilean president-elect…; Latin America Reports: …``, under what they say."""
    st.caption(f"{t('field.sources', lang)}: {md(named(ids, tables.reader_names(tour, lang)))}")


def key_figure(
    column: Any, key: str, value: float | None, total: float | None, lang: str, filtered: bool = False
) -> None:
    """One key figure: a short label (a fifth of the page wide), its meaning in the help, the number
    written as a reader of ``lang`` expects (``6.802`` in Spanish), and "of 3" beside it when filtered
    (Streamlit's delta, its arrow and colour off: app.css sets it beside the number)."""
    column.metric(
        t(f"figure.{key}", lang),
        figure_text(value, lang),
        delta=figure_total(value, total, lang, filtered),
        delta_color="off",
        delta_arrow="off",
        help=t(f"figure.{key}.help", lang),
    )


def empty_with_reset(lang: str, key: Widget) -> None:
    """An empty view says why, and offers the way back to the whole tour."""
    st.info(t("notice.empty_reset", lang))
    st.button(t("filter.reset", lang), key=key, on_click=reset_filters)


def reset_filters() -> None:
    """Every filter and the selection off (the charts' too); the language stays."""
    state.change_view(stop=None, countries=(), topics=(), start=None, end=None, bar=None, trips=())
    state.forget_chart_selections()


def announce(text: str) -> None:
    """A line screen readers say when it changes (a polite live region), invisible on screen."""
    st.html(f'<div class="tour-sr" role="status" aria-live="polite">{html.escape(text)}</div>')
