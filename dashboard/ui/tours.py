"""Which tour the session shows, opened through the same workflow as the command line's.

The tour comes from, in order: the library's choice in this session (a person of the travel
archive, ``?tour=<slug>`` in a link), an uploaded file in this session, ``--tour FILE`` after
``streamlit run streamlit_app.py --``, the ``TOUR_FILE`` environment variable, or the
embedded Kast tour. The configured tour is opened once per file version (path and
modification time) and shared by every session. An upload is parsed once and kept in its
session alone, so that it is freed with the session: strangers' uploads never pile up in a
cache shared by the server. Places without coordinates are placed by the offline gazetteer.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

import streamlit as st

from dashboard.tourfile.load import DEFAULT_TOUR
from dashboard.ui import archive, state
from dashboard.ui.state import LoadedTour
from dashboard.views.drafts import draft_count, marked_drafts, without_drafts
from dashboard.views.i18n import t
from dashboard.views.library import ARCHIVE
from dashboard.workflows import OpenedTour, open_tour, open_upload


def configured_path(argv: list[str] | None = None) -> Path:
    """The tour file named by ``-- --tour FILE``, else ``$TOUR_FILE``, else the Kast tour."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--tour")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    chosen = args.tour or os.environ.get("TOUR_FILE")
    return Path(chosen) if chosen else DEFAULT_TOUR


@st.cache_resource(max_entries=4, show_spinner=False)
def _open_path(path: str, mtime: float) -> OpenedTour:
    return open_tour(path)


def load_configured() -> LoadedTour:
    """The tour named at start-up; raises TourError with every problem if it is broken."""
    path = configured_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    opened = _open_path(str(path), mtime)
    return LoadedTour(opened.tour, f"path:{path}:{mtime}", path.name, opened.report)


def load_upload(name: str, data: bytes, lang: str = "en") -> LoadedTour:
    """Parse an upload (raises TourError listing every problem); the caller keeps it in the session."""
    digest = hashlib.sha256(data).hexdigest()
    with st.spinner(t("notice.loading_upload", lang)):
        opened = open_upload(name, data)
    return LoadedTour(opened.tour, f"upload:{digest}", name, opened.report)


def current() -> tuple[LoadedTour, tuple[str, ...]]:
    """The tour the library's choice names: a person of the archive, the upload, or the configured
    tour; with what the address asked that could not be shown (an unknown ``tour=``)."""
    problems = _choice_from_address() if state.first_run() else ()
    chosen = state.CHOSEN.get() or ""
    if chosen.startswith(ARCHIVE) and (person := archive.open_person(chosen.removeprefix(ARCHIVE))):
        return person, problems
    if chosen != state.DEFAULT and (upload := state.UPLOAD.get()):
        return upload, problems
    return load_configured(), problems


def _choice_from_address() -> tuple[str, ...]:
    """A link's ``tour=<slug>``, read on the session's first run: the archive person it names."""
    slug = state.address_params().get("tour")
    if not slug:
        return ()
    if archive.person(slug) is None:
        return (f"tour={slug!r}",)
    state.CHOSEN.set(ARCHIVE + slug)
    return ()


def choose(key: str) -> None:
    """Show the tour ``key`` names (the library's choice): ``person:<slug>``, the upload, the default."""
    state.CHOSEN.set(key)


def drafts_in(loaded: LoadedTour) -> int:
    """How many proposals (draft marks) the tour holds: counted once per tour, not on every run."""
    kept = state.DRAFT_COUNT.get()
    if kept is None or kept[0] != loaded.key:
        kept = (loaded.key, draft_count(loaded.tour))
        state.DRAFT_COUNT.set(kept)
    return kept[1]


def drafts_view(loaded: LoadedTour, show: bool) -> LoadedTour:
    """The tour the views show: drafts left out, or (``show``) marked ✎; kept per session and tour."""
    if not drafts_in(loaded):
        return loaded
    key = f"{loaded.key}:drafts={int(show)}"
    kept = state.DRAFTS_VIEW.get()
    if kept is None or kept.key != key:
        tour = marked_drafts(loaded.tour) if show else without_drafts(loaded.tour)
        kept = LoadedTour(tour, key, loaded.label, loaded.geocoded)
        state.DRAFTS_VIEW.set(kept)
    return kept
