"""The map page: key figures, the route map, the selected stop, and the map as a table."""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.render import exports
from dashboard.render.map_data import payload, script_json
from dashboard.render.maps import (
    AssetUrls,
    build_map,
    data_script,
    leaflet_css,
    leaflet_js,
    state_layer,
)
from dashboard.tourfile.model import Person, Tour, Visit
from dashboard.ui import cache, runtime, style, widgets
from dashboard.ui.state import VIEW_KEY, LoadedTour, set_view
from dashboard.views import citations, markup, tables
from dashboard.views.filters import ViewState, filter_claims
from dashboard.views.formats import cited, date_variants, format_number, person, stop_title
from dashboard.views.i18n import t

FIGURES = ("visits", "countries", "days", "km", "counterparts")


def render_figures(loaded: LoadedTour, state: ViewState) -> None:
    """The headline figures; with filters on, those of the visits in view, out of the whole tour's.

    The selected stop is not a filter here: choosing one must not turn "3 visits" into "1 of 3".
    """
    lang, filters = state.lang, state.with_(stop=None, bar=None)
    whole = cache.key_figures(loaded)
    shown = cache.key_figures(loaded, filters) if filters.is_filtered else whole
    with st.container(key="figures"):
        cols = st.columns(5)
        for col, key in zip(cols, FIGURES, strict=True):
            widgets.key_figure(col, key, shown.get(key), whole.get(key), lang, filters.is_filtered)
        if filters.is_filtered:
            st.caption(t("figure.filtered_note", lang))
    count = (shown.get("visits"), whole.get("visits")) if filters.is_filtered else None
    widgets.announce(_status_line(loaded, state, count))


def _status_line(
    loaded: LoadedTour, state: ViewState, count: tuple[float | None, float | None] | None
) -> str:
    """What a screen reader hears when the selection or the filters change."""
    lang, parts = state.lang, []
    stop = next((s for s in cache.cached_stops(loaded) if s.place.id == state.stop), None)
    if stop is not None:
        parts.append(t("notice.selected", lang, stop=stop_title(stop.order, stop.place.name)))
    if count is not None:  # "Showing 1 of 3 visits": only when filters leave some out
        shown, total = (format_number(n or 0, lang) for n in count)
        parts.append(t("notice.showing", lang, shown=shown, total=total))
    return " ".join(parts)


def render_header(loaded: LoadedTour, lang: str) -> None:
    """The title, and the tour's summary: in full on wide screens, folded on phones so the map
    is in the first screen."""
    st.title(markup.md(loaded.tour.title.get(lang)))
    if not loaded.tour.summary:
        return
    summary = markup.md(loaded.tour.summary.get(lang))
    wide, narrow = style.by_width("summary")
    wide.markdown(summary)
    narrow.expander(t("section.about", lang)).markdown(summary)


def _clicked_place(tour: Tour, clicked: dict[str, float] | None) -> str | None:
    """The place at the clicked point; the map may draw a longitude a whole turn away (±360°)."""
    if not clicked:
        return None
    for place in tour.places:
        if not place.has_coordinates:
            continue
        turn = ((clicked["lng"] - (place.longitude or 0) + 180) % 360) - 180
        if abs((place.latitude or 0) - clicked["lat"]) < 1e-6 and abs(turn) < 1e-6:
            return place.id
    return None


@st.cache_resource(max_entries=8, show_spinner=False)
def _map_data(tour_key: str, lang: str, _tour: Tour) -> str:
    return data_script(script_json(payload(_tour, lang)))


def map_data(loaded: LoadedTour, lang: str) -> str:
    """The map's data script for a tour and language (shared, or per session for an upload)."""
    return cache.shared_or_session(
        loaded,
        "map-data",
        lang,
        lambda: _map_data(loaded.key, lang, loaded.tour),
        lambda: data_script(script_json(payload(loaded.tour, lang))),
    )


def asset_urls(loaded: LoadedTour, lang: str) -> AssetUrls:
    """Leaflet (from xstatic-leaflet) and the map's data, served by Streamlit's media endpoint.

    Sent inside the component's arguments instead, a long tour's payload kept the
    browser busy for seconds before the map's frame even appeared, on every rerun.
    """
    return AssetUrls(
        leaflet_js=runtime.served(leaflet_js(), "text/javascript", "leaflet.js"),
        leaflet_css=runtime.served(leaflet_css(), "text/css", "leaflet.css"),
        data_js=runtime.served(map_data(loaded, lang), "text/javascript", "tour-data.js"),
    )


def _new_click(key: str, result: dict[str, Any] | None) -> dict[str, float] | None:
    """The clicked point if this is a click not handled yet (the component keeps its last value)."""
    count = (result or {}).get("last_object_clicked_count")
    if not count or st.session_state.get(f"{key}-clicks") == count:
        return None
    st.session_state[f"{key}-clicks"] = count
    return (result or {}).get("last_object_clicked")


