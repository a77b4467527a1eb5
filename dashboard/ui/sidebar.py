"""The sidebar: language, the library (``library``), filters, downloads (``downloads``) and "open your
own tour" (``upload``); the Atlas and Compare, which show the archive rather than the tour, have the
language alone.

Widgets mirror the session's :class:`ViewState`: their callbacks write the view
(before the script reruns), and each run seeds them from the view, so a map click or
a deep link moves the widgets too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.ui import cache, state, widgets
from dashboard.ui.downloads import render_downloads
from dashboard.ui.library import render_library
from dashboard.ui.state import LoadedTour, Widget
from dashboard.ui.tours import drafts_in
from dashboard.ui.upload import render_upload
from dashboard.views import markup
from dashboard.views.filters import ViewState, chosen_year, date_steps, tour_span, tour_years, year_dates
from dashboard.views.formats import country_label, endonym, format_number, month_day
from dashboard.views.i18n import LANGS, t
from dashboard.views.tables import trip_labels

ALL = ""  # the "all stops" option (None would show as an empty selectbox)


def _update(**changes: object) -> None:
    state.change_view(**changes)


def _on_dates(span: tuple[dt.date, dt.date]) -> None:
    """The whole span selected is no date filter (a shorter link, and "filtered" stays off)."""
    value: Any = state.widget(Widget.DATES) or span
    start, end = value
    _update(start=None if start <= span[0] else start, end=None if end >= span[1] else end)


def _seed(view: ViewState, span: tuple[dt.date, dt.date] | None) -> None:
    values: dict[Widget, Any] = {
        Widget.LANG: view.lang,
        Widget.STOP: view.stop or ALL,
        Widget.COUNTRY: list(view.countries),
        Widget.TOPIC: list(view.topics),
        Widget.DRAFTS: view.drafts,
        Widget.TRIP: [str(n) for n in view.trips],
        Widget.YEAR: chosen_year(view, span),
    }
    if span:
        values[Widget.DATES] = (view.start or span[0], view.end or span[1])
    state.seed(values)


def render_language(view: ViewState) -> None:
    st.segmented_control(
        t("filter.language", view.lang),
        options=list(LANGS),
        format_func=endonym,
        key=Widget.LANG,
        on_change=lambda: _update(lang=state.widget(Widget.LANG) or "en"),
    )


def render_filters(loaded: LoadedTour, view: ViewState) -> None:
    tour, lang = loaded.tour, view.lang
    span = tour_span(loaded.tour)
    st.subheader(t("filter.title", lang))
    labels, total = stop_options(loaded, view)
    st.selectbox(
        t("filter.stop", lang),
        options=[ALL, *labels],
        format_func=lambda pid: labels.get(pid, t("filter.all_stops", lang)),
        key=Widget.STOP,
        on_change=lambda: _update(stop=state.widget(Widget.STOP) or None),
    )
    if total > widgets.LONG_LIST:
        shown, count = format_number(widgets.LONG_LIST, lang), format_number(total, lang)
        st.caption(t("filter.stops_listed", lang, shown=shown, total=count))
    countries = sorted({p.country for p in tour.places})
    choose_many(
        t("filter.country", lang),
        countries,
        lambda code: country_label(code, lang),
        Widget.COUNTRY,
        lambda: _update(countries=tuple(state.widget(Widget.COUNTRY) or ())),
        lang,
    )
    topic_labels = {tp.id: tp.label.get(lang) for tp in tour.topics}
    choose_many(
        t("filter.topic", lang),
        list(topic_labels),
        topic_labels.__getitem__,
        Widget.TOPIC,
        lambda: _update(topics=tuple(state.widget(Widget.TOPIC) or ())),
        lang,
    )
    render_trips_and_years(loaded, view, span)
    if span:
        # A slider of dates written in the reader's language: the date picker's calendar is English only.
        st.select_slider(
            t("filter.dates", lang),
            # A link's own dates are among the steps, so the slider shows the filter exactly.
            options=sorted({*date_steps(span), *(d for d in (view.start, view.end) if d)}),
            value=span,  # a range slider (two handles); the session's view then sets both
            format_func=lambda day: month_day(day, lang, year=True),
            key=Widget.DATES,
            on_change=_on_dates,
            args=(span,),
        )
    st.button(t("filter.reset", lang), on_click=widgets.reset_filters, key=Widget.RESET)
    render_drafts(state.full(), lang)
    st.caption(t("filter.share_hint", lang))


PILLS_UP_TO = 12  # options: a few are pills (no English chrome); more need a searchable list


def choose_many(
    label: str,
    options: list[str],
    name: Callable[[str], str],
    key: Widget,
    changed: Callable[[], None],
    lang: str,
) -> None:
    """Pills for a few options, a multiselect for many (its search and "No results" are Streamlit's)."""
    if len(options) <= PILLS_UP_TO:
        # Pills render their labels as Markdown: a topic's name from the tour file is escaped first.
        st.pills(
            label,
            options,
            selection_mode="multi",
            format_func=lambda option: markup.md(name(option)),
            key=key,
            on_change=changed,
        )
    else:
        st.multiselect(
            label, options, format_func=name, placeholder=t("filter.choose", lang), key=key, on_change=changed
        )


def _on_year(span: tuple[dt.date, dt.date]) -> None:
    year = state.widget(Widget.YEAR)
    start, end = year_dates(int(year), span) if year else (None, None)
    _update(start=start, end=end)


def render_trips_and_years(loaded: LoadedTour, view: ViewState, span: tuple[dt.date, dt.date] | None) -> None:
    """A long record's trips and years: pick a trip or a year instead of sliding through decades."""
    lang, labels = view.lang, trip_labels(loaded.tour, view.lang)
    if len(labels) > 1:
        choose_many(
            t("filter.trip", lang),
            [str(n) for n in labels],
            lambda n: labels[int(n)],
            Widget.TRIP,
            lambda: _update(trips=tuple(int(n) for n in state.widget(Widget.TRIP) or ())),
            lang,
        )
    years = tour_years(loaded.tour)
    if span and len(years) > 1:
        st.selectbox(
            t("filter.year", lang),
            [None, *years],
            format_func=lambda y: t("filter.all_years", lang) if y is None else str(y),
            key=Widget.YEAR,
            on_change=_on_year,
            args=(span,),
        )


def render_drafts(full: LoadedTour, lang: str) -> None:
    """A tour holding proposals (drafts): the switch that shows them, marked ✎ (hidden by default)."""
    count = drafts_in(full)
    if not count:
        return
    st.toggle(
        t("filter.drafts", lang, count=format_number(count, lang)),
        key=Widget.DRAFTS,
        on_change=lambda: _update(drafts=bool(state.widget(Widget.DRAFTS))),
        help=t("filter.drafts_help", lang),
    )


def stop_options(loaded: LoadedTour, view: ViewState) -> tuple[dict[str, str], int]:
    """The stop selector's options (id -> label) and how many stops it could list.

    Every stop, in tour order; a tour longer than LONG_LIST lists the first of those the
    filters leave (the selected stop always among them), as its itinerary shows its first rows.
    """
    every = cache.cached_stops(loaded)
    if len(every) > widgets.LONG_LIST:
        filters = view.with_(stop=None)
        keep = cache.visible(loaded, filters) if filters.is_filtered else None
        every = [s for s in every if keep is None or s.place.id in keep]
    listed = every[: widgets.LONG_LIST]
    if view.stop and all(s.place.id != view.stop for s in listed):
        listed += [s for s in cache.cached_stops(loaded) if s.place.id == view.stop]
    labels = {s.place.id: (f"{s.order}. " if s.order else "") + s.place.name for s in listed}
    return labels, len(every)


def render(loaded: LoadedTour, view: ViewState, kind: str = "tour") -> None:
    """The whole sidebar; widgets are seeded from the view before any is created."""
    _seed(view, tour_span(loaded.tour))
    with st.sidebar:
        render_language(view)
        if kind != "tour":
            return
        render_library(view.lang)
        render_filters(loaded, view)
        render_downloads(loaded, view.lang)
        render_upload(loaded, view.lang)
