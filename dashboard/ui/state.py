"""The session, in one place: every key the app keeps in ``st.session_state``, with typed accessors.

No other module reads or writes the session (``tests/ui/test_state.py`` checks): pages and
callbacks call the functions here, and widgets take their keys from :class:`Widget`. What a
session holds:

- the view (filters, stop, step, language; mirrored in the address bar) and the tour it was made for;
- the kind of page this run shows (a tour's, the Atlas, Compare), and the Atlas's and Compare's views;
- the tour chosen in the library (an archive person, the upload or the app's own tour);
- the tour shown (drafts left out or marked), the tour as loaded, and an upload with its outcome;
- per-session results of an uploaded tour (``cache.per_session``), drafts counted once per tour;
- what the pages made on request: the images for print, the Add articles draft;
- bookkeeping: a session's first run, map clicks handled, chart selections forgotten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Generic, TypeVar, cast

import streamlit as st

from dashboard.geo.geocode import GeocodeReport
from dashboard.ingest.known import Known
from dashboard.ingest.mend import LeftOut
from dashboard.tourfile.errors import TourError
from dashboard.tourfile.model import Tour
from dashboard.views.archive import ArchivePerson, AtlasView, atlas_from_query, atlas_to_query
from dashboard.views.compare import CompareView, compare_from_query, compare_to_query
from dashboard.views.filters import ViewState, from_query, to_query
from dashboard.views.i18n import LANGS

T = TypeVar("T")


class Slot(Generic[T]):
    """One value kept in the session under ``key``; read back only if it is of the expected type
    (a value of another type, left by an older version of the app, reads as absent)."""

    def __init__(self, key: str, kind: type[Any] | tuple[type[Any], ...]) -> None:
        self.key, self.kind = key, kind

    def get(self) -> T | None:
        value = st.session_state.get(self.key)
        return cast(T, value) if isinstance(value, self.kind) else None

    def set(self, value: T) -> None:
        st.session_state[self.key] = value

    def pop(self) -> T | None:
        value = st.session_state.pop(self.key, None)
        return cast(T, value) if isinstance(value, self.kind) else None


class Widget(StrEnum):
    """Every widget key. A keyed widget's value lives in the session under its key; the values are
    also the ``st-key-*`` classes the page's CSS and the browser tests find widgets by."""

    LANG = "w_lang"
    STOP = "w_stop"
    COUNTRY = "w_country"
    TOPIC = "w_topic"
    DATES = "w_dates"
    DRAFTS = "w_drafts"
    UPLOAD = "w_upload"
    UPLOAD_BACK = "upload_back"
    RESET = "reset_filters"
    RESET_ITINERARY = "reset_itinerary"
    ITINERARY = "itinerary"
    DOWNLOAD = "dl"  # dl_<name>, see :func:`keyed`
    STORY_PREV = "story_prev"
    STORY_NEXT = "story_next"
    DRAW_IMAGES = "draw_images"
    CLAIMS = "claims"
    EVIDENCE_CLAIMS = "evidence_claims"
    TOPIC_CLAIMS = "topic_claims"
    SHOW_ALL_CLAIMS = "show_all_claims"
    PROPOSAL_GRID = "proposal_grid"
    TIMELINE_CHART = "timeline_chart"
    TOPICS_CHART = "topics_chart"
    ARTICLES = "w_articles"
    PASTED = "w_pasted"
    PUBLISHED = "w_published"
    INGEST_TABLE = "ingest_table"
    INGEST_FORM = "ingest_form"
    MAP = "map"
    STORY_MAP = "story-map"
    LIBRARY = "w_library"
    LIBRARY_SEARCH = "w_library_search"
    TRIP = "w_trip"
    YEAR = "w_year"
    ATLAS_WHO = "w_atlas_who"
    ATLAS_ROLE = "w_atlas_role"
    ATLAS_YEARS = "w_atlas_years"
    ATLAS_MEASURE = "w_atlas_by"
    ATLAS_COUNTRY = "w_atlas_country"
    ATLAS_MAP = "atlas-map"
    ATLAS_YEARS_CHART = "atlas_years_chart"
    ATLAS_TOP_CHART = "atlas_top_chart"
    ATLAS_DRAW = "atlas_draw"
    ATLAS_OPEN = "atlas_open"
    COMPARE_A = "w_compare_a"
    COMPARE_B = "w_compare_b"
    COMPARE_CHART = "compare_chart"


def keyed(widget: Widget, *parts: object) -> str:
    """The key of one of several widgets of a kind: ``dl_story``, ``map-<tour and language>``."""
    joiner = "-" if widget in (Widget.MAP, Widget.STORY_MAP, Widget.ATLAS_MAP) else "_"
    return joiner.join([widget.value, *(str(p) for p in parts)])


