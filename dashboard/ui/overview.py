"""The map page: key figures, the route map, the selected stop, and the map as a table."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard import frames
from dashboard.derive import stops
from dashboard.filters import ViewState, filter_claims, visible_places
from dashboard.i18n import format_range, t
from dashboard.maps import build_map
from dashboard.model import Person, Tour, Visit
from dashboard.ui import common
from dashboard.ui.state import LoadedTour, set_view


def render_figures(tour: Tour, lang: str) -> None:
    figures = common.key_figures(tour)
    cols = st.columns(5)
    labels = [
        ("visits", "visits"),
        ("countries", "countries"),
        ("days", "days"),
        ("km", "km"),
        ("counterparts", "counterparts"),
    ]
    for col, (key, label) in zip(cols, labels, strict=True):
        value = figures.get(key)
        col.metric(t(label, lang), "—" if value is None else f"{value:,.0f}")


def _clicked_place(tour: Tour, clicked: dict[str, float] | None) -> str | None:
    if not clicked:
        return None
    for place in tour.places:
        near_lat = abs((place.latitude or 0) - clicked["lat"]) < 1e-6
        if place.has_coordinates and near_lat and abs((place.longitude or 0) - clicked["lng"]) < 1e-6:
            return place.id
    return None


def render_map(loaded: LoadedTour, state: ViewState) -> None:
    visible = visible_places(loaded.tour, state) if state.is_filtered else None
    m = build_map(
        loaded.tour, lang=state.lang, selected=state.stop, visible=visible, tiles=common.tiles_enabled()
    )
    # A new key per view state: the component starts with no click, so a click always registers once.
    key = f"map-{hash((loaded.key, state.lang, state.stop, frozenset(visible or ())))}"
    result = st_folium(
        m, key=key, height=480, use_container_width=True, returned_objects=["last_object_clicked"]
    )
    place = _clicked_place(loaded.tour, (result or {}).get("last_object_clicked"))
    if place and place != state.stop:
        set_view(state.with_(stop=place))
        st.rerun()
    st.caption(t("click_hint", state.lang))


def _people(people: list[Person], lang: str) -> str:
    return "; ".join(
        (p.name or "") + (f" ({p.office.get(lang)})" if p.office else "") + f" [{', '.join(p.sources)}]"
        for p in people
    )


def _visit_rows(visit: Visit, lang: str) -> list[tuple[str, str]]:
    dates = [
        f"{format_range(d.start, d.end, lang, d.precision)} — {t(d.kind, lang)} [{', '.join(d.sources)}]"
        for d in visit.dates
    ]
    durations = [f"{d.text.get(lang)} [{', '.join(d.sources)}]" for d in visit.duration]
    return [
        (t("dates", lang), "; ".join(dates)),
        (t("venue", lang), visit.venue.get(lang) if visit.venue else t("unknown", lang)),
        (t("met", lang), _people(visit.counterparts, lang)),
        (t("others_met", lang), _people(visit.others_met, lang)),
        (t("delegation", lang), _people(visit.delegation, lang)),
        (t("duration", lang), "; ".join(durations)),
    ]


def render_stop(loaded: LoadedTour, state: ViewState) -> None:
    tour, lang = loaded.tour, state.lang
    stop = next((s for s in stops(tour) if s.place.id == state.stop), None)
    if stop is None:
        return
    title = (f"{stop.order}. " if stop.order else "") + stop.place.name
    st.subheader(f"{t('selected', lang)}: {title}")
    if stop.place.description:
        st.markdown(common.md(stop.place.description.get(lang)))
    if stop.visit:
        rows = [(k, v) for k, v in _visit_rows(stop.visit, lang) if v]
        table = {t("note", lang): [k for k, _ in rows], t("selected", lang): [v for _, v in rows]}
        st.dataframe(table, hide_index=True, width="stretch")
    common.render_claims(tour, filter_claims(tour, state), lang)


def render() -> None:
    loaded, state = common.page_context()
    lang = state.lang
    st.title(loaded.tour.title.get(lang))
    if loaded.tour.summary:
        st.markdown(common.md(loaded.tour.summary.get(lang)))
    render_figures(loaded.tour, lang)
    render_map(loaded, state)
    render_stop(loaded, state)
    # The itinerary doubles as the map's table alternative (screen readers, copy and paste).
    st.subheader(t("itinerary", lang))
    itinerary = frames.stops_frame(loaded.tour, state).drop(columns=["id"])
    st.dataframe(itinerary, hide_index=True, width="stretch", key="itinerary")
