"""Per-tour and per-view results the pages share, computed once.

The functions cached here are pure (in :mod:`dashboard.views`); only the caching is the UI's.
The configured tour's results live in Streamlit's caches, shared by every session; keys name
the tour version (``LoadedTour.key``) and the view (its URL parameters), so the tour and the
view themselves are passed unhashed. An uploaded tour's results live in its session
(:func:`per_session`): bounded in number, dropped when another tour is shown, and freed with
the session, so that no upload can grow the server's memory for everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from dashboard.tourfile.model import Tour
from dashboard.ui.state import LoadedTour
from dashboard.views import figures, tables
from dashboard.views.derive import Stop, stops
from dashboard.views.filters import ViewState, to_query, visible_places

T = TypeVar("T")


SESSION_RESULTS = "upload_results"
MAX_SESSION_RESULTS = 12  # per session: a few views of one uploaded tour


def per_session(loaded: LoadedTour, name: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` kept in this session for the uploaded tour ``loaded``, the oldest dropped first."""
    store: dict[Any, Any] = st.session_state.setdefault(SESSION_RESULTS, {})
    if store.get("tour") != loaded.key:
        store.clear()
        store["tour"] = loaded.key
    if (name, key) not in store:
        if len(store) > MAX_SESSION_RESULTS:
            del store[next(k for k in store if k != "tour")]
        store[name, key] = compute()
    return store[name, key]  # type: ignore[no-any-return]


def shared_or_session(
    loaded: LoadedTour, name: str, key: str, shared: Callable[[], T], compute: Callable[[], T]
) -> T:
    """The configured tour's result from Streamlit's shared cache (``shared``); an upload's from
    its session (``compute``)."""
    return per_session(loaded, name, key, compute) if loaded.is_upload else shared()


@st.cache_resource(max_entries=8, show_spinner=False)
def _stops(tour_key: str, _tour: Tour) -> list[Stop]:
    return stops(_tour)


def cached_stops(loaded: LoadedTour) -> list[Stop]:
    """The tour's stops, computed once per tour (a long tour's take a noticeable part of a rerun)."""
    return shared_or_session(
        loaded, "stops", "", lambda: _stops(loaded.key, loaded.tour), lambda: stops(loaded.tour)
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _visible(tour_key: str, view_key: str, _tour: Tour, _state: ViewState) -> set[str]:
    return visible_places(_tour, _state)


def visible(loaded: LoadedTour, state: ViewState) -> set[str]:
    """The places matching the filters, computed once per tour and view (the map and the itinerary)."""
    view = repr(to_query(state))
    return shared_or_session(
        loaded,
        "visible",
        view,
        lambda: _visible(loaded.key, view, loaded.tour, state),
        lambda: visible_places(loaded.tour, state),
    )


def _stops_table(loaded: LoadedTour, state: ViewState) -> Any:
    every, shown = cached_stops(loaded), visible(loaded, state)
    return tables.stops_frame(loaded.tour, state, every, shown).drop(columns=["id"])


@st.cache_data(max_entries=32, show_spinner=False)
def _itinerary(tour_key: str, view_key: str, _loaded: LoadedTour, _state: ViewState) -> Any:
    return _stops_table(_loaded, _state)


def itinerary(loaded: LoadedTour, state: ViewState) -> Any:
    view = repr(to_query(state))
    return shared_or_session(
        loaded,
        "itinerary",
        view,
        lambda: _itinerary(loaded.key, view, loaded, state),
        lambda: _stops_table(loaded, state),
    )


def _figures(tour: Tour, shown: set[str] | None, state: ViewState | None) -> dict[str, Any]:
    return figures.key_figures(tour, shown, (state.start, state.end) if state else (None, None))


@st.cache_data(max_entries=16, show_spinner=False)
def _key_figures(
    tour_key: str, view: str, _tour: Tour, _shown: set[str] | None, _state: ViewState | None
) -> dict[str, Any]:
    return _figures(_tour, _shown, _state)


def key_figures(loaded: LoadedTour, state: ViewState | None = None) -> dict[str, Any]:
    """The whole tour's figures, or (``state`` filtered) those of the visits it shows."""
    shown = visible(loaded, state) if state is not None and state.is_filtered else None
    view = repr(to_query(state)) if shown is not None and state is not None else ""
    return shared_or_session(
        loaded,
        "figures",
        view,
        lambda: _key_figures(loaded.key, view, loaded.tour, shown, state),
        lambda: _figures(loaded.tour, shown, state),
    )
