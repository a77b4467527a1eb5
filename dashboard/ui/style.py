"""The page's own CSS and its one script (chart names for screen readers, the story's ← → keys),
sent on every run.

Both are files in ``render/assets/`` (``app.css``, ``app_a11y.js``), read once: nothing is
fetched. The CSS gives the phone layout (``st-key-wide-*`` and ``st-key-narrow-*`` containers
show on wide or narrow screens only) and keeps captions and pinned table columns readable in
light and dark themes.
"""

from __future__ import annotations

import streamlit as st

from dashboard.render.asset_files import asset


def render() -> None:
    st.html(f"<style>{asset('app.css')}</style>")
    # Our own script, from this package; it reads and sets attributes only.
    st.html(f"<script>{asset('app_a11y.js')}</script>", unsafe_allow_javascript=True)


def by_width(name: str) -> tuple[st.delta_generator.DeltaGenerator, st.delta_generator.DeltaGenerator]:
    """Two containers for one part of a page: the first shows on wide screens, the second on phones."""
    return st.container(key=f"wide-{name}"), st.container(key=f"narrow-{name}")
