"""The travel archive as the app holds it: its records and people read once per process, each
person's record opened as a tour once and shared by every session (a few at a time).

The archive is public data bundled with the app, so its results belong in Streamlit's shared
caches; only the choice of a person is per session (``state.CHOSEN``).
"""

from __future__ import annotations

import streamlit as st

from dashboard.archive import tours
from dashboard.archive.library import ARCHIVE_DIR, Person, people
from dashboard.archive.output import valid_tour
from dashboard.archive.records import Record, records
from dashboard.ui import state
from dashboard.ui.state import LoadedTour
from dashboard.views.compare import default_pair
from dashboard.views.library import ARCHIVE

# People's tours kept at once: a record of 400 visits holds a few megabytes; switching back to one
# of the last few opened is then instant, and the server's memory stays bounded.
OPEN_PEOPLE = 8


def available() -> bool:
    """Whether the archive is installed beside the app (a checkout always has it)."""
    return ARCHIVE_DIR.is_dir()


@st.cache_resource(show_spinner=False)
def all_records() -> list[Record]:
    """Every record of the archive (4,271: a tenth of a second to read, once)."""
    return records() if available() else []


@st.cache_resource(show_spinner=False)
def all_people() -> list[Person]:
    return people() if available() else []


def person(slug: str) -> Person | None:
    return next((p for p in all_people() if p.slug == slug), None)


@st.cache_resource(max_entries=OPEN_PEOPLE, show_spinner=False)
def _tour_of(slug: str) -> LoadedTour:
    found = person(slug)
    assert found is not None, "callers check the slug first"
    # library.person_tour(slug), over the records already read: it reads all 55 files again first
    # (0.1-0.3 s, most of the time a new person takes to open), then imports and validates the same way.
    rows = [r for r in all_records() if r.slug == slug]
    return LoadedTour(valid_tour(tours.person_tour(rows).tour, f"{slug}.yaml"), ARCHIVE + slug, found.name)


def open_person(slug: str) -> LoadedTour | None:
    """A person's record as a tour (None for a slug the archive does not know)."""
    return _tour_of(slug) if person(slug) is not None else None


def shown_slug() -> str | None:
    """The archive person the session shows, if it shows one."""
    chosen = state.CHOSEN.get() or ""
    return chosen.removeprefix(ARCHIVE) if chosen.startswith(ARCHIVE) else None


def read_views(kind: str) -> None:
    """The Atlas's or Compare's view, read from the address on the page's first run in a session
    (before the run writes the address)."""
    if kind == "atlas":
        state.atlas_for(all_people())
    elif kind == "compare":
        state.compare_for(all_people(), default_pair(all_people(), shown_slug()))
