"""Open your own tour file: the sidebar's uploader, an upload's outcome kept in its session, and
the way back to the configured tour."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import MAX_MB
from dashboard.ui import state
from dashboard.ui.state import LoadedTour, Widget
from dashboard.ui.tours import load_upload
from dashboard.views import markup
from dashboard.views.i18n import t


def render_upload(loaded: LoadedTour, lang: str) -> None:
    error = state.UPLOAD_ERROR.get()
    with st.expander(t("upload.title", lang), expanded=error is not None):
        if error is not None:
            # Also here: on a phone the open sidebar covers the page, and the notice above it.
            st.error(f"{t('notice.tour_error', lang)}: {markup.md(error.file)}")
        upload = st.file_uploader(
            t("upload.help", lang) + f" (≤ {MAX_MB} MB)",
            type=["yaml", "yml", "json"],
            max_upload_size=MAX_MB,
            key=Widget.UPLOAD,
        )
        if upload is not None:
            _accept_upload(upload.name, upload.getvalue(), lang)
        else:
            _forget_upload()
        if state.UPLOAD.get() is not None:
            st.button(t("upload.back", lang), on_click=state.forget_upload, key=Widget.UPLOAD_BACK)
        st.caption(f"{t('upload.using', lang)}: {markup.md(loaded.label)}")


def _accept_upload(name: str, data: bytes, lang: str) -> None:
    """Parse a new upload; the same file, still in the uploader after a rerun, is not parsed again.

    The file counts as seen only once its outcome is stored: a run stopped mid-parse (a rerun
    the map asked for) leaves it unseen, so the next run parses it instead of skipping it.
    """
    seen = (name, len(data), hashlib.sha256(data).hexdigest())
    if state.UPLOAD_SEEN.get() == seen:
        return
    try:
        loaded = load_upload(name, data, lang)
    except TourError as exc:
        state.UPLOAD_ERROR.set(exc)
        state.UPLOAD_SEEN.set(seen)
        st.rerun()  # the notices sit above the page, which this run has already drawn
    state.UPLOAD_ERROR.pop()
    state.UPLOAD.set(loaded)  # replaces the previous upload: one per session at a time
    state.CHOSEN.set(state.UPLOADED)  # a new file is what the reader wants to see
    state.UPLOAD_SEEN.set(seen)
    st.rerun()


def _forget_upload() -> None:
    """The uploader is empty: forget the file it held, and the error a broken one left above the page.

    Forgetting the file also lets the same file, dropped in again, be checked (and reported) again.
    """
    state.UPLOAD_SEEN.pop()
    if state.UPLOAD_ERROR.pop() is not None:
        st.rerun()  # the notices sit above the page, which this run has already drawn
