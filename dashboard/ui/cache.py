"""Per-tour and per-view results the pages share, computed once: one decorator, :func:`per_tour`.

The functions cached here call pure ones (in :mod:`dashboard.views` and :mod:`dashboard.render`);
only the caching is the UI's. The configured tour's results live in Streamlit's caches, shared by
every session, keyed by the function, the tour version (``LoadedTour.key``) and the arguments
(a view by its address parameters), so the tour and the view themselves are passed unhashed.
An uploaded tour's results live in its session (:func:`per_session`): bounded in number, dropped
when another tour is shown, and freed with the session, so that no upload can grow the server's
memory for everyone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

import streamlit as st

from dashboard.render.map_data import payload
from dashboard.render.maps import data_script
from dashboard.render.safe_html import script_json
from dashboard.ui import state
from dashboard.ui.state import LoadedTour
from dashboard.views import figures, tables
from dashboard.views.derive import Stop, stops
from dashboard.views.filters import ViewState, to_query, visible_places
from dashboard.views.story import StoryStep, story_steps

T = TypeVar("T")
P = ParamSpec("P")

MAX_SESSION_RESULTS = 12  # per session: a few views of one uploaded tour


def per_session(loaded: LoadedTour, name: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` kept in this session for the uploaded tour ``loaded``, the oldest dropped first."""
    store = state.RESULTS.get()
    if store is None or store.get("tour") != loaded.key:
        store = {"tour": loaded.key}
        state.RESULTS.set(store)
    if (name, key) not in store:
        if len(store) > MAX_SESSION_RESULTS:
            del store[next(k for k in store if k != "tour")]
        store[name, key] = compute()
    return store[name, key]  # type: ignore[no-any-return]


def _arg_key(value: object) -> str:
    """An argument as part of a cache key: a view by its address parameters, anything else by repr."""
    return repr(to_query(value)) if isinstance(value, ViewState) else repr(value)


# Two shared caches for every decorated function, the function's name first in each key:
# "resource" hands back the object itself (read-only results), "data" a copy (data frames).
@st.cache_resource(max_entries=48, show_spinner=False)
def _shared_resource(name: str, tour_key: str, args_key: str, _call: Callable[[], Any]) -> Any:
    return _call()


@st.cache_data(max_entries=64, show_spinner=False)
def _shared_data(name: str, tour_key: str, args_key: str, _call: Callable[[], Any]) -> Any:
    return _call()


def per_tour(
    kind: Literal["resource", "data"] = "resource",
) -> Callable[[Callable[Concatenate[LoadedTour, P], T]], Callable[Concatenate[LoadedTour, P], T]]:
    """Cache ``fn(loaded, *args)``: shared by every session for the configured tour, kept in the
    session for an upload. ``kind="data"`` hands each caller its own copy (for data frames)."""
    shared = _shared_resource if kind == "resource" else _shared_data

    def decorate(fn: Callable[Concatenate[LoadedTour, P], T]) -> Callable[Concatenate[LoadedTour, P], T]:
        name = f"{fn.__module__}.{fn.__qualname__}"

        @functools.wraps(fn)
        def cached(loaded: LoadedTour, *args: P.args, **kwargs: P.kwargs) -> T:
            key = ",".join([*map(_arg_key, args), *(f"{k}={_arg_key(v)}" for k, v in kwargs.items())])
            call = functools.partial(fn, loaded, *args, **kwargs)
            if loaded.is_upload:
                return per_session(loaded, name, key, call)
            return shared(name, loaded.key, key, call)  # type: ignore[no-any-return]

        return cached  # type: ignore[return-value]  # functools.wraps keeps the signature

    return decorate


@per_tour()
def cached_stops(loaded: LoadedTour) -> list[Stop]:
    """The tour's stops (a long tour's take a noticeable part of a rerun)."""
    return stops(loaded.tour)


@per_tour()
def visible(loaded: LoadedTour, view: ViewState) -> set[str]:
    """The places matching the filters (the map and the itinerary)."""
    return visible_places(loaded.tour, view)


@per_tour("data")
def itinerary(loaded: LoadedTour, view: ViewState, by_id: bool = False) -> Any:
    """The itinerary table of the stops in view, its sources by name (``by_id``: by id, for its CSV)."""
    frame = tables.stops_frame(loaded.tour, view, cached_stops(loaded), visible(loaded, view), by_id)
    return frame.drop(columns=["id"])


@per_tour("data")
def key_figures(loaded: LoadedTour, view: ViewState | None = None) -> dict[str, Any]:
    """The whole tour's figures, or (``view`` filtered) those of the visits it shows."""
    if view is None or not view.is_filtered:
        return figures.key_figures(loaded.tour, None, (None, None))
    return figures.key_figures(loaded.tour, visible(loaded, view), (view.start, view.end))


@per_tour()
def map_data(loaded: LoadedTour, lang: str) -> str:
    """The map's data script for a tour and language."""
    return data_script(script_json(payload(loaded.tour, lang)))


@per_tour()
def steps_of(loaded: LoadedTour, lang: str) -> list[StoryStep]:
    """The story's steps, made once per tour and language."""
    return story_steps(loaded.tour, lang)