def _on_map_change(key: str) -> None:
    """A click on a stop selects it before the script reruns, so one run shows it everywhere.

    The tour is read from the session (the one the map showed), not bound into the callback:
    Streamlit keeps each keyed widget's callback, and a bound tour would outlive its upload.
    """
    tour: Tour = st.session_state["loaded_tour"].tour
    place = _clicked_place(tour, _new_click(key, st.session_state.get(key)))
    state: ViewState = st.session_state[VIEW_KEY]
    if place and place != state.stop:
        set_view(state.with_(stop=place))


def render_map(loaded: LoadedTour, state: ViewState) -> None:
    visible = cache.visible(loaded, state) if state.is_filtered else None
    urls = asset_urls(loaded, state.lang)
    m = build_map(loaded.tour, lang=state.lang, tiles=runtime.tiles_enabled(), asset_urls=urls)
    # The base map depends on the tour and language only; selection and filters travel as a small
    # state layer, so the browser restyles the markers instead of reloading the map.
    key = f"map-{hash((loaded.key, state.lang))}"
    st_folium(
        m,
        key=key,
        height=480,
        use_container_width=True,
        feature_group_to_add=state_layer(state.stop, visible),
        returned_objects=["last_object_clicked", "last_object_clicked_count"],
        on_change=functools.partial(_on_map_change, key),
    )
    st.caption(t("notice.click_hint", state.lang))


def _people(people: list[Person], lang: str) -> str:
    return "; ".join(cited(person(p, lang), p.sources) for p in people)


def _visit_rows(visit: Visit, lang: str) -> list[tuple[str, str]]:
    durations = [cited(d.text.get(lang), d.sources) for d in visit.duration]
    return [
        (t("field.dates", lang), date_variants(visit.ranked_dates(), lang)),
        (t("field.venue", lang), visit.venue.get(lang) if visit.venue else t("word.unknown", lang)),
        (t("field.met", lang), _people(visit.counterparts, lang)),
        (t("field.others_met", lang), _people(visit.others_met, lang)),
        (t("field.delegation", lang), _people(visit.delegation, lang)),
        (t("field.duration", lang), "; ".join(durations)),
    ]


def _visit_sources(visit: Visit) -> list[str]:
    """Every source id the stop's details table shows, in the order it shows them."""
    people = (*visit.counterparts, *visit.others_met, *visit.delegation)
    groups = [
        *(d.sources for d in visit.ranked_dates()),
        *(p.sources for p in people),
        *(d.sources for d in visit.duration),
    ]
    return [sid for group in groups for sid in group]


def render_stop(loaded: LoadedTour, state: ViewState) -> None:
    """The selected stop: a key to its sources, its description, its visit as a Detail | Value
    table, and its claims."""
    tour, lang = loaded.tour, state.lang
    stop = next((s for s in cache.cached_stops(loaded) if s.place.id == state.stop), None)
    if stop is None:
        return
    title = stop_title(stop.order, stop.place.name)
    st.subheader(f"{t('section.selected', lang)}: {markup.md(title)}")
    claims = filter_claims(tour, state)
    cited = (_visit_sources(stop.visit) if stop.visit else []) + citations.claim_sources(claims)
    widgets.render_sources_key(tour, cited, lang)
    if stop.place.description:
        st.markdown(markup.md(stop.place.description.get(lang)))
    if stop.visit:
        rows = [(k, v) for k, v in _visit_rows(stop.visit, lang) if v]
        table = pd.DataFrame(rows, columns=[t("field.detail", lang), t("field.value", lang)])
        st.markdown(markup.md_table(table))
    widgets.render_claims(tour, claims, lang)


def render() -> None:
    loaded, state = runtime.page_context()
    lang = state.lang
    render_header(loaded, lang)
    render_figures(loaded, state)
    render_map(loaded, state)
    if runtime.light_run():
        return  # the rest comes with the run st_folium asks for once the map is drawn
    render_stop(loaded, state)
    render_itinerary(loaded, state)


def render_itinerary(loaded: LoadedTour, state: ViewState) -> None:
    """The map's table alternative (screen readers, copy and paste): every stop in view.

    A long tour shows its first LONG_LIST rows and offers the whole table as CSV:
    10,000 rows sent on every rerun cost the browser seconds and a reader nothing.
    """
    lang = state.lang
    st.subheader(t("section.itinerary", lang))
    itinerary = cache.itinerary(loaded, state)
    if itinerary.empty:
        widgets.empty_with_reset(lang, key="reset_itinerary")
        return
    cited = citations.split_ids(itinerary[tables.header("sources", lang)].head(widgets.LONG_LIST))
    if len(itinerary) <= widgets.MARKDOWN_ROWS:
        st.markdown(markup.md_table(itinerary))
        widgets.render_sources_key(loaded.tour, cited, lang)
        return
    shown = itinerary.head(widgets.LONG_LIST)
    st.dataframe(shown, hide_index=True, width="stretch", key="itinerary")  # the grid scrolls
    if len(itinerary) > len(shown):
        total = format_number(len(itinerary), lang)
        st.caption(t("notice.rows_shown", lang, shown=format_number(len(shown), lang), total=total))
    st.download_button(
        t("download.itinerary", lang),
        lambda: exports.table_csv(list(itinerary.columns), itinerary.values.tolist()),
        file_name=f"{loaded.tour.id}-stops.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_itinerary",
    )
    widgets.render_sources_key(loaded.tour, cited, lang)
