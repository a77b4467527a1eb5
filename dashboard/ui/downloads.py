"""The sidebar's downloads: the map as one offline page, the GeoJSON and the CSV files, each made
by the same workflow as ``export`` on the command line, when clicked."""

from __future__ import annotations

import functools

import streamlit as st

from dashboard.ui.state import LoadedTour, Widget, keyed
from dashboard.views.i18n import t
from dashboard.workflows import export_text

# (export, word key, file name after the tour's id, MIME type)
FILES = [
    ("html", "download.html", "-map.html", "text/html"),
    ("geojson", "download.geojson", ".geojson", "application/geo+json"),
    ("proposals", "download.proposals", "-proposals.csv", "text/csv"),
    ("claims", "download.claims", "-claims.csv", "text/csv"),
    ("sources", "download.sources", "-sources.csv", "text/csv"),
]


def render_downloads(loaded: LoadedTour, lang: str) -> None:
    tour = loaded.tour
    for what, label, suffix, mime in FILES:
        # The file is made when clicked, not on every run; on_click="ignore" keeps the view as it is.
        st.download_button(
            t(label, lang),
            functools.partial(export_text, tour, what, lang),
            file_name=f"{tour.id}{suffix}",
            mime=mime,
            on_click="ignore",
            key=keyed(Widget.DOWNLOAD, label),
        )
