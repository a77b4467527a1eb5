"""Entry point: ``streamlit run streamlit_app.py [-- --tour FILE]`` (Community Cloud runs it as is).

Page config, the shared state (tour and view), the sidebar and ``st.navigation``;
each page is a script of its own under ``dashboard/ui/pages/``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import streamlit as st

from dashboard.tourfile.errors import TourError
from dashboard.ui import archive, navigation, sidebar, state, style, tours
from dashboard.ui.pages import map as _map  # noqa: F401  (the map page's modules load before the freeze)
from dashboard.ui.runtime import freeze_startup_heap
from dashboard.ui.state import LoadedTour
from dashboard.views.i18n import LANGS, t
from dashboard.views.markup import md

ROOT = Path(__file__).resolve().parent
LOG = logging.getLogger("tour_dashboard")

st.set_page_config(page_title="Tour dashboard", page_icon=str(ROOT / "assets" / "favicon.png"), layout="wide")


def _load() -> tuple[LoadedTour, tuple[str, ...]] | None:
    try:
        return tours.current()
    except TourError as exc:
        # Visitors learn only that the app's own tour is broken: its path and its problems (which
        # can quote the file) are for the operator, in the server's log.
        LOG.error("the configured tour cannot be used: %s", exc)
        lang = st.query_params.get("lang", "en")
        st.error(t("notice.configured_tour_broken", lang if lang in LANGS else "en"))
        return None


def _notices(loaded: LoadedTour, lang: str) -> None:
    problems = state.view().problems
    if problems:
        st.warning(t("notice.bad_params", lang) + ": " + md(", ".join(problems)))
    error = state.UPLOAD_ERROR.get()
    if error is not None:
        st.error(f"{t('notice.tour_error', lang)}: {md(error.file)}")
        # Wrapped: a problem's message is read whole, not scrolled sideways.
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
    report = loaded.geocoded
    if report and report.added:
        st.info(f"{t('notice.geocoded', lang)}: {md(_place_names(loaded, report.added))}")
    if report and report.unresolved:
        st.warning(f"{t('notice.unresolved', lang)}: {md(_place_names(loaded, report.unresolved))}")


def _place_names(loaded: LoadedTour, ids: Iterable[str]) -> str:
    """The geocoding report keeps place ids; readers know the places by name."""
    names = {p.id: p.name for p in loaded.tour.places}
    return ", ".join(names.get(pid, pid) for pid in ids)


def main() -> None:
    freeze_startup_heap()
    # Which page runs decides how the address is read (the Atlas's from=2017 is a year, not a day).
    pages = navigation.pages(state.language())
    page = st.navigation(pages)
    state.PAGE.set(navigation.kind(page))
    found = _load()
    if found is None:
        st.stop()
    loaded, problems = found
    view = state.view_for(loaded, problems)
    state.FULL.set(loaded)
    loaded = tours.drafts_view(loaded, view.drafts)
    state.SHOWN.set(loaded)
    archive.read_views(state.page_kind())  # the Atlas's and Compare's, from a link before it is rewritten
    wrote = state.sync_url(view)  # then: the address changes before the screen does
    light = state.start_run(map_page=page is pages[0])
    style.render()
    _notices(loaded, view.lang)
    page.run()
    if not light:  # the sidebar's widgets wait for the map on a session's first screen
        sidebar.render(loaded, view, state.page_kind())
    state.sync_url(state.view(), again=wrote)  # last: the address names what the run has drawn


main()