def widget(key: str) -> Any:
    """A widget's current value (what a callback reads), None before it exists."""
    return st.session_state.get(key)


def seed(values: dict[Widget, Any]) -> None:
    """Set widgets' values before they are drawn (from the view: a link or a map click moves them)."""
    for key, value in values.items():
        st.session_state[key] = value


@dataclass(frozen=True)
class LoadedTour:
    """A tour as the session shows it: the tour, a key naming this version of it in caches, where
    it came from (as the reader knows it), and what the offline gazetteer added to it."""

    tour: Tour
    key: str
    label: str
    geocoded: GeocodeReport | None = None

    @property
    def is_upload(self) -> bool:
        return self.key.startswith("upload:")


VIEW: Slot[ViewState] = Slot("view", ViewState)
VIEW_TOUR: Slot[str] = Slot("view_tour", str)  # the tour the view was made for
SHOWN: Slot[LoadedTour] = Slot("loaded_tour", LoadedTour)  # what the pages show (drafts out or marked)
FULL: Slot[LoadedTour] = Slot("loaded_tour_full", LoadedTour)  # with its drafts (Add articles, publish)
UPLOAD: Slot[LoadedTour] = Slot("uploaded_tour", LoadedTour)
UPLOAD_ERROR: Slot[TourError] = Slot("upload_error", TourError)
UPLOAD_SEEN: Slot[tuple[str, int, str]] = Slot("upload_seen", tuple)  # name, size, digest
DRAFT_COUNT: Slot[tuple[str, int]] = Slot("draft_count", tuple)  # tour key, count
DRAFTS_VIEW: Slot[LoadedTour] = Slot("drafts_view", LoadedTour)
RESULTS: Slot[dict[Any, Any]] = Slot("upload_results", dict)  # an upload's cached results
IMAGES: Slot[tuple[str, str, dict[str, bytes] | str]] = Slot("publish_images", tuple)  # tour, lang, images
INGEST_DRAFT: Slot[Tour] = Slot("ingest_draft", Tour)
# The articles of that draft that were sources already (the tour's, or given twice), kept beside it.
INGEST_KNOWN: Slot[tuple[Known, ...]] = Slot("ingest_known", tuple)
# What those articles said of themselves that their sources cannot hold, left out (ingest.mend).
INGEST_LEFT_OUT: Slot[tuple[LeftOut, ...]] = Slot("ingest_left_out", tuple)
SEEN: Slot[bool] = Slot("session_ran", bool)
LIGHT: Slot[bool] = Slot("light_run", bool)
CHART_ROUND: Slot[int] = Slot("chart_round", int)
CLICKS: Slot[dict[str, int]] = Slot("map_clicks", dict)  # per map: the last click handled
PAGE: Slot[str] = Slot("page_kind", str)  # this run's page: "tour", "atlas" or "compare"
CHOSEN: Slot[str] = Slot("tour_chosen", str)  # the library's choice: "person:<slug>", UPLOADED or DEFAULT
ATLAS: Slot[AtlasView] = Slot("atlas_view", AtlasView)
COMPARE: Slot[CompareView] = Slot("compare_view", CompareView)  # the two tours compared
ATLAS_IMAGE: Slot[tuple[str, bytes | str]] = Slot("atlas_image", tuple)  # the map's address, PNG or why not
UPLOADED, DEFAULT = "upload", "default"
ATLAS_DRAWN: Slot[bool] = Slot("atlas_drawn", bool)  # the Atlas has had its first, light run


def forget_upload() -> None:
    """Back to the configured tour (the upload is dropped from the session)."""
    UPLOAD.pop()
    if CHOSEN.get() == UPLOADED:
        CHOSEN.pop()


def language() -> str:
    """The reader's language before the view is made (the pages' titles need it first)."""
    stored = VIEW.get()
    if stored is not None:
        return stored.lang
    lang = st.query_params.get("lang", "en")
    return lang if lang in LANGS else "en"


def page_kind() -> str:
    return PAGE.get() or "tour"


def first_run() -> bool:
    """Whether this is the session's first run (nothing drawn yet; the address is the reader's link)."""
    return not SEEN.get()


def address_params() -> dict[str, str]:
    """The address as this run found it."""
    return st.query_params.to_dict()


def view() -> ViewState:
    """This run's view (set by the entry script before any page runs)."""
    return VIEW.get() or ViewState()


def shown() -> LoadedTour:
    """The tour the pages show this run (set by the entry script before any page runs)."""
    loaded = SHOWN.get()
    assert loaded is not None, "the entry script sets the tour before a page runs"
    return loaded


def full() -> LoadedTour:
    """The tour with its drafts, whatever the view shows (Add articles extends it; publish packs it)."""
    return FULL.get() or shown()


def page_context() -> tuple[LoadedTour, ViewState]:
    """The tour and view the entry script prepared for this run."""
    return shown(), view()


