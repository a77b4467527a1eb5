"""Per-tour and per-view results the pages share, computed once and kept by Streamlit's caches.

The functions cached here are pure (in :mod:`dashboard.views`); only the caching is Streamlit's.
Keys name the tour version (``LoadedTour.key``) and the view (its URL parameters), so the
tour and the view themselves are passed unhashed.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.tourfile.model import Tour
from dashboard.ui.state import LoadedTour
from dashboard.views import tables
from dashboard.views.derive import Stop, stops
from dashboard.views.filters import ViewState, to_query, visible_places


@st.cache_resource(max_entries=8, show_spinner=False)
def _stops(tour_key: str, _tour: Tour) -> list[Stop]:
    return stops(_tour)


def cached_stops(loaded: LoadedTour) -> list[Stop]:
    """The tour's stops, computed once per tour (a long tour's take a noticeable part of a rerun)."""
    return _stops(loaded.key, loaded.tour)


@st.cache_data(max_entries=32, show_spinner=False)
def _visible(tour_key: str, view_key: str, _tour: Tour, _state: ViewState) -> set[str]:
    return visible_places(_tour, _state)


def visible(loaded: LoadedTour, state: ViewState) -> set[str]:
    """The places matching the filters, computed once per tour and view (the map and the itinerary)."""
    return _visible(loaded.key, repr(to_query(state)), loaded.tour, state)


@st.cache_data(max_entries=32, show_spinner=False)
def _itinerary(tour_key: str, view_key: str, _loaded: LoadedTour, _state: ViewState) -> Any:
    every, shown = cached_stops(_loaded), visible(_loaded, _state)
    return tables.stops_frame(_loaded.tour, _state, every, shown).drop(columns=["id"])


def itinerary(loaded: LoadedTour, state: ViewState) -> Any:
    return _itinerary(loaded.key, repr(to_query(state)), loaded, state)


@st.cache_data(max_entries=16, show_spinner=False)
def _key_figures(tour_key: str, _tour: Tour) -> dict[str, Any]:
    return tables.key_figures(_tour)


def key_figures(tour: Tour) -> dict[str, Any]:
    loaded: LoadedTour = st.session_state["loaded_tour"]
    return _key_figures(loaded.key, tour)
