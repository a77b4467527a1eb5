"""Shared state of the app: which tour is shown, and the view (filters, stop, language) in the URL.

The tour comes from, in order: an uploaded file in this session, ``--tour FILE`` after
``streamlit run streamlit_app.py --``, the ``TOUR_FILE`` environment variable, or the
embedded Kast tour. The configured tour is loaded once per file version (path and
modification time) and shared by every session. An upload is parsed once and kept in its
session alone, so that it is freed with the session: strangers' uploads never pile up in a
cache shared by the server. Places without coordinates are geocoded offline.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from dashboard.geo.geocode import GeocodeReport, geocode_tour
from dashboard.tourfile.errors import TourError, problem
from dashboard.tourfile.load import DEFAULT_TOUR, load_text, load_tour
from dashboard.tourfile.model import Tour
from dashboard.views.drafts import draft_count, marked_drafts, without_drafts
from dashboard.views.filters import ViewState, from_query, to_query
from dashboard.views.i18n import t

VIEW_KEY = "view"
UPLOAD_KEY = "uploaded_tour"


@dataclass(frozen=True)
class LoadedTour:
    tour: Tour
    key: str  # identifies this version of the tour in caches
    label: str  # what the user sees as the tour's origin
    geocoded: GeocodeReport | None = None

    @property
    def is_upload(self) -> bool:
        return self.key.startswith("upload:")


def configured_path(argv: list[str] | None = None) -> Path:
    """The tour file named by ``-- --tour FILE``, else ``$TOUR_FILE``, else the Kast tour."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--tour")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    chosen = args.tour or os.environ.get("TOUR_FILE")
    return Path(chosen) if chosen else DEFAULT_TOUR


def _with_coordinates(tour: Tour) -> tuple[Tour, GeocodeReport | None]:
    if all(p.has_coordinates for p in tour.places):
        return tour, None
    return geocode_tour(tour)  # offline gazetteer: no network at run time


@st.cache_resource(max_entries=4, show_spinner=False)
def _load_path(path: str, mtime: float) -> tuple[Tour, GeocodeReport | None]:
    return _with_coordinates(load_tour(path))


def _parse_upload(name: str, data: bytes) -> tuple[Tour, GeocodeReport | None]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TourError(name, [problem("", f"not UTF-8 text (byte {exc.start})")]) from None
    fmt = "json" if name.lower().endswith(".json") else None
    return _with_coordinates(load_text(text, name, fmt))


def load_configured() -> LoadedTour:
    """The tour named at start-up; raises TourError with every problem if it is broken."""
    path = configured_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    tour, report = _load_path(str(path), mtime)
    return LoadedTour(tour, f"path:{path}:{mtime}", path.name, report)


def load_upload(name: str, data: bytes, lang: str = "en") -> LoadedTour:
    """Parse an upload (raises TourError listing every problem); the caller keeps it in the session."""
    digest = hashlib.sha256(data).hexdigest()
    with st.spinner(t("notice.loading_upload", lang)):
        tour, report = _parse_upload(name, data)
    return LoadedTour(tour, f"upload:{digest}", name, report)


def current_tour() -> LoadedTour:
    """The uploaded tour of this session if any, else the configured one."""
    upload = st.session_state.get(UPLOAD_KEY)
    return upload if isinstance(upload, LoadedTour) else load_configured()


def view_state(tour: LoadedTour) -> ViewState:
    """This session's view; on a session's first run (or a new tour) it comes from the URL."""
    stored = st.session_state.get(VIEW_KEY)
    if stored is None:
        stored = from_query(st.query_params.to_dict(), tour.tour)
    elif st.session_state.get("view_tour") != tour.key:
        stored = ViewState(lang=stored.lang)  # another tour: its stops and topics differ
    st.session_state[VIEW_KEY] = stored
    st.session_state["view_tour"] = tour.key
    return stored


FULL_KEY = "loaded_tour_full"  # the tour with its drafts, whatever the view shows (for Add articles)


def drafts_in(loaded: LoadedTour) -> int:
    """How many proposals (draft marks) the tour holds: counted once per tour, not on every run."""
    kept = st.session_state.get("draft_count")
    if not (isinstance(kept, tuple) and kept[0] == loaded.key):
        kept = (loaded.key, draft_count(loaded.tour))
        st.session_state["draft_count"] = kept
    return int(kept[1])


def drafts_view(loaded: LoadedTour, show: bool) -> LoadedTour:
    """The tour the views show: drafts left out, or (``show``) marked ✎; kept per session and tour."""
    if not drafts_in(loaded):
        return loaded
    key = f"{loaded.key}:drafts={int(show)}"
    kept = st.session_state.get("drafts_view")
    if not (isinstance(kept, LoadedTour) and kept.key == key):
        tour = marked_drafts(loaded.tour) if show else without_drafts(loaded.tour)
        kept = LoadedTour(tour, key, loaded.label, loaded.geocoded)
        st.session_state["drafts_view"] = kept
    return kept


def set_view(state: ViewState) -> None:
    """A new view, from a callback: the address follows at once (set in the run that follows, it
    reached the browser only with the run after that one)."""
    st.session_state[VIEW_KEY] = state
    sync_url(state)


def sync_url(state: ViewState) -> None:
    """Write the view into the address bar, so the link reopens this exact view."""
    wanted = to_query(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