def view_for(tour: LoadedTour, problems: tuple[str, ...] = ()) -> ViewState:
    """This session's view; on a session's first run (or a new tour) it comes from the address.

    The Atlas and Compare have views of their own: their address names no stop or date of the tour,
    so only its language is read there. ``problems``: what the address asked that did not fit
    (the tour it names), reported with the view's own.
    """
    stored = VIEW.get()
    if stored is None:
        params = st.query_params.to_dict()
        if page_kind() != "tour":
            params = {k: v for k, v in params.items() if k == "lang"}
        stored = from_query(params, tour.tour)
        stored = replace(stored, problems=(*problems, *stored.problems))
    elif VIEW_TOUR.get() != tour.key:
        stored = ViewState(lang=stored.lang)  # another tour: its stops and topics differ
    VIEW.set(stored)
    VIEW_TOUR.set(tour.key)
    return stored


def set_view(state: ViewState) -> None:
    """A new view (a callback's): the address follows as the run starts (see :func:`sync_url`)."""
    VIEW.set(state)


def change_view(**changes: object) -> None:
    """The view with some of its fields changed (a widget's callback)."""
    set_view(view().with_(**changes))


def atlas_for(people: Sequence[ArchivePerson]) -> AtlasView:
    """The Atlas's view: the session's, else (its first visit) the one the address asks for."""
    stored = ATLAS.get()
    if stored is None:
        stored = atlas_from_query(st.query_params.to_dict(), people)
        ATLAS.set(stored)
    return stored


def compare_for(people: Sequence[ArchivePerson], default: CompareView) -> CompareView:
    """Compare's two tours: the session's, else (its first visit) those the address names."""
    stored = COMPARE.get()
    if stored is None:
        stored = compare_from_query(st.query_params.to_dict(), people, default)
        COMPARE.set(stored)
    return stored


def change_atlas(**changes: object) -> None:
    """The Atlas's view with some of its fields changed (a widget's callback)."""
    ATLAS.set((ATLAS.get() or AtlasView()).with_(**changes))


def address(state: ViewState) -> dict[str, str]:
    """What the address bar says for this run's page: the tour chosen and the tour's view, or the
    Atlas's or Compare's own view; each with the language."""
    lang = to_query(ViewState(lang=state.lang))
    kind = page_kind()
    if kind == "atlas":
        return {**lang, **atlas_to_query(ATLAS.get() or AtlasView())}
    if kind == "compare":
        pair = COMPARE.get()
        return {**lang, **(compare_to_query(pair) if pair else {})}
    chosen = CHOSEN.get() or ""
    person = {"tour": chosen.removeprefix("person:")} if chosen.startswith("person:") else {}
    return {**person, **to_query(state)}


def sync_url(state: ViewState, again: bool = False) -> bool:
    """Write the view into the address bar, so the link reopens this exact view; whether it wrote.

    Called twice a run (``streamlit_app.py``). First, before anything is drawn, with the view
    the callbacks left: the address then changes before the screen does. Last, with the view
    the run ended on (a click on the map is read while the page runs), and ``again`` when the
    first call wrote: the run's last message is then the address, after the page switch and
    every element, so nothing the browser handles after it (a page's own address, rebuilt
    from the query it held before) can leave it one interaction behind.
    """
    wanted = address(state)
    if not again and st.query_params.to_dict() == wanted:
        return False
    st.query_params.from_dict(wanted)
    return True


def start_run(map_page: bool) -> bool:
    """Whether this run is light: a session's first run of the map page, or its first visit to the
    Atlas, sends the map first.

    Everything else on the screen (figures, stop panel, itinerary, the Atlas's charts and tables,
    sidebar widgets) waits for the next run, which st_folium asks for as soon as its map is drawn:
    their code (plotly.js, the data grid) would otherwise load ahead of the map's, in the same
    browser thread.
    """
    atlas_first = page_kind() == "atlas" and not ATLAS_DRAWN.get()
    light = (map_page and not SEEN.get()) or atlas_first
    SEEN.set(True)
    if page_kind() == "atlas":
        ATLAS_DRAWN.set(True)
    LIGHT.set(light)
    return light


def light_run() -> bool:
    return bool(LIGHT.get())


def new_click(map_key: str, count: int | None) -> bool:
    """Whether a map's click count is one not handled yet (the component keeps its last value)."""
    handled = CLICKS.get() or {}
    if not count or handled.get(map_key) == count:
        return False
    CLICKS.set({**handled, map_key: count})
    return True


def chart_key(widget: Widget) -> str:
    """A chart's key: a new one once its selection is cleared, so the chart forgets it too."""
    return keyed(widget, CHART_ROUND.get() or 0)


def forget_chart_selections() -> None:
    CHART_ROUND.set((CHART_ROUND.get() or 0) + 1)
