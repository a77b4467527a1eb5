"""Compare: two tours side by side (two people of the archive, or the tour shown and one of them):
two maps moved together, their figures, the countries only one of them visited, and their trips
per year. The pair is in the address (``?a=kerry-john-forbes&b=blinken-antony-j``; ``tour``: the
tour the session shows).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.render import atlas_charts
from dashboard.render.compare_map import compare_page, side
from dashboard.render.exports import table_csv
from dashboard.ui import archive, cache, state
from dashboard.ui.charts import caption, named_chart
from dashboard.ui.state import LoadedTour, Widget, keyed
from dashboard.views import compare, markup
from dashboard.views.compare import SHOWN, CompareView, default_pair
from dashboard.views.i18n import t

FIGURES = ("visits", "countries", "days", "km")


def _options(lang: str) -> dict[str, str]:
    """Every tour that can be compared, by key: the tour shown, then the archive's people."""
    shown = t("compare.this_tour", lang, title=state.shown().tour.title.get(lang))
    return {
        SHOWN: shown,
        **{p.slug: f"{p.name} ({p.first_day.year}–{p.last_day.year})" for p in archive.all_people()},
    }


def _tour(key: str) -> LoadedTour | None:
    return state.shown() if key == SHOWN else archive.open_person(key)


def _name(loaded: LoadedTour) -> str:
    """Whom the tour follows (a tour's title is a sentence: too long for a column's head)."""
    return loaded.tour.subject


def _on_pick() -> None:
    pair = state.COMPARE.get() or CompareView(SHOWN, SHOWN)
    a, b = state.widget(Widget.COMPARE_A) or pair.a, state.widget(Widget.COMPARE_B) or pair.b
    state.COMPARE.set(CompareView(str(a), str(b)))


def render_pickers(view: CompareView, options: dict[str, str], lang: str) -> None:
    state.seed({Widget.COMPARE_A: view.a, Widget.COMPARE_B: view.b})
    left, right = st.columns(2)
    for column, key, word in (
        (left, Widget.COMPARE_A, "compare.first"),
        (right, Widget.COMPARE_B, "compare.second"),
    ):
        column.selectbox(
            t(word, lang), list(options), format_func=options.__getitem__, key=key, on_change=_on_pick
        )


def render_figures(pair: tuple[LoadedTour, LoadedTour], names: tuple[str, str], lang: str) -> None:
    """The two tours' key figures side by side, figure by figure (a table: it lines up on a phone too)."""
    figures = (cache.key_figures(pair[0]), cache.key_figures(pair[1]))
    with st.container(key="compare-figures"):
        st.markdown(markup.md_table(compare.figures_table(figures, names, FIGURES, lang)))


def render_maps(pair: tuple[LoadedTour, LoadedTour], names: tuple[str, str], lang: str) -> None:
    sides = (side(pair[0].tour, names[0], lang), side(pair[1].tour, names[1], lang))
    st.caption(f"**{markup.md(t('compare.map_name', lang, a=names[0], b=names[1]))}.**")
    st.iframe(compare_page(sides, lang), height="content")


def render_split(pair: tuple[LoadedTour, LoadedTour], names: tuple[str, str], lang: str) -> None:
    parts = compare.split(pair[0].tour, pair[1].tour)
    st.subheader(t("compare.section_split", lang))
    st.caption(markup.md(compare.split_summary(parts, names, lang)))
    left, right = st.columns(2)
    for column, name, codes in ((left, names[0], parts.only_a), (right, names[1], parts.only_b)):
        column.markdown(f"**{markup.md(t('compare.only', lang, name=name))}**")
        column.markdown(markup.md(", ".join(compare.country_list(codes, lang)) or "—"))
    frame = compare.split_table(parts, names, lang)
    with st.expander(t("section.table_alternative", lang)):
        st.dataframe(frame, hide_index=True, width="stretch")
    _download(frame, "countries", lang)


def render_trips(pair: tuple[LoadedTour, LoadedTour], names: tuple[str, str], lang: str) -> None:
    st.subheader(t("compare.section_trips", lang))
    frame = compare.trips_frame(pair[0].tour, pair[1].tour, names)
    said = caption(t("compare.trips_name", lang), compare.trips_summary(frame, names, lang))
    named_chart("compare-trips", atlas_charts.trips_figure(frame, names, lang), said, Widget.COMPARE_CHART)
    table = compare.trips_table(frame, names, lang)
    with st.expander(t("section.table_alternative", lang)):
        st.dataframe(table, hide_index=True, width="stretch")
    _download(table, "trips", lang)


def _download(frame: pd.DataFrame, name: str, lang: str) -> None:
    st.download_button(
        t("atlas.download_table", lang), table_csv(list(frame.columns), frame.values.tolist()),
        file_name=f"compare-{name}.csv",
        mime="text/csv", on_click="ignore", key=keyed(Widget.DOWNLOAD, "compare", name),
    )  # fmt: skip


def render() -> None:
    lang = state.view().lang
    st.header(t("compare.heading", lang))
    st.caption(t("compare.intro", lang))
    people = archive.all_people()
    view = state.compare_for(people, default_pair(people, archive.shown_slug()))
    if view.problems:
        st.warning(t("notice.bad_params", lang) + ": " + markup.md(", ".join(view.problems)))
    render_pickers(view, _options(lang), lang)
    found = (_tour(view.a), _tour(view.b))
    if found[0] is None or found[1] is None:
        st.info(t("atlas.no_archive", lang))
        return
    pair = (found[0], found[1])
    if pair[0].key == pair[1].key:
        st.info(t("compare.same", lang))
        return
    names = (_name(pair[0]), _name(pair[1]))
    render_figures(pair, names, lang)
    render_maps(pair, names, lang)
    render_split(pair, names, lang)
    render_trips(pair, names, lang)


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
