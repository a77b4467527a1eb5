"""The library in the sidebar: a search over every tour the app can open (the archive's people,
the app's own tour, an upload) and the list of those it finds; a choice opens that tour on every
page. The search and the labels are :mod:`dashboard.views.library`'s."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import archive, state, tours
from dashboard.ui.state import Widget
from dashboard.views.formats import format_number
from dashboard.views.i18n import t
from dashboard.views.library import Entry, archive_entries, label, search


def chosen_key() -> str:
    """The library's entry for the tour shown."""
    return state.CHOSEN.get() or (state.UPLOADED if state.UPLOAD.get() else state.DEFAULT)


def entries(lang: str) -> list[Entry]:
    """The app's own tour, the upload if any, then the archive's people."""
    own = [
        Entry(state.DEFAULT, t("library.default", lang, title=tours.load_configured().tour.title.get(lang)))
    ]
    upload = state.UPLOAD.get()
    if upload is not None:
        own.append(Entry(state.UPLOADED, t("library.upload", lang, name=upload.label)))
    return own + archive_entries(archive.all_people())


def _on_pick() -> None:
    key = state.widget(Widget.LIBRARY)
    if key:
        tours.choose(str(key))


def render_library(lang: str) -> None:
    """The search box, the tours it finds (the one shown always among them) and how many match."""
    every = entries(lang)
    st.subheader(t("library.title", lang))
    query = st.text_input(
        t("library.search", lang), key=Widget.LIBRARY_SEARCH, help=t("library.search_help", lang)
    )
    found = search(every, str(query or ""), lang)
    shown = chosen_key()
    if all(e.key != shown for e in found):
        found = [e for e in every if e.key == shown] + found
    labels = {e.key: label(e, lang) for e in found}
    state.seed({Widget.LIBRARY: shown})
    st.selectbox(
        t("library.pick", lang),
        list(labels),
        format_func=labels.__getitem__,
        key=Widget.LIBRARY,
        on_change=_on_pick,
    )
    if query:
        matched = len(search(every, str(query), lang))
        said = t(
            "library.matches", lang, count=format_number(matched, lang), total=format_number(len(every), lang)
        )
        st.caption(said if matched else t("library.none", lang))
