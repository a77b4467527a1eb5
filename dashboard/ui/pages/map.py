"""The map page: key figures, the route map, the selected stop, and the map as a table."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.render.exports import table_csv
from dashboard.render.maps import state_layer
from dashboard.tourfile.model import Tour
from dashboard.ui import cache, route_map, state, style, widgets
from dashboard.ui.state import LoadedTour, Widget, keyed
from dashboard.ui.stop_panel import render_stop
from dashboard.views import citations, markup, tables
from dashboard.views.filters import ViewState
from dashboard.views.formats import format_number, stop_title
from dashboard.views.i18n import t

FIGURES = ("visits", "countries", "days", "km", "counterparts")


def render_figures(loaded: LoadedTour, view: ViewState) -> None:
    """The headline figures; with filters on, those of the visits in view, out of the whole tour's.

    The selected stop is not a filter here: choosing one must not turn "3 visits" into "1 of 3".
    """
    lang, filters = view.lang, view.with_(stop=None, bar=None)
    whole = cache.key_figures(loaded)
    shown = cache.key_figures(loaded, filters) if filters.is_filtered else whole
    with st.container(key="figures"):
        cols = st.columns(5)
        for col, key in zip(cols, FIGURES, strict=True):
            widgets.key_figure(col, key, shown.get(key), whole.get(key), lang, filters.is_filtered)
        if filters.is_filtered:
            st.caption(t("figure.filtered_note", lang))
    count = (shown.get("visits"), whole.get("visits")) if filters.is_filtered else None
    widgets.announce(_status_line(loaded, view, count))


def _status_line(loaded: LoadedTour, view: ViewState, count: tuple[float | None, float | None] | None) -> str:
    """What a screen reader hears when the selection or the filters change."""
    lang, parts = view.lang, []
    stop = next((s for s in cache.cached_stops(loaded) if s.place.id == view.stop), None)
    if stop is not None:
        parts.append(t("notice.selected", lang, stop=stop_title(stop.order, stop.place.name)))
    if count is not None:  # "Showing 1 of 3 visits": only when filters leave some out
        shown, total = (format_number(n or 0, lang) for n in count)
        parts.append(t("notice.showing", lang, shown=shown, total=total))
    return " ".join(parts)


def render_header(loaded: LoadedTour, lang: str) -> None:
    """The title, compact, and the tour's summary folded under it (a click away, on every screen): a
    reader opening a map dashboard sees the map in the first screen, under the title and the figures."""
    with st.container(key="map-head"):
        st.title(markup.md(loaded.tour.title.get(lang)))
        if loaded.tour.summary:
            st.expander(t("section.about", lang)).markdown(markup.md(loaded.tour.summary.get(lang)))


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


def _new_click(key: str, result: dict[str, Any] | None) -> dict[str, float] | None:
    """The clicked point if this is a click not handled yet (the component keeps its last value)."""
    count = (result or {}).get("last_object_clicked_count")
    return (result or {}).get("last_object_clicked") if state.new_click(key, count) else None


def _on_map_change(key: str) -> None:
    """A click on a stop selects it before the script reruns, so one run shows it everywhere.

    The tour is read from the session (the one the map showed), not bound into the callback:
    Streamlit keeps each keyed widget's callback, and a bound tour would outlive its upload.
    """
    place = _clicked_place(state.shown().tour, _new_click(key, state.widget(key)))
    if place and place != state.view().stop:
        state.change_view(stop=place)


def render_map(loaded: LoadedTour, view: ViewState) -> None:
    visible = cache.visible(loaded, view) if view.is_filtered else None
    key = route_map.map_key(Widget.MAP, loaded, view.lang)
    # Selection and filters travel as a small state layer: the browser restyles the markers
    # instead of reloading the map.
    route_map.draw(
        loaded,
        view.lang,
        key=key,
        height=480,
        layer=state_layer(view.stop, visible),
        returned=["last_object_clicked", "last_object_clicked_count"],
        on_change=lambda: _on_map_change(key),
    )
    st.caption(t("notice.click_hint", view.lang))


def render() -> None:
    loaded, view = state.page_context()
    render_header(loaded, view.lang)
    render_figures(loaded, view)
    render_map(loaded, view)
    if state.light_run():
        return  # the rest comes with the run st_folium asks for once the map is drawn
    render_stop(loaded, view)
    render_itinerary(loaded, view)


def render_itinerary(loaded: LoadedTour, view: ViewState) -> None:
    """The map's table alternative (screen readers, copy and paste): every stop in view.

    A long tour shows its first LONG_LIST rows and offers the whole table as CSV:
    10,000 rows sent on every rerun cost the browser seconds and a reader nothing.
    """
    lang = view.lang
    st.subheader(t("section.itinerary", lang))
    itinerary = cache.itinerary(loaded, view)
    if itinerary.empty:
        widgets.empty_with_reset(lang, key=Widget.RESET_ITINERARY)
        return
    if len(itinerary) <= widgets.MARKDOWN_ROWS:
        wide, narrow = style.by_width("itinerary")
        wide.markdown(markup.md_table(itinerary))
        narrow.markdown(markup.md_cards(tables.stop_cards(itinerary, lang)))  # a phone: a card per stop
        widgets.render_sources_key(loaded.tour, _cited(loaded, view), lang)
        return
    shown = itinerary.head(widgets.LONG_LIST)
    st.dataframe(shown, hide_index=True, width="stretch", key=Widget.ITINERARY)  # the grid scrolls
    if len(itinerary) > len(shown):
        total = format_number(len(itinerary), lang)
        st.caption(t("notice.rows_shown", lang, shown=format_number(len(shown), lang), total=total))
    st.download_button(
        t("download.itinerary", lang),
        lambda: _csv(cache.itinerary(loaded, view, True)),  # an editor's file: sources by id
        file_name=f"{loaded.tour.id}-stops.csv",
        mime="text/csv",
        on_click="ignore",
        key=keyed(Widget.DOWNLOAD, "itinerary"),
    )
    widgets.render_sources_key(loaded.tour, _cited(loaded, view), lang)


def _cited(loaded: LoadedTour, view: ViewState) -> list[str]:
    """The ids of the sources the itinerary's shown rows cite by name, for the key under it."""
    visible = cache.visible(loaded, view)
    shown = [s for s in cache.cached_stops(loaded) if s.place.id in visible][: widgets.LONG_LIST]
    return citations.stop_sources(shown)


def _csv(frame: Any) -> str:
    return table_csv(list(frame.columns), frame.values.tolist())


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
