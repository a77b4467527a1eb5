"""The sidebar: language, filters, downloads and "open your own tour".

Widgets mirror the session's :class:`ViewState`: their callbacks write the view
(before the script reruns), and each run seeds them from the view, so a map click or
a deep link moves the widgets too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.render import exports
from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import MAX_MB
from dashboard.ui import cache, widgets
from dashboard.ui.state import FULL_KEY, UPLOAD_KEY, VIEW_KEY, LoadedTour, drafts_in, load_upload, set_view
from dashboard.views import markup
from dashboard.views.filters import ViewState, date_steps, tour_span
from dashboard.views.formats import country_label, endonym, format_number, month_day
from dashboard.views.i18n import LANGS, t

ALL = ""  # the "all stops" option (None would show as an empty selectbox)


def _view() -> ViewState:
    return st.session_state[VIEW_KEY]  # type: ignore[no-any-return]


def _update(**changes: object) -> None:
    set_view(_view().with_(**changes))


def _on_dates(span: tuple[dt.date, dt.date]) -> None:
    """The whole span selected is no date filter (a shorter link, and "filtered" stays off)."""
    value: Any = st.session_state.get("w_dates") or span
    start, end = value
    _update(start=None if start <= span[0] else start, end=None if end >= span[1] else end)


def _seed(state: ViewState, span: tuple[dt.date, dt.date] | None) -> None:
    st.session_state["w_lang"] = state.lang
    st.session_state["w_stop"] = state.stop or ALL
    st.session_state["w_country"] = list(state.countries)
    st.session_state["w_topic"] = list(state.topics)
    st.session_state["w_drafts"] = state.drafts
    if span:
        st.session_state["w_dates"] = (state.start or span[0], state.end or span[1])


def render_language(state: ViewState) -> None:
    st.segmented_control(
        t("filter.language", state.lang),
        options=list(LANGS),
        format_func=endonym,
        key="w_lang",
        on_change=lambda: _update(lang=st.session_state.get("w_lang") or "en"),
    )


def render_filters(loaded: LoadedTour, state: ViewState) -> None:
    tour, lang = loaded.tour, state.lang
    span = tour_span(loaded.tour)
    st.subheader(t("filter.title", lang))
    labels, total = stop_options(loaded, state)
    st.selectbox(
        t("filter.stop", lang),
        options=[ALL, *labels],
        format_func=lambda pid: labels.get(pid, t("filter.all_stops", lang)),
        key="w_stop",
        on_change=lambda: _update(stop=st.session_state.get("w_stop") or None),
    )
    if total > widgets.LONG_LIST:
        shown, count = format_number(widgets.LONG_LIST, lang), format_number(total, lang)
        st.caption(t("filter.stops_listed", lang, shown=shown, total=count))
    countries = sorted({p.country for p in tour.places})
    choose_many(
        t("filter.country", lang),
        countries,
        lambda code: country_label(code, lang),
        "w_country",
        lambda: _update(countries=tuple(st.session_state.w_country or ())),
        lang,
    )
    topic_labels = {tp.id: tp.label.get(lang) for tp in tour.topics}
    choose_many(
        t("filter.topic", lang),
        list(topic_labels),
        topic_labels.__getitem__,
        "w_topic",
        lambda: _update(topics=tuple(st.session_state.w_topic or ())),
        lang,
    )
    if span:
        # A slider of dates written in the reader's language: the date picker's calendar is English only.
        st.select_slider(
            t("filter.dates", lang),
            # A link's own dates are among the steps, so the slider shows the filter exactly.
            options=sorted({*date_steps(span), *(d for d in (state.start, state.end) if d)}),
            value=span,  # a range slider (two handles); the session's view then sets both
            format_func=lambda day: month_day(day, lang, year=True),
            key="w_dates",
            on_change=_on_dates,
            args=(span,),
        )
    st.button(t("filter.reset", lang), on_click=widgets.reset_filters)
    render_drafts(st.session_state.get(FULL_KEY, loaded), lang)
    st.caption(t("filter.share_hint", lang))


PILLS_UP_TO = 12  # options: a few are pills (no English chrome); more need a searchable list


def choose_many(
    label: str,
    options: list[str],
    name: Callable[[str], str],
    key: str,
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


def render_drafts(full: LoadedTour, lang: str) -> None:
    """A tour holding proposals (drafts): the switch that shows them, marked ✎ (hidden by default)."""
    count = drafts_in(full)
    if not count:
        return
    st.toggle(
        t("filter.drafts", lang, count=format_number(count, lang)),
        key="w_drafts",
        on_change=lambda: _update(drafts=bool(st.session_state.get("w_drafts"))),
        help=t("filter.drafts_help", lang),
    )


def stop_options(loaded: LoadedTour, state: ViewState) -> tuple[dict[str, str], int]:
    """The stop selector's options (id -> label) and how many stops it could list.

    Every stop, in tour order; a tour longer than LONG_LIST lists the first of those the
    filters leave (the selected stop always among them), as its itinerary shows its first rows.
    """
    every = cache.cached_stops(loaded)
    if len(every) > widgets.LONG_LIST:
        filters = state.with_(stop=None)
        keep = cache.visible(loaded, filters) if filters.is_filtered else None
        every = [s for s in every if keep is None or s.place.id in keep]
    listed = every[: widgets.LONG_LIST]
    if state.stop and all(s.place.id != state.stop for s in listed):
        listed += [s for s in cache.cached_stops(loaded) if s.place.id == state.stop]
    labels = {s.place.id: (f"{s.order}. " if s.order else "") + s.place.name for s in listed}
    return labels, len(every)


def render_downloads(loaded: LoadedTour, lang: str) -> None:
    tour, stem = loaded.tour, loaded.tour.id
    rows: list[tuple[str, Callable[[], str], str, str]] = [
        ("download.html", lambda: exports.map_html(tour, lang), f"{stem}-map.html", "text/html"),
        ("download.geojson", lambda: exports.geojson_text(tour), f"{stem}.geojson", "application/geo+json"),
        ("download.proposals", lambda: exports.proposals_csv(tour), f"{stem}-proposals.csv", "text/csv"),
        ("download.claims", lambda: exports.claims_csv(tour), f"{stem}-claims.csv", "text/csv"),
        ("download.sources", lambda: exports.sources_csv(tour), f"{stem}-sources.csv", "text/csv"),
    ]
    for label, make, name, mime in rows:
        # The file is made when clicked, not on every run; on_click="ignore" keeps the view as it is.
        st.download_button(
            t(label, lang), make, file_name=name, mime=mime, on_click="ignore", key=f"dl_{label}"
        )


def render_upload(loaded: LoadedTour, lang: str) -> None:
    error = st.session_state.get("upload_error")
    with st.expander(t("upload.title", lang), expanded=isinstance(error, TourError)):
        if isinstance(error, TourError):
            # Also here: on a phone the open sidebar covers the page, and the notice above it.
            st.error(f"{t('notice.tour_error', lang)}: {markup.md(error.file)}")
        upload = st.file_uploader(
            t("upload.help", lang) + f" (≤ {MAX_MB} MB)",
            type=["yaml", "yml", "json"],
            max_upload_size=MAX_MB,
            key="w_upload",
        )
        if upload is not None:
            _accept_upload(upload.name, upload.getvalue(), lang)
        else:
            _forget_upload()
        if st.session_state.get(UPLOAD_KEY) is not None:
            st.button(t("upload.back", lang), on_click=lambda: st.session_state.pop(UPLOAD_KEY, None))
        st.caption(f"{t('upload.using', lang)}: {markup.md(loaded.label)}")


def _accept_upload(name: str, data: bytes, lang: str) -> None:
    """Parse a new upload; the same file, still in the uploader after a rerun, is not parsed again.

    The file counts as seen only once its outcome is stored: a run stopped mid-parse (a rerun
    the map asked for) leaves it unseen, so the next run parses it instead of skipping it.
    """
    seen = (name, len(data), hashlib.sha256(data).hexdigest())
    if st.session_state.get("upload_seen") == seen:
        return
    try:
        loaded = load_upload(name, data, lang)
    except TourError as exc:
        st.session_state["upload_error"] = exc
        st.session_state["upload_seen"] = seen
        st.rerun()  # the notices sit above the page, which this run has already drawn
    st.session_state.pop("upload_error", None)
    st.session_state[UPLOAD_KEY] = loaded  # replaces the previous upload: one per session at a time
    st.session_state["upload_seen"] = seen
    st.rerun()


def _forget_upload() -> None:
    """The uploader is empty: forget the file it held, and the error a broken one left above the page.

    Forgetting the file also lets the same file, dropped in again, be checked (and reported) again.
    """
    st.session_state.pop("upload_seen", None)
    if st.session_state.pop("upload_error", None) is not None:
        st.rerun()  # the notices sit above the page, which this run has already drawn


def render(loaded: LoadedTour, state: ViewState) -> None:
    """The whole sidebar; widgets are seeded from the view before any is created."""
    _seed(state, tour_span(loaded.tour))
    with st.sidebar:
        render_language(state)
        render_filters(loaded, state)
        render_downloads(loaded, state.lang)
        render_upload(loaded, state.lang)
