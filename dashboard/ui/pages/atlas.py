"""The Atlas: the travel archive over the world, for everyone or a chosen set of people and years.

A world map of the countries shaded by visits (or days), a click on a country (or its name in a list)
listing its visits with their sources; visits per year by person; the top destinations; each
country's first visit by a sitting president and by a secretary of state; the countries never
visited. Each chart has its table and a one-sentence summary; every table downloads as CSV, and
the map as a PNG. The whole view is in the address (``?who=...&from=2017&by=days&country=FR``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.archive.library import Person
from dashboard.render import atlas_charts
from dashboard.render.atlas_map import atlas_map
from dashboard.render.errors import ExportError
from dashboard.render.exports import table_csv
from dashboard.render.images import atlas_png
from dashboard.render.maps import leaflet_css, leaflet_js
from dashboard.ui import archive, navigation, runtime, state, tours
from dashboard.ui.charts import caption, named_chart, selectable_chart
from dashboard.ui.state import Widget, keyed
from dashboard.views import atlas, markup
from dashboard.views.archive import AtlasView, TravelRecord, by_country, chosen, year_span
from dashboard.views.formats import country_name, format_number
from dashboard.views.i18n import t
from dashboard.views.library import person_key

ROLES = ("", "president", "secretary")  # "": both offices


def _seed(view: AtlasView, span: tuple[int, int]) -> None:
    state.seed(
        {
            Widget.ATLAS_WHO: list(view.who),
            Widget.ATLAS_ROLE: view.role or "",
            Widget.ATLAS_YEARS: (view.start or span[0], view.end or span[1]),
            Widget.ATLAS_MEASURE: view.measure,
            Widget.ATLAS_COUNTRY: view.country,
        }
    )


def _on_years(span: tuple[int, int]) -> None:
    first, last = state.widget(Widget.ATLAS_YEARS) or span
    state.change_atlas(start=None if first <= span[0] else first, end=None if last >= span[1] else last)


def render_controls(view: AtlasView, people: Sequence[Person], span: tuple[int, int], lang: str) -> None:
    """Whose travels, which office, which years, and what is counted."""
    names = {p.slug: f"{p.name} ({p.first_day.year}–{p.last_day.year})" for p in people}
    left, right = st.columns([3, 2])
    left.multiselect(
        t("atlas.who", lang), list(names), format_func=names.__getitem__, key=Widget.ATLAS_WHO,
        placeholder=t("atlas.who_all", lang),
        on_change=lambda: state.change_atlas(who=tuple(state.widget(Widget.ATLAS_WHO) or ())),
    )  # fmt: skip
    right.selectbox(
        t("atlas.role", lang), ROLES, key=Widget.ATLAS_ROLE,
        format_func=lambda r: atlas.role_word(r, lang) if r else t("atlas.role_any", lang),
        on_change=lambda: state.change_atlas(role=state.widget(Widget.ATLAS_ROLE) or None),
    )  # fmt: skip
    left.select_slider(
        t("atlas.years", lang), list(range(span[0], span[1] + 1)), value=span, key=Widget.ATLAS_YEARS,
        on_change=_on_years, args=(span,),
    )  # fmt: skip
    right.segmented_control(
        t("atlas.measure", lang), ["visits", "days"], key=Widget.ATLAS_MEASURE,
        format_func=lambda m: t(f"atlas.col_{m}", lang),
        on_change=lambda: state.change_atlas(measure=state.widget(Widget.ATLAS_MEASURE) or "visits"),
    )  # fmt: skip


def _on_map_click(key: str) -> None:
    """A click on a country lists its visits (before the script reruns)."""
    result: Any = state.widget(key) or {}
    drawing = result.get("last_active_drawing") if isinstance(result, dict) else None
    code = ((drawing or {}).get("properties") or {}).get("code")
    if code:
        state.change_atlas(country=str(code))


def render_map(records: list[TravelRecord], view: AtlasView, lang: str) -> None:
    totals = by_country(records, view.measure)
    leaflet = (
        runtime.served(leaflet_js(), "text/javascript", "leaflet.js"),
        runtime.served(leaflet_css(), "text/css", "leaflet.css"),
    )
    key = keyed(Widget.ATLAS_MAP, lang)
    st.caption(caption(t("atlas.map_name", lang), atlas.map_summary(records, view.measure, lang)))
    st_folium(
        atlas_map(totals, view.measure, lang, view.country, leaflet),
        key=key,
        height=440,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        on_change=lambda: _on_map_click(key),
    )
    st.caption(t("atlas.click_hint", lang))


def _csv(frame: pd.DataFrame) -> str:
    return table_csv(list(frame.columns), frame.values.tolist())


def render_table(frame: pd.DataFrame, name: str, lang: str, links: Sequence[str] = ()) -> None:
    """A table as a grid (its text shown as text), its links as links, and its CSV to download."""
    config = {
        column: st.column_config.LinkColumn(display_text=t("atlas.source_text", lang)) for column in links
    }
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)
    st.download_button(
        t("atlas.download_table", lang), _csv(frame), file_name=f"atlas-{name}.csv", mime="text/csv",
        on_click="ignore", key=keyed(Widget.DOWNLOAD, "atlas", name),
    )  # fmt: skip


def render_country(records: list[TravelRecord], view: AtlasView, lang: str) -> None:
    """The list of countries (the map's keyboard way), and the chosen country's visits and sources."""
    totals = by_country(records, view.measure)
    codes = sorted(totals, key=lambda c: country_name(c, lang).casefold())
    if view.country and view.country not in codes:
        codes.insert(0, view.country)
    st.selectbox(
        t("atlas.country", lang), codes, key=Widget.ATLAS_COUNTRY, placeholder=t("atlas.country_none", lang),
        format_func=lambda c: f"{country_name(c, lang)} ({format_number(totals.get(c, 0), lang)})",
        on_change=lambda: state.change_atlas(country=state.widget(Widget.ATLAS_COUNTRY)),
    )  # fmt: skip
    if view.country:
        visits = atlas.country_visits(records, view.country)
        st.subheader(t("atlas.section_country", lang, country=country_name(view.country, lang)))
        if not visits:
            st.info(t("atlas.summary_empty", lang))
            return
        source = t("atlas.col_source", lang)
        render_table(atlas.visits_table(visits, lang), f"visits-{view.country}", lang, [source])


def _draw_png(records: list[TravelRecord], view: AtlasView, lang: str, token: str) -> None:
    try:
        with st.spinner(t("publish.drawing", lang)):
            state.ATLAS_IMAGE.set((token, atlas_png(by_country(records, view.measure), view.measure, lang)))
    except ExportError as exc:
        state.ATLAS_IMAGE.set((token, str(exc)))


def render_map_table(records: list[TravelRecord], view: AtlasView, lang: str) -> None:
    """The map as a table (and CSV), and the map as a PNG, drawn when asked for."""
    with st.expander(t("section.table_alternative", lang)):
        render_table(atlas.countries_table(records, view.measure, lang), "countries", lang)
    token = repr((state.address(state.view()), lang))
    kept = state.ATLAS_IMAGE.get()
    drawn = kept[1] if kept and kept[0] == token else None
    if isinstance(drawn, bytes):
        st.download_button(
            t("atlas.download_png", lang), drawn, file_name="atlas-map.png", mime="image/png",
            on_click="ignore", key=keyed(Widget.DOWNLOAD, "atlas", "png"),
        )  # fmt: skip
        return
    if isinstance(drawn, str):
        st.error(f"{t('publish.no_images', lang)}: {markup.md(drawn)}")
    st.button(
        t("atlas.draw_png", lang),
        key=Widget.ATLAS_DRAW,
        on_click=_draw_png,
        args=(records, view, lang, token),
    )


def _on_top(key: str) -> None:
    event: Any = state.widget(key) or {}
    points = event.get("selection", {}).get("points", []) if isinstance(event, dict) else []
    codes = [p.get("customdata") for p in points if isinstance(p.get("customdata"), str)]
    if codes:
        state.change_atlas(country=codes[0])


def render_years(records: list[TravelRecord], view: AtlasView, lang: str) -> None:
    st.subheader(t("atlas.section_years", lang))
    frame = atlas.per_year(records, view.measure)
    said = caption(t("atlas.years_name", lang), atlas.years_summary(frame, view.measure, lang))
    named_chart(
        "atlas-years", atlas_charts.years_figure(frame, view.measure, lang), said, Widget.ATLAS_YEARS_CHART
    )
    with st.expander(t("section.table_alternative", lang)):
        render_table(atlas.year_table(frame, view.measure, lang), "per-year", lang)


def render_top(records: list[TravelRecord], view: AtlasView, lang: str) -> None:
    st.subheader(t("atlas.section_top", lang))
    top = atlas.top_destinations(records, view.measure)
    said = caption(t("atlas.top_name", lang), atlas.top_summary(top, view.measure, lang))
    figure = atlas_charts.top_figure(top, view.measure, lang)
    selectable_chart("atlas-top", figure, said, Widget.ATLAS_TOP_CHART, _on_top)
    with st.expander(t("section.table_alternative", lang)):
        render_table(atlas.top_table(top, view.measure, lang), "top", lang)


def render_firsts(records: list[TravelRecord], lang: str) -> None:
    for role in ("president", "secretary"):
        firsts = atlas.first_visits(records, role)
        st.subheader(t(f"atlas.section_firsts_{role}", lang))
        st.caption(markup.md(atlas.firsts_summary(firsts, role, lang)))
        if firsts:
            render_table(
                atlas.firsts_table(firsts, lang), f"first-{role}", lang, [t("atlas.col_source", lang)]
            )


def render_never(records: list[TravelRecord], lang: str) -> None:
    never = atlas.never_visited(records)
    st.subheader(t("atlas.section_never", lang))
    st.caption(markup.md(atlas.never_summary(never, lang)))
    render_table(atlas.never_table(never, lang), "never-visited", lang)


def render_open_person(view: AtlasView, people: Sequence[Person], lang: str) -> None:
    """One person chosen: the way to their record on every page."""
    if len(view.who) != 1:
        return
    person = next((p for p in people if p.slug == view.who[0]), None)
    if person and st.button(t("atlas.open_person", lang, name=person.name), key=Widget.ATLAS_OPEN):
        tours.choose(person_key(person.slug))
        st.switch_page(navigation.script("map"))


def render() -> None:
    lang = state.view().lang
    st.header(t("atlas.heading", lang))
    st.caption(t("atlas.intro", lang))
    people, every = archive.all_people(), archive.all_records()
    span = year_span(every)
    if span is None:
        st.info(t("atlas.no_archive", lang))
        return
    view = state.atlas_for(people)
    if view.problems:
        st.warning(t("notice.bad_params", lang) + ": " + markup.md(", ".join(view.problems)))
    _seed(view, span)
    render_controls(view, people, span, lang)
    records = chosen(every, view)
    render_open_person(view, people, lang)
    render_map(records, view, lang)
    if state.light_run():
        return  # the rest comes with the run st_folium asks for once the map is drawn
    render_country(records, view, lang)
    render_map_table(records, view, lang)
    render_years(records, view, lang)
    render_top(records, view, lang)
    render_firsts(records, lang)
    render_never(records, lang)


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
