"""Helpers every page uses: the page's tour and view, safe text, cached figures, claim tables."""

from __future__ import annotations

import os
import string
from typing import Any

import streamlit as st

from dashboard import frames
from dashboard.filters import ViewState
from dashboard.model import Claim, Tour
from dashboard.ui.state import VIEW_KEY, LoadedTour

_PUNCTUATION = set(string.punctuation)


def md(text: str) -> str:
    """Tour text made literal for st.markdown: every ASCII punctuation mark backslash-escaped.

    CommonMark allows escaping any ASCII punctuation, so links, images, emphasis, HTML
    and Streamlit's ``:colour[...]`` directives in a tour file all show as typed.
    """
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)


def page_context() -> tuple[LoadedTour, ViewState]:
    """The tour and view the entry script prepared for this run."""
    return st.session_state["loaded_tour"], st.session_state[VIEW_KEY]


def tiles_enabled() -> bool:
    """Background tiles are the only thing the map fetches; TOUR_TILES=none turns them off."""
    return os.environ.get("TOUR_TILES", "osm").lower() != "none"


@st.cache_data(max_entries=16, show_spinner=False)
def _key_figures(tour_key: str, _tour: Tour) -> dict[str, Any]:
    return frames.key_figures(_tour, ViewState())


def key_figures(tour: Tour) -> dict[str, Any]:
    loaded: LoadedTour = st.session_state["loaded_tour"]
    return _key_figures(loaded.key, tour)


def render_claims(tour: Tour, claims: list[Claim], lang: str, key: str = "claims") -> None:
    """Claims and quotes as a table (plain text cells: nothing in them is rendered as markup)."""
    if not claims:
        from dashboard.i18n import t

        st.info(t("no_match", lang))
        return
    st.dataframe(frames.claims_frame(tour, claims, lang), hide_index=True, width="stretch", key=key)
